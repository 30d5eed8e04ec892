/* rule_docs.h — the rule doc pages (checkers/rules/<id>.md) compiled into the binary.
 *
 * The definition is generated at build time by tools/embed-files.cmake (rule_docs.c in the build directory); only
 * rules.c reads it, everyone else goes through rule_doc_markdown(). */
#ifndef LIFELINE_RULE_DOCS_H
#define LIFELINE_RULE_DOCS_H

#include <stddef.h>

typedef struct rule_doc {
    const char *id;       /* file name without ".md" */
    const char *markdown; /* the page, NUL-terminated */
    size_t length;        /* bytes, without the NUL */
} rule_doc;

/* Every embedded page, sorted by id. */
const rule_doc *rule_docs_all(size_t *count);

#endif
