#!/usr/bin/env bash
# Checks SARIF logs with Microsoft's SARIF Multitool, using its SARIF rules plus the GitHub code scanning ingestion
# rules (the checks GitHub applies on upload). Installs the tool first if needed (tools/install-sarif-validator.sh).
#
# Usage: tools/validate-sarif.sh FILE...
# Prints the validator's error and warning results; exits 1 if any file has an error-level result or cannot be
# loaded, 2 on usage or tool failure, 0 otherwise. Informational notes (snippets, rule id style...) are not shown.
#
# Why not just `Sarif.Multitool validate` and its exit code:
#  - validate exits 0 even when it reports errors, so the errors are counted in its own SARIF output (-o);
#  - validate silently reports nothing for a file the SDK cannot deserialize (an unknown enum value such as
#    "level": "bogus" makes it skip the file), so each file is first loaded with `rewrite`, which fails loudly.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 FILE..." >&2
    exit 2
fi
# The validator needs no locale data; invariant mode lets the .NET binary run on machines without libicu.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
command -v node >/dev/null || { echo "validate-sarif: node not found (apt-get install nodejs)" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tool="$("$here/install-sarif-validator.sh")" || exit 2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
for file in "$@"; do
    if [ ! -f "$file" ]; then
        echo "$file: no such file" >&2
        status=1
        continue
    fi
    abs="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
    rm -f "$work/loaded.sarif" "$work/result.sarif"

    if ! "$tool" rewrite "$abs" -o "$work/loaded.sarif" >"$work/rewrite.log" 2>&1; then
        # The first line of the .NET exception says what could not be read; the stack trace is noise.
        reason="$(grep -m1 -E 'Exception|rror' "$work/rewrite.log" || true)"
        echo "$file: error: the SARIF SDK cannot load this file: ${reason:-see output of Sarif.Multitool rewrite}"
        status=1
        continue
    fi

    rc=0
    "$tool" validate --rule-kind "Sarif;Gh" --level "Error;Warning" -o "$work/result.sarif" "$abs" \
        >"$work/validate.log" 2>&1 || rc=$?
    grep -E ': (error|warning) ' "$work/validate.log" || true
    if [ "$rc" -ne 0 ] || [ ! -f "$work/result.sarif" ]; then
        echo "$file: error: Sarif.Multitool validate failed (exit $rc):"
        sed 's/^/  /' "$work/validate.log"
        status=1
        continue
    fi

    # Count what the validator found, from its own log: error/warning results, and error notifications (a rule
    # that crashed, a file it could not read) which would otherwise pass unnoticed.
    counts="$(node -e '
        const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        let errors = 0, warnings = 0;
        for (const run of log.runs || []) {
            for (const r of run.results || []) {
                const level = r.level || "warning"; // SARIF default level
                if (level === "error") errors++;
                else if (level === "warning") warnings++;
            }
            for (const inv of run.invocations || []) {
                if (inv.executionSuccessful === false) errors++;
                const notes = (inv.toolExecutionNotifications || [])
                    .concat(inv.toolConfigurationNotifications || []);
                for (const n of notes) {
                    if (n.level === "error") {
                        errors++;
                        console.error("validator: " + ((n.message && n.message.text) || "error notification"));
                    }
                }
            }
        }
        console.log(errors + " " + warnings);
    ' "$work/result.sarif")"
    read -r errors warnings <<<"$counts"
    echo "$file: $errors error(s), $warnings warning(s)"
    [ "$errors" -eq 0 ] || status=1
done
exit "$status"
