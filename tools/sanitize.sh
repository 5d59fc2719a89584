#!/usr/bin/env bash
# The sanitizer builds (GCC):
#   tools/sanitize.sh asan   the whole C++ test suite (engine, C ABI in C99, CLI) under
#                            AddressSanitizer + UndefinedBehaviorSanitizer, in build-asan
#   tools/sanitize.sh tsan   the concurrency tests (threads, processes, shared data_dir,
#                            crash safety) under ThreadSanitizer, in build-tsan
#   tools/sanitize.sh        both, one after the other
# Any report fails the run (halt_on_error, no recovery from UB).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${IVSRT_JOBS:-2}"
what="${1:-all}"

configure() {  # dir, flags
  cmake -S "$root" -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVSRT_BUILD_BENCH=OFF \
    -DCMAKE_C_FLAGS="$2" -DCMAKE_CXX_FLAGS="$2" \
    -DCMAKE_EXE_LINKER_FLAGS="$2" -DCMAKE_SHARED_LINKER_FLAGS="$2" >/dev/null
}

if [[ "$what" == asan || "$what" == all ]]; then
  build="$root/build-asan"
  configure "$build" "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1"
  cmake --build "$build" -j "$jobs" --target ivsrt_tests capi_c99_test ivsrt ivsrt_cli_tests
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1:allocator_may_return_null=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  (cd "$build" && ctest --output-on-failure -j "$jobs" -R '^(capi_c99|exported_symbols)$')
  "$build/cli/ivsrt_cli_tests" --gtest_brief=1
  "$build/tests/ivsrt_tests" --gtest_brief=1
fi

if [[ "$what" == tsan || "$what" == all ]]; then
  build="$root/build-tsan"
  configure "$build" "-fsanitize=thread -O1 -fno-omit-frame-pointer"
  cmake --build "$build" -j "$jobs" --target ivsrt_tests
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$root/tools/tsan.supp"
  "$build/tests/ivsrt_tests" --gtest_brief=1 \
    --gtest_filter='Concurrency*:Multiprocess*:CrashSafety*:Persistence*:OpenCloseChurn*:ReaderSlots*:UnopenableStore*:StoreUpgrade*:ResizeGuard*:FullDisk*'
fi
