#!/usr/bin/env bash
# Installs everything lifeline needs to build and test on a bare Debian 12 machine.
# Idempotent: packages already present are left alone, so CI can call it every run.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libclang-19-dev clang-19          # front end; clang-19 also gives the resource headers
  libclang-rt-19-dev                # libFuzzer and the sanitizer runtimes for clang-19 (testcases/check-fuzz.sh)
  libsqlite3-dev sqlite3            # store
  libjansson-dev                    # SARIF / JSON / LSP
  libyaml-dev                       # .lifeline.yaml config
  libxxhash-dev                     # fingerprints and content hashes
  libcmocka-dev                     # unit tests
  pre-commit                        # testcases/check-precommit.sh drives the real pre-commit framework
  neovim                            # testcases/check-lsp.sh: a real LSP client for `lifeline lsp`
  valgrind                          # testcases/check-valgrind.sh: memcheck on the demo
  util-linux                        # testcases/check-robust-db.sh: setpriv, unshare
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# npm fetches the SARIF validator; any working npm will do (the machine may have its own Node.js).
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
