#!/usr/bin/env bash
# run-samples.sh LIFELINE_BINARY TESTCASES_DIR [FILTER]
#
# Drives the annotated samples through the real lifeline CLI and compares what it reports with what the samples
# expect. Run by ctest (test "samples"); also handy by hand:
#
#   testcases/run-samples.sh build/lifeline testcases                 # everything
#   testcases/run-samples.sh build/lifeline testcases return-local    # only samples whose path contains the filter
#
# Layout of TESTCASES_DIR (unit/, demo/ and fuzz/ are skipped):
#   RULE/NAME.c                  one sample, analysed alone:
#                                  lifeline check FILE --db DB -- -std=gnu17 <check-flags>
#   RULE/xtu-NAME/               a cross-TU sample: several .c (and .h) files plus compile_commands.json.in whose
#                                entries use @DIR@ for the absolute path of this directory; analysed as
#                                  lifeline check -p TMP --db TMP/db
#                                once with the entries in their order and once reversed (the result must not
#                                depend on TU order).
#
# Annotations, in any sample file:
#   `// expect: RULE` on a line where a finding of RULE must be reported (several rules: `// expect: A, B` or
#   several `expect:` comments on the line); every other line must have no finding.
#   In the sample's comment block (the .c file, or for xtu dirs a README or any file of the dir):
#     * check-flags: -DX ...      extra compiler flags (single-file samples only; words, no quoting)
#     * check-known-to-fail       a known analyzer gap: a failure is reported as XFAIL, a pass as XPASS (a failure:
#                                 remove the marker)
#
# A sample passes when the multiset of (file basename, line, rule) from lifeline's text output equals the expected
# one and lifeline exits 0 (nothing expected) or 1 (something expected). Tool notes (`note: ... [lifeline-...]`)
# and step notes are not findings. The last line printed is the summary `N passed, M failed` (the XFAIL count on the line before
# when there are expected failures); the exit status is non-zero when anything failed.
#
# Environment: LIFELINE_SAMPLE_TIMEOUT (seconds per lifeline run, default 120), LIFELINE_SAMPLES_VERBOSE=1 (print
# lifeline's output for passing samples too).
set -u
shopt -u patsub_replacement 2>/dev/null || true # bash 5.2: '&' in ${var//pat/rep} must stay literal
export LC_ALL=C

usage() {
    echo "usage: $0 LIFELINE_BINARY TESTCASES_DIR [FILTER]" >&2
    exit 2
}

if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
lifeline=$1
root=$2
filter=${3:-}
timeout_s=${LIFELINE_SAMPLE_TIMEOUT:-120}
verbose=${LIFELINE_SAMPLES_VERBOSE:-0}

# Absolute paths: lifeline runs with the temporary directory as its working directory.
case $lifeline in
/*) ;;
*/*) lifeline=$PWD/$lifeline ;;
*) lifeline=$(command -v -- "$lifeline" || printf '%s' "$lifeline") ;;
esac
if [ ! -x "$lifeline" ]; then
    echo "run-samples: $lifeline: not an executable file" >&2
    exit 2
fi
if [ ! -d "$root" ]; then
    echo "run-samples: $root: not a directory" >&2
    exit 2
fi
root=$(cd -- "$root" && pwd -P) || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lifeline-samples.XXXXXX") || exit 2
trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 130' INT TERM

have_timeout=0
command -v timeout >/dev/null 2>&1 && have_timeout=1

npass=0
nfail=0
nxfail=0
failed_names=()

# --- helpers --------------------------------------------------------------------------------------------------

# expectations FILE: one "basename<TAB>line<TAB>rule" line per expected finding.
expectations() {
    local base=${1##*/}
    BASE=$base awk '
        {
            s = $0
            c1 = index(s, "//"); c2 = index(s, "/*")
            if (c1 == 0 && c2 == 0) next
            start = (c1 == 0 || (c2 != 0 && c2 < c1)) ? c2 : c1
            s = substr(s, start)
            # (mawk mishandles a repeated group here, so the ", RULE" continuations are taken one at a time)
            while (match(s, /expect:[ \t]*[A-Za-z0-9_.-]+/)) {
                list = substr(s, RSTART + 7, RLENGTH - 7)
                s = substr(s, RSTART + RLENGTH)
                while (match(s, /^[ \t]*,[ \t]*[A-Za-z0-9_.-]+/)) {
                    list = list substr(s, 1, RLENGTH)
                    s = substr(s, RLENGTH + 1)
                }
                gsub(/[ \t]/, "", list)
                n = split(list, rules, ",")
                for (k = 1; k <= n; k++)
                    printf "%s\t%d\t%s\n", ENVIRON["BASE"], NR, rules[k]
            }
        }' "$1"
}

# findings OUTPUT_FILE: the findings in lifeline's text output, in the same shape as expectations. A path without
# ':' is tried first, so that a message quoting "x.c:3:4: warning: ..." cannot be taken for part of the path; the
# column may be missing (the emitter leaves out an unknown column, as compilers do).
findings() {
    local tail_col=':([0-9]+):([0-9]+): (warning|error): .* \[([A-Za-z0-9_.-]+)\]$'
    local tail_nocol=':([0-9]+): (warning|error): .* \[([A-Za-z0-9_.-]+)\]$'
    local res=("^([^:]+)$tail_col" "^([^:]+)$tail_nocol" "^(.+)$tail_col" "^(.+)$tail_nocol")
    local l p re
    while IFS= read -r l || [ -n "$l" ]; do
        l=${l%$'\r'}
        for re in "${res[@]}"; do
            [[ $l =~ $re ]] || continue
            p=${BASH_REMATCH[1]}
            # the rule is the last group: 5 with a column, 4 without
            printf '%s\t%s\t%s\n' "${p##*/}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[${#BASH_REMATCH[@]} - 1]}"
            break
        done
    done <"$1"
}

# known_to_fail FILE...: true when one of the files carries the check-known-to-fail marker.
known_to_fail() {
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        grep -Eq '^[[:space:]]*(\*|//|/\*)?[[:space:]]*check-known-to-fail([[:space:]]|$)' "$f" && return 0
    done
    return 1
}

# run_lifeline OUTBASE ARGS...: runs lifeline in the scratch directory (so nothing it may create lands in the
# source tree), stdout to OUTBASE.out (parsed for findings), stderr to OUTBASE.err; returns its exit status.
run_lifeline() {
    local out=$1
    shift
    local rc
    if [ "$have_timeout" = 1 ]; then
        (cd -- "$tmp" && exec timeout -k 5 "$timeout_s" "$lifeline" "$@") >"$out.out" 2>"$out.err" </dev/null
    else
        (cd -- "$tmp" && exec "$lifeline" "$@") >"$out.out" 2>"$out.err" </dev/null
    fi
    rc=$?
    return $rc
}

# judge EXPECTED_FILE OUTBASE RC: compares; sets judge_ok and judge_report (details of a failure).
judge() {
    local expected=$1 outbase=$2 rc=$3
    local want_rc=0
    [ -s "$expected" ] && want_rc=1
    sort "$expected" >"$outbase.exp"
    findings "$outbase.out" | sort >"$outbase.act"
    local missing unexpected
    missing=$(comm -23 "$outbase.exp" "$outbase.act" | awk -F'\t' '{printf "    missing:    %s:%s %s\n", $1, $2, $3}')
    unexpected=$(comm -13 "$outbase.exp" "$outbase.act" | awk -F'\t' '{printf "    unexpected: %s:%s %s\n", $1, $2, $3}')
    judge_report=""
    judge_ok=1
    if [ -n "$missing" ]; then
        judge_ok=0
        judge_report+="$missing"$'\n'
    fi
    if [ -n "$unexpected" ]; then
        judge_ok=0
        judge_report+="$unexpected"$'\n'
    fi
    if [ "$rc" != "$want_rc" ]; then
        judge_ok=0
        local why=""
        case $rc in
        2) why=" (usage/config error)" ;;
        3) why=" (a translation unit could not be analysed)" ;;
        124 | 137) why=" (timed out after ${timeout_s}s)" ;;
        126 | 127) why=" (could not run lifeline)" ;;
        *) [ "$rc" -gt 128 ] 2>/dev/null && why=" (killed by signal $((rc - 128)))" ;;
        esac
        judge_report+="    exit code:  $rc, expected $want_rc$why"$'\n'
    fi
}

# show_output OUTBASE: lifeline's stdout and stderr, indented, at most 60 lines each.
show_output() {
    local outbase=$1 stream n
    for stream in out err; do
        [ -s "$outbase.$stream" ] || continue
        n=$(wc -l <"$outbase.$stream")
        echo "    --- lifeline std$stream ---"
        head -n 60 "$outbase.$stream" | sed 's/^/    | /'
        [ "$n" -gt 60 ] && echo "    | ... ($((n - 60)) more lines)"
    done
}

# record NAME XFAIL_MARKED OK REPORT: prints the verdict and counts it.
record() {
    local name=$1 marked=$2 ok=$3 report=$4
    if [ "$marked" = 1 ]; then
        if [ "$ok" = 1 ]; then
            echo "XPASS: $name (passes but is marked check-known-to-fail: remove the marker)"
            nfail=$((nfail + 1))
            failed_names+=("$name (XPASS)")
        else
            echo "XFAIL: $name"
            nxfail=$((nxfail + 1))
        fi
    elif [ "$ok" = 1 ]; then
        echo "PASS: $name"
        npass=$((npass + 1))
    else
        echo "FAIL: $name"
        printf '%s' "$report"
        nfail=$((nfail + 1))
        failed_names+=("$name")
    fi
}

# --- single-file samples --------------------------------------------------------------------------------------

run_single() {
    local file=$1 name=$2 id=$3
    local work="$tmp/s$id"
    mkdir -p -- "$work"
    local flags=() line
    while IFS= read -r line; do
        local words=()
        read -r -a words <<<"$line"
        flags+=("${words[@]}")
    done < <(sed -n 's/^[[:space:]]*\*[[:space:]]*check-flags:[[:space:]]*//p' "$file")

    expectations "$file" >"$work/expected"
    local rc
    run_lifeline "$work/run" check "$file" --db "$work/db" -- -std=gnu17 "${flags[@]}"
    rc=$?
    judge "$work/expected" "$work/run" "$rc"
    local marked=0
    known_to_fail "$file" && marked=1
    local report=$judge_report
    if [ "$judge_ok" = 0 ] || [ "$verbose" = 1 ]; then
        local shown
        shown=$(show_output "$work/run")
        [ -n "$shown" ] && report+="$shown"$'\n'
    fi
    [ "$verbose" = 1 ] && [ "$judge_ok" = 1 ] && printf '%s' "$report"
    record "$name" "$marked" "$judge_ok" "$report"
    rm -rf -- "$work"
}

# --- cross-TU samples -----------------------------------------------------------------------------------------

# json_escape STRING: STRING as the inside of a JSON string literal.
json_escape() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\t'/\\t}
    printf '%s' "$s"
}

# reverse_entries IN OUT: writes the JSON array IN with its top-level elements in reverse order. A small string-
# and escape-aware scanner (no jq or python on the target machines); the output has one entry per line.
reverse_entries() {
    awk '
        { buf = buf $0 "\n" }
        END {
            depth = 0; instr = 0; esc = 0; n = 0; cap = 0; cur = ""
            L = length(buf)
            for (i = 1; i <= L; i++) {
                c = substr(buf, i, 1)
                if (instr) {
                    if (cap) cur = cur c
                    if (esc) esc = 0
                    else if (c == "\\") esc = 1
                    else if (c == "\"") instr = 0
                    continue
                }
                if (c == "\"") { instr = 1; if (cap) cur = cur c; continue }
                if (c == "[" || c == "{") {
                    depth++
                    if (depth == 2) { cap = 1; cur = "" }
                    if (cap) cur = cur c
                    continue
                }
                if (c == "]" || c == "}") {
                    if (cap) cur = cur c
                    depth--
                    if (depth == 1 && cap) { item[++n] = cur; cap = 0 }
                    continue
                }
                if (cap) {
                    if (c == "\n" || c == "\t") c = " "
                    cur = cur c
                }
            }
            if (n == 0 || depth != 0 || instr) exit 1
            print "["
            for (k = n; k >= 1; k--) printf "  %s%s\n", item[k], (k > 1 ? "," : "")
            print "]"
        }' "$1" >"$2"
}

# run_xtu_once DIR WORK ORDER: ORDER is "forward" or "reverse"; sets judge_ok / judge_report.
run_xtu_once() {
    local dir=$1 work=$2 order=$3
    local db_dir="$work/$order"
    mkdir -p -- "$db_dir"
    local content esc
    content=$(cat -- "$dir/compile_commands.json.in") || {
        judge_ok=0
        judge_report="    cannot read $dir/compile_commands.json.in"$'\n'
        return
    }
    esc=$(json_escape "$dir")
    content=${content//@DIR@/"$esc"}
    if [ "$order" = forward ]; then
        printf '%s\n' "$content" >"$db_dir/compile_commands.json"
    else
        printf '%s\n' "$content" >"$db_dir/forward.json"
        if ! reverse_entries "$db_dir/forward.json" "$db_dir/compile_commands.json"; then
            judge_ok=0
            judge_report="    cannot parse $dir/compile_commands.json.in as a JSON array of entries"$'\n'
            return
        fi
        rm -f -- "$db_dir/forward.json"
    fi
    local rc
    run_lifeline "$db_dir/run" check -p "$db_dir" --db "$db_dir/db"
    rc=$?
    judge "$work/expected" "$db_dir/run" "$rc"
    if [ "$judge_ok" = 0 ] || [ "$verbose" = 1 ]; then
        local shown
        shown=$(show_output "$db_dir/run")
        [ -n "$shown" ] && judge_report+="$shown"$'\n'
    fi
}

run_xtu() {
    local dir=${1%/} name=$2 id=$3
    local work="$tmp/x$id"
    mkdir -p -- "$work"
    if [ ! -f "$dir/compile_commands.json.in" ]; then
        record "$name" 0 0 "    no compile_commands.json.in in $dir"$'\n'
        return
    fi
    local f files=()
    : >"$work/expected"
    for f in "$dir"/*.c "$dir"/*.h; do
        [ -f "$f" ] || continue
        files+=("$f")
        expectations "$f" >>"$work/expected"
    done
    local marked=0
    known_to_fail "$dir/README" "${files[@]}" && marked=1

    local ok fwd_ok report=""
    run_xtu_once "$dir" "$work" forward
    fwd_ok=$judge_ok
    [ -n "$judge_report" ] && report+="  [entries in order]"$'\n'"$judge_report"
    run_xtu_once "$dir" "$work" reverse
    [ -n "$judge_report" ] && report+="  [entries reversed]"$'\n'"$judge_report"
    ok=$((fwd_ok && judge_ok))
    if [ "$fwd_ok" != "$judge_ok" ]; then
        report+="  (the result depends on the order of the compile_commands.json entries)"$'\n'
    fi
    [ "$verbose" = 1 ] && [ "$ok" = 1 ] && printf '%s' "$report"
    record "$name" "$marked" "$ok" "$report"
    rm -rf -- "$work"
}

# --- main loop ------------------------------------------------------------------------------------------------

id=0
for ruledir in "$root"/*/; do
    [ -d "$ruledir" ] || continue
    rule=${ruledir%/}
    rule=${rule##*/}
    case $rule in unit | demo | fuzz) continue ;; esac
    for f in "$ruledir"*.c; do
        [ -f "$f" ] || continue
        rel=${f#"$root"/}
        [ -n "$filter" ] && [[ $rel != *"$filter"* ]] && continue
        id=$((id + 1))
        run_single "$f" "$rel" "$id"
    done
    for d in "$ruledir"xtu-*/; do
        [ -d "$d" ] || continue
        rel=${d#"$root"/}
        rel=${rel%/}
        [ -n "$filter" ] && [[ $rel != *"$filter"* ]] && continue
        id=$((id + 1))
        run_xtu "${d%/}" "$rel" "$id"
    done
done

if [ "$id" = 0 ]; then
    if [ -n "$filter" ]; then
        echo "run-samples: no samples matching \"$filter\" under $root" >&2
    else
        echo "run-samples: no samples under $root" >&2
    fi
fi
if [ "$nfail" -gt 0 ]; then
    echo "failed samples:"
    printf '  %s\n' "${failed_names[@]}"
fi
# Known gaps get their own line: the closing line keeps the plain `N passed, M failed` form CI tools read.
[ "$nxfail" -gt 0 ] && echo "$nxfail known to fail (XFAIL, marked check-known-to-fail)"
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ] && [ "$id" -gt 0 ]
