/* suppress.c — finds NOLINT directives in a file's comments (see suppress.h) and answers "is this finding
 * suppressed?". One pass over the text with a small lexer that knows comments, string and character literals and
 * C23 digit separators; then BEGIN/END pairing with a stack, as clang-tidy does it. */
#include "suppress.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "rules.h"
#include "xalloc.h"

static const char RULE_PREFIX[] = "lifeline-";

typedef enum nl_kind { NL_LINE, NL_NEXTLINE, NL_BEGIN, NL_END } nl_kind;

typedef struct nl_directive {
    nl_kind kind;
    unsigned line, col;
    bool has_checks; /* NOLINT(...) rather than bare NOLINT */
    char *checks;    /* the list with whitespace around each name removed */
    char *text;      /* as written: "NOLINTNEXTLINE(lifeline-handle-leak)" */
} nl_directive;

/* A line a NOLINT or NOLINTNEXTLINE applies to. */
typedef struct nl_line {
    unsigned line;
    uint32_t dir;
} nl_line;

typedef struct nl_block {
    unsigned first, last;
    uint32_t dir; /* the BEGIN */
} nl_block;

struct nolint_index {
    nl_directive *dirs;
    size_t ndirs, cap_dirs;
    nl_line *lines;
    size_t nlines;
    nl_block *blocks;
    size_t nblocks;
};

/* ---- check lists ---------------------------------------------------------------------------------------------- */

static bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* "a , b" -> "a,b" (clang-tidy keeps empty entries; so do we: they match nothing). */
static char *normalize_checks(const char *s, size_t len) {
    char *out = xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i <= len;) {
        size_t e = i;
        while (e < len && s[e] != ',')
            e++;
        size_t b = i, t = e;
        while (b < t && is_blank(s[b]))
            b++;
        while (t > b && is_blank(s[t - 1]))
            t--;
        if (i > 0) out[n++] = ',';
        memcpy(out + n, s + b, t - b);
        n += t - b;
        i = e + 1;
    }
    out[n] = '\0';
    return out;
}

/* Does the directive's list name the check `name` ("lifeline-handle-leak")? Bare NOLINT names every check. */
static bool names_check(const nl_directive *d, const char *name) {
    if (!d->has_checks) return true;
    for (const char *p = d->checks;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len && p[0] != '-' && glob_match(p, len, name)) return true; /* negative globs are ignored */
        if (!e) return false;
        p = e + 1;
    }
}

static bool suppresses(const nl_directive *d, const char *rule_id) {
    char name[128];
    int n = snprintf(name, sizeof name, "%s%s", RULE_PREFIX, rule_id);
    return n > 0 && (size_t)n < sizeof name && names_check(d, name);
}

/* Does the directive concern any lifeline rule at all? */
static bool concerns_lifeline(const nl_directive *d) {
    if (!d->has_checks) return true;
    for (size_t i = 0; i < rules_count(); i++)
        if (suppresses(d, rule_at(i)->id)) return true;
    return false;
}

/* ---- scanning ------------------------------------------------------------------------------------------------- */

typedef struct scanner {
    const char *t;
    size_t len, i;
    unsigned line;
    size_t line_start;
    nolint_index *ix;
} scanner;

/* Length of the line end at i (LF, CRLF, lone CR), or 0. */
static size_t newline_at(const scanner *s, size_t i) {
    if (i >= s->len) return 0;
    if (s->t[i] == '\n') return 1;
    if (s->t[i] == '\r') return i + 1 < s->len && s->t[i + 1] == '\n' ? 2 : 1;
    return 0;
}

/* If a line end is at s->i, step over it and count it. */
static bool take_newline(scanner *s) {
    size_t n = newline_at(s, s->i);
    if (!n) return false;
    s->i += n;
    s->line++;
    s->line_start = s->i;
    return true;
}

static bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ident(char c) {
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

static bool block_end_at(const scanner *s, size_t i) {
    return i + 1 < s->len && s->t[i] == '*' && s->t[i + 1] == '/';
}

static void add_directive(scanner *s, nl_kind kind, size_t start, size_t end, size_t open, size_t close) {
    nolint_index *ix = s->ix;
    if (ix->ndirs == ix->cap_dirs) {
        ix->cap_dirs = ix->cap_dirs ? ix->cap_dirs * 2 : 8;
        ix->dirs = xrealloc(ix->dirs, ix->cap_dirs * sizeof *ix->dirs);
    }
    nl_directive *d = &ix->dirs[ix->ndirs++];
    *d = (nl_directive){.kind = kind,
                        .line = s->line,
                        .col = (unsigned)(start - s->line_start + 1),
                        .has_checks = close > open,
                        .checks = close > open ? normalize_checks(s->t + open + 1, close - open - 1) : NULL,
                        .text = xmalloc(end - start + 1)};
    memcpy(d->text, s->t + start, end - start);
    d->text[end - start] = '\0';
}

/* At "NOLINT" inside a comment: record the directive if it is one, and step past it. */
static void directive(scanner *s, bool in_block) {
    const char *t = s->t;
    size_t start = s->i, q = start + 6;
    while (q < s->len && is_alpha(t[q]))
        q++;
    static const struct {
        const char *suffix;
        nl_kind kind;
    } kinds[] = {{"", NL_LINE}, {"NEXTLINE", NL_NEXTLINE}, {"BEGIN", NL_BEGIN}, {"END", NL_END}};
    size_t slen = q - start - 6;
    int kind = -1;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strlen(kinds[k].suffix) == slen && !memcmp(t + start + 6, kinds[k].suffix, slen)) kind = (int)kinds[k].kind;
    s->i = q;
    if (kind < 0) return; /* NOLINTFOO: not a directive */
    size_t open = 0, close = 0, end = q;
    if (q < s->len && t[q] == '(') {
        /* The list ends at ')' on the same line (and inside the comment); without one the directive is bare. */
        size_t r = q + 1;
        while (r < s->len && t[r] != ')' && !newline_at(s, r) && !(in_block && block_end_at(s, r)))
            r++;
        if (r < s->len && t[r] == ')') {
            open = q;
            close = r;
            end = r + 1;
        }
    }
    add_directive(s, (nl_kind)kind, start, end, open, close);
    s->i = end;
}

static bool nolint_at(const scanner *s) {
    return s->t[s->i] == 'N' && s->i + 6 <= s->len && !memcmp(s->t + s->i, "NOLINT", 6);
}

static void line_comment(scanner *s) {
    s->i += 2;
    while (s->i < s->len) {
        if (newline_at(s, s->i)) {
            if (s->t[s->i - 1] != '\\') return; /* the line end belongs to the code */
            take_newline(s);                    /* backslash-newline continues the comment */
        } else if (nolint_at(s)) {
            directive(s, false);
        } else {
            s->i++;
        }
    }
}

static void block_comment(scanner *s) {
    s->i += 2;
    while (s->i < s->len) {
        if (block_end_at(s, s->i)) {
            s->i += 2;
            return;
        }
        if (take_newline(s)) continue;
        if (nolint_at(s))
            directive(s, true);
        else
            s->i++;
    }
}

/* A string or character literal; an unterminated one ends at the line end. */
static void literal(scanner *s, char quote) {
    s->i++;
    while (s->i < s->len) {
        char c = s->t[s->i];
        if (c == '\\') {
            s->i++;
            if (!take_newline(s) && s->i < s->len) s->i++;
        } else if (c == quote) {
            s->i++;
            return;
        } else if (newline_at(s, s->i)) {
            return;
        } else {
            s->i++;
        }
    }
}

/* A preprocessing number: digits, letters, '.', exponent signs and C23 digit separators (1'000'000). */
static void pp_number(scanner *s) {
    const char *t = s->t;
    s->i++;
    while (s->i < s->len) {
        char c = t[s->i];
        if (is_ident(c) || c == '.')
            s->i++;
        else if (c == '\'' && s->i + 1 < s->len && is_ident(t[s->i + 1]))
            s->i += 2;
        else if ((c == '+' || c == '-') &&
                 (t[s->i - 1] == 'e' || t[s->i - 1] == 'E' || t[s->i - 1] == 'p' || t[s->i - 1] == 'P'))
            s->i++;
        else
            break;
    }
}

static void scan(scanner *s) {
    const char *t = s->t;
    while (s->i < s->len) {
        char c = t[s->i];
        if (take_newline(s)) continue;
        if (c == '/' && s->i + 1 < s->len && t[s->i + 1] == '/')
            line_comment(s);
        else if (c == '/' && s->i + 1 < s->len && t[s->i + 1] == '*')
            block_comment(s);
        else if (c == '"' || c == '\'')
            literal(s, c);
        else if ((c >= '0' && c <= '9') || (c == '.' && s->i + 1 < s->len && t[s->i + 1] >= '0' && t[s->i + 1] <= '9'))
            pp_number(s);
        else if (is_ident(c))
            while (s->i < s->len && is_ident(t[s->i]))
                s->i++; /* an identifier, so that u8'x' and L"x" prefixes are not mistaken for numbers */
        else
            s->i++;
    }
}

/* ---- the index ---------------------------------------------------------------------------------------------- */

static int cmp_line(const void *a, const void *b) {
    const nl_line *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->dir < y->dir ? -1 : x->dir > y->dir;
}

static bool same_checks(const nl_directive *a, const nl_directive *b) {
    if (a->has_checks != b->has_checks) return false;
    return !a->has_checks || !strcmp(a->checks, b->checks);
}

static void unmatched(const char *path, tool_diag_list *diags, const nl_directive *d) {
    if (!diags) return;
    tool_diag_add(diags, NOLINT_TAG, SEV_WARNING, path, d->line, d->col,
                  d->kind == NL_BEGIN ? "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment"
                                      : "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' comment");
}

nolint_index *nolint_scan(const char *path, const char *text, size_t len, tool_diag_list *diags) {
    nolint_index *ix = xcalloc(1, sizeof *ix);
    if (!text) return ix;
    scanner s = {.t = text, .len = len, .line = 1, .ix = ix};
    scan(&s);

    /* Other tools' directives take no part. */
    size_t kept = 0;
    for (size_t i = 0; i < ix->ndirs; i++) {
        if (concerns_lifeline(&ix->dirs[i])) {
            ix->dirs[kept++] = ix->dirs[i];
        } else {
            free(ix->dirs[i].checks);
            free(ix->dirs[i].text);
        }
    }
    ix->ndirs = kept;

    ix->lines = xmalloc((ix->ndirs ? ix->ndirs : 1) * sizeof *ix->lines);
    ix->blocks = xmalloc((ix->ndirs ? ix->ndirs : 1) * sizeof *ix->blocks);
    uint32_t *stack = xmalloc((ix->ndirs ? ix->ndirs : 1) * sizeof *stack);
    bool *bad = xcalloc(ix->ndirs ? ix->ndirs : 1, sizeof *bad); /* unmatched, reported in file order below */
    size_t depth = 0;
    for (size_t i = 0; i < ix->ndirs; i++) {
        const nl_directive *d = &ix->dirs[i];
        switch (d->kind) {
        case NL_LINE:
            ix->lines[ix->nlines++] = (nl_line){d->line, (uint32_t)i};
            break;
        case NL_NEXTLINE:
            ix->lines[ix->nlines++] = (nl_line){d->line + 1, (uint32_t)i};
            break;
        case NL_BEGIN:
            stack[depth++] = (uint32_t)i;
            break;
        case NL_END:
            if (depth && same_checks(&ix->dirs[stack[depth - 1]], d)) {
                uint32_t b = stack[--depth];
                ix->blocks[ix->nblocks++] = (nl_block){ix->dirs[b].line, d->line, b};
            } else {
                bad[i] = true;
            }
            break;
        }
    }
    for (size_t k = 0; k < depth; k++)
        bad[stack[k]] = true;
    for (size_t i = 0; i < ix->ndirs; i++)
        if (bad[i]) unmatched(path, diags, &ix->dirs[i]);
    free(bad);
    free(stack);
    qsort(ix->lines, ix->nlines, sizeof *ix->lines, cmp_line);
    return ix;
}

bool nolint_suppresses(const nolint_index *ix, unsigned line, const char *rule_id, const char **comment) {
    if (!ix || !rule_id) return false;
    /* The first entry for this line (binary search), then its neighbours on the same line. */
    size_t lo = 0, hi = ix->nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->lines[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < ix->nlines && ix->lines[i].line == line; i++) {
        const nl_directive *d = &ix->dirs[ix->lines[i].dir];
        if (suppresses(d, rule_id)) {
            if (comment) *comment = d->text;
            return true;
        }
    }
    /* Blocks close innermost first, so the first that covers the line is the innermost one. */
    for (size_t i = 0; i < ix->nblocks; i++) {
        const nl_block *b = &ix->blocks[i];
        const nl_directive *d = &ix->dirs[b->dir];
        if (b->first <= line && line <= b->last && suppresses(d, rule_id)) {
            if (comment) *comment = d->text;
            return true;
        }
    }
    return false;
}

size_t nolint_count(const nolint_index *ix) {
    return ix ? ix->ndirs : 0;
}

void nolint_free(nolint_index *ix) {
    if (!ix) return;
    for (size_t i = 0; i < ix->ndirs; i++) {
        free(ix->dirs[i].checks);
        free(ix->dirs[i].text);
    }
    free(ix->dirs);
    free(ix->lines);
    free(ix->blocks);
    free(ix);
}
