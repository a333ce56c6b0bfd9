#!/usr/bin/env bash
# The asan label of the test suite: builds the asan preset (GCC, AddressSanitizer + UBSan) beside the
# release build, only what the core and nn suites need, and runs them with the preset's options
# (leaks detected, any report fatal).
# usage: ctest_asan.sh SOURCE_DIR
set -euo pipefail
cd "$1"
# A build of its own, configured by the preset alone: CXXFLAGS (CI's -Werror) belong to the release build.
unset CXXFLAGS CFLAGS
cmake --preset asan >/dev/null
cmake --build --preset asan --target core_nn_tests
ctest --preset asan -L '^(core|nn)$'
