# Checks the static link list of CMakeLists.txt (ARGON2RS_NATIVE_STATIC_LIBS, passed as
# EXPECTED) against `cargo rustc -- --print native-static-libs` for the real crate.
#   cmake -DCARGO=... -DSOURCE_DIR=... -DTARGET_DIR=... -DEXPECTED=a;b -P native_static_libs.cmake
execute_process(
  COMMAND "${CARGO}" rustc --locked --lib --crate-type staticlib
          --manifest-path "${SOURCE_DIR}/Cargo.toml" --target-dir "${TARGET_DIR}"
          -- --print native-static-libs
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cargo rustc failed (${rc}):\n${err}")
endif()
string(REGEX MATCH "native-static-libs: ([^\n]*)" line "${err}${out}")
if(NOT line)
  message(FATAL_ERROR "no native-static-libs line in cargo's output:\n${err}")
endif()
string(STRIP "${CMAKE_MATCH_1}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
set(actual "")
foreach(flag IN LISTS flags)
  string(REGEX REPLACE "^-l" "" name "${flag}")
  list(APPEND actual "${name}")
endforeach()
message("rustc: ${actual}")
message("CMakeLists.txt: ${EXPECTED}")
if(NOT actual STREQUAL EXPECTED)
  message(FATAL_ERROR "ARGON2RS_NATIVE_STATIC_LIBS in CMakeLists.txt is stale: set it to ${actual}")
endif()
message("1 passed, 0 failed")
