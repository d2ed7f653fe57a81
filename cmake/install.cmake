# Install rules: the shared library with its SONAME links, the static library, the
# headers, the CLI, a pkg-config file and a CMake package. Every installed path is
# relative to the prefix, so `cmake --install build --prefix DIR` works for any DIR
# and the installed tree can be moved afterwards.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ARGON2RS_REAL_NAME "libargon2rs.so.${PROJECT_VERSION}")

# The links are made in the build tree and installed as links (install(FILES) keeps
# symlinks), so they also appear in install_manifest.txt.
set(_links "${CMAKE_CURRENT_BINARY_DIR}/install-links")
file(MAKE_DIRECTORY "${_links}")
file(CREATE_LINK "${ARGON2RS_REAL_NAME}" "${_links}/${ARGON2RS_SONAME}" SYMBOLIC)
file(CREATE_LINK "${ARGON2RS_SONAME}" "${_links}/libargon2rs.so" SYMBOLIC)

install(FILES "${ARGON2RS_SHARED_FILE}" RENAME "${ARGON2RS_REAL_NAME}"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
install(FILES "${_links}/${ARGON2RS_SONAME}" "${_links}/libargon2rs.so"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(FILES "${ARGON2RS_STATIC_FILE}" DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(FILES "${ARGON2RS_INCLUDE_DIR}/argon2rs.h" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
if(EXISTS "${ARGON2RS_INCLUDE_DIR}/argon2rs.hpp")
  install(FILES "${ARGON2RS_INCLUDE_DIR}/argon2rs.hpp" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()
if(DEFINED ARGON2RS_CLI_FILE)
  install(PROGRAMS "${ARGON2RS_CLI_FILE}" DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()

# What a static link needs besides libargon2rs.a: ARGON2RS_NATIVE_STATIC_LIBS (one list,
# in CMakeLists.txt, checked against rustc by a test) as -l flags and as CMake items.
list(TRANSFORM ARGON2RS_NATIVE_STATIC_LIBS PREPEND "-l" OUTPUT_VARIABLE _pc_libs)
string(REPLACE ";" " " ARGON2RS_STATIC_LIBS_PC "${_pc_libs}")
set(ARGON2RS_STATIC_LIBS_CMAKE "${ARGON2RS_NATIVE_STATIC_LIBS}")

# Relative paths from the pkg-config and CMake directories back to the prefix.
file(RELATIVE_PATH ARGON2RS_PC_TO_PREFIX
     "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
set(ARGON2RS_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/argon2rs")
file(RELATIVE_PATH ARGON2RS_CONFIG_TO_PREFIX "/prefix/${ARGON2RS_CMAKE_DIR}" "/prefix")

configure_file("${CMAKE_CURRENT_LIST_DIR}/argon2rs.pc.in"
               "${CMAKE_CURRENT_BINARY_DIR}/argon2rs.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/argon2rs.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

configure_file("${CMAKE_CURRENT_LIST_DIR}/argon2rsConfig.cmake.in"
               "${CMAKE_CURRENT_BINARY_DIR}/argon2rsConfig.cmake" @ONLY)
# Before 1.0 the ABI may change with the minor version, so only the same minor matches.
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/argon2rsConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/argon2rsConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/argon2rsConfigVersion.cmake"
        DESTINATION "${ARGON2RS_CMAKE_DIR}")
