/* emit_text.c — findings and tool diagnostics as compiler-style lines (`path:line:col: warning: message [rule]`), the
 * shape editors, CI log matchers and people already read from gcc and clang. */
#include <string.h>

#include "emit.h"

const char *emit_path_below(const char *srcroot, const char *path) {
    if (!srcroot || !path || !*srcroot) return NULL;
    size_t n = strlen(srcroot);
    while (n > 1 && srcroot[n - 1] == '/')
        n--; /* "/r/" and "/r" are the same directory; "/" stays "/" */
    if (strncmp(path, srcroot, n) != 0) return NULL;
    const char *rest = path + n;
    if (srcroot[n - 1] != '/') {
        if (*rest != '/') return NULL; /* "/r/srcx/a.c" is not below "/r/src" */
        rest++;
    }
    return *rest ? rest : NULL; /* the root itself is not a file below it */
}

/* `path:line:col: `, leaving out what is unknown (line 0, column 0) the way compilers do; "lifeline: " when the
 * message is about no file at all. */
static int put_location(FILE *out, const char *file, unsigned line, unsigned col, const emit_options *opt) {
    if (!file || !*file) return fputs("lifeline: ", out) < 0 ? -1 : 0;
    const char *below = opt->relative_paths ? emit_path_below(opt->srcroot, file) : NULL;
    const char *shown = below ? below : file;
    int rc;
    if (line == 0)
        rc = fprintf(out, "%s: ", shown);
    else if (col == 0)
        rc = fprintf(out, "%s:%u: ", shown, line);
    else
        rc = fprintf(out, "%s:%u:%u: ", shown, line, col);
    return rc < 0 ? -1 : 0;
}

static const char *or_empty(const char *s) {
    return s ? s : "";
}

int emit_text_findings(FILE *out, const finding_list *fl, const emit_options *opt) {
    const emit_options defaults = {0};
    if (!opt) opt = &defaults;
    if (!fl) return 0;
    for (size_t i = 0; i < fl->count; i++) {
        const finding *f = &fl->items[i];
        if (f->suppressed && !opt->show_suppressed) continue;
        if (put_location(out, f->file, f->line, f->col, opt) < 0) return -1;
        if (fprintf(out, "%s: %s [%s%s]\n", severity_name(f->level), or_empty(f->message), or_empty(f->rule_id),
                    f->suppressed ? ", suppressed" : "") < 0)
            return -1;
        for (size_t s = 0; s < f->nsteps; s++) {
            const finding_step *st = &f->steps[s];
            /* A step recorded without a file happened in the finding's own file. */
            const char *file = st->file && *st->file ? st->file : f->file;
            if (put_location(out, file, st->line, st->col, opt) < 0) return -1;
            if (fprintf(out, "note: %s\n", or_empty(st->message)) < 0) return -1;
        }
    }
    return ferror(out) ? -1 : 0;
}

int emit_text_diags(FILE *out, const tool_diag_list *dl, const emit_options *opt) {
    const emit_options defaults = {0};
    if (!opt) opt = &defaults;
    if (!dl) return 0;
    for (size_t i = 0; i < dl->count; i++) {
        const tool_diag *d = &dl->items[i];
        /* Always "note", whatever d->level says: these are about the run, not the code, and a "warning:" or "error:"
         * line would be taken for a finding by every tool that scrapes compiler output. The level reaches SARIF. */
        if (put_location(out, d->file, d->line, d->col, opt) < 0) return -1;
        if (fprintf(out, "note: %s [%s]\n", or_empty(d->message), or_empty(d->tag)) < 0) return -1;
    }
    return ferror(out) ? -1 : 0;
}
