/* lsp_text.c — see lsp_text.h. */
#include "lsp_text.h"

#include <stdint.h>
#include <string.h>

#include "xalloc.h"

/* ---- URIs ------------------------------------------------------------------------------------------------------- */

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *lsp_uri_to_path(const char *uri) {
    if (!uri || strncmp(uri, "file://", 7) != 0) return NULL;
    const char *p = uri + 7;
    if (strncmp(p, "localhost/", 10) == 0) p += 9;
    if (*p != '/') return NULL; /* a host other than localhost, or no path */
    size_t n = strcspn(p, "?#");
    char *out = xmalloc(n + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != '%') {
            out[len++] = p[i];
            continue;
        }
        int hi = i + 1 < n ? hex_value(p[i + 1]) : -1;
        int lo = i + 2 < n ? hex_value(p[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
            free(out);
            return NULL;
        }
        out[len++] = (char)(hi * 16 + lo);
        i += 2;
    }
    out[len] = '\0';
    return out;
}

static bool uri_keeps(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == '/';
}

char *lsp_path_to_uri(const char *path) {
    if (!path || path[0] != '/') return NULL;
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *out = xmalloc(7 + 3 * n + 1);
    memcpy(out, "file://", 7);
    size_t len = 7;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (uri_keeps(c)) {
            out[len++] = (char)c;
        } else {
            out[len++] = '%';
            out[len++] = hex[c >> 4];
            out[len++] = hex[c & 15];
        }
    }
    out[len] = '\0';
    return out;
}

/* ---- lines ------------------------------------------------------------------------------------------------------ */

void lsp_lines_init(lsp_lines *ln, const char *text, size_t len) {
    ln->text = text ? text : "";
    ln->len = text ? len : 0;
    size_t cap = 64;
    ln->starts = xmalloc(cap * sizeof *ln->starts);
    ln->ends = xmalloc(cap * sizeof *ln->ends);
    ln->count = 0;
    ln->starts[ln->count++] = 0;
    for (size_t i = 0; i < ln->len; i++) {
        char c = ln->text[i];
        if (c != '\n' && c != '\r') continue;
        ln->ends[ln->count - 1] = i;
        if (c == '\r' && i + 1 < ln->len && ln->text[i + 1] == '\n') i++;
        if (ln->count == cap) {
            cap *= 2;
            ln->starts = xrealloc(ln->starts, cap * sizeof *ln->starts);
            ln->ends = xrealloc(ln->ends, cap * sizeof *ln->ends);
        }
        ln->starts[ln->count++] = i + 1;
    }
    ln->ends[ln->count - 1] = ln->len;
}

void lsp_lines_free(lsp_lines *ln) {
    free(ln->starts);
    free(ln->ends);
    memset(ln, 0, sizeof *ln);
}

const char *lsp_line_at(const lsp_lines *ln, size_t line0, size_t *len) {
    if (line0 >= ln->count) {
        *len = 0;
        return ln->text + ln->len;
    }
    *len = ln->ends[line0] - ln->starts[line0];
    return ln->text + ln->starts[line0];
}

/* ---- UTF-8 ------------------------------------------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 when it is malformed. */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp) {
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

/* One character at p: its byte length (1 for a malformed byte) and its width in the encoding's units. */
static size_t char_step(const char *p, size_t n, lsp_encoding enc, unsigned *units) {
    uint32_t cp;
    size_t len = utf8_seq((const unsigned char *)p, n, &cp);
    if (len == 0) {
        *units = 1;
        return 1;
    }
    *units = enc == LSP_ENC_UTF8 ? (unsigned)len : (cp >= 0x10000 ? 2u : 1u);
    return len;
}

unsigned lsp_char_from_byte_col(const char *line, size_t line_len, unsigned col1, lsp_encoding enc) {
    size_t limit = col1 ? (size_t)col1 - 1 : 0;
    if (limit > line_len) limit = line_len;
    unsigned units = 0;
    size_t i = 0;
    while (i < limit) {
        unsigned w;
        i += char_step(line + i, line_len - i, enc, &w);
        units += w;
    }
    return units;
}

size_t lsp_byte_from_char(const char *line, size_t line_len, unsigned ch, lsp_encoding enc) {
    size_t i = 0;
    unsigned units = 0;
    while (i < line_len && units < ch) {
        unsigned w;
        i += char_step(line + i, line_len - i, enc, &w);
        units += w;
    }
    return i;
}

size_t lsp_offset_of(const lsp_lines *ln, unsigned line0, unsigned ch, lsp_encoding enc) {
    if (line0 >= ln->count) return ln->len;
    size_t len;
    const char *line = lsp_line_at(ln, line0, &len);
    return (size_t)(line - ln->text) + lsp_byte_from_char(line, len, ch, enc);
}

json_t *lsp_json_strn(const char *s, size_t n) {
    if (!s) s = "", n = 0;
    json_t *j = json_stringn(s, n);
    if (j) return j;
    /* Invalid UTF-8 (or an embedded NUL, which jansson accepts with stringn; kept as is): rebuild. */
    char *buf = xmalloc(3 * n + 1);
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_seq((const unsigned char *)s + i, n - i, &cp);
        if (k == 0) {
            memcpy(buf + len, "\xEF\xBF\xBD", 3); /* U+FFFD */
            len += 3;
            i++;
        } else {
            memcpy(buf + len, s + i, k);
            len += k;
            i += k;
        }
    }
    j = json_stringn(buf, len);
    free(buf);
    if (!j) xalloc_die();
    return j;
}

json_t *lsp_json_str(const char *s) {
    return lsp_json_strn(s, s ? strlen(s) : 0);
}
