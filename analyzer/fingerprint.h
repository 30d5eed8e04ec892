/* fingerprint.h — stable identities for findings and content hashes for files.
 *
 * A finding's fingerprint must survive unrelated edits above it (a new include, a comment), so it hashes the rule,
 * the enclosing function, the whitespace-normalised text of the statement the finding points at, and the occurrence
 * index among findings sharing those three — never the line number. Hashing is xxHash (XXH3-128). */
#ifndef LIFELINE_FINGERPRINT_H
#define LIFELINE_FINGERPRINT_H

#include <stddef.h>

#include "finding.h"

enum { FINGERPRINT_HEX_LEN = 32 };

/* Normalise statement text: comments dropped, whitespace is kept only as one space between two word characters
 * (so `a+b` and `a + b` agree), leading/trailing space trimmed.
 * Returns a malloc'd string. */
char *fingerprint_normalize(const char *text, size_t len);

/* out receives FINGERPRINT_HEX_LEN hex digits and a NUL. */
void fingerprint_compute(char out[FINGERPRINT_HEX_LEN + 1], const char *rule, const char *function,
                         const char *normalized_stmt, unsigned occurrence);

/* Returns the source text of lines [line, end_line] of a file as the caller knows it (NULL if unavailable).
 * The driver supplies this from its file cache so files are read once. */
typedef const char *(*fingerprint_text_fn)(void *ctx, const char *file, unsigned line, unsigned col, unsigned end_line,
                                           unsigned end_col, size_t *len);

/* Fill `fingerprint` of every finding in the list: statement text from text_fn over the finding's range (falling
 * back to the message when unavailable), occurrence index counted in line order within the list. */
void fingerprint_assign(finding_list *fl, fingerprint_text_fn text_fn, void *ctx);

/* Content hash of a buffer as 32 hex digits (file contents, argument vectors, model files). */
void content_hash(char out[FINGERPRINT_HEX_LEN + 1], const void *data, size_t len);

#endif
