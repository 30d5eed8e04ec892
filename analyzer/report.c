/* report.c — see report.h. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "suppress.h"

int report_config_for(const report_options *opt, const char *main_file, const lifeline_config **out, char *err,
                      size_t errlen) {
    *out = NULL;
    if (!opt || !opt->configs) return 0;
    return config_for_file(opt->configs, main_file, out, err, errlen);
}

/* The config's decision, then each --rules glob that matches in order: later globs win, as when clang-tidy appends
 * --checks to a .clang-tidy's Checks. */
static bool rule_enabled(const lifeline_config *c, const char *cli_rules, const char *rule_id) {
    bool enabled = config_rule_enabled(c, rule_id);
    if (!cli_rules) return enabled;
    char prefixed[128];
    snprintf(prefixed, sizeof prefixed, "lifeline-%s", rule_id);
    for (const char *p = cli_rules; *p;) {
        while (*p == ',' || *p == '\n' || *p == ' ' || *p == '\t')
            p++;
        const char *end = p;
        while (*end && *end != ',' && *end != '\n')
            end++;
        size_t len = (size_t)(end - p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        bool negative = len && *p == '-';
        const char *glob = negative ? p + 1 : p;
        size_t glen = negative ? len - 1 : len;
        if (glen && (glob_match(glob, glen, rule_id) || glob_match(glob, glen, prefixed))) enabled = !negative;
        p = end;
    }
    return enabled;
}

typedef struct nolint_cache {
    strmap by_path; /* path -> nolint_index* */
    nolint_index **all;
    size_t count;
} nolint_cache;

static const nolint_index *nolint_for(nolint_cache *nc, analysis *an, const char *path) {
    nolint_index *ix = strmap_get(&nc->by_path, path);
    if (ix) return ix;
    source_file *sf = source_cache_get(&an->sources, path);
    ix = nolint_scan(path, sf->data ? sf->data : "", sf->data ? sf->len : 0, &an->diags);
    nolint_index **grown = realloc(nc->all, (nc->count + 1) * sizeof *nc->all);
    if (!grown) abort();
    nc->all = grown;
    nc->all[nc->count++] = ix;
    strmap_put(&nc->by_path, path, ix);
    return ix;
}

static bool reports(const lifeline_config *c, const report_options *opt, const finding *f, const char *main_file) {
    return rule_enabled(c, opt ? opt->cli_rules : NULL, f->rule_id) && config_reports_file(c, f->file, main_file);
}

static bool tu_includes(const analysis_tu *tu, const char *path) {
    for (size_t i = 0; i < tu->fe.nincluded; i++)
        if (strcmp(tu->fe.included[i], path) == 0) return true;
    return false;
}

int report_filter(analysis *an, const report_options *opt, char *err, size_t errlen) {
    nolint_cache nc = {0};
    strmap_init(&nc.by_path);
    int rc = 0;
    for (size_t t = 0; t < an->ntus && rc == 0; t++) {
        analysis_tu *tu = &an->tus[t];
        const lifeline_config *c = NULL;
        if (report_config_for(opt, tu->job->file, &c, err, errlen) != 0) {
            rc = -1;
            break;
        }
        finding_list *fl = &tu->findings;
        size_t kept = 0;
        for (size_t i = 0; i < fl->count; i++) {
            finding *f = &fl->items[i];
            const lifeline_config *fc = c;
            if (strcmp(f->file, tu->job->file) != 0 && !reports(c, opt, f, tu->job->file)) {
                /* A header's function is analysed once, from the first TU that defines it; every TU that includes
                 * the header would have reported the finding under its own config, so any of them may. */
                fc = NULL;
                bool found = false;
                for (size_t u = 0; u < an->ntus && !found && rc == 0; u++) {
                    if (u == t || !tu_includes(&an->tus[u], f->file)) continue;
                    const lifeline_config *uc = NULL;
                    if (report_config_for(opt, an->tus[u].job->file, &uc, err, errlen) != 0)
                        rc = -1;
                    else if (reports(uc, opt, f, an->tus[u].job->file))
                        fc = uc, found = true;
                }
                if (!found) {
                    finding_clear(f);
                    continue;
                }
            } else if (!reports(c, opt, f, tu->job->file)) {
                finding_clear(f);
                continue;
            }
            severity level;
            if (config_severity(fc, f->rule_id, &level)) f->level = level;
            const char *comment = NULL;
            if (!f->suppressed && nolint_suppresses(nolint_for(&nc, an, f->file), f->line, f->rule_id, &comment)) {
                f->suppressed = true;
                free(f->suppression_note);
                f->suppression_note = strdup(comment);
                if (!f->suppression_note) abort();
            }
            fl->items[kept++] = *f;
        }
        fl->count = kept;
    }
    for (size_t i = 0; i < nc.count; i++)
        nolint_free(nc.all[i]);
    free(nc.all);
    strmap_free(&nc.by_path);
    return rc;
}
