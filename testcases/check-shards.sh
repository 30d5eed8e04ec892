#!/usr/bin/env bash
# check-shards.sh LIFELINE TESTCASES_DIR
#
# ctest: sharded analysis (README "Sharding") finds exactly what one unsharded run finds. For each project — every
# cross-TU sample directory (RULE/xtu-*/, its own project: different directories define functions of the same name,
# and external functions' USRs are name-based) and one project of 31 single-file samples chosen so that no two define
# the same external symbol; each copied to P/src with the stub headers, so that the TUs' paths relative to
# P/compile_commands.json, and so their shards, are the same on every machine — it runs
#   U:    lifeline check -p P                                                      (unsharded)
# and for N = 2 and N = 3 the CI recipe:
#   round 1: lifeline summarize -p P --shard K/N --db s1-K.db        for each K;  db merge s1-* -o m1.db
#   round 2: cp m1.db s2-K.db; lifeline summarize ... --db s2-K.db   for each K;  db merge s2-* -o m2.db
#   check:   cp m2.db c-K.db;  lifeline check -p P --shard K/N --db c-K.db          for each K;  db merge c-* -o final.db
# and requires the union of the shards' findings (file:line:rule, from their text output and from `db findings` on
# final.db, whose latest run combines the shards) to equal U. It also says how many summaries the second round
# changed (db merge m1.db m2.db compares them), and for those projects whether a check after one round would have
# missed or added findings. Projects run LIFELINE_SHARDS_JOBS (default 2) at a time. Then: --shard syntax errors, summarize refusing report options, db merge refusing an
# existing output or a file that is not a database, and the shard of a file not depending on the checkout path.
set -uo pipefail
shopt -u patsub_replacement 2>/dev/null || true
export LC_ALL=C

if [ $# -ne 2 ]; then
    echo "usage: $0 LIFELINE TESTCASES_DIR" >&2
    exit 2
fi
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cases="$(cd "$2" && pwd -P)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/lifeline-shards.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT
cd "$tmp" || exit 2

nfail=0
fail() {
    echo "FAIL: $*"
    nfail=$((nfail + 1))
}

# ll OUTBASE ARGS...: runs lifeline, stdout to OUTBASE.out, stderr to OUTBASE.err; returns its exit status.
ll() {
    local out=$1
    shift
    "$lifeline" "$@" >"$out.out" 2>"$out.err" </dev/null
}

# want RC_LIST OUTBASE DESC ARGS...: runs lifeline and fails (showing its stderr) unless it exits with one of the
# comma-separated codes.
want() {
    local codes=$1 out=$2 desc=$3 rc
    shift 3
    ll "$out" "$@"
    rc=$?
    # A sanitizer build reports through stderr and exit code 1, which would pass for "findings".
    if grep -qE 'runtime error:|AddressSanitizer|LeakSanitizer' "$out.err"; then
        fail "$desc: sanitizer report"
        sed 's/^/    | /' "$out.err" | head -20
        return 1
    fi
    case ",$codes," in *",$rc,"*) return 0 ;; esac
    fail "$desc: exit $rc, expected $codes"
    sed 's/^/    | /' "$out.err" | head -20
    return 1
}

# findings FILE...: "path:line:rule" of every finding in lifeline's text output, sorted, each once (a header's
# finding is reported by every shard that includes it).
findings() {
    cat -- "$@" | sed -nE 's/^(.+):([0-9]+)(:[0-9]+)?: (warning|error): .* \[([A-Za-z0-9_.-]+)\]$/\1:\2:\5/p' | sort -u
}

json_escape() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '%s' "$s"
}

# --- the projects ---------------------------------------------------------------------------------------------

projects=()
for d in "$cases"/*/xtu-*/; do
    [ -f "$d/compile_commands.json.in" ] || continue
    d=${d%/}
    name=${d#"$cases"/}
    # A known gap, kept visible rather than deleted (like check-known-to-fail in the samples).
    if grep -qs 'check-shards-known-to-differ' "$d"/README "$d"/*.c; then
        echo "XFAIL: $name (check-shards-known-to-differ)"
        continue
    fi
    p="$tmp/p${#projects[@]}"
    mkdir -p "$p/src/$name"
    cp -R "$d/." "$p/src/$name/"
    cp -R "$cases/include" "$p/src/include"
    content=$(cat -- "$d/compile_commands.json.in")
    esc=$(json_escape "$p/src/$name")
    printf '%s\n' "${content//@DIR@/"$esc"}" >"$p/compile_commands.json"
    projects+=("$name=$p")
done

singles=(
    handle-double-release/close-error-branch-falls-through.c handle-double-release/constant-condition-double.c
    handle-double-release/fclose-twice.c handle-leak/accept-too-many-clients.c
    handle-leak/acquire-wrapper-leaked-by-caller.c handle-leak/cleanup-attribute-wrong-function.c
    handle-mismatched-release/addrinfo-released-with-free.c handle-mismatched-release/dir-and-file-cast-swapped.c
    handle-mismatched-release/file-released-with-free.c handle-use-after-release/constant-condition-release.c
    handle-use-after-release/library-use-after-release.c handle-use-after-release/clean-alias-reassigned-before-use.c
    missing-timeout/curl-acquire-wrapper-unbounded.c missing-timeout/curl-configure-helper-no-timeout.c
    missing-timeout/curl-connect-timeout-only.c missing-timeout/clean-cond-wait-queue.c
    shared-session/args-elements-share-one-handle.c shared-session/creator-adds-while-multi-runs.c
    shared-session/creator-uses-before-join.c stack-address-escape/call-keeping-callee-into-param.c
    stack-address-escape/call-keeping-callee-two-levels.c stack-address-escape/clean-alloca-local-use.c
    suppressions/nolint-begin-end.c suppressions/nolint-begin-unmatched.c thread-not-joined/conditional-join.c
    thread-not-joined/create-loop-fails-midway.c thread-not-joined/detach-on-one-path.c
    thread-not-joined/clean-attr-through-pointer.c thread-stack-arg/detached-attr-local-arg.c
    thread-stack-arg/detached-thread-local-arg.c thread-stack-arg/early-return-between-loops.c
)

# singles_compdb DIR SRC_ROOT: compile_commands.json in DIR for the single-file samples under SRC_ROOT.
singles_compdb() {
    local dir=$1 root=$2 f first=1 flags words w args
    mkdir -p "$dir"
    {
        echo "["
        for f in "${singles[@]}"; do
            [ -f "$root/$f" ] || continue
            args="\"cc\", \"-std=gnu17\""
            flags=$(sed -n 's/^[[:space:]]*\*[[:space:]]*check-flags:[[:space:]]*//p' "$root/$f")
            read -r -a words <<<"$flags"
            for w in "${words[@]}"; do args+=", \"$(json_escape "$w")\""; done
            [ $first = 1 ] || echo ","
            first=0
            printf '  {"directory": "%s", "arguments": [%s, "-c", "%s"], "file": "%s"}' \
                "$(json_escape "$(dirname "$root/$f")")" "$args" "$(json_escape "$root/$f")" \
                "$(json_escape "$root/$f")"
        done
        echo
        echo "]"
    } >"$dir/compile_commands.json"
}
# copy_singles DIR: the single-file samples and the stub headers under DIR.
copy_singles() {
    local f
    mkdir -p "$1"
    for f in "${singles[@]}"; do
        [ -f "$cases/$f" ] || continue
        mkdir -p "$1/$(dirname "$f")"
        cp "$cases/$f" "$1/$f"
    done
    cp -R "$cases/include" "$1/include"
}
nsingles=0
for f in "${singles[@]}"; do [ -f "$cases/$f" ] && nsingles=$((nsingles + 1)); done
if [ "$nsingles" -ge 2 ]; then
    copy_singles "$tmp/singles/src"
    singles_compdb "$tmp/singles" "$tmp/singles/src"
    projects+=("single-file samples ($nsingles TUs)=$tmp/singles")
else
    fail "fewer than 2 of the listed single-file samples exist under $cases"
fi
[ "${#projects[@]}" -ge 5 ] || fail "found only ${#projects[@]} projects under $cases"

# --- sharded == unsharded -------------------------------------------------------------------------------------

# Each project writes its verdicts to P/log ("FAIL: ..." lines and notes) and P/stats (checked, round-2 and
# round-1-differs counts), so projects can run in parallel.
# sharded NAME P N: the recipe above with N shards; compares with $P/U.
sharded() {
    local name=$1 p=$2 n=$3 k w="$2/n$3" changed
    mkdir -p "$w"
    local s1=() s2=() cs=()
    for k in $(seq 1 "$n"); do
        want 0 "$w/sum1-$k" "$name: summarize --shard $k/$n" summarize -p "$p" --shard "$k/$n" --db "$w/s1-$k.db" ||
            return
        [ -s "$w/sum1-$k.out" ] && fail "$name: summarize --shard $k/$n printed something on stdout"
        s1+=("$w/s1-$k.db")
    done
    want 0 "$w/merge1" "$name N=$n: db merge (round 1)" db merge "${s1[@]}" -o "$w/m1.db" || return
    for k in $(seq 1 "$n"); do
        cp "$w/m1.db" "$w/s2-$k.db"
        want 0 "$w/sum2-$k" "$name: summarize --shard $k/$n (round 2)" summarize -p "$p" --shard "$k/$n" \
            --db "$w/s2-$k.db" || return
        s2+=("$w/s2-$k.db")
    done
    want 0 "$w/merge2" "$name N=$n: db merge (round 2)" db merge "${s2[@]}" -o "$w/m2.db" || return
    # How many summaries the second round changed: db merge counts the USRs whose summaries differ.
    want 0 "$w/cmp" "$name N=$n: db merge m1 m2" db merge "$w/m1.db" "$w/m2.db" -o "$w/cmp.db" || return
    changed=$(sed -nE 's/.*\(([0-9]+) USRs with differing summaries.*/\1/p' "$w/cmp.err")
    [ -n "$changed" ] || {
        fail "$name N=$n: db merge printed no summary count"
        changed=0
    }
    for k in $(seq 1 "$n"); do
        cp "$w/m2.db" "$w/c-$k.db"
        want 0,1 "$w/check-$k" "$name: check --shard $k/$n" check -p "$p" --shard "$k/$n" --db "$w/c-$k.db" || return
        cs+=("$w/c-$k.db")
    done
    findings "$w"/check-*.out >"$w/S"
    if ! cmp -s "$p/U" "$w/S"; then
        fail "$name N=$n: the shards' findings differ from the unsharded run's (< unsharded, > sharded)"
        diff "$p/U" "$w/S" | sed 's/^/    /'
    fi
    want 0 "$w/merge3" "$name N=$n: db merge (check dbs)" db merge "${cs[@]}" -o "$w/final.db" || return
    want 0 "$w/final" "$name N=$n: db findings on the merged database" db findings --db "$w/final.db" || return
    findings "$w/final.out" >"$w/D"
    if ! cmp -s "$p/U" "$w/D"; then
        fail "$name N=$n: db findings of the merged check databases differ from the unsharded run (< unsharded, > db)"
        diff "$p/U" "$w/D" | sed 's/^/    /'
    fi
    echo "checked" >>"$p/stats"
    if [ "$changed" != 0 ]; then
        echo "round2" >>"$p/stats"
        # Would one round have been enough? (informational)
        for k in $(seq 1 "$n"); do
            cp "$w/m1.db" "$w/r1-$k.db"
            ll "$w/r1check-$k" check -p "$p" --shard "$k/$n" --db "$w/r1-$k.db"
        done
        findings "$w"/r1check-*.out >"$w/R1"
        cmp -s "$p/U" "$w/R1" || echo "round1-differs $name N=$n" >>"$p/stats"
        echo "  $name N=$n: round 2 changed $changed summaries"
    fi
}

project() {
    local name=$1 p=$2 n
    : >"$p/stats"
    want 0,1 "$p/u" "$name: unsharded check" check -p "$p" --db "$p/u.db" || return
    findings "$p/u.out" >"$p/U"
    for n in 2 3; do sharded "$name" "$p" "$n"; done
}

jobs_max=${LIFELINE_SHARDS_JOBS:-2}
running=0
for entry in "${projects[@]}"; do
    if [ "$running" -ge "$jobs_max" ]; then
        wait -n
        running=$((running - 1))
    fi
    project "${entry%%=*}" "${entry#*=}" >"${entry#*=}/log" 2>&1 &
    running=$((running + 1))
done
wait
nchecked=0
nround2=0
round1_differs=()
for entry in "${projects[@]}"; do
    p=${entry#*=}
    cat "$p/log"
    nfail=$((nfail + $(grep -c '^FAIL: ' "$p/log")))
    nchecked=$((nchecked + $(grep -c '^checked$' "$p/stats")))
    nround2=$((nround2 + $(grep -c '^round2$' "$p/stats")))
    while read -r tag rest; do
        [ "$tag" = round1-differs ] && round1_differs+=("$rest")
    done <"$p/stats"
done

# --shard 1/1 is the whole project, recorded as a full run.
p=$tmp/singles
if [ -d "$p" ]; then
    want 0,1 "$p/one" "--shard 1/1" check -p "$p" --shard 1/1 --db "$p/one.db" &&
        { findings "$p/one.out" | cmp -s - "$p/U" || fail "--shard 1/1 differs from the unsharded run"; }
    want 0 "$p/one-runs" "db runs" db runs --db "$p/one.db" &&
        { grep -qE '^ +1 .* full ' "$p/one-runs.out" || fail "--shard 1/1: the run is not recorded as full"; }
    # A shard of N > 1 is a partial run; the merge of all N shards is full, of some of them partial.
    w=$p/n3
    if [ -f "$w/c-1.db" ]; then
        want 0 "$w/partial" "db merge of 2 of 3 shards" db merge "$w/c-1.db" "$w/c-2.db" -o "$w/two.db"
        grep -q 'partial scope' "$w/partial.err" || fail "db merge of shards 1 and 2 of 3: combined run not partial"
        grep -q 'full scope' "$w/merge3.err" || fail "db merge of all 3 shards: combined run not full"
        want 0 "$w/runs" "db runs on a shard database" db runs --db "$w/c-1.db" &&
            { grep -qE ' partial .*--shard 1/3' "$w/runs.out" || fail "a sharded check run is not recorded as partial"; }
        # The merged database exports one SARIF log with every result (suppressed ones included) of the unsharded
        # run's.
        want 0 "$w/sarif" "db export of the merged database" db export --db "$w/final.db" -o "$w/all.sarif"
        want 0 "$w/usarif" "db export of the unsharded run" db export --db "$p/u.db" -o "$w/u.sarif"
        results=$(grep -c '"ruleId"' "$w/all.sarif" || true)
        expected=$(grep -c '"ruleId"' "$w/u.sarif" || true)
        [ "$results" -eq "$expected" ] && [ "$results" -gt 0 ] ||
            fail "db export of the merged database: $results results, the unsharded run's has $expected"
        # The merged database works as --db for a later check (and a shard's summaries, merged, for --new).
        cp "$w/final.db" "$w/again.db"
        want 0,1 "$w/again" "check with the merged database" check -p "$p" --db "$w/again.db" --new &&
            { [ -z "$(findings "$w/again.out")" ] || fail "check --new against the merged full run reported findings"; }
    fi
fi

# --- usage errors ---------------------------------------------------------------------------------------------

p=$tmp/p0
for bad in 0/2 3/2 1/0 x 2 1/2/3 -1/2 " 1/2" 1/2x 99999/100000; do
    want 2 "$tmp/bad" "--shard '$bad'" check -p "$p" --shard "$bad" --no-db &&
        { grep -q -- "--shard" "$tmp/bad.err" || fail "--shard '$bad': the message does not name --shard"; }
    [ -s "$tmp/bad.out" ] && fail "--shard '$bad': printed findings"
done
want 2 "$tmp/bad" "--shard without a value" check -p "$p" --shard
want 2 "$tmp/bad" "summarize --shard 4/3" summarize -p "$p" --shard 4/3 --db "$tmp/x.db"
want 2 "$tmp/bad" "summarize --format sarif" summarize -p "$p" --format sarif --db "$tmp/x.db" &&
    { grep -q 'summarize does not take' "$tmp/bad.err" || fail "summarize --format: unclear message"; }
want 2 "$tmp/bad" "summarize --no-db" summarize -p "$p" --no-db
want 2 "$tmp/bad" "summarize without a project" summarize --shard 1/2
[ -e "$tmp/x.db" ] && fail "a refused summarize created its database"

echo "not a database" >"$tmp/text.db"
if [ -f "$p/u.db" ]; then
    cp "$p/u.db" "$tmp/existing.db"
    before=$(cksum <"$tmp/existing.db")
    want 2 "$tmp/bad" "db merge onto an existing file" db merge "$p/u.db" -o "$tmp/existing.db" &&
        { grep -q 'already exists' "$tmp/bad.err" || fail "db merge onto an existing file: unclear message"; }
    [ "$(cksum <"$tmp/existing.db")" = "$before" ] || fail "db merge changed an existing output"
    want 2 "$tmp/bad" "db merge of a text file" db merge "$p/u.db" "$tmp/text.db" -o "$tmp/out.db" &&
        { grep -q 'not a SQLite database' "$tmp/bad.err" || fail "db merge of a text file: unclear message"; }
    want 2 "$tmp/bad" "db merge of a missing file" db merge "$p/u.db" "$tmp/missing.db" -o "$tmp/out.db"
    want 2 "$tmp/bad" "db merge without -o" db merge "$p/u.db"
    want 2 "$tmp/bad" "db merge without inputs" db merge -o "$tmp/out.db"
    [ -e "$tmp/out.db" ] && fail "a failed db merge left its output behind"
    ls "$tmp"/out.db.merging-* >/dev/null 2>&1 && fail "a failed db merge left its temporary file behind"
fi

# --- a TU's shard does not depend on the checkout path ------------------------------------------------------------

for co in "$tmp/co1" "$tmp/elsewhere/deeper/co2"; do
    copy_singles "$co/src"
    singles_compdb "$co/build" "$co/src"
    for k in 1 2 3; do
        ll "$co/k$k" check -p "$co/build" --shard "$k/3" --no-db
        findings "$co/k$k.out" | sed "s#^$co/src/##" >"$co/k$k.rel"
    done
done
for k in 1 2 3; do
    cmp -s "$tmp/co1/k$k.rel" "$tmp/elsewhere/deeper/co2/k$k.rel" ||
        fail "shard $k/3 analyses different files in two checkouts of the same tree"
done
[ -s "$tmp/co1/k1.rel" ] && [ -s "$tmp/co1/k2.rel" ] && [ -s "$tmp/co1/k3.rel" ] ||
    fail "one of the 3 shards of $nsingles single-file samples found nothing (unbalanced?)"

echo "sharded == unsharded: $nchecked project shardings checked (${#projects[@]} projects, N = 2 and 3)"
echo "the second summarize round changed summaries in $nround2 of them"
if [ "${#round1_differs[@]}" -gt 0 ]; then
    echo "one round would not have been enough for: ${round1_differs[*]}"
else
    echo "one round would have been enough for all of them"
fi
if [ "$nfail" -gt 0 ]; then
    echo "$nfail failures"
    exit 1
fi
echo "PASS"
