#!/usr/bin/env bash
# ctest: `lifeline lsp` end to end with a real client — Neovim's built-in LSP client, headless (testcases/lsp/e2e.lua).
# Neovim 0.7 or later is required (tools/install-deps.sh installs Debian's neovim); without it the test fails.
# Usage: check-lsp.sh LIFELINE TESTCASES_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 LIFELINE TESTCASES_DIR" >&2; exit 2; }
lifeline="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cases="$(cd "$2" && pwd)"

if ! command -v nvim >/dev/null 2>&1; then
    echo "check-lsp: nvim not found: install neovim (tools/install-deps.sh does)" >&2
    exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A directory with a space in its name (URIs are percent-encoded) and no compile_commands.json (default flags).
mkdir -p "$tmp/my project" "$tmp/xdg"
cp "$cases/lsp/leak.c" "$tmp/my project/leak.c"

set +e
# --clean and -u NONE: no user config or plugins; the XDG directories keep Neovim's log and state out of $HOME.
env LIFELINE="$lifeline" LSP_SAMPLE="$tmp/my project/leak.c" LSP_SCRIPT="$cases/lsp/e2e.lua" \
    XDG_CONFIG_HOME="$tmp/xdg" XDG_DATA_HOME="$tmp/xdg" XDG_STATE_HOME="$tmp/xdg" XDG_CACHE_HOME="$tmp/xdg" \
    timeout 180 nvim --headless --clean -u NONE -c 'lua dofile(os.getenv("LSP_SCRIPT"))' </dev/null
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
    echo "check-lsp: FAILED (nvim exit status $rc)" >&2
    log=$(find "$tmp/xdg" -name 'lsp.log' 2>/dev/null | head -n 1)
    if [ -n "$log" ]; then
        echo "--- Neovim's lsp.log:" >&2
        tail -n 50 "$log" >&2
    fi
    exit 1
fi
echo "check-lsp: passed"
