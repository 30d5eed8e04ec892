/* baseline.c — loading a baseline's fingerprints from a run in the database or from a SARIF log (baseline.h). */
#include "baseline.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Adds a copy of fp unless it is already there. */
static void add_fingerprint(strmap *fps, const char *fp) {
    if (!fp || !*fp || strmap_has(fps, fp)) return;
    char *copy = xstrdup(fp);
    strmap_put(fps, copy, copy);
}

static int collect_fingerprint(void *ctx, const char *fp) {
    add_fingerprint(ctx, fp);
    return 0;
}

static bool all_digits(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

static int load_run(const char *spec, store *db, strmap *got, char *err, size_t errlen) {
    if (!db) {
        set_err(err, errlen, "baseline run %s needs the findings database (it cannot be combined with --no-db)", spec);
        return -1;
    }
    errno = 0;
    char *end = NULL;
    long long id = strtoll(spec, &end, 10);
    if (errno || *end || id <= 0) {
        set_err(err, errlen, "no run %s in database %s (see lifeline db runs)", spec, store_path(db));
        return -1;
    }
    store_run run;
    int found = store_get_run(db, id, &run, err, errlen);
    if (found < 0) return -1;
    if (found == 0) {
        set_err(err, errlen, "no run %s in database %s (see lifeline db runs)", spec, store_path(db));
        return -1;
    }
    bool finished = run.finished_at != NULL;
    store_run_free(&run);
    if (!finished) {
        set_err(err, errlen,
                "run %s in database %s did not finish (it was killed or is still running); pick a finished run "
                "(see lifeline db runs)",
                spec, store_path(db));
        return -1;
    }
    return store_run_fingerprints(db, id, collect_fingerprint, got, err, errlen);
}

static int load_sarif(const char *path, strmap *got, char *err, size_t errlen) {
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        set_err(err, errlen, "baseline %s is a directory, not a SARIF file", path);
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        set_err(err, errlen, "cannot read baseline %s: %s", path, strerror(errno));
        return -1;
    }
    json_error_t jerr;
    json_t *log = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
    fclose(f);
    if (!log) {
        set_err(err, errlen, "baseline %s is not JSON (line %d, column %d: %s)", path, jerr.line, jerr.column,
                jerr.text);
        return -1;
    }
    int rc = -1;
    json_t *runs = json_is_object(log) ? json_object_get(log, "runs") : NULL;
    if (!json_is_array(runs)) {
        set_err(err, errlen, "baseline %s is not a SARIF log (no \"runs\" array)", path);
        goto done;
    }
    size_t nresults = 0;
    size_t i;
    json_t *run;
    json_array_foreach(runs, i, run) {
        json_t *results = json_is_object(run) ? json_object_get(run, "results") : NULL;
        if (!json_is_object(run) || (results && !json_is_array(results))) {
            set_err(err, errlen, "baseline %s is not a SARIF log (runs[%zu] has no \"results\" array)", path, i);
            goto done;
        }
        size_t k;
        json_t *res;
        json_array_foreach(results, k, res) {
            nresults++;
            json_t *pf = json_is_object(res) ? json_object_get(res, "partialFingerprints") : NULL;
            json_t *fp = json_is_object(pf) ? json_object_get(pf, BASELINE_SARIF_FINGERPRINT_KEY) : NULL;
            if (json_is_string(fp)) add_fingerprint(got, json_string_value(fp));
        }
    }
    if (nresults > 0 && got->count == 0) {
        set_err(err, errlen,
                "baseline %s has %zu result%s but no lifeline fingerprints (partialFingerprints \"%s\"); write "
                "baselines with lifeline baseline save or lifeline check --format sarif",
                path, nresults, nresults == 1 ? "" : "s", BASELINE_SARIF_FINGERPRINT_KEY);
        goto done;
    }
    rc = 0;
done:
    json_decref(log);
    return rc;
}

int baseline_load(const char *spec, store *db, strmap *fps, char *err, size_t errlen) {
    if (!spec || !*spec) {
        set_err(err, errlen, "no baseline given (expected a run id or a SARIF file)");
        return -1;
    }
    /* Into a map of our own first, so a failure leaves fps as it was. */
    strmap got;
    strmap_init(&got);
    int rc = all_digits(spec) ? load_run(spec, db, &got, err, errlen) : load_sarif(spec, &got, err, errlen);
    for (size_t i = 0; i < got.cap; i++) {
        char *fp = got.slots[i].value;
        if (!got.slots[i].key) continue;
        if (rc == 0 && !strmap_has(fps, fp))
            strmap_put(fps, fp, fp);
        else
            free(fp);
    }
    strmap_free(&got);
    return rc;
}

bool baseline_has(const strmap *fps, const char *fingerprint) {
    return fingerprint && *fingerprint && strmap_has(fps, fingerprint);
}

void baseline_free(strmap *fps) {
    for (size_t i = 0; i < fps->cap; i++)
        if (fps->slots[i].key) free(fps->slots[i].value);
    strmap_free(fps);
}
