/* baseline.h — the findings a team has already accepted, for `lifeline check --baseline RUN_ID|FILE.sarif`: only
 * findings whose fingerprint is not in the baseline are reported.
 *
 * A baseline is a set of fingerprints (fingerprint.h): those of a run in the findings database, or the
 * partialFingerprints["lifeline/v1"] of the results of a SARIF log lifeline wrote (`lifeline baseline save`, or
 * `check --format sarif`). Fingerprints do not contain line numbers, so a baseline survives edits that move code. */
#ifndef LIFELINE_BASELINE_H
#define LIFELINE_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"
#include "strmap.h"

/* The partialFingerprints key lifeline writes into SARIF results (emit_sarif.c). */
#define BASELINE_SARIF_FINGERPRINT_KEY "lifeline/v1"

/* Adds the baseline's fingerprints to fps (initialised by the caller with strmap_init; each key is a heap copy that
 * is also the entry's value, freed by baseline_free). spec is a run id when it is all digits — looked up in db,
 * which must then be open; the run must exist and have finished — else the path of a SARIF file (write ./123 for a
 * file named 123). An empty SARIF log (no results) is a valid, empty baseline; a log whose results carry no lifeline
 * fingerprint is an error, as is anything that is not a SARIF log. Returns 0, or -1 with one sentence in err
 * (naming the file or run) and fps unchanged. */
int baseline_load(const char *spec, store *db, strmap *fps, char *err, size_t errlen);

/* Whether a finding with this fingerprint was in the baseline (NULL or "" never is). */
bool baseline_has(const strmap *fps, const char *fingerprint);

/* Frees the fingerprints baseline_load added and the map itself. */
void baseline_free(strmap *fps);

#endif
