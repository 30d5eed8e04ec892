#!/usr/bin/env bash
# ctest: lifeline's SARIF for every annotated sample, and for the bundled demo analysed through its own CMake-generated
# compile_commands.json (as GitHub code scanning users run it), must pass Microsoft's validator with GitHub code
# scanning's ingestion rules (zero errors); the samples' log must carry one result per expected finding, the demo's
# must use %SRCROOT%-relative URIs and the category given.
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

# The demo, as in the README's GitHub Actions workflow: configure with CMake, check -p, upload-ready SARIF.
cmake -S "$cases/demo" -B "$tmp/demo-build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
set +e
(cd "$cases/demo" && "$lifeline" check -p "$tmp/demo-build" --no-db --format sarif -o "$tmp/demo.sarif" \
    --category lifeline/demo)
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "demo: expected exit 1 (findings), got $rc"; exit 1; }
node -e '
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const run = s.runs[0];
const fail = (m) => { console.error("demo SARIF: " + m); process.exit(1); };
if (run.results.length < 1) fail("no results");
if (run.automationDetails.id !== "lifeline/demo") fail("category not in automationDetails.id");
for (const r of run.results) {
  const loc = r.locations[0].physicalLocation.artifactLocation;
  if (loc.uriBaseId !== "%SRCROOT%" || loc.uri.startsWith("/") || loc.uri.startsWith("file:")) fail("absolute URI " + loc.uri);
  if (!r.partialFingerprints || !r.partialFingerprints["lifeline/v1"]) fail("no partialFingerprints");
}
for (const rule of run.tool.driver.rules) if (!rule.help || !rule.help.markdown) fail("rule " + rule.id + " has no markdown help");
console.log("demo SARIF results: " + run.results.length);
' "$tmp/demo.sarif"
"$root/tools/validate-sarif.sh" "$tmp/demo.sarif"
