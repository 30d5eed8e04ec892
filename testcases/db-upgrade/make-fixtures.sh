#!/usr/bin/env bash
# make-fixtures.sh — how schema-1.sql and schema-2.sql were made: databases written by the lifeline of an older
# schema, which testcases/check-robust-db.sh loads and upgrades. Not run by the tests (it builds two lifelines from
# git history, a few minutes); run it again only to regenerate the fixtures, from a git checkout:
#   testcases/db-upgrade/make-fixtures.sh [WORK_DIR]
# For each schema, it builds lifeline as it was at the last commit with that schema version, runs it on a copy of
# src/ (the runs below), and dumps the database as SQL with the copy's directory written @DIR@ and the binary's
# path `lifeline`; `PRAGMA user_version` (which .dump leaves out) is added to the dump.
#   schema 1 (commit 8be9c18): run 1 (check -p); track() fixed; run 2 (check -p)
#   schema 2 (commit c5d1d8b): the same two runs, then run 3, a pre-commit run (check -p DIR main.c, scope partial)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
jobs=$(($(nproc) < 2 ? $(nproc) : 2))

make_fixture() { # VERSION COMMIT
    local version=$1 commit=$2 dir="$work/v$1"
    rm -rf "$dir"
    mkdir -p "$dir/src" "$dir/project"
    git -C "$repo" archive "$commit" | tar -x -C "$dir/src"
    cmake -S "$dir/src" -B "$dir/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$dir/build" -j"$jobs" --target lifeline >/dev/null
    cp "$here/src/"*.c "$here/src/"*.h "$dir/project/"
    sed "s|@DIR@|$dir/project|g" "$here/src/compile_commands.json.in" >"$dir/project/compile_commands.json"
    local lifeline="$dir/build/lifeline" db="$dir/project/lifeline.db"
    (cd "$dir/project" && "$lifeline" check -p . --db "$db" || [ $? -eq 1 ])
    sed -i 's|^    g_last = &c;.*|    g_last = \&c;\n    g_last = NULL;|' "$dir/project/main.c"
    (cd "$dir/project" && "$lifeline" check -p . --db "$db" || [ $? -eq 1 ])
    if [ "$version" -ge 2 ]; then
        (cd "$dir/project" && "$lifeline" check -p . main.c --db "$db" || [ $? -eq 1 ])
    fi
    [ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$version" ] || { echo "not a schema $version database" >&2; exit 1; }
    {
        echo "-- A lifeline database of schema $version, written by lifeline at commit $commit (make-fixtures.sh)."
        echo "-- Load it with: sed \"s|@DIR@|\$project|g\" schema-$version.sql | sqlite3 DB"
        sqlite3 "$db" .dump | sed '/^COMMIT;$/d'
        echo "PRAGMA user_version = $version;"
        echo "COMMIT;"
    } | sed -e "s|$dir/project|@DIR@|g" -e "s|$lifeline|lifeline|g" >"$here/schema-$version.sql"
}

make_fixture 1 8be9c18
make_fixture 2 c5d1d8b
