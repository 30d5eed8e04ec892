#!/usr/bin/env bash
# The README's second command, and what CI runs: every test, in a normal build and under ASan+UBSan.
#   unit tests (cmocka), annotated samples through the real CLI, SARIF validation with Microsoft's validator;
#   then a minute of libFuzzer (testcases/check-fuzz.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh"
"$root/tools/install-sarif-validator.sh" >/dev/null
status=0
for variant in build build-asan; do
  extra=()
  [ "$variant" = build-asan ] && extra=(-DLIFELINE_SANITIZE=ON)
  echo "== $variant: building"
  "$root/tools/build.sh" "$variant" "${extra[@]}" >/dev/null
  echo "== $variant: ctest"
  # LeakSanitizer needs ptrace, which some sandboxes forbid; leaks are checked with valgrind instead.
  if ! (cd "$root/$variant" && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --output-on-failure -j"$(nproc)"); then
    status=1
  fi
done
# libFuzzer over the whole pipeline for a bounded 60 s (clang-19, ASan+UBSan): any crash fails.
"$root/testcases/check-fuzz.sh" 60 || status=1
exit $status
