/* finding.c — the finding and tool-diagnostic lists shared by the driver, the store and the emitters. */
#include "finding.h"

#include "xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

finding *finding_list_add(finding_list *fl) {
    if (fl->count == fl->cap) {
        fl->cap = fl->cap ? fl->cap * 2 : 16;
        fl->items = xrealloc(fl->items, fl->cap * sizeof *fl->items);
    }
    finding *f = &fl->items[fl->count++];
    memset(f, 0, sizeof *f);
    return f;
}

void finding_add_step(finding *f, const char *file, unsigned line, unsigned col, const char *message) {
    f->steps = xrealloc(f->steps, (f->nsteps + 1) * sizeof *f->steps);
    finding_step *s = &f->steps[f->nsteps++];
    s->file = xstrdup(file ? file : "");
    s->line = line;
    s->col = col;
    s->message = xstrdup(message ? message : "");
}

void finding_cap_steps(finding *f, size_t head, size_t tail) {
    if (f->nsteps <= head + tail + 1) return;
    size_t dropped = f->nsteps - head - tail;
    finding_step *gap = &f->steps[head];
    for (size_t i = head + 1; i < head + dropped; i++) {
        free(f->steps[i].file);
        free(f->steps[i].message);
    }
    char msg[96];
    snprintf(msg, sizeof msg, "(%zu more steps of this path are not shown)", dropped);
    free(gap->message);
    gap->message = xstrdup(msg);
    memmove(&f->steps[head + 1], &f->steps[f->nsteps - tail], tail * sizeof *f->steps);
    f->nsteps = head + 1 + tail;
}

void finding_clear(finding *f) {
    free(f->message);
    free(f->file);
    free(f->function);
    free(f->fingerprint);
    free(f->suppression_note);
    for (size_t i = 0; i < f->nsteps; i++) {
        free(f->steps[i].file);
        free(f->steps[i].message);
    }
    free(f->steps);
}

void finding_list_free(finding_list *fl) {
    for (size_t i = 0; i < fl->count; i++)
        finding_clear(&fl->items[i]);
    free(fl->items);
    memset(fl, 0, sizeof *fl);
}

void finding_list_take(finding_list *dst, finding_list *src) {
    for (size_t i = 0; i < src->count; i++)
        *finding_list_add(dst) = src->items[i];
    free(src->items);
    memset(src, 0, sizeof *src);
}

static int strcmp0(const char *a, const char *b) {
    return strcmp(a ? a : "", b ? b : "");
}

static int finding_cmp(const void *pa, const void *pb) {
    const finding *a = pa, *b = pb;
    int c = strcmp0(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    if ((c = strcmp0(a->rule_id, b->rule_id))) return c;
    return strcmp0(a->message, b->message);
}

void finding_list_sort(finding_list *fl) {
    if (fl->count > 1) qsort(fl->items, fl->count, sizeof *fl->items, finding_cmp);
}

void finding_list_dedupe(finding_list *fl) {
    finding_list_sort(fl);
    size_t out = 0;
    for (size_t i = 0; i < fl->count; i++) {
        if (out > 0 && finding_cmp(&fl->items[out - 1], &fl->items[i]) == 0) {
            finding_clear(&fl->items[i]);
            continue;
        }
        fl->items[out++] = fl->items[i];
    }
    fl->count = out;
}

const char *severity_name(severity s) {
    switch (s) {
    case SEV_NOTE:
        return "note";
    case SEV_WARNING:
        return "warning";
    case SEV_ERROR:
        return "error";
    }
    return "warning";
}

void tool_diag_add(tool_diag_list *dl, const char *tag, severity level, const char *file, unsigned line, unsigned col,
                   const char *message) {
    if (dl->count == dl->cap) {
        dl->cap = dl->cap ? dl->cap * 2 : 8;
        dl->items = xrealloc(dl->items, dl->cap * sizeof *dl->items);
    }
    tool_diag *d = &dl->items[dl->count++];
    d->tag = xstrdup(tag);
    d->level = level;
    d->file = xstrdup(file);
    d->line = line;
    d->col = col;
    d->message = xstrdup(message);
}

void tool_diag_list_take(tool_diag_list *dst, tool_diag_list *src) {
    for (size_t i = 0; i < src->count; i++) {
        if (dst->count == dst->cap) {
            dst->cap = dst->cap ? dst->cap * 2 : 8;
            dst->items = xrealloc(dst->items, dst->cap * sizeof *dst->items);
        }
        dst->items[dst->count++] = src->items[i];
    }
    free(src->items);
    memset(src, 0, sizeof *src);
}

void tool_diag_list_free(tool_diag_list *dl) {
    for (size_t i = 0; i < dl->count; i++) {
        free(dl->items[i].tag);
        free(dl->items[i].file);
        free(dl->items[i].message);
    }
    free(dl->items);
    memset(dl, 0, sizeof *dl);
}
