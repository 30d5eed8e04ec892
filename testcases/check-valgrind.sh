#!/usr/bin/env bash
# ctest (normal build only: valgrind cannot run an ASan binary): lifeline under valgrind's memcheck on the bundled
# demo (3 TUs) — a cold run writing the database and SARIF, a warm run reusing every TU from it, the `db` queries,
# a run without a database and the refusal of a damaged one; the parse worker processes (parse_pool.h) too, whether
# forked or spawned. Any invalid read or write, use of uninitialised memory, or block of lifeline's definitely or
# indirectly lost at exit, in any of those processes, fails the test. Still-reachable blocks are not errors:
# at exit they are all libLLVM's and libz3's static initialisers' (option registries, allocated when libclang is
# loaded, never freed by design); lifeline's own memory is freed (README "Robustness").
# Usage: check-valgrind.sh LIFELINE TESTCASES_DIR
set -euo pipefail
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cases="$(cd "$2" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
command -v valgrind >/dev/null || { echo "valgrind is not installed (tools/install-deps.sh installs it)"; exit 1; }

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

demo="$cases/demo"
{
    echo '['
    sep=''
    for f in server.c config.c routes.c; do
        printf '%s{"directory": "%s", "file": "%s/%s", "arguments": ["cc", "-std=gnu17", "-Wall", "-c", "%s"]}\n' \
            "$sep" "$demo" "$demo" "$f" "$f"
        sep=','
    done
    echo ']'
} >"$tmp/compile_commands.json"
db="$tmp/lifeline.db"

# vg NAME WANT ARGS...: lifeline ARGS under memcheck, from the demo directory; WANT is the exit code lifeline must
# give (valgrind's own is 99 on an error).
vg() {
    local name=$1 want=$2 rc
    shift 2
    set +e
    mkdir -p "$tmp/$name"
    (cd "$demo" && valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --num-callers=30 --trace-children=yes \
        --log-file="$tmp/$name/%p.vg" "$lifeline" "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    set -e
    # One log per process: lifeline and each parse worker it started.
    local logs=("$tmp/$name"/*.vg) bad
    bad=$(grep -L 'ERROR SUMMARY: 0 errors' "${logs[@]}" || true)
    if [ "$rc" = 99 ] || [ -n "$bad" ]; then
        fail "$name: memcheck errors"
        for log in ${bad:-"${logs[@]}"}; do
            grep -E 'Command:|Invalid|uninitialised|definitely|indirectly|^==[0-9]+== +(at|by)' "$log" | head -40
        done
    elif [ "$rc" != "$want" ]; then
        fail "$name: exit $rc, expected $want"
        cat "$tmp/$name.err"
    else
        echo "ok: $name: exit $rc, ${#logs[@]} process(es), 0 errors"
    fi
}

vg cold 1 check -p "$tmp" --db "$db" --format sarif -o "$tmp/demo.sarif"
vg warm 1 check -p "$tmp" --db "$db"
grep -q '0 of 3 TUs analysed' "$tmp/warm.err" || fail "warm: expected every TU reused: $(cat "$tmp/warm.err")"
vg no-db 1 check -p "$tmp" --no-db
cmp -s "$tmp/warm.out" "$tmp/no-db.out" || fail "the warm run and the --no-db run report differently"
vg db-runs 0 db runs --db "$db" --format json
vg db-findings 0 db findings --db "$db" --format sarif
vg db-diff 0 db diff 1 2 --db "$db"
printf 'not a database\n' >"$tmp/damaged.db"
vg damaged 2 check -p "$tmp" --db "$tmp/damaged.db"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "valgrind: no memory errors and no leaks of lifeline's own memory"
