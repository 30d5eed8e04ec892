#!/usr/bin/env bash
# ctest: tools/bench runs end to end on the bundled demo (configured with CMake, as tools/setup.sh does) and prints a
# table with every row; no timing is asserted. clang-tidy and cppcheck rows may say "skipped" where not installed.
# The demo's own files must be left exactly as they were (bench touches a copy).
# Usage: check-bench.sh LIFELINE TESTCASES_DIR
set -euo pipefail
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cases="$(cd "$2" && pwd)"
root="$(cd "$cases/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "FAIL: $*"
    exit 1
}

command -v python3 >/dev/null || fail "tools/bench needs python3"
cmake -S "$cases/demo" -B "$tmp/demo-build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
before=$(cd "$cases/demo" && find . -type f -exec md5sum {} + | sort)

set +e
"$root/tools/bench" -p "$tmp/demo-build" --lifeline "$lifeline" --jobs 2 --tus 2 --out "$tmp/bench.md" \
    >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
set -e
cat "$tmp/stdout"
if [ "$rc" -ne 0 ]; then
    cat "$tmp/stderr"
    fail "tools/bench exited $rc"
fi

after=$(cd "$cases/demo" && find . -type f -exec md5sum {} + | sort)
[ "$before" = "$after" ] || fail "tools/bench modified testcases/demo"
cmp -s "$tmp/bench.md" <(sed '$d' "$tmp/stdout") || cmp -s "$tmp/bench.md" "$tmp/stdout" ||
    fail "--out differs from the printed report"

grep -q 'the first 2 of 3' "$tmp/stdout" || fail "--tus 2 did not take the first 2 entries"
# Every row, measured (a number in the wall column) or, for optional tools, skipped with a reason.
rows=(
    'parse floor: `lifeline --parse-only -j1`'
    '`clang -fsyntax-only` per TU, sequential'
    'lifeline cold `-j1`'
    'lifeline cold `-j2`'
    'lifeline warm `-j'
    'touch one .c, full run'
    'pre-commit: `check -p DIR FILE.c`'
    'its own parse: `--parse-only` on'
    'touch one header, full run'
    'largest TU `'
    '`--shard K/'
    'clang-tidy (unix.Stream, core.StackAddressEscape)'
    'cppcheck `--project`'
)
for row in "${rows[@]}"; do
    line=$(grep -F "| $row" "$tmp/stdout" | head -1) || true
    [ -n "$line" ] || fail "no row '$row'"
    case "$row" in
        clang-tidy* | cppcheck* | 'lifeline cold `-j2`' | '`--shard K/')
            # optional tools (and -jN before lifeline had -j) may be skipped, with the reason in the notes
            echo "$line" | grep -Eq '^\| [^|]+ \| [0-9.]+ \|| (skipped|n/a): ' ||
                fail "row '$row' neither measured nor skipped: $line" ;;
        *) echo "$line" | grep -Eq '^\| [^|]+ \| [0-9.]+ \|' || fail "row '$row' has no time: $line" ;;
    esac
done
[ "$(grep -c '| largest TU `' "$tmp/stdout")" -eq 3 ] || fail "expected the largest TU's lifeline and clang rows"
for target in 'cold `-j1` ≤ 1.3× parse floor' 'warm ≤ 5% of cold' 'one touched .c ≤ its own parse + 0.5 s' \
    'peak RSS per worker ≤ 2× clang'"'"'s'; do
    grep -F "| $target" "$tmp/stdout" | grep -Eq 'PASS|MISS' || fail "no PASS/MISS for target '$target'"
done
echo "bench: every row and target present"
