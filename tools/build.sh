#!/usr/bin/env bash
# Configures and builds lifeline into a build directory (default build/). Extra arguments go to cmake's configure
# step, e.g. tools/build.sh build-asan -DLIFELINE_SANITIZE=ON.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-build}"
shift || true
case "$dir" in /*) ;; *) dir="$root/$dir" ;; esac
cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
