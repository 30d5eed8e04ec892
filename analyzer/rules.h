/* rules.h — the rule table: every rule id lifeline can report, with the texts `lifeline rules`, SARIF and LSP show.
 *
 * Rules are declared by the checkers (checkers/registry.c collects them); the long help is the rule's doc page
 * (checkers/rules/<id>.md), embedded into the binary at build time so an installed lifeline needs no source tree. */
#ifndef LIFELINE_RULES_H
#define LIFELINE_RULES_H

#include <stddef.h>

#include "finding.h"

typedef struct rule_info {
    const char *id;         /* "stack-address-escape": text output, SARIF ruleId, LSP code, NOLINT(lifeline-<id>) */
    const char *name;       /* "StackAddressEscape": SARIF reportingDescriptor.name */
    const char *short_desc; /* one sentence, no trailing period */
    const char *full_desc;  /* a short paragraph */
    severity level;         /* default level */
} rule_info;

/* All rules of all registered checkers, in a stable order. */
const rule_info *rules_all(size_t *count);
const rule_info *rule_find(const char *id);
/* Index of the rule in rules_all(), or -1. */
int rule_index(const char *id);
/* The rule's embedded doc page (markdown), or NULL if the rule has none. */
const char *rule_doc_markdown(const char *id);
/* Where the doc page lives online: LIFELINE_DOCS_BASE_URL + "checkers/rules/<id>.md", written into buf (returns buf).
 * Built on demand rather than cached, because lifeline keeps no global mutable state. */
const char *rule_help_uri(const char *id, char *buf, size_t buflen);

#endif
