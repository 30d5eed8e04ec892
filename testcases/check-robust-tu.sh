#!/usr/bin/env bash
# ctest: one bad translation unit never costs the others (issue 8). Through the real CLI:
#   1. crashes: TUs that crash libclang in ways it recovers from (#pragma clang __debug crash, parser_crash,
#      llvm_fatal_error), one it cannot recover from (a stack overflow on libclang's parse thread, from a 300000-term
#      constant expression), and the recoverable ones again with LIBCLANG_DISABLE_CRASH_RECOVERY=1: each is one
#      [lifeline-tu-failed] line naming its file (no libclang crash dump), exit 3, and the good TUs' findings are all
#      in the text report, the SARIF log (with a notification per failed TU) and the database — with -j1 and -j2;
#   2. --tu-timeout: an exponential macro expansion and an endless parse (#pragma clang __debug overflow_stack, an
#      endless loop in this libclang build) are stopped after the limit — "timed out after 2 s" — the good TU is
#      still reported, exit 3, no worker process is left behind; likewise `summarize`; bad values and
#      --in-process with --tu-timeout are usage errors (exit 2);
#   3. compile_commands.json oddities: spaces and UTF-8 in `directory`, `file` and arguments, in the `command` form
#      with shell quoting and in the `arguments` form (findings at the right paths in text, SARIF URIs encoded, SARIF
#      valid, the database); an entry whose directory is gone and one whose file is missing (one line each, exit 3);
#      assembler entries (.S, .s) skipped with a [lifeline-skipped] note, not reported as parse errors or failures;
#      a TU whose generated header is missing is still analysed, with one note naming the header instead of a
#      cascade of errors.
# Usage: check-robust-tu.sh LIFELINE
set -euo pipefail
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
ok() { echo "ok: $*"; }
show() { grep -F -- "$1" "$2" | head -5 || true; } # TEXT FILE: the first lines holding TEXT, for a failure

# run NAME DIR ARGS...: lifeline ARGS in DIR; stdout, stderr and exit code to $tmp/NAME.{out,err,rc}, the wall time
# in whole seconds to $tmp/NAME.secs (never fails the script).
run() {
    local name=$1 dir=$2 rc start
    shift 2
    start=$(date +%s)
    set +e
    (cd "$dir" && "$lifeline" "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    set -e
    echo "$rc" >"$tmp/$name.rc"
    echo $(($(date +%s) - start)) >"$tmp/$name.secs"
}

expect_rc() { # NAME CODE WHAT
    local got
    got=$(cat "$tmp/$1.rc")
    if [ "$got" = "$2" ]; then ok "$3: exit $2"; else
        fail "$3: expected exit $2, got $got"
        head -c 3000 "$tmp/$1.err"
    fi
}

expect_in() { # NAME EXT TEXT WHAT: $tmp/NAME.EXT contains TEXT (fixed string)
    if grep -qF -- "$3" "$tmp/$1.$2"; then ok "$4"; else
        fail "$4: '$3' not in $1.$2"
        head -c 3000 "$tmp/$1.$2"
    fi
}

expect_not_in() { # NAME EXT TEXT WHAT
    if ! grep -qF -- "$3" "$tmp/$1.$2"; then ok "$4"; else
        fail "$4: '$3' in $1.$2"
        show "$3" "$tmp/$1.$2"
    fi
}

# one_line NAME FILE TEXT WHAT: exactly one line of NAME's stderr names FILE, and it holds TEXT and the
# lifeline-tu-failed tag.
one_line() {
    local n line
    n=$(grep -cF -- "$2" "$tmp/$1.err" || true)
    line=$(grep -F -- "$2" "$tmp/$1.err" | head -1 || true)
    if [ "$n" = 1 ] && [[ "$line" == *"$3"* ]] && [[ "$line" == *"[lifeline-tu-failed]" ]]; then
        ok "$4: one line: ${line#"$tmp"/}"
    else
        fail "$4: expected one [lifeline-tu-failed] line naming $2 with '$3', got $n:"
        show "$2" "$tmp/$1.err"
    fi
}

leak() { # NAME: a C function that leaks a FILE (one handle-leak finding)
    printf '#include <stdio.h>\nint %s(void) {\n    FILE *fp = fopen("x", "r");\n    if (!fp) return 1;\n    return 0;\n}\n' "$1"
}

# compdb DIR FILE...: DIR/compile_commands.json with one `command` entry per file, in DIR.
compdb() {
    local dir=$1
    shift
    python3 - "$dir" "$@" <<'EOF'
import json, sys
d = sys.argv[1]
json.dump([{"directory": d, "file": f, "command": "cc -std=gnu17 -c " + f} for f in sys.argv[2:]],
          open(d + "/compile_commands.json", "w"), indent=1)
EOF
}

# --- 1. crashes ----------------------------------------------------------------------------------------------------
crash="$tmp/crash"
mkdir -p "$crash"
leak good_a >"$crash/good_a.c"
leak good_b >"$crash/good_b.c"
for p in crash parser_crash llvm_fatal_error; do
    { printf '#pragma clang __debug %s\n' "$p"; leak "in_$p"; } >"$crash/$p.c"
done
# 300,000 nested unary minuses: clang recurses per level, deeper than even the workers' 512 MB stacks reach.
python3 -c 'import sys; open(sys.argv[1], "w").write("int get(int x) { return " + "- " * 300000 + "x; }\n")' "$crash/deep.c"
compdb "$crash" good_a.c crash.c parser_crash.c deep.c llvm_fatal_error.c good_b.c

good_reported() { # NAME WHAT: both good TUs' findings in NAME's text report
    expect_in "$1" out "good_a.c:3:16: warning: FILE 'fp' from 'fopen' is not released" "$2: good_a.c's finding reported"
    expect_in "$1" out "good_b.c:3:16: warning: FILE 'fp' from 'fopen' is not released" "$2: good_b.c's finding reported"
}

for j in 1 2; do
    run "crash-j$j" "$crash" check -p . -j "$j" --db "$tmp/crash-j$j.db"
    expect_rc "crash-j$j" 3 "crashing TUs, -j$j"
    one_line "crash-j$j" "/crash.c:" "libclang crashed while parsing it" "#pragma clang __debug crash, -j$j"
    one_line "crash-j$j" "/parser_crash.c:" "libclang crashed while parsing it" "__debug parser_crash, -j$j"
    one_line "crash-j$j" "/llvm_fatal_error.c:" "libclang crashed while parsing it" "__debug llvm_fatal_error, -j$j"
    one_line "crash-j$j" "/deep.c:" "its worker process" "stack overflow in libclang's parse thread, -j$j"
    expect_not_in "crash-j$j" err "crash detected" "no libclang crash dump on stderr, -j$j"
    n=$(grep -cvF "[lifeline-cache]" "$tmp/crash-j$j.err" || true)
    if [ "$n" = 4 ]; then ok "-j$j: stderr is the four failure lines (and the cache note)"; else
        fail "-j$j: expected 4 lines on stderr, got $n"
        cat "$tmp/crash-j$j.err"
    fi
    good_reported "crash-j$j" "crashes -j$j"
    run "crash-j$j-db" "$crash" db findings --db "$tmp/crash-j$j.db"
    expect_in "crash-j$j-db" out "good_a.c:3:16" "crashes -j$j: good_a.c's finding stored"
    expect_in "crash-j$j-db" out "good_b.c:3:16" "crashes -j$j: good_b.c's finding stored"
    run "crash-j$j-runs" "$crash" db runs --db "$tmp/crash-j$j.db"
    if awk 'NR == 2 { exit !($5 == 3 && $6 == 2 && $7 == 4) }' "$tmp/crash-j$j-runs.out"; then
        ok "crashes -j$j: the run is stored with exit 3, 2 findings, 4 failed TUs"
    else
        fail "crashes -j$j: run row"
        cat "$tmp/crash-j$j-runs.out"
    fi
done

run crash-sarif "$crash" check -p . -j2 --no-db --format sarif -o "$tmp/crash.sarif"
expect_rc crash-sarif 3 "crashes, SARIF"
if python3 - "$tmp/crash.sarif" <<'EOF'; then ok "crashes, SARIF: both findings, four failure notifications"; else fail "crashes, SARIF"; fi
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
files = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"])
assert files == ["good_a.c", "good_b.c"], files
notes = [n for inv in run["invocations"] for n in inv.get("toolExecutionNotifications", [])
         if n.get("descriptor", {}).get("id") == "lifeline-tu-failed"]
failed = sorted(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes)
assert failed == ["crash.c", "deep.c", "llvm_fatal_error.c", "parser_crash.c"], failed
assert all(inv["exitCode"] == 3 for inv in run["invocations"])
EOF

# Crash recovery switched off by the user: the worker process dies instead, and still only its TU is lost.
LIBCLANG_DISABLE_CRASH_RECOVERY=1 run no-recovery "$crash" check -p . -j2 --no-db
expect_rc no-recovery 3 "LIBCLANG_DISABLE_CRASH_RECOVERY=1"
one_line no-recovery "/crash.c:" "its worker process died of signal" "no crash recovery: __debug crash"
one_line no-recovery "/llvm_fatal_error.c:" "its worker process" "no crash recovery: __debug llvm_fatal_error"
good_reported no-recovery "no crash recovery"

# --- 2. --tu-timeout ---------------------------------------------------------------------------------------------------
slow="$tmp/slow"
mkdir -p "$slow"
leak good >"$slow/good.c"
python3 -c '
import sys
e = "1,"
for _ in range(14):
    e = "A(" + e + ")"
open(sys.argv[1], "w").write("#define A(x) x x x x\nint arr[] = { " + e + " };\n")' "$slow/bomb.c"
{ printf '#pragma clang __debug overflow_stack\n'; leak in_loop; } >"$slow/loop.c"
compdb "$slow" bomb.c good.c loop.c

run timeout "$slow" check -p . -j2 --tu-timeout 2 --db "$tmp/timeout-marker.db"
expect_rc timeout 3 "--tu-timeout 2"
one_line timeout "/bomb.c:" "timed out after 2 s while libclang parsed it" "exponential macro expansion"
one_line timeout "/loop.c:" "timed out after 2 s" "endless parse"
expect_in timeout out "good.c:3:16: warning: FILE 'fp' from 'fopen' is not released" "--tu-timeout: good.c reported"
secs=$(cat "$tmp/timeout.secs")
if [ "$secs" -le 30 ]; then ok "--tu-timeout 2: the run took ${secs} s"; else fail "--tu-timeout 2: the run took ${secs} s"; fi
sleep 1
if pgrep -f -- "timeout-marker" >/dev/null; then
    fail "worker processes left running after the run"
    pgrep -af -- "timeout-marker" || true
else
    ok "no worker process left running"
fi

run timeout-summarize "$slow" summarize -p . -j1 --tu-timeout=2 --db "$tmp/summarize.db"
expect_rc timeout-summarize 3 "summarize --tu-timeout=2"
one_line timeout-summarize "/bomb.c:" "timed out after 2 s" "summarize: exponential macro expansion"

run timeout-bad "$slow" check -p . --tu-timeout soon
expect_rc timeout-bad 2 "--tu-timeout soon"
expect_in timeout-bad err "--tu-timeout needs a number of seconds" "--tu-timeout soon: says what it needs"
run timeout-negative "$slow" check -p . --tu-timeout -1
expect_rc timeout-negative 2 "--tu-timeout -1"
run timeout-in-process "$slow" check -p . --in-process --tu-timeout 5
expect_rc timeout-in-process 2 "--in-process --tu-timeout 5"
expect_in timeout-in-process err "cannot be combined with --in-process" "--in-process --tu-timeout: says why"

# --- 3. compile_commands.json oddities ---------------------------------------------------------------------------------
proj="$tmp/my proj"
sub="$proj/sübdir"
mkdir -p "$sub/inc dir"
printf '#define OPEN_MODE "r"\n' >"$sub/inc dir/hdr ü.h"
cat >"$sub/ünï cödé.c" <<'EOF'
#include <stdio.h>
#include "hdr ü.h"
#ifndef MSG
#error the -D with spaces and quotes was lost
#endif
int leak_u(void) {
    FILE *fp = fopen(MSG, OPEN_MODE);
    if (!fp) return 1;
    return 0;
}
EOF
sed 's/leak_u/leak_a/' "$sub/ünï cödé.c" >"$sub/arg.c"
printf '.globl f\nf:\n  ret\n' >"$proj/start.S"
printf '.globl g\ng:\n  ret\n' >"$proj/low.s"
cat >"$proj/gen.c" <<'EOF'
#include <stdio.h>
#include "generated/config.h"
int leak_g(void) {
    FILE *fp = fopen("g", "r");
    if (!fp) return 1;
    return 0;
}
int uses_config(void) { config_t c = CONFIG_INIT; return c.value + CONFIG_MAX; }
EOF
leak leak_ok >"$proj/ok.c"

odd_db() { # WITH_BROKEN: the oddities' compile_commands.json; with 1, also a gone directory and a missing file
    python3 - "$proj" "$1" <<'EOF'
import json, sys
p, broken = sys.argv[1], sys.argv[2] == "1"
db = [
    {"directory": p + "/sübdir", "file": "ünï cödé.c",
     "command": "cc -c -I'inc dir' -DMSG='\"a b.txt\"' 'ünï cödé.c' -o 'ünï cödé.o'"},
    {"directory": p + "/sübdir", "file": p + "/sübdir/arg.c",
     "arguments": ["cc", "-c", "-Iinc dir", "-DMSG=\"x y.txt\"", "arg.c", "-o", "arg.o"]},
    {"directory": p, "file": "start.S", "command": "cc -c start.S -o start.o"},
    {"directory": p, "file": "low.s", "arguments": ["as", "low.s", "-o", "low.o"]},
    {"directory": p, "file": "gen.c", "command": "cc -c gen.c -Ibuild"},
    {"directory": p, "file": "ok.c", "command": "cc -c ok.c"},
]
if broken:
    db.insert(2, {"directory": p + "/gone", "file": p + "/ok.c", "command": "cc -c ../ok.c"})
    db.insert(3, {"directory": p, "file": "missing.c", "command": "cc -c missing.c"})
json.dump(db, open(p + "/compile_commands.json", "w", encoding="utf-8"), indent=1, ensure_ascii=False)
EOF
}

odd_db 0
run odd "$proj" check -p . -j2 --db "$tmp/odd.db"
expect_rc odd 1 "oddities without broken entries: findings, nothing failed"
expect_in odd out "$sub/ünï cödé.c:7:16: warning: FILE 'fp' from 'fopen' is not released" "UTF-8 and spaces, command form"
expect_in odd out "$sub/arg.c:7:16: warning: FILE 'fp' from 'fopen' is not released" "spaces and quotes, arguments form"
expect_in odd out "$proj/ok.c:3:16: warning" "plain entry beside them"
expect_in odd err "start.S: note: skipped: lifeline analyses C; this is an assembler source [lifeline-skipped]" ".S skipped"
expect_in odd err "low.s: note: skipped: lifeline analyses C; this is an assembler source [lifeline-skipped]" ".s skipped"
if grep -E 'start\.S|low\.s' "$tmp/odd.err" | grep -qvF "[lifeline-skipped]"; then
    fail "assembler entries reported as something else than skipped"
    show .s "$tmp/odd.err"
else
    ok "assembler entries: no parse error, no failure"
fi
expect_in odd out "$proj/gen.c:4:16: warning: FILE 'fp' from 'fopen' is not released" "missing generated header: still analysed"
# One note: the missing header, its echo counted rather than listed, and uses_config, whose body holds errors that
# follow from it, named there as left out of the analysis rather than analysed as clang recovered it.
n=$(grep -cF "gen.c" "$tmp/odd.err" || true)
line=$(grep -F "gen.c" "$tmp/odd.err" | head -1 || true)
if [ "$n" = 1 ] && [[ "$line" == *"'generated/config.h' file not found"* ]] && [[ "$line" == *"does not list the"* ]] &&
    [[ "$line" == *"one function that they broke is not analysed: uses_config"* ]] &&
    [[ "$line" == *"[lifeline-parse-error]" ]]; then
    ok "missing generated header: one note naming it and the function it broke: ${line#"$tmp"/}"
else
    fail "missing generated header: expected one parse-error note naming the header and uses_config, got $n:"
    show gen.c "$tmp/odd.err"
fi
run odd-db "$proj" db findings --db "$tmp/odd.db"
expect_in odd-db out "$sub/ünï cödé.c:7:16" "UTF-8 path stored in the database"

run odd-sarif "$proj" check -p . -j2 --no-db --format sarif -o "$tmp/odd.sarif"
expect_rc odd-sarif 1 "oddities, SARIF"
if python3 - "$tmp/odd.sarif" <<'EOF'; then ok "SARIF URIs percent-encoded"; else fail "SARIF URIs"; fi
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
want = {"s%C3%BCbdir/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9.c", "s%C3%BCbdir/arg.c", "gen.c", "ok.c"}
assert uris == want, uris
EOF
if command -v node >/dev/null && "$root/tools/validate-sarif.sh" "$tmp/odd.sarif" >"$tmp/validate.out" 2>&1; then
    ok "SARIF with UTF-8 and spaces passes the validator"
else
    fail "SARIF validation"
    cat "$tmp/validate.out"
fi

odd_db 1
run odd-broken "$proj" check -p . -j2 --no-db
expect_rc odd-broken 3 "a gone directory and a missing file"
one_line odd-broken "/ok.c: note: could not analyse" "its directory $proj/gone does not exist" "directory gone"
one_line odd-broken "/missing.c:" "cannot read the file: No such file or directory" "file missing"
expect_in odd-broken out "$sub/ünï cödé.c:7:16: warning" "the other TUs still reported"
expect_in odd-broken out "$proj/ok.c:3:16: warning" "the same file through its good entry still reported"

echo
if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all robustness checks passed"
