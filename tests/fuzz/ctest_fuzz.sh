#!/usr/bin/env bash
# The fuzz label of the test suite: builds the fuzz preset (clang-14, libFuzzer, ASan + UBSan) beside
# the release build and runs every target for SECONDS (30 in CI) on the seed corpora.
# usage: ctest_fuzz.sh SOURCE_DIR SECONDS
set -euo pipefail
cd "$1"
if ! command -v clang++-14 >/dev/null || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    echo "ctest_fuzz: clang-14 and libfuzzer-14-dev are not installed (packaging/install-deps.sh installs them)" >&2
    exit 1
fi
# A build of its own: the release build's flags (CI's -Werror for GCC) are not the fuzz build's.
unset CXXFLAGS CFLAGS
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
bash tests/fuzz/run_fuzzers.sh build/fuzz "$2" "$(mktemp -d)"
