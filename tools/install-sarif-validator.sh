#!/usr/bin/env bash
# Installs Microsoft's SARIF Multitool (the validator GitHub code scanning's rules ship with) from the npm registry
# into a cache directory, so tools/validate-sarif.sh can check lifeline's SARIF output.
#
# Usage: tools/install-sarif-validator.sh [DIR]
#   DIR defaults to $LIFELINE_SARIF_TOOL_DIR, else $HOME/.cache/lifeline/sarif-multitool.
# Prints the path of the Sarif.Multitool binary on success. Idempotent: a working install is left alone.
set -euo pipefail

# The validator needs no locale data; invariant mode lets the .NET binary run on machines without libicu.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
version="${LIFELINE_SARIF_MULTITOOL_VERSION:-5.7.0}"
dir="${1:-${LIFELINE_SARIF_TOOL_DIR:-${HOME}/.cache/lifeline/sarif-multitool}}"
bin="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

# npm may skip the package's postinstall (--ignore-scripts, some CI settings), which is what marks the .NET
# single-file binary executable; so every check makes it executable first.
works() {
    [ -f "$bin" ] && chmod u+x "$bin" && "$bin" --version >/dev/null 2>&1
}

if ! works; then
    command -v npm >/dev/null || { echo "install-sarif-validator: npm not found (apt-get install npm)" >&2; exit 1; }
    mkdir -p "$dir"
    # A private package.json keeps npm from walking up into some unrelated project's node_modules.
    [ -f "$dir/package.json" ] || printf '{ "name": "lifeline-sarif-tools", "private": true }\n' >"$dir/package.json"
    # The wrapper package pulls the platform package in as an optional dependency; ask for the Linux one by name so
    # a platform-detection hiccup cannot silently leave it out.
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
        "@microsoft/sarif-multitool@$version" "@microsoft/sarif-multitool-linux@$version" >&2
fi

if ! works; then
    echo "install-sarif-validator: $bin does not run" >&2
    exit 1
fi
echo "$bin"
