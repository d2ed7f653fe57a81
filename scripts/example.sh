#!/usr/bin/env bash
# Builds libargon2rs (shared and static) and runs the C example: hash, verify, needs-rehash.
source "$(dirname "$0")/tools.sh"
ensure_cmake
configure_and_build -DBUILD_TESTING=OFF
echo "== running examples-c/basic.c"
"$BUILD_DIR/examples-c/example_basic"
