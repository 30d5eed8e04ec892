#!/usr/bin/env bash
# ctest: lifeline as a commit gate, end to end, offline. In a throwaway git repository holding a tiny C project (two
# .c files, one header, a compile_commands.json with absolute paths, spaces in the paths) with a full baseline run:
#   1. through the real pre-commit framework, with the hook of the repository's .pre-commit-hooks.yaml (cloned by
#      pre-commit from a local git copy of that file: nothing is downloaded);
#   2. through the plain hook tools/git-pre-commit.
# Each must: (a) refuse a commit adding a FILE* leak, naming handle-leak; (b) accept the fixed file; (c) re-analyse
# the TU that includes a header when only the header changes; (d) let an unrelated change to a file with a finding
# that is in the full run through (only new findings block).
# Usage: check-precommit.sh LIFELINE TESTCASES_DIR
set -euo pipefail
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cases="$(cd "$2" && pwd)"
root="$(cd "$cases/.." && pwd)"

command -v pre-commit >/dev/null 2>&1 || {
    echo "FAIL: pre-commit is not installed (tools/install-deps.sh installs Debian's package)"
    exit 1
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
PATH="$(dirname "$lifeline"):$PATH"
export PATH
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
export HOME="$tmp/home" # no user-wide git or pre-commit configuration (core.hooksPath, templates, signing)
export GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_COLOR=never
unset LIFELINE LIFELINE_BUILD_DIR LIFELINE_DB GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$HOME"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
now_ms() { date +%s%3N; }

proj=""
# A fresh project repository at "$tmp/$1" with the baseline committed and a full run in its database.
make_project() {
    proj="$tmp/$1"
    mkdir -p "$proj/src"
    cd "$proj"
    git init -q .
    git config user.name "lifeline test"
    git config user.email "test@example.invalid"
    git config commit.gpgsign false
    printf '.lifeline/\ncompile_commands.json\n' >.gitignore

    # The header's macro decides whether a.c releases its stream: changing only the header changes a.c's findings.
    cat >src/util.h <<'EOF'
#ifndef UTIL_H
#define UTIL_H
#include <stdio.h>
#define RELEASE_STREAM(f) fclose(f)
int count_lines(const char *path);
#endif
EOF
    cat >src/a.c <<'EOF'
#include "util.h"

int count_lines(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int n = 0;
    for (int c; (c = fgetc(f)) != EOF;)
        n += c == '\n';
    RELEASE_STREAM(f);
    return n;
}
EOF
    # An existing finding (the early return leaks f): in the baseline, so it must not block later commits.
    cat >"src/old code.c" <<'EOF'
#include <stdio.h>
#include "util.h"

long first_byte(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    int c = fgetc(f);
    if (c == EOF)
        return -2;
    fclose(f);
    return c;
}
EOF
    cat >compile_commands.json <<EOF
[
  {"directory": "$proj", "file": "$proj/src/a.c",
   "arguments": ["cc", "-std=c17", "-Isrc", "-c", "$proj/src/a.c", "-o", "a.o"]},
  {"directory": "$proj", "file": "$proj/src/old code.c",
   "arguments": ["cc", "-std=c17", "-Isrc", "-c", "$proj/src/old code.c", "-o", "old.o"]}
]
EOF
    git add -A
    git commit -q -m "baseline"

    set +e
    out="$(lifeline check -p . 2>&1)"
    rc=$?
    set -e
    if [ "$rc" -eq 1 ] && grep -q 'old code.c:.*handle-leak' <<<"$out" && ! grep -q 'src/a.c:' <<<"$out"; then
        ok "$1: full baseline run reports only the existing leak in 'old code.c'"
    else
        fail "$1: baseline run: expected exit 1 with one handle-leak in 'old code.c', got exit $rc:"$'\n'"$out"
    fi
}

# commit_expect NAME 0|fail MESSAGE [PATTERN...]: commit what is staged; check the outcome, and that the output
# matches each extended regex PATTERN (or, for !PATTERN, does not).
commit_expect() {
    local name="$1" want="$2" msg="$3" pat
    shift 3
    local t0 t1 rc
    t0="$(now_ms)"
    set +e
    out="$(git commit -m "$msg" 2>&1)"
    rc=$?
    set -e
    t1="$(now_ms)"
    if { [ "$want" = 0 ] && [ "$rc" -ne 0 ]; } || { [ "$want" = fail ] && [ "$rc" -eq 0 ]; }; then
        fail "$name: git commit exited $rc, expected $([ "$want" = 0 ] && echo success || echo refusal):"$'\n'"$out"
        [ "$rc" -ne 0 ] || git reset -q --soft HEAD~1 # keep the sequence going
        return 0
    fi
    for pat in "$@"; do
        case "$pat" in
            !*) ! grep -qE -- "${pat#!}" <<<"$out" || { fail "$name: output has /${pat#!}/:"$'\n'"$out"; return 0; } ;;
            *) grep -qE -- "$pat" <<<"$out" || { fail "$name: output lacks /$pat/:"$'\n'"$out"; return 0; } ;;
        esac
    done
    ok "$name ($((t1 - t0)) ms for the whole git commit)"
}

add_leak() { # a.c: a second function whose stream is never closed
    cat >>src/a.c <<'EOF'

int has_content(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    return fgetc(f) != EOF;
}
EOF
}
fix_leak() { # the same function, closing it
    python3 - <<'EOF'
import re
p = "src/a.c"
s = open(p).read()
s = s.replace("    return fgetc(f) != EOF;\n}", "    int c = fgetc(f);\n    fclose(f);\n    return c != EOF;\n}")
open(p, "w").write(s)
EOF
}

# The scenario both hooks go through. $1 labels the output.
scenario() {
    local who="$1"
    # (a) a new leak in a.c is refused
    add_leak
    git add src/a.c
    commit_expect "$who (a) new FILE* leak refused" fail "add has_content" 'src/a\.c:[0-9]+:[0-9]+: .*\[handle-leak\]' \
        '!old code\.c:[0-9]+' '!no full run'
    [ "$who" != pre-commit ] || printf '%s\n' "--- the refused commit, as the user sees it:" "$out" "---"

    # (b) the fixed file commits
    fix_leak
    git add src/a.c
    commit_expect "$who (b) fixed file accepted" 0 "add has_content"

    # (c) only the header changes, and that makes a.c leak: a.c's TU must be re-analysed and the commit refused
    sed -i 's/#define RELEASE_STREAM(f) fclose(f)/#define RELEASE_STREAM(f) ((void)(f))/' src/util.h
    git add src/util.h
    commit_expect "$who (c) header-only change re-analyses its includer" fail "header" \
        'src/a\.c:[0-9]+:[0-9]+: .*\[handle-leak\]' '!old code\.c:[0-9]+'
    git reset -q HEAD -- src/util.h
    git checkout -q -- src/util.h
    sed -i 's/^int count_lines/\/* Counts newlines. *\/\nint count_lines/' src/util.h
    git add src/util.h
    commit_expect "$who (c') harmless header change accepted" 0 "header comment"

    # (d) an unrelated change to the file with the baseline's leak (new code above it: its lines move) commits
    python3 - <<'EOF'
p = "src/old code.c"
s = open(p).read()
s = s.replace('#include "util.h"\n', '#include "util.h"\n\nint is_blank(int c) {\n    return c == \' \' || c == \'\\t\';\n}\n', 1)
open(p, "w").write(s)
EOF
    git add "src/old code.c"
    commit_expect "$who (d) unrelated change to a file with an old finding accepted" 0 "is_blank"
    set +e
    lifeline check -p . "src/old code.c" >/dev/null 2>&1
    rc=$?
    set -e
    [ "$rc" -eq 1 ] || fail "$who (d): 'old code.c' should still have its finding without --new (exit $rc)"
}

# Wall-clock time of one command, in ms, into $ms; its exit code into $rc.
timed() {
    local t0 t1
    t0="$(now_ms)"
    set +e
    "$@" >/dev/null 2>&1
    rc=$?
    set -e
    t1="$(now_ms)"
    ms=$((t1 - t0))
}

# --- 1. the pre-commit framework -----------------------------------------------------------------------------------
# A local git repository holding this repository's .pre-commit-hooks.yaml: users' `repo: URL` clones exactly that.
hooks="$tmp/hooks-repo"
mkdir -p "$hooks"
cp "$root/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q .
git -C "$hooks" -c user.name=t -c user.email=t@example.invalid add .pre-commit-hooks.yaml
git -C "$hooks" -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false commit -q -m hooks
rev="$(git -C "$hooks" rev-parse HEAD)"

make_project "framework proj"
cat >.pre-commit-config.yaml <<EOF
repos:
-   repo: $hooks
    rev: $rev
    hooks:
    -   id: lifeline
        args: [-p, .]
EOF
git add .pre-commit-config.yaml
git commit -q -m "pre-commit config"
pre-commit install >/dev/null
[ -x .git/hooks/pre-commit ] || fail "pre-commit install made no hook"
scenario "pre-commit"

# Timing: the hook's changed-file run against the full run, and the parse of the touched TU alone.
echo "// touch" >>src/a.c
timed lifeline check -p . --new src/a.c
partial_ms=$ms partial_rc=$rc
timed lifeline check -p .
full_ms=$ms
timed lifeline check --no-db --parse-only src/a.c -- -std=c17 -Isrc
parse_ms=$ms
git checkout -q -- src/a.c
echo "timing: changed-file run (check -p . --new src/a.c) ${partial_ms} ms (exit $partial_rc); full run ${full_ms} ms;" \
    "parse of src/a.c alone ${parse_ms} ms"
[ "$partial_rc" -eq 0 ] || fail "timed changed-file run exited $partial_rc, expected 0"

# --- 2. the plain git hook -------------------------------------------------------------------------------------------
make_project "plain proj"
ln -s "$root/tools/git-pre-commit" .git/hooks/pre-commit
export LIFELINE_BUILD_DIR=.
scenario "git-pre-commit"

# Without lifeline on PATH the plain hook refuses, saying why.
echo "// touch" >>src/a.c
git add src/a.c
set +e
out="$(LIFELINE="$tmp/no-such-lifeline" git commit -m touch 2>&1)"
rc=$?
set -e
if [ "$rc" -ne 0 ] && grep -q 'not found' <<<"$out"; then ok "git-pre-commit: a missing lifeline executable refuses the commit"; else
    fail "git-pre-commit without lifeline: exit $rc:"$'\n'"$out"
fi
git reset -q --hard
unset LIFELINE_BUILD_DIR

# No full run in the database: the plain hook says how to make one and counts every finding as new.
make_project "nobase proj"
rm -rf .lifeline
ln -s "$root/tools/git-pre-commit" .git/hooks/pre-commit
echo "/* touch */" >>"src/old code.c"
git add "src/old code.c"
LIFELINE_BUILD_DIR=. commit_expect "git-pre-commit without a baseline: existing finding counts as new, hint given" fail \
    "touch" 'old code\.c:[0-9]+:[0-9]+: .*\[handle-leak\]' 'To record the baseline'

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all pre-commit checks passed"
