#!/usr/bin/env bash
# ctest: the incremental cache (README "Database"). A throwaway project of three TUs sharing a header, where a.c
# leaks what open_log() — an acquire wrapper in b.c — returns (a cross-TU finding):
#   1. a cold run, then a warm run with nothing changed: the same report and exit code, 0 TUs analysed, and the new
#      run holds copies of the TU rows with the same findings;
#   2. a.c edited: only a.c analysed; the header edited: all three;
#   3. b.c's wrapper stops returning the handle: b.c and, although unchanged, a.c analysed; the cross-TU finding is
#      gone, exactly as in a --no-cache run;
#   4. --models FILE: a run with it analyses everything once, reuses after that, and everything again when the file
#      changes; --rules likewise;
#   5. a global initialised in one TU and written nowhere is a constant in the others: editing the TU that reads it
#      brings the one that defines it along, and making a third TU write it re-analyses the reader;
#   6. --no-db never reuses anything, --no-cache analyses everything and still records the run.
# Every warm result is compared with a --no-cache run over the same tree.
# Usage: check-incremental.sh LIFELINE TESTCASES_DIR
set -euo pipefail
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
ok() { echo "ok: $*"; }

# run NAME ARGS...: lifeline check in the project directory; stdout to NAME.out, stderr to NAME.err, exit code to
# NAME.rc (never fails the script).
run() {
    local name=$1 rc
    shift
    set +e
    (cd "$proj" && "$lifeline" check -p . "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    set -e
    echo "$rc" >"$tmp/$name.rc"
}

# analysed NAME: "A of N" from the cache note of run NAME ("" when there is none).
analysed() {
    sed -n 's/.*note: \([0-9]* of [0-9]*\) TUs analysed.*\[lifeline-cache\]$/\1/p' "$tmp/$1.err"
}

# expect_analysed NAME "A of N" WHAT
expect_analysed() {
    local got
    got=$(analysed "$1")
    if [ "$got" = "$2" ]; then ok "$3: $2 TUs analysed"; else
        fail "$3: expected '$2' TUs analysed, got '$got'"
        cat "$tmp/$1.err"
    fi
}

# same_as_cold NAME WHAT [ARGS...]: the report and exit code of run NAME equal a --no-cache run's.
same_as_cold() {
    local name=$1 what=$2
    shift 2
    run "$name-cold" --no-cache "$@"
    if [ -n "$(analysed "$name-cold")" ]; then fail "$what: --no-cache printed a cache note"; fi
    if ! cmp -s "$tmp/$name.out" "$tmp/$name-cold.out"; then
        fail "$what: the report differs from a --no-cache run"
        diff "$tmp/$name.out" "$tmp/$name-cold.out" || true
    elif ! cmp -s "$tmp/$name.rc" "$tmp/$name-cold.rc"; then
        fail "$what: exit $(cat "$tmp/$name.rc"), --no-cache run exits $(cat "$tmp/$name-cold.rc")"
    else
        ok "$what: same report and exit code as a --no-cache run"
    fi
}

# warnings NAME RULE: how many findings of RULE run NAME reported
warnings() { grep -c "warning: .*\[$2\]" "$tmp/$1.out" || true; }

# sql QUERY: one value from the project's database (python3's sqlite3, or the sqlite3 shell)
sql() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
            "$proj/.lifeline/lifeline.db" "$1"
    else
        sqlite3 "$proj/.lifeline/lifeline.db" "$1"
    fi
}

compdb() { # compdb FILE...: compile_commands.json for these .c files of $proj
    local first=1 f
    {
        echo '['
        for f in "$@"; do
            [ $first = 1 ] || echo ','
            first=0
            printf '{"directory": "%s", "file": "%s/%s", "arguments": ["cc", "-std=gnu17", "-c", "%s"]}' \
                "$proj" "$proj" "$f" "$f"
        done
        echo ']'
    } >"$proj/compile_commands.json"
}

# --- the project ----------------------------------------------------------------------------------------------------
proj="$tmp/proj"
mkdir -p "$proj"
cat >"$proj/log.h" <<'EOF'
#ifndef LOG_H
#define LOG_H
#include <stdio.h>
FILE *open_log(const char *path);
int count_lines(const char *path);
#endif
EOF
cat >"$proj/a.c" <<'EOF'
#include "log.h"

int write_note(const char *path) {
    FILE *f = open_log(path);
    if (!f)
        return -1;
    fputs("note\n", f);
    return 0;
}
EOF
cat >"$proj/b.c" <<'EOF'
#include "log.h"

FILE *open_log(const char *path) {
    FILE *f = fopen(path, "a");
    return f;
}
EOF
cat >"$proj/c.c" <<'EOF'
#include "log.h"

int count_lines(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int n = 0;
    if (fgetc(f) == EOF)
        return 0;
    fclose(f);
    return n;
}
EOF
compdb a.c b.c c.c

# 1. cold, then warm
run cold
if [ "$(cat "$tmp/cold.rc")" != 1 ] || [ "$(warnings cold handle-leak)" != 2 ]; then
    fail "cold run: expected exit 1 and 2 handle-leak findings (a.c through open_log, c.c)"
    cat "$tmp/cold.out" "$tmp/cold.err"
fi
grep -q '^[^:]*a\.c:4:.*open_log.*\[handle-leak\]' "$tmp/cold.out" || fail "cold run: no cross-TU finding in a.c"
expect_analysed cold "3 of 3" "cold run"
run warm
expect_analysed warm "0 of 3" "warm run, nothing changed"
if cmp -s "$tmp/cold.out" "$tmp/warm.out" && cmp -s "$tmp/cold.rc" "$tmp/warm.rc"; then
    ok "warm run: same report and exit code as the cold run"
else
    fail "warm run: report or exit code differs from the cold run"
    diff "$tmp/cold.out" "$tmp/warm.out" || true
fi
# The warm run is a full run of its own: three TU rows, copied, with the cold run's findings (steps included).
warm_run=$(sql "SELECT max(id) FROM runs")
[ "$(sql "SELECT count(*) FROM tus WHERE run_id = $warm_run")" = 3 ] || fail "warm run: expected 3 TU rows"
[ "$(sql "SELECT scope FROM runs WHERE id = $warm_run")" = full ] || fail "warm run: not recorded as a full run"
[ "$(sql "SELECT findings FROM runs WHERE id = $warm_run")" = 2 ] || fail "warm run: runs.findings is not 2"
q="SELECT group_concat(x, '|') FROM (SELECT f.rule || f.file || f.line || f.fingerprint || f.suppressed ||
   (SELECT group_concat(s.line || s.message, ';') FROM finding_steps s WHERE s.finding_id = f.id) AS x
   FROM findings f WHERE f.run_id = RUN ORDER BY f.file, f.line, f.rule)"
if [ "$(sql "${q//RUN/$warm_run}")" = "$(sql "${q//RUN/$((warm_run - 1))}")" ]; then
    ok "warm run: its TU rows hold copies of the cold run's findings and steps"
else
    fail "warm run: stored findings differ from the cold run's"
fi
(cd "$proj" && "$lifeline" db diff $((warm_run - 1)) "$warm_run" --format json) >"$tmp/diff.json"
grep -q '"new": 0' "$tmp/diff.json" && grep -q '"fixed": 0' "$tmp/diff.json" ||
    fail "db diff cold warm: expected nothing new or fixed: $(cat "$tmp/diff.json")"

# 2. one source file, then the shared header
echo '/* edited */' >>"$proj/a.c"
run edit-a
expect_analysed edit-a "1 of 3" "a.c edited"
same_as_cold edit-a "a.c edited"
echo '/* edited */' >>"$proj/log.h"
run edit-h
expect_analysed edit-h "3 of 3" "header edited"
same_as_cold edit-h "header edited"

# 3. the wrapper's summary changes: a.c is analysed again although it did not change
cat >"$proj/b.c" <<'EOF'
#include "log.h"

FILE *open_log(const char *path) {
    FILE *f = fopen(path, "a");
    if (f)
        fclose(f);
    return NULL;
}
EOF
run wrapper
expect_analysed wrapper "2 of 3" "open_log no longer returns the handle"
grep -q 'only because a function or global they use changed' "$tmp/wrapper.err" ||
    fail "wrapper: the cache note does not say a.c was analysed for its callee"
if [ "$(warnings wrapper handle-leak)" = 1 ] && ! grep -q 'a\.c:' "$tmp/wrapper.out"; then
    ok "wrapper: the cross-TU finding in a.c is gone"
else
    fail "wrapper: expected only c.c's finding"
    cat "$tmp/wrapper.out"
fi
same_as_cold wrapper "open_log changed"
run wrapper-warm
expect_analysed wrapper-warm "0 of 3" "after the wrapper change, nothing changed"

# 4. model files and --rules are inputs of every TU
cat >"$tmp/models.yaml" <<'EOF'
version: 1
resources:
  - kind: FILE
    release: [log_close]
EOF
run models1 --models "$tmp/models.yaml"
expect_analysed models1 "3 of 3" "first run with --models"
run models2 --models "$tmp/models.yaml"
expect_analysed models2 "0 of 3" "second run with the same --models"
printf '    use: [log_peek]\n' >>"$tmp/models.yaml"
run models3 --models "$tmp/models.yaml"
expect_analysed models3 "3 of 3" "model file changed"
same_as_cold models3 "model file changed" --models "$tmp/models.yaml"
run rules1 --rules '*,-missing-timeout'
expect_analysed rules1 "3 of 3" "first run with --rules"
run rules2 --rules '*,-missing-timeout'
expect_analysed rules2 "0 of 3" "second run with the same --rules"

# 5. a global constant across TUs
proj="$tmp/globals"
mkdir -p "$proj"
cat >"$proj/reader.c" <<'EOF'
#include <stdio.h>
extern int keep_open;
int peek(const char *p) {
    FILE *f = fopen(p, "r");
    if (!f)
        return -1;
    if (keep_open)
        return 1;
    fclose(f);
    return 0;
}
EOF
echo 'int keep_open = 0; int keep_open_now(void) { return keep_open; }' >"$proj/def.c"
echo 'extern int keep_open; int other(void) { return keep_open + 1; }' >"$proj/other.c"
compdb reader.c def.c other.c
run g-cold
[ "$(warnings g-cold handle-leak)" = 0 ] || fail "globals: keep_open is the constant 0, so peek() leaks nothing"
echo '/* edited */' >>"$proj/reader.c"
run g-reader
expect_analysed g-reader "2 of 3" "reader.c edited (def.c, which sets keep_open, comes along)"
same_as_cold g-reader "reader.c edited"
echo 'void set_keep(int v) { keep_open = v; }' >>"$proj/other.c"
run g-writer
expect_analysed g-writer "3 of 3" "other.c writes keep_open (reader.c and def.c depend on it)"
[ "$(warnings g-writer handle-leak)" = 1 ] || fail "globals: keep_open is written now, so peek() leaks"
same_as_cold g-writer "other.c writes keep_open"

# 6. --no-db and --no-cache
run nodb --no-db
[ -z "$(analysed nodb)" ] || fail "--no-db printed a cache note"
runs_before=$(sql "SELECT count(*) FROM runs")
run nocache --no-cache
[ "$(sql "SELECT count(*) FROM runs")" = $((runs_before + 1)) ] || fail "--no-cache did not record its run"
run after-nocache
expect_analysed after-nocache "0 of 3" "after a --no-cache run (its rows are reusable)"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all incremental checks passed"
