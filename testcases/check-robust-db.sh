#!/usr/bin/env bash
# ctest: the findings database under stress (README "Robustness"). The database is never left inconsistent, a failing
# database never costs a finding, and every failure is one error line that names the file:
#   1. two `lifeline check` runs on one database at once (cold, then warm): both complete, with the report of a run
#      alone, and both runs' rows whole; a third process holding the write lock for longer than the busy timeout
#      makes a run fail with one line, before it analyses anything;
#   2. a run killed (SIGKILL) at chosen points — LIFELINE_TEST_KILL, store.c's test hook: after the run's row, inside
#      the first TU transaction, after it, in the middle, after the last TU, while copying cached TUs — and at
#      arbitrary times: the database passes PRAGMA integrity_check and foreign_key_check, holds exactly the TU rows
#      committed before the kill, shows the run unfinished, and the next run reports what a clean run does without
#      reusing the killed run's rows; --new still compares with the last finished run;
#   3. a database that cannot be written (file mode 0444, read-only directory — as an unprivileged user, since root
#      ignores modes — and a read-only mount where mounting is allowed): `check` stops with exit 2 before analysing,
#      leaving the file as it was; the `db` queries still read it;
#   4. disk full, mid-run: a tiny tmpfs where mounting is allowed, and RLIMIT_FSIZE everywhere (cold, and warm, where
#      the cache must be given up): exit 2, one error line, every finding still reported; the run stays unfinished
#      and is not reused;
#   5. damaged files (random bytes, text, truncated, pages overwritten): one error line naming the file and --db from
#      `check` and every `db` command, never a crash; an empty file is a new database;
#   6. databases written by the lifeline of schema 1 and of schema 2 (testcases/db-upgrade/, made by its
#      make-fixtures.sh from git history): upgraded in place with every run and finding, shown by `db runs` and
#      `db findings`, their summaries used by a pre-commit run, and `--new` against their last run.
# Usage: check-robust-db.sh LIFELINE TESTCASES_DIR
set -euo pipefail
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cases="$(cd "$2" && pwd)"
tmp="$(mktemp -d)"
cleanup() {
    umount "$tmp/romnt" "$tmp/fullmnt" 2>/dev/null || true
    chmod -R u+w "$tmp" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
export LC_ALL=C
unset LIFELINE_TEST_KILL

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
ok() { echo "ok: $*"; }

# run NAME DB ARGS...: lifeline check -p "$proj" --db DB ARGS; stdout to NAME.out, stderr to NAME.err, the exit code
# to NAME.rc (never fails the script). Environment variables before `run` reach lifeline.
run() {
    local name=$1 db=$2 rc
    shift 2
    set +e
    (cd "$proj" && exec "$lifeline" check -p . --db "$db" "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    set -e
    echo "$rc" >"$tmp/$name.rc"
}
rc() { cat "$tmp/$1.rc"; }

# q DB SQL: one value from the database, through the sqlite3 shell.
q() { sqlite3 -batch "$1" "$2"; }

# errors NAME: the number of "lifeline: error:" lines run NAME printed.
errors() { grep -c '^lifeline: error: ' "$tmp/$1.err" || true; }

# analysed NAME: "A of N" from the cache note of run NAME.
analysed() { sed -n 's/.*note: \([0-9]* of [0-9]*\) TUs analysed.*\[lifeline-cache\]$/\1/p' "$tmp/$1.err"; }

# consistent DB WHAT: integrity and foreign keys hold.
consistent() {
    local integrity fk
    integrity=$(q "$1" 'PRAGMA integrity_check')
    fk=$(q "$1" 'PRAGMA foreign_key_check')
    if [ "$integrity" = ok ] && [ -z "$fk" ]; then ok "$2: integrity_check ok, no foreign key violation"; else
        fail "$2: integrity_check '$integrity', foreign_key_check '$fk'"
    fi
}

# same_report NAME REF WHAT: run NAME printed exactly the findings run REF did.
same_report() {
    if cmp -s "$tmp/$1.out" "$tmp/$2.out" && [ -s "$tmp/$2.out" ]; then ok "$3: the report of a clean run"; else
        fail "$3: the report differs from a clean run's ($(grep -c ': warning: ' "$tmp/$1.out" || true) findings, expected $(grep -c ': warning: ' "$tmp/$2.out" || true))"
        diff "$tmp/$2.out" "$tmp/$1.out" | head -5 || true
    fi
}

# db_findings DB RUN OUT: `db findings` of a run (the latest finished one for RUN "latest") into OUT (absolute
# paths, whatever the directory).
db_findings() {
    local sel=()
    [ "$2" = latest ] || sel=(--run "$2")
    "$lifeline" db findings --db "$1" "${sel[@]}" >"$3" 2>/dev/null || echo "(exit $?)" >>"$3"
}

# one_error NAME PATH WHAT [PATTERN]: run NAME failed with exit 2 and exactly one error line, which names PATH (and
# matches PATTERN).
one_error() {
    local name=$1 path=$2 what=$3 pattern=${4:-}
    if [ "$(rc "$name")" = 2 ] && [ "$(errors "$name")" = 1 ] && grep -q "^lifeline: error: .*$path" "$tmp/$name.err" &&
        { [ -z "$pattern" ] || grep -qE "^lifeline: error: .*($pattern)" "$tmp/$name.err"; }; then
        ok "$what: exit 2, one line: $(grep '^lifeline: error: ' "$tmp/$name.err" | cut -c1-160)"
    else
        fail "$what: expected exit 2 and one error line naming $path${pattern:+ ($pattern)}, got exit $(rc "$name")"
        cat "$tmp/$name.err"
    fi
}

# ---- the projects -------------------------------------------------------------------------------------------------

# make_project DIR RULE_DIR...: copies of the samples of those rule directories, with a compile_commands.json.
make_project() {
    local dir=$1 f sep=''
    shift
    mkdir -p "$dir"
    for d in "$@"; do cp "$cases/$d/"*.c "$dir/"; done
    {
        echo '['
        for f in "$dir"/*.c; do
            printf '%s{"directory": "%s", "file": "%s", "arguments": ["cc", "-std=gnu17", "-I%s/include", "-c", "%s"]}\n' \
                "$sep" "$dir" "$f" "$cases" "$f"
            sep=','
        done
        echo ']'
    } >"$dir/compile_commands.json"
}

# big: 182 TUs, so that two runs started together overlap. small: 23 TUs, for the many runs of the other cases.
big="$tmp/big"
small="$tmp/small"
make_project "$big" handle-leak missing-timeout
make_project "$small" thread-stack-arg
big_files=("$big"/*.c)
small_files=("$small"/*.c)
nbig=${#big_files[@]}
nsmall=${#small_files[@]}

# The reports of clean runs, each on a database of its own.
proj=$big run big-ref "$tmp/big-ref.db" -j2
proj=$small run small-ref "$tmp/small-ref.db" -j2
[ "$(rc big-ref)" = 1 ] && [ "$(rc small-ref)" = 1 ] || { cat "$tmp/big-ref.err" "$tmp/small-ref.err"; echo "FAIL: the reference runs"; exit 1; }
db_findings "$tmp/big-ref.db" latest "$tmp/big-ref.findings"
db_findings "$tmp/small-ref.db" latest "$tmp/small-ref.findings"
# Everything in the main file, which the cases below copy.
q "$tmp/small-ref.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$tmp/small-ref.db-wal" "$tmp/small-ref.db-shm"

# ---- 1. two runs at once ------------------------------------------------------------------------------------------

proj=$big
db="$tmp/concurrent.db"
for round in cold warm; do
    run "$round-a" "$db" -j1 &
    a=$!
    run "$round-b" "$db" -j1 &
    b=$!
    wait $a $b
    for r in a b; do
        if [ "$(rc "$round-$r")" = 1 ] && [ "$(errors "$round-$r")" = 0 ]; then ok "$round run $r at once with another: exit 1"; else
            fail "$round run $r at once with another: exit $(rc "$round-$r")"
            cat "$tmp/$round-$r.err"
        fi
        same_report "$round-$r" big-ref "$round run $r at once with another"
    done
done
consistent "$db" "after two pairs of simultaneous runs"
finished=$(q "$db" 'SELECT count(*) FROM runs WHERE finished_at IS NOT NULL')
[ "$finished" = 4 ] && ok "db runs: the 4 runs finished" || fail "expected 4 finished runs, got $finished"
overlap=$(q "$db" 'SELECT count(*) FROM runs a JOIN runs b ON a.id = 1 AND b.id = 2
                   WHERE b.started_at < a.finished_at AND a.started_at < b.finished_at')
[ "$overlap" = 1 ] && ok "the two cold runs overlapped in time" || fail "the two cold runs did not overlap: the test proves nothing"
interleaved=$(q "$db" 'SELECT (SELECT min(id) FROM tus WHERE run_id = 2) < (SELECT max(id) FROM tus WHERE run_id = 1)
                       AND (SELECT min(id) FROM tus WHERE run_id = 1) < (SELECT max(id) FROM tus WHERE run_id = 2)')
echo "info: the cold runs' TU transactions $([ "$interleaved" = 1 ] && echo interleaved || echo did not interleave)"
for id in 1 2 3 4; do
    n=$(q "$db" "SELECT count(*) FROM tus WHERE run_id = $id")
    [ "$n" = "$nbig" ] || fail "run $id has $n TU rows, expected $nbig"
    db_findings "$db" "$id" "$tmp/concurrent-$id.findings"
    cmp -s "$tmp/concurrent-$id.findings" "$tmp/big-ref.findings" || fail "db findings --run $id differs from a run alone"
done
ok "each run's $nbig TU rows and db findings equal those of a run alone"
[ "$(analysed warm-a)" = "0 of $nbig" ] && [ "$(analysed warm-b)" = "0 of $nbig" ] &&
    ok "the warm runs reused every TU at once" || fail "warm runs analysed $(analysed warm-a) and $(analysed warm-b)"

# Another process holds the write lock past the busy timeout (10 s): one line, before any analysis. The holder keeps
# it until lifeline has given up, and lifeline starts only once the lock is seen held.
proj=$small
lockdb="$tmp/locked.db"
run lock-setup "$lockdb" -j2
mkfifo "$tmp/release"
{
    echo 'BEGIN IMMEDIATE;'
    echo "INSERT INTO runs (started_at) VALUES ('holding the lock');"
    cat "$tmp/release"
    echo 'ROLLBACK;'
} | sqlite3 -batch "$lockdb" &
holder=$!
for _ in $(seq 1 100); do
    sqlite3 -batch "$lockdb" 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null || break
    sleep 0.2
done
run locked "$lockdb" -j2
echo >"$tmp/release"
wait $holder
one_error locked "$lockdb" "a database locked by another process for over 10 s" "locked"
[ ! -s "$tmp/locked.out" ] && ok "locked: nothing analysed, nothing printed" || fail "locked: a report was printed"

# ---- 2. kill -9 -----------------------------------------------------------------------------------------------------

proj=$small
# killed_then_next NAME DB COMMITTED ANALYSED WHAT: run NAME was killed; its database is consistent, its run
# unfinished with COMMITTED TU rows (any number when empty), and the next run reports what a clean run does, with
# ANALYSED ("A of N") TUs analysed: nothing of the killed run is reused.
killed_then_next() {
    local name=$1 db=$2 committed=$3 analysed=$4 what=$5 run_id rows
    if [ "$(rc "$name")" = 137 ]; then ok "$what: killed"; else
        fail "$what: expected death by SIGKILL (137), got exit $(rc "$name")"
        cat "$tmp/$name.err"
    fi
    consistent "$db" "$what"
    run_id=$(q "$db" 'SELECT max(id) FROM runs')
    rows=0
    if [ -z "$run_id" ]; then
        # Killed between creating the schema and recording the run (only a kill at an arbitrary moment lands here).
        [ -z "$committed" ] || fail "$what: no run recorded"
    else
        rows=$(q "$db" "SELECT count(*) FROM tus WHERE run_id = $run_id")
        [ "$(q "$db" "SELECT finished_at IS NULL FROM runs WHERE id = $run_id")" = 1 ] || fail "$what: the killed run is marked finished"
        [ -z "$committed" ] || [ "$rows" = "$committed" ] || fail "$what: $rows TU rows stored, expected $committed"
        (cd "$proj" && "$lifeline" db runs --db "$db") >"$tmp/$name.runs"
        grep -qE "^ +$run_id .*\(did not finish\)$" "$tmp/$name.runs" || { fail "$what: db runs does not show run $run_id unfinished"; cat "$tmp/$name.runs"; }
    fi
    run "$name-next" "$db" -j2
    [ "$(rc "$name-next")" = 1 ] || fail "$what: the next run exited $(rc "$name-next")"
    same_report "$name-next" small-ref "$what, the next run"
    db_findings "$db" latest "$tmp/$name.findings"
    cmp -s "$tmp/$name.findings" "$tmp/small-ref.findings" || fail "$what: db findings after the next run differ"
    [ "$(analysed "$name-next")" = "$analysed" ] ||
        fail "$what: the next run analysed $(analysed "$name-next") TUs, expected $analysed (the killed run's rows are no cache)"
    echo "info: $what: $rows TU rows committed before the kill; next run: $(analysed "$name-next") analysed"
}

for point in after:0 during:1 after:1 during:12 after:12 "after:$nsmall"; do
    name="kill-${point/:/-}"
    db="$tmp/$name.db"
    n=${point#*:}
    case $point in during:*) committed=$((n - 1)) ;; *) committed=$n ;; esac
    LIFELINE_TEST_KILL=$point run "$name" "$db" -j2
    killed_then_next "$name" "$db" "$committed" "$nsmall of $nsmall" "killed at $point"
done

# Killed while a warm run copies cached TUs: the next run reuses the finished run, not the killed one.
db="$tmp/kill-warm.db"
run kill-warm-first "$db" -j2
LIFELINE_TEST_KILL=after:5 run kill-warm "$db" -j2
killed_then_next kill-warm "$db" 5 "0 of $nsmall" "killed while copying cached TUs"

# Killed at arbitrary moments (parsing, analysing or storing, whatever the machine is doing then).
for delay in 0.3 1.2; do
    name="kill-sleep-$delay"
    db="$tmp/$name.db"
    (cd "$proj" && exec "$lifeline" check -p . --db "$db" -j2) >"$tmp/$name.out" 2>"$tmp/$name.err" &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null || true
    set +e
    wait $pid
    echo $? >"$tmp/$name.rc"
    set -e
    if [ "$(rc "$name")" = 1 ]; then
        echo "info: the run finished within $delay s; nothing to check"
        continue
    fi
    if [ "$(q "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'runs'" 2>/dev/null)" = 1 ]; then
        killed_then_next "$name" "$db" "" "$nsmall of $nsmall" "killed after $delay s"
    else
        echo "info: killed after $delay s, before the schema was created"
        consistent "$db" "killed after $delay s"
    fi
done

# --new after a killed run compares with the last finished run: a leak added after it is new even though the killed
# run (which had stored it) got further.
db="$tmp/kill-new.db"
run new-first "$db" -j2
first=${small_files[0]}
cp "$first" "$tmp/first.c.orig"
cat >>"$first" <<'EOF'

#include <stdio.h>
int robust_db_added_leak(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    return fgetc(f);
}
EOF
LIFELINE_TEST_KILL="after:$nsmall" run new-killed "$db" -j2
run new-after "$db" --new -j2
if [ "$(rc new-after)" = 1 ] && [ "$(grep -c ': warning: ' "$tmp/new-after.out")" = 1 ] && grep -q 'handle-leak' "$tmp/new-after.out"; then
    ok "--new after a killed run: exactly the added leak, compared with the finished run"
else
    fail "--new after a killed run: exit $(rc new-after), $(grep -c ': warning: ' "$tmp/new-after.out" || true) findings"
    cat "$tmp/new-after.out" "$tmp/new-after.err"
fi
cp "$tmp/first.c.orig" "$first"

# ---- 3. a database that cannot be written ----------------------------------------------------------------------------

proj=$small
# As an unprivileged user: root writes whatever the mode says. The binary is copied where that user can run it.
chmod 755 "$tmp"
mkdir -p "$tmp/bin"
cp "$lifeline" "$tmp/bin/lifeline"
chmod 755 "$tmp/bin" "$tmp/bin/lifeline"
chmod -R a+rX "$small"
unpriv=()
if [ "$(id -u)" = 0 ]; then
    if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
        unpriv=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        unpriv=(skip)
    fi
fi
# urun NAME ARGS...: the copied lifeline ARGS as that user, in the project directory.
urun() {
    local name=$1 rc
    shift
    set +e
    (cd "$proj" && exec "${unpriv[@]}" "$tmp/bin/lifeline" "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    set -e
    echo "$rc" >"$tmp/$name.rc"
}
# readonly_case NAME DB: check refuses DB with one line and leaves it as it was; the db queries read it.
readonly_case() {
    local name=$1 db=$2 before after
    before=$(md5sum <"$db")
    urun "$name" check -p . --db "$db" -j2
    one_error "$name" "$db" "check on a $name database" "writable|read-only"
    [ ! -s "$tmp/$name.out" ] || fail "$name: check printed a report although it stopped"
    after=$(md5sum <"$db")
    [ "$before" = "$after" ] && ok "$name: the file is unchanged" || fail "$name: check modified the file"
    urun "$name-runs" db runs --db "$db"
    if [ "$(rc "$name-runs")" = 0 ] && grep -qE '^ +1 ' "$tmp/$name-runs.out"; then ok "$name: db runs reads it"; else
        fail "$name: db runs exit $(rc "$name-runs")"
        cat "$tmp/$name-runs.err"
    fi
    urun "$name-findings" db findings --db "$db"
    cmp -s "$tmp/$name-findings.out" "$tmp/small-ref.findings" && ok "$name: db findings reads it" ||
        fail "$name: db findings exit $(rc "$name-findings") $(cat "$tmp/$name-findings.err")"
}
if [ "${unpriv[0]:-}" = skip ]; then
    echo "info: cannot switch to an unprivileged user (setpriv); mode-based read-only cases skipped"
else
    # A 0444 file in a directory the user may write.
    mkdir -p "$tmp/ro-file"
    cp "$tmp/small-ref.db" "$tmp/ro-file/lifeline.db"
    [ "$(id -u)" = 0 ] && chown -R 65534:65534 "$tmp/ro-file"
    chmod 444 "$tmp/ro-file/lifeline.db"
    readonly_case mode-0444 "$tmp/ro-file/lifeline.db"
    # A writable file in a directory the user may not write (SQLite needs PATH-wal and PATH-shm beside it).
    mkdir -p "$tmp/ro-dir"
    cp "$tmp/small-ref.db" "$tmp/ro-dir/lifeline.db"
    [ "$(id -u)" = 0 ] && chown -R 65534:65534 "$tmp/ro-dir"
    chmod 555 "$tmp/ro-dir"
    readonly_case read-only-directory "$tmp/ro-dir/lifeline.db"
    # And a new database in a directory the user may not write.
    urun ro-new check -p . --db "$tmp/ro-dir/new.db" -j2
    one_error ro-new "$tmp/ro-dir/new.db" "a new database in a read-only directory"
    chmod 755 "$tmp/ro-dir"
fi

# mount_run SIZE|ro SCRIPT: runs SCRIPT (bash, with $mnt a fresh tmpfs of that size, or read-only holding $src) where
# mounting is allowed: as root, else in a user namespace. Returns 99 when it is not.
can_mount=none
mkdir -p "$tmp/probe"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$tmp/probe" 2>/dev/null; then
    umount "$tmp/probe"
    can_mount=root
elif unshare -rm sh -c "mount -t tmpfs -o size=64k tmpfs '$tmp/probe'" 2>/dev/null; then
    can_mount=userns
fi
in_mount() {
    local script=$1
    case $can_mount in
    root) bash -c "$script" ;;
    userns) unshare -rm bash -c "$script" ;;
    *) return 99 ;;
    esac
}

# A read-only mount: read-only for root too.
if [ "$can_mount" != none ]; then
    mkdir -p "$tmp/romnt"
    set +e
    in_mount "mount -t tmpfs -o size=4m tmpfs '$tmp/romnt' || exit 1
        cp '$tmp/small-ref.db' '$tmp/romnt/lifeline.db' && mount -o remount,ro '$tmp/romnt' && cd '$proj' || exit 1
        '$lifeline' check -p . --db '$tmp/romnt/lifeline.db' -j2 >'$tmp/ro-mount.out' 2>'$tmp/ro-mount.err'
        echo \$? >'$tmp/ro-mount.rc'
        '$lifeline' db findings --db '$tmp/romnt/lifeline.db' >'$tmp/ro-mount-findings.out' 2>&1 || true
        umount '$tmp/romnt'"
    set -e
    one_error ro-mount "$tmp/romnt/lifeline.db" "check on a read-only mount" "writable|read-only"
    cmp -s "$tmp/ro-mount-findings.out" "$tmp/small-ref.findings" && ok "read-only mount: db findings reads it" ||
        fail "read-only mount: db findings: $(head -3 "$tmp/ro-mount-findings.out")"
else
    echo "info: mounting is not allowed here; the read-only mount and tmpfs disk-full cases are skipped"
fi

# ---- 4. disk full ---------------------------------------------------------------------------------------------------

proj=$small
# full_case NAME DB PATH WHAT PATTERN: run NAME hit a full disk writing PATH (now at DB): one error line, every
# finding, the database consistent with the run unfinished.
full_case() {
    local name=$1 db=$2 path=$3 what=$4 pattern=$5
    one_error "$name" "$path" "$what" "$pattern"
    grep -q 'Every finding is still reported' "$tmp/$name.err" || fail "$what: the error line does not say the findings are complete"
    same_report "$name" small-ref "$what"
    consistent "$db" "$what"
    [ "$(q "$db" 'SELECT count(*) FROM runs WHERE finished_at IS NULL')" -ge 1 ] && ok "$what: the run stays unfinished" ||
        fail "$what: the run is marked finished"
}

if [ "$can_mount" != none ]; then
    mkdir -p "$tmp/fullmnt"
    set +e
    in_mount "mount -t tmpfs -o size=256k tmpfs '$tmp/fullmnt' || exit 1
        cd '$proj'
        '$lifeline' check -p . --db '$tmp/fullmnt/lifeline.db' -j2 >'$tmp/tmpfs-full.out' 2>'$tmp/tmpfs-full.err'
        echo \$? >'$tmp/tmpfs-full.rc'
        cp '$tmp/fullmnt/lifeline.db' '$tmp/tmpfs-full.db'
        [ ! -e '$tmp/fullmnt/lifeline.db-wal' ] || cp '$tmp/fullmnt/lifeline.db-wal' '$tmp/tmpfs-full.db-wal'
        umount '$tmp/fullmnt'"
    set -e
    full_case tmpfs-full "$tmp/tmpfs-full.db" "$tmp/fullmnt/lifeline.db" "a 256 KiB tmpfs filling up" "disk is full"
    run tmpfs-next "$tmp/tmpfs-full.db" -j2
    same_report tmpfs-next small-ref "the run after a full disk"
    [ "$(analysed tmpfs-next)" = "$nsmall of $nsmall" ] || fail "the run after a full disk reused the failed run's rows ($(analysed tmpfs-next))"
fi

# RLIMIT_FSIZE: writes past 160 KiB fail with EFBIG (SIGXFSZ ignored), which SQLite reports as an I/O error. Works
# without privileges. stdout goes through a pipe, which the limit does not apply to.
fsize_run() { # NAME DB KIB ARGS...
    local name=$1 db=$2 kib=$3
    shift 3
    set +e
    (cd "$proj" && trap '' XFSZ && ulimit -f "$kib" && exec "$lifeline" check -p . --db "$db" "$@") 2>"$tmp/$name.err" | cat >"$tmp/$name.out"
    echo "${PIPESTATUS[0]}" >"$tmp/$name.rc"
    set -e
}
fsize_run fsize-cold "$tmp/fsize.db" 160 -j2
full_case fsize-cold "$tmp/fsize.db" "$tmp/fsize.db" "RLIMIT_FSIZE reached on a cold run" "I/O error"
run fsize-next "$tmp/fsize.db" -j2
same_report fsize-next small-ref "the run after RLIMIT_FSIZE"
[ "$(analysed fsize-next)" = "$nsmall of $nsmall" ] || fail "the run after RLIMIT_FSIZE reused the failed run's rows ($(analysed fsize-next))"

# The same in SARIF: every result, and the error as a toolExecutionNotification (on standard output, which the limit
# does not reach).
rm -f "$tmp/fsize-sarif.db"
fsize_run fsize-sarif "$tmp/fsize-sarif.db" 160 -j2 --format sarif
proj=$small run small-ref-sarif "$tmp/small-ref-sarif.db" -j2 --format sarif
sarif_summary() { # FILE: "results N, error notifications naming the database: M"
    local code='
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const inv = s.runs[0].invocations || [];
const notes = inv.flatMap((i) => i.toolExecutionNotifications || []);
const errs = notes.filter((n) => n.level === "error" && /database .*fsize-sarif\.db/.test(n.message.text));
console.log(`results ${s.runs[0].results.length}, error notifications naming the database: ${errs.length}`);'
    if command -v node >/dev/null; then node -e "$code" "$1"; else
        python3 -c '
import json, re, sys
s = json.load(open(sys.argv[1]))
notes = [n for i in s["runs"][0].get("invocations", []) for n in i.get("toolExecutionNotifications", [])]
errs = [n for n in notes if n.get("level") == "error" and re.search(r"database .*fsize-sarif\.db", n["message"]["text"])]
print("results %d, error notifications naming the database: %d" % (len(s["runs"][0]["results"]), len(errs)))' "$1"
    fi
}
want="$(sarif_summary "$tmp/small-ref-sarif.out" | sed 's/: 0$/: 1/')"
got="$(sarif_summary "$tmp/fsize-sarif.out")"
[ "$(rc fsize-sarif)" = 2 ] && [ "$got" = "$want" ] && ok "RLIMIT_FSIZE, SARIF: exit 2, $got" ||
    fail "RLIMIT_FSIZE, SARIF: exit $(rc fsize-sarif), $got (expected $want)"

# A report that cannot be written (standard output on a full device): one line, exit 2; the run is recorded, and
# db findings gives the findings back.
if [ -w /dev/full ]; then
    set +e
    (cd "$proj" && exec "$lifeline" check -p . --db "$tmp/report-full.db" -j2) >/dev/full 2>"$tmp/report-full.err"
    echo $? >"$tmp/report-full.rc"
    set -e
    one_error report-full "cannot write the report" "a report written to a full device" "No space left"
    db_findings "$tmp/report-full.db" latest "$tmp/report-full.findings"
    cmp -s "$tmp/report-full.findings" "$tmp/small-ref.findings" && ok "a report written to a full device: db findings has them all" ||
        fail "a report written to a full device: the run's findings are not in the database"
fi

# Warm: one file changed since a finished run, and the disk fills up while its TU is stored: the cache cannot be
# trusted any more, so everything is analysed again — the report is that of a clean run over the changed tree. The
# limit applies to each file: 64 KiB holds the WAL index (32 KiB) and the run's row, and the changed TU, with 150
# findings and summaries added, needs far more.
first=${small_files[0]}
cp "$first" "$tmp/first.c.orig"
{
    echo '#include <stdio.h>'
    for i in $(seq 1 150); do
        printf 'int robust_db_added_leak_%d(const char *path) {\n    FILE *f = fopen(path, "r");\n' "$i"
        printf '    if (!f) return -1;\n    return fgetc(f);\n}\n'
    done
} >>"$first"
run small-changed-ref "$tmp/small-changed-ref.db" -j2
fsize_run fsize-warm "$tmp/fsize.db" 64 -j2
one_error fsize-warm "$tmp/fsize.db" "RLIMIT_FSIZE reached on a warm run" "I/O error"
same_report fsize-warm small-changed-ref "RLIMIT_FSIZE reached on a warm run"
consistent "$tmp/fsize.db" "RLIMIT_FSIZE reached on a warm run"
cp "$tmp/first.c.orig" "$first"

# ---- 5. damaged files -----------------------------------------------------------------------------------------------

proj=$small
good="$tmp/small-ref.db"
python_or_dd() { # OUT: pages 3.. of the good database with every 997th byte inverted
    if command -v python3 >/dev/null; then
        python3 -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
for i in range(4096 * 2, len(d), 997): d[i] ^= 0xff
open(sys.argv[2], "wb").write(d)' "$good" "$1"
    else
        cp "$good" "$1"
        for off in $(seq 8192 997 $(($(stat -c %s "$good") - 1))); do printf '\377' | dd of="$1" bs=1 seek="$off" conv=notrunc status=none; done
    fi
}
mkdir -p "$tmp/damaged"
head -c 65536 /dev/urandom >"$tmp/damaged/random"
printf 'this is not a database\n' >"$tmp/damaged/text"
head -c 20000 "$good" >"$tmp/damaged/truncated"
head -c 100 "$good" >"$tmp/damaged/truncated-header"
python_or_dd "$tmp/damaged/pages-overwritten"
for kind in random text truncated truncated-header pages-overwritten; do
    db="$tmp/damaged/$kind.db"
    cp "$tmp/damaged/$kind" "$db"
    run "damaged-$kind" "$db" -j2
    if [ "$(rc "damaged-$kind")" = 2 ]; then
        one_error "damaged-$kind" "$db" "check on a $kind database" "--db"
        [ ! -s "$tmp/damaged-$kind.out" ] || same_report "damaged-$kind" small-ref "check on a $kind database"
    else
        fail "check on a $kind database: exit $(rc "damaged-$kind"), expected 2"
        cat "$tmp/damaged-$kind.err"
    fi
    for cmd in "runs" "findings" "findings --run 1" "diff 1 1" "export"; do
        cp "$tmp/damaged/$kind" "$db"
        rm -f "$db-wal" "$db-shm"
        name="damaged-$kind-db-${cmd// /-}"
        set +e
        (cd "$proj" && exec "$lifeline" db $cmd --db "$db") >"$tmp/$name.out" 2>"$tmp/$name.err"
        echo $? >"$tmp/$name.rc"
        set -e
        # Damage SQLite never reads (pages of tables the query does not touch) cannot be noticed, and is not an
        # error; everything else must be one line.
        case "$(rc "$name")" in
        0) [ "$kind" = pages-overwritten ] || fail "db $cmd on a $kind database: exit 0" ;;
        2) [ "$(errors "$name")" = 1 ] && grep -q -- "$db.*--db" "$tmp/$name.err" ||
            { fail "db $cmd on a $kind database: not one line naming the file and --db"; cat "$tmp/$name.err"; } ;;
        *) fail "db $cmd on a $kind database: exit $(rc "$name")"; cat "$tmp/$name.err" ;;
        esac
    done
    ok "db runs, findings, diff, export on a $kind database: one line each, no crash"
done
baseline_db="$tmp/damaged/text.db"
cp "$tmp/damaged/text" "$baseline_db"
set +e
(cd "$proj" && exec "$lifeline" baseline save --db "$baseline_db") >/dev/null 2>"$tmp/damaged-baseline.err"
echo $? >"$tmp/damaged-baseline.rc"
set -e
one_error damaged-baseline "$baseline_db" "baseline save on a text file" "--db"
: >"$tmp/damaged/empty.db"
run damaged-empty "$tmp/damaged/empty.db" -j2
[ "$(rc damaged-empty)" = 1 ] && ok "an empty file is a new database" || fail "an empty file: exit $(rc damaged-empty)"

# ---- 6. databases of older schemas ------------------------------------------------------------------------------------

for version in 1 2; do
    proj="$tmp/upgrade-$version"
    mkdir -p "$proj"
    cp "$cases/db-upgrade/src/"*.c "$cases/db-upgrade/src/"*.h "$proj/"
    sed "s|@DIR@|$proj|g" "$cases/db-upgrade/src/compile_commands.json.in" >"$proj/compile_commands.json"
    # The tree as the fixture's last full run saw it: track() fixed.
    sed -i 's|^    g_last = &c;.*|    g_last = \&c;\n    g_last = NULL;|' "$proj/main.c"
    db="$proj/lifeline.db"
    sed "s|@DIR@|$proj|g" "$cases/db-upgrade/schema-$version.sql" | sqlite3 -batch "$db"
    [ "$(q "$db" 'PRAGMA user_version')" = "$version" ] || { fail "schema-$version.sql did not load"; continue; }
    runs_before=$(q "$db" 'SELECT count(*) FROM runs')
    findings_before=$(q "$db" 'SELECT group_concat(run_id || ":" || rule || ":" || fingerprint, " ") FROM
                               (SELECT * FROM findings ORDER BY run_id, fingerprint)')
    last_full=$(q "$db" 'SELECT max(id) FROM runs WHERE finished_at IS NOT NULL AND id <= 2')
    expected_last=$(q "$db" "SELECT findings FROM runs WHERE id = $last_full")

    # db runs upgrades it (it can write it) and shows every run.
    (cd "$proj" && "$lifeline" db runs --db "$db") >"$tmp/up-$version-runs.out" 2>&1 || fail "schema $version: db runs failed"
    [ "$(q "$db" 'PRAGMA user_version')" = 3 ] && ok "schema $version: upgraded to 3" || fail "schema $version: not upgraded"
    consistent "$db" "schema $version upgraded"
    [ "$(grep -cE '^ +[0-9]+ ' "$tmp/up-$version-runs.out")" = "$runs_before" ] &&
        ok "schema $version: db runs shows its $runs_before runs" || { fail "schema $version: db runs"; cat "$tmp/up-$version-runs.out"; }
    [ "$(q "$db" "SELECT count(*) FROM runs WHERE scope = 'full'")" -ge 2 ] || fail "schema $version: runs not full"
    findings_after=$(q "$db" 'SELECT group_concat(run_id || ":" || rule || ":" || fingerprint, " ") FROM
                              (SELECT * FROM findings ORDER BY run_id, fingerprint)')
    [ "$findings_before" = "$findings_after" ] && ok "schema $version: every finding kept" || fail "schema $version: findings changed"
    for id in $(q "$db" 'SELECT id FROM runs'); do
        want=$(q "$db" "SELECT count(*) FROM findings WHERE run_id = $id AND suppressed = 0")
        got=$( (cd "$proj" && "$lifeline" db findings --db "$db" --run "$id") | grep -c ': warning: ' || true)
        [ "$got" = "$want" ] || fail "schema $version: db findings --run $id shows $got findings, expected $want"
    done
    ok "schema $version: db findings shows each old run's findings"
    # The old summaries serve a pre-commit run: registry_keep (in registry.c, not analysed) keeps its argument.
    if [ "$version" = 2 ]; then
        run "up-$version-precommit" "$db" main.c
        grep -q "main.c:.*via 'registry_keep'" "$tmp/up-$version-precommit.out" &&
            ok "schema $version: a pre-commit run uses the old run's summary of registry_keep" ||
            { fail "schema $version: the cross-TU finding through the stored summary is missing"; cat "$tmp/up-$version-precommit.out"; }
    fi
    # --new against the old last full run: nothing on the same tree, then exactly a leak added.
    run "up-$version-new" "$db" --new
    if [ "$version" = 1 ]; then
        # Schema 1's lifeline had only stack-address-escape: log_line's handle-leak is new to it.
        [ "$(grep -c ': warning: ' "$tmp/up-$version-new.out")" = 1 ] && grep -q 'handle-leak' "$tmp/up-$version-new.out" &&
            ok "schema $version: --new reports only what the old lifeline could not find" ||
            { fail "schema $version: --new against the old run"; cat "$tmp/up-$version-new.out"; }
    else
        [ "$(rc "up-$version-new")" = 0 ] && [ ! -s "$tmp/up-$version-new.out" ] &&
            ok "schema $version: --new against the old run: nothing new ($expected_last findings known)" ||
            { fail "schema $version: --new against the old run (exit $(rc "up-$version-new"))"; cat "$tmp/up-$version-new.out"; }
    fi
    cat >>"$proj/registry.c" <<'EOF'

void registry_added(void) {
    char added[4] = "y";
    registry_keep(added);
}
EOF
    run "up-$version-new2" "$db" --new
    [ "$(grep -c ': warning: ' "$tmp/up-$version-new2.out")" = 1 ] &&
        grep -q "registry.c:.*'added'" "$tmp/up-$version-new2.out" &&
        ok "schema $version: --new reports the added escape" ||
        { fail "schema $version: --new after an added escape"; cat "$tmp/up-$version-new2.out"; }
    consistent "$db" "schema $version after new runs"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "robust db: concurrent runs, kills, read-only, disk full, damaged files and schema upgrades all hold"
