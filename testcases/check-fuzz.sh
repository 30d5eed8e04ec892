#!/usr/bin/env bash
# Builds the libFuzzer target testcases/fuzz/fuzz_source.c (clang-19, ASan+UBSan, -DLIFELINE_FUZZ=ON) into
# build-fuzz/ and fuzzes the whole pipeline for a bounded time. Any crash, sanitizer report, timeout (an input taking
# more than 10 s) or out-of-memory (4 GB) fails; the input that caused it is kept in build-fuzz/fuzz-artifacts/.
#
#   testcases/check-fuzz.sh                 # tools/test.sh and CI: 60 s, a fresh corpus seeded from the samples
#   testcases/check-fuzz.sh 3600 DIR        # fuzz for an hour, growing the corpus in DIR across runs
#
# First every reproducer in testcases/fuzz/regressions/ (inputs that once crashed lifeline or ran past the timeout)
# is replayed. Then the seed corpus — every annotated sample under testcases/ (copied here, never committed; a cross-TU
# sample becomes one multi-file input), testcases/fuzz/seeds/ (GNU C and recovery corners the samples lack) and the
# regressions — is run and mutated with the dictionary testcases/fuzz/c.dict. The time limit counts from the start of
# the fuzzer, the replay of the seeds included.
#
# Leaks found by LeakSanitizer fail too, where it can run (it needs ptrace; without it the fuzzer runs with
# detect_leaks=0 and says so).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
corpus="${2:-}"
dir="$root/build-fuzz"

cc="$(command -v clang-19 || true)"
if [ -z "$cc" ] || [ ! -e /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer-x86_64.a ]; then
  echo "check-fuzz: clang-19 and libclang-rt-19-dev are needed: run tools/install-deps.sh" >&2
  exit 1
fi
echo "== fuzz: building $dir/fuzz_source"
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$cc" -DLIFELINE_FUZZ=ON >/dev/null
cmake --build "$dir" -j"$(nproc)" --target fuzz_source >/dev/null

# Symbolized stack traces: any llvm-symbolizer will do.
symbolizer="$(command -v llvm-symbolizer-19 || command -v llvm-symbolizer || ls /usr/lib/llvm-*/bin/llvm-symbolizer 2>/dev/null | tail -1 || true)"
sym=""
[ -n "$symbolizer" ] && sym=":external_symbolizer_path=$symbolizer"
export UBSAN_OPTIONS="print_stacktrace=1$sym"
# LeakSanitizer needs ptrace, which some sandboxes and CI containers forbid: probe it, and fuzz without leak detection
# (said so below) when it cannot run.
leaks=1
probe="$dir/fuzz-probe.c"
printf 'int main(void) { return 0; }\n' >"$probe"
if ! ASAN_OPTIONS="detect_leaks=1$sym" "$dir/fuzz_source" -runs=1 "$probe" >"$dir/fuzz-probe.log" 2>&1 ||
  grep -q 'LeakSanitizer has encountered a fatal error\|LeakSanitizer does not work' "$dir/fuzz-probe.log"; then
  leaks=0
  echo "== fuzz: LeakSanitizer cannot run here (ptrace forbidden?): fuzzing with detect_leaks=0"
fi
export ASAN_OPTIONS="detect_leaks=$leaks$sym"

seed="$dir/fuzz-seed"
rm -rf "$seed"
mkdir -p "$seed" "$dir/fuzz-artifacts"
(cd "$root/testcases" && find . -name '*.c' -not -path './unit/*' -not -path './fuzz/*' | sed 's|^\./||') |
  while read -r f; do cp "$root/testcases/$f" "$seed/${f//\//_}"; done
# A cross-TU sample (RULE/xtu-NAME/) as one input: its first .c file, then its other .c and .h files each after a
# `//@@ NAME` line (see fuzz_source.c); its "../../include/" is the fuzzer's "../include/".
(cd "$root/testcases" && find . -type d -name 'xtu-*' | sed 's|^\./||') | while read -r d; do
  files=()
  for f in "$root/testcases/$d"/*.c "$root/testcases/$d"/*.h; do [ -f "$f" ] && files+=("$f"); done
  [ "${#files[@]}" -gt 0 ] || continue
  {
    cat "${files[0]}"
    for f in "${files[@]:1}"; do printf '\n//@@ %s\n' "${f##*/}"; cat "$f"; done
  } | sed 's|"\.\./\.\./include/|"../include/|' >"$seed/${d//\//_}.c"
done
cp "$root"/testcases/fuzz/seeds/* "$root"/testcases/fuzz/regressions/* "$seed/"

regressions=("$root"/testcases/fuzz/regressions/*)
echo "== fuzz: replaying ${#regressions[@]} crash reproducers"
if ! "$dir/fuzz_source" "${regressions[@]}" >"$dir/fuzz-regressions.log" 2>&1; then
  cat "$dir/fuzz-regressions.log" >&2
  echo "check-fuzz: a reproducer in testcases/fuzz/regressions/ crashes again (log above)" >&2
  exit 1
fi

fresh=""
if [ -z "$corpus" ]; then
  corpus="$(mktemp -d "$dir/fuzz-corpus.XXXXXX")"
  fresh="$corpus"
fi
mkdir -p "$corpus"
log="$dir/fuzz.log"
echo "== fuzz: $seconds s, $(ls "$seed" | wc -l) seeds, corpus $corpus (log $log)"
status=0
"$dir/fuzz_source" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=4096 \
  -dict="$root/testcases/fuzz/c.dict" -artifact_prefix="$dir/fuzz-artifacts/" -print_final_stats=1 \
  "$corpus" "$seed" >"$log" 2>&1 || status=$?
[ -n "$fresh" ] && rm -rf "$fresh"
grep -E '^Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
if [ "$status" -ne 0 ]; then
  tail -n 80 "$log" >&2
  echo "check-fuzz: the fuzzer failed (exit $status); reproduce with: $dir/fuzz_source <the test unit named above>" >&2
  exit 1
fi
echo "== fuzz: no crash"
