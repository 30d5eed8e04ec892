/* fingerprint.c — line-independent finding identities and content hashes (see fingerprint.h), both XXH3-128. */
#include "fingerprint.h"

#include "xalloc.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static void hash_to_hex(char out[FINGERPRINT_HEX_LEN + 1], XXH128_hash_t h) {
    /* The canonical (big-endian) form, so a hash reads the same on every machine and matches xxh128sum. */
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, h);
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof c.digest; i++) {
        out[2 * i] = digits[c.digest[i] >> 4];
        out[2 * i + 1] = digits[c.digest[i] & 0xf];
    }
    out[FINGERPRINT_HEX_LEN] = '\0';
}

void content_hash(char out[FINGERPRINT_HEX_LEN + 1], const void *data, size_t len) {
    hash_to_hex(out, XXH3_128bits(data, len));
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

char *fingerprint_normalize(const char *text, size_t len) {
    char *out = xmalloc(len + 1);
    size_t n = 0;
    /* A pending space is written only when something follows it, which both collapses runs and trims the end;
     * nothing is pending at the start, which trims the beginning. Comments count as whitespace, as in C. */
    int pending_space = 0;
    size_t i = 0;
    while (i < len) {
        char c = text[i];
        if (is_space(c) || (c == '\\' && i + 1 < len && (text[i + 1] == '\n' || text[i + 1] == '\r'))) {
            pending_space = n > 0;
            i++;
            continue;
        }
        if (c == '/' && i + 1 < len && text[i + 1] == '/') {
            while (i < len && text[i] != '\n')
                i++;
            pending_space = n > 0;
            continue;
        }
        if (c == '/' && i + 1 < len && text[i + 1] == '*') {
            i += 2;
            while (i < len && !(text[i] == '*' && i + 1 < len && text[i + 1] == '/'))
                i++;
            i = i < len ? i + 2 : len;
            pending_space = n > 0;
            continue;
        }
        /* Whitespace only separates two word characters: `a+b` and `a + b` are the same statement, so reformatting
         * (clang-format) keeps fingerprints. */
        if (pending_space && is_word(out[n - 1]) && is_word(c)) out[n++] = ' ';
        pending_space = 0;
        if (c == '"' || c == '\'') {
            /* A literal is copied verbatim, escapes included: its spaces and any "//" in it are content. An
             * unterminated one (the range cut it) runs to the end of the text. */
            out[n++] = text[i++];
            while (i < len && text[i] != c && text[i] != '\n') {
                if (text[i] == '\\' && i + 1 < len) out[n++] = text[i++];
                out[n++] = text[i++];
            }
            if (i < len && text[i] == c) out[n++] = text[i++];
            continue;
        }
        out[n++] = text[i++];
    }
    out[n] = '\0';
    return out;
}

static void hash_field(XXH3_state_t *st, const char *s) {
    /* Each field with its terminating NUL: C strings hold no NUL, so the boundaries between fields are
     * unambiguous ("ab" + "c" differs from "a" + "bc"). */
    if (!s) s = "";
    XXH3_128bits_update(st, s, strlen(s) + 1);
}

void fingerprint_compute(char out[FINGERPRINT_HEX_LEN + 1], const char *rule, const char *function,
                         const char *normalized_stmt, unsigned occurrence) {
    XXH3_state_t *st = XXH3_createState();
    if (!st) {
        fputs("lifeline: out of memory\n", stderr);
        abort();
    }
    XXH3_128bits_reset(st);
    /* A format tag first, so a later change of what goes in can never collide with today's fingerprints. */
    hash_field(st, "lifeline-fingerprint-v1");
    hash_field(st, rule);
    hash_field(st, function);
    hash_field(st, normalized_stmt);
    /* Fixed-width little-endian, whatever the host's byte order. */
    uint32_t occ = occurrence;
    unsigned char occ_bytes[4] = {(unsigned char)occ, (unsigned char)(occ >> 8), (unsigned char)(occ >> 16),
                                  (unsigned char)(occ >> 24)};
    XXH3_128bits_update(st, occ_bytes, sizeof occ_bytes);
    hash_to_hex(out, XXH3_128bits_digest(st));
    XXH3_freeState(st);
}

/* What fingerprint_assign sorts to count occurrences: a finding's index and its normalised statement. */
typedef struct fp_entry {
    const finding *f;
    const char *stmt;
    size_t index;
} fp_entry;

static int strcmp0(const char *a, const char *b) {
    return strcmp(a ? a : "", b ? b : "");
}

/* Groups findings that share (file, rule, function, statement), each group in line order. The file is part of the
 * group but not of the hash: two static functions with one name in two files must not shift each other's
 * occurrence indexes, yet a renamed file should keep its fingerprints. */
static int fp_entry_cmp(const void *pa, const void *pb) {
    const fp_entry *a = pa, *b = pb;
    int c;
    if ((c = strcmp0(a->f->file, b->f->file))) return c;
    if ((c = strcmp0(a->f->rule_id, b->f->rule_id))) return c;
    if ((c = strcmp0(a->f->function, b->f->function))) return c;
    if ((c = strcmp(a->stmt, b->stmt))) return c;
    if (a->f->line != b->f->line) return a->f->line < b->f->line ? -1 : 1;
    if (a->f->col != b->f->col) return a->f->col < b->f->col ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void fingerprint_assign(finding_list *fl, fingerprint_text_fn text_fn, void *ctx) {
    if (fl->count == 0) return;
    fp_entry *e = xmalloc(fl->count * sizeof *e);
    for (size_t i = 0; i < fl->count; i++) {
        const finding *f = &fl->items[i];
        size_t len = 0;
        const char *text = NULL;
        if (text_fn)
            text = text_fn(ctx, f->file, f->line, f->col, f->end_line ? f->end_line : f->line,
                           f->end_line ? f->end_col : f->col, &len);
        if (!text) {
            /* Without the source, the message is the next most stable description of the statement. */
            text = f->message ? f->message : "";
            len = strlen(text);
        }
        e[i] = (fp_entry){.f = f, .stmt = fingerprint_normalize(text, len), .index = i};
    }
    qsort(e, fl->count, sizeof *e, fp_entry_cmp);

    unsigned occurrence = 0;
    for (size_t k = 0; k < fl->count; k++) {
        const fp_entry *cur = &e[k], *prev = k ? &e[k - 1] : NULL;
        int same_group = prev && strcmp0(cur->f->file, prev->f->file) == 0 &&
                         strcmp0(cur->f->rule_id, prev->f->rule_id) == 0 &&
                         strcmp0(cur->f->function, prev->f->function) == 0 && strcmp(cur->stmt, prev->stmt) == 0;
        occurrence = same_group ? occurrence + 1 : 0;
        finding *f = &fl->items[cur->index];
        char hex[FINGERPRINT_HEX_LEN + 1];
        fingerprint_compute(hex, f->rule_id, f->function, cur->stmt, occurrence);
        free(f->fingerprint);
        f->fingerprint = memcpy(xmalloc(sizeof hex), hex, sizeof hex);
    }
    for (size_t i = 0; i < fl->count; i++)
        free((char *)e[i].stmt);
    free(e);
}
