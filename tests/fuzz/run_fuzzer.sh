#!/bin/sh
# Runs one fuzz target of the sanitizer build for a long time, by hand (CTest runs each for 15 s):
#   tests/fuzz/run_fuzzer.sh fuzz_kernel_io 3600 [build-asan]
# Options as CTest's (tests/fuzz/CMakeLists.txt) apart from the time. The corpus grows in
# <build>/tests/fuzz/long/<target>/ (kept between runs; the seeds in tests/data/fuzz are only read),
# findings are written as <build>/tests/fuzz/long/<target>-crash-* (or leak-, timeout-, oom-), the log with
# the final statistics (executions, exec/s, cov, ft, corpus) as <build>/tests/fuzz/long/<target>.log.
# Run at most one per core, under nice on a shared machine. FUZZ_TIMEOUT (seconds, default 10) is the time
# one input may take before it counts as a hang: raise it on a loaded machine, where a starved input looks
# like one (at nice 19 beside a build, inputs that take 4 s alone were reported after 10).
set -eu
target=${1:?usage: run_fuzzer.sh TARGET SECONDS [BUILD_DIR]}
seconds=${2:?usage: run_fuzzer.sh TARGET SECONDS [BUILD_DIR]}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=$(cd "${3:-$source_dir/build-asan}" && pwd)
seeds=$source_dir/tests/data/fuzz/$target
[ "$target" = fuzz_idx_reader ] && seeds=$source_dir/tests/data/nn/idx_corpus
case $target in
    fuzz_image_loader) dict=image_loader.dict; rss=2048 ;;
    fuzz_kernel_io) dict=kernel_io.dict; rss=2048 ;;
    fuzz_conv_input) dict=conv_input.dict; rss=2048 ;;
    fuzz_run_store) dict=run_store.dict; rss=4096 ;;
    fuzz_settings) dict=settings.dict; rss=4096 ;;
    fuzz_checkpoint_state | fuzz_torchscript_file) dict=; rss=4096 ;;
    *) dict=; rss=2048 ;;
esac
out=$build_dir/tests/fuzz/long
mkdir -p "$out/$target"
# LibTorch has no frame pointers: the slow unwinder gives leak reports the whole stack that lsan.supp's
# entries match.
case $target in
    fuzz_checkpoint_state | fuzz_torchscript_file) export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 ;;
    fuzz_settings) export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 ;;  # as in CMakeLists.txt
    *) export ASAN_OPTIONS=detect_leaks=1 ;;
esac
export LSAN_OPTIONS=suppressions=$source_dir/tests/fuzz/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
set -- -max_total_time="$seconds" -print_final_stats=1 -close_fd_mask=2 -seed=1 -rss_limit_mb=$rss -timeout=${FUZZ_TIMEOUT:-10} \
    -artifact_prefix="$out/$target-" "$out/$target" "$seeds"
[ "$target" = fuzz_settings ] && set -- -malloc_limit_mb=1048576 "$@"
[ -n "$dict" ] && set -- -dict="$source_dir/tests/data/fuzz/$dict" "$@"
# LibTorch's TorchScript loader itself can take tens of seconds and gigabytes on a damaged file (see
# docs/reliability.md): in fork mode such timeouts and out-of-memory inputs are saved and the run goes on;
# crashes and sanitizer reports still stop it.
[ "$target" = fuzz_torchscript_file ] && set -- -fork=1 -ignore_timeouts=1 -ignore_ooms=1 "$@"
echo "$build_dir/tests/fuzz/$target $*" >"$out/$target.log"
# The CPU time too: on a busy machine the wall-clock time says little about how much was fuzzed.
timer=
[ -x /usr/bin/time ] && timer="/usr/bin/time -f cpu:%Us_user_%Ss_system_%es_wall"
nice $timer "$build_dir/tests/fuzz/$target" "$@" >>"$out/$target.log" 2>&1 && status=0 || status=$?
grep -E '^(stat::|#[0-9]+ *DONE|==[0-9]+==ERROR|SUMMARY|INFO: seed corpus|cpu:)' "$out/$target.log" | tail -n 12
exit $status
