/* lsp_text.h — the text conversions the language server needs: file:// URIs to paths and back, libclang's 1-based byte
 * columns to LSP positions (0-based, in UTF-16 code units by default) and back, and JSON strings from bytes that may
 * not be valid UTF-8. Pure functions over plain data; no I/O. */
#ifndef LIFELINE_LSP_TEXT_H
#define LIFELINE_LSP_TEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* How LSP positions count characters within a line (LSP 3.17 PositionEncodingKind). */
typedef enum lsp_encoding { LSP_ENC_UTF16, LSP_ENC_UTF8 } lsp_encoding;

/* "file:///a%20b/c.c" -> "/a b/c.c" (heap). Accepts an empty or "localhost" authority. NULL for other schemes
 * ("untitled:"), relative paths, a "%00" or a malformed escape. */
char *lsp_uri_to_path(const char *uri);
/* "/a b/c.c" -> "file:///a%20b/c.c" (heap): every byte but unreserved characters and '/' percent-encoded. NULL for a
 * relative path. */
char *lsp_path_to_uri(const char *path);

/* Where each line of a text starts. Lines end at "\n", "\r\n" or "\r", as LSP counts them. */
typedef struct lsp_lines {
    const char *text; /* borrowed */
    size_t len;
    size_t *starts; /* byte offset of each line's first byte */
    size_t *ends;   /* byte offset of each line's terminator (or the text's end) */
    size_t count;   /* at least 1 */
} lsp_lines;

void lsp_lines_init(lsp_lines *ln, const char *text, size_t len);
void lsp_lines_free(lsp_lines *ln);
/* Bytes of line `line0` (0-based) without its terminator; *len = 0 past the end. */
const char *lsp_line_at(const lsp_lines *ln, size_t line0, size_t *len);

/* The LSP character offset of the 1-based byte column `col1` in `line`: UTF-16 code units (or bytes) before it.
 * Columns past the end of the line clamp to its end; col1 = 0 is the start. A malformed UTF-8 byte counts as one
 * unit. */
unsigned lsp_char_from_byte_col(const char *line, size_t line_len, unsigned col1, lsp_encoding enc);
/* The byte offset within `line` of LSP character offset `ch`, clamped to the line's end; a position inside a
 * surrogate pair or a multi-byte sequence moves to the character's end. */
size_t lsp_byte_from_char(const char *line, size_t line_len, unsigned ch, lsp_encoding enc);
/* Byte offset in the whole text of an LSP position (clamped to the text). */
size_t lsp_offset_of(const lsp_lines *ln, unsigned line0, unsigned ch, lsp_encoding enc);

/* A JSON string from bytes that should be UTF-8: invalid sequences become U+FFFD (jansson refuses invalid UTF-8).
 * NULL in -> JSON "". Never NULL (aborts on out of memory). */
json_t *lsp_json_str(const char *s);
json_t *lsp_json_strn(const char *s, size_t len);

#endif
