#!/usr/bin/env bash
# ctest: the findings database through the real CLI. Two runs of `lifeline check` over copies of two handle-leak
# samples, with one leak fixed in between, then `db runs`, `db findings`, `db diff`, `db export`, `baseline save`
# and `check --baseline`.
# Usage: check-db.sh LIFELINE TESTCASES_DIR
set -euo pipefail
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cases="$(cd "$2" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

fail() {
    echo "FAIL: $*"
    exit 1
}

# expect EXIT_CODE COMMAND...: runs the command with its output in out/err and checks the exit code.
expect() {
    local want=$1 rc
    shift
    set +e
    "$@" >out 2>err
    rc=$?
    set -e
    if [ "$rc" -ne "$want" ]; then
        cat out err
        fail "expected exit $want, got $rc: $*"
    fi
}

# The number of findings in compiler-style text output.
warnings() { grep -c ': warning: ' "$1" || true; }

# jget FILE KEY...: the value at that path of the JSON document (fails when the file is not JSON); an array's
# length when the last key is "length".
jget() {
    if command -v python3 >/dev/null; then
        python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    v = len(v) if k == "length" else v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$@"
    else
        node -e '
let v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const k of process.argv.slice(2)) v = v[k];
console.log(v);' "$@"
    fi
}

cp "$cases/handle-leak/fopen-missing-fclose.c" "$cases/handle-leak/opendir-early-return.c" .
files=(fopen-missing-fclose.c opendir-early-return.c)
db=(--db "$tmp/db/lifeline.db")

# Run 1.
expect 1 "$lifeline" check "${files[@]}" "${db[@]}" -- -std=gnu17
run1=$(warnings out)
[ "$run1" -ge 3 ] || fail "run 1: expected at least 3 findings, got $run1"

# Fix append_line's leak (close the stream before the return), then run 2.
sed -i 's/^    fputc(.\\n., fp);$/&\n    fclose(fp);/' fopen-missing-fclose.c
[ "$(grep -c 'fclose(fp);' fopen-missing-fclose.c)" -eq 2 ] || fail "the sed fix did not apply"
expect 1 "$lifeline" check "${files[@]}" "${db[@]}" -- -std=gnu17
run2=$(warnings out)
[ "$run2" -eq $((run1 - 1)) ] || fail "run 2: expected $((run1 - 1)) findings, got $run2"

# db runs: two finished full runs.
expect 0 "$lifeline" db runs "${db[@]}"
[ "$(grep -cE '^ +[0-9]+ ' out)" -eq 2 ] || { cat out; fail "db runs: expected 2 runs"; }
grep -qE '^ +1 .* full +1 +'"$run1"' +0 ' out || { cat out; fail "db runs: run 1 row"; }
grep -qE '^ +2 .* full +1 +'"$run2"' +0 ' out || { cat out; fail "db runs: run 2 row"; }
expect 0 "$lifeline" db runs "${db[@]}" --format json
cp out runs.json
[ "$(jget runs.json runs length)" -eq 2 ] || fail "db runs --format json: expected 2 runs"

# db findings: run 1, the latest (run 2), filtered, --new.
expect 0 "$lifeline" db findings --run 1 "${db[@]}"
[ "$(warnings out)" -eq "$run1" ] || fail "db findings --run 1: expected $run1 findings, got $(warnings out)"
expect 0 "$lifeline" db findings "${db[@]}"
[ "$(warnings out)" -eq "$run2" ] || fail "db findings: expected $run2 findings, got $(warnings out)"
expect 0 "$lifeline" db findings --run 1 --rule 'handle-*' --file fopen-missing-fclose.c "${db[@]}"
[ "$(warnings out)" -eq 3 ] || fail "db findings --file: expected 3 findings, got $(warnings out)"
expect 0 "$lifeline" db findings --run 1 --rule 'thread-*' "${db[@]}"
[ "$(warnings out)" -eq 0 ] || fail "db findings --rule 'thread-*': expected none"
expect 0 "$lifeline" db findings --new "${db[@]}"
[ "$(warnings out)" -eq 0 ] || fail "db findings --new: run 2 has nothing new"
expect 2 "$lifeline" db findings --rule no-such-rule "${db[@]}"
grep -q 'matches no rule' err || fail "db findings --rule no-such-rule: $(cat err)"

# db diff: exactly one fixed, nothing new.
expect 0 "$lifeline" db diff 1 2 "${db[@]}"
head -1 out | grep -q ": 0 new, 1 fixed, $run2 unchanged" || { cat out; fail "db diff 1 2"; }
expect 0 "$lifeline" db diff 1 2 --format json "${db[@]}"
cp out diff.json
[ "$(jget diff.json counts fixed)" -eq 1 ] || fail "db diff --format json: fixed"
[ "$(jget diff.json new length)" -eq 0 ] || fail "db diff --format json: new"
[ "$(jget diff.json fixed 0 function)" = append_line ] || fail "db diff --format json: the fixed one"

# db export: the same SARIF results as check --format sarif (run without a database: it would add a run).
expect 0 "$lifeline" db export --format sarif -o export.sarif "${db[@]}"
expect 1 "$lifeline" check "${files[@]}" --no-db --format sarif -o check.sarif -- -std=gnu17
exported=$(jget export.sarif runs 0 results length)
checked=$(jget check.sarif runs 0 results length)
[ "$exported" -eq "$checked" ] || fail "db export: $exported results, check --format sarif: $checked"
[ "$exported" -eq "$run2" ] || fail "db export: $exported results, expected $run2"
expect 0 "$lifeline" db export --format json -o export.json "${db[@]}"
[ "$(jget export.json findings length)" -eq "$run2" ] || fail "db export --format json"

# A database that does not exist is an error, and is not created.
expect 2 "$lifeline" db runs --db "$tmp/nowhere/lifeline.db"
grep -q 'no database at' err || fail "missing database: $(cat err)"
[ ! -e "$tmp/nowhere" ] || fail "db runs created a database"

# baseline save, then check --baseline: nothing to report on the same code...
expect 0 "$lifeline" baseline save -o b.sarif "${db[@]}"
[ "$(jget b.sarif runs 0 results length)" -eq "$run2" ] || fail "baseline save: result count"
expect 0 "$lifeline" check "${files[@]}" --no-db --baseline b.sarif -- -std=gnu17
[ "$(warnings out)" -eq 0 ] || { cat out; fail "check --baseline: expected no findings"; }
# ...and only the leak that comes back once it is undone.
sed -i '/^    fputc(.\\n., fp);$/{n;d}' fopen-missing-fclose.c
expect 1 "$lifeline" check "${files[@]}" --no-db --baseline b.sarif -- -std=gnu17
[ "$(warnings out)" -eq 1 ] || { cat out; fail "check --baseline: expected the one reintroduced leak"; }
grep -q 'fopen-missing-fclose.c:17:' out || { cat out; fail "check --baseline: expected append_line's leak"; }

echo "db commands: $run1 findings in run 1, $run2 in run 2, 1 fixed; export, baseline save and check --baseline agree"
