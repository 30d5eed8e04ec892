#!/usr/bin/env bash
# The README's first command: install what lifeline needs, build it, and run it on the bundled demo project.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh"
"$root/tools/build.sh" build
# The demo's compile_commands.json comes from its own CMake project, as a user's would.
cmake -S "$root/testcases/demo" -B "$root/build/demo" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
echo "== lifeline check -p build/demo"
set +e
"$root/build/lifeline" check -p "$root/build/demo"
rc=$?
set -e
case $rc in
  0) echo "== no findings (exit 0)" ;;
  1) echo "== findings reported (exit 1: findings present, as in CI)" ;;
  *) echo "== lifeline failed (exit $rc)"; exit "$rc" ;;
esac
