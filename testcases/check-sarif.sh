#!/usr/bin/env bash
# ctest: lifeline's SARIF for every annotated sample must pass Microsoft's validator with GitHub code scanning's
# ingestion rules (zero errors), and must carry one result per expected finding.
# Usage: check-sarif.sh LIFELINE TESTCASES_DIR
set -euo pipefail
lifeline="$1"
cases="$2"
root="$(cd "$cases/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

shopt -s nullglob
samples=()
for dir in "$cases"/*/; do
    case "$(basename "$dir")" in unit | demo | include) continue ;; esac
    samples+=("$dir"*.c)
done
[ "${#samples[@]}" -gt 0 ] || { echo "no samples found under $cases"; exit 1; }

set +e
(cd "$root" && "$lifeline" check "${samples[@]}" --no-db --format sarif -o "$tmp/out.sarif" --category lifeline/samples \
    -- -std=gnu17)
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "expected exit 1 (findings), got $rc"; exit 1; }

expected=$(cat "${samples[@]}" | grep -c '// expect: ' || true)
results=$(node -e 'const s=JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(s.runs[0].results.length)' "$tmp/out.sarif")
echo "SARIF results: $results (annotated: $expected)"
[ "$results" -ge 1 ] || { echo "no results in SARIF"; exit 1; }

"$root/tools/validate-sarif.sh" "$tmp/out.sarif"
