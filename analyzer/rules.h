/* rules.h — the rule table: every rule id lifeline can report, with the texts `lifeline rules`, SARIF and LSP show.
 *
 * Rules are declared by the checkers (checkers/registry.c collects them); the long help is the rule's doc page
 * (checkers/rules/<id>.md), embedded into the binary at build time so an installed lifeline needs no source tree.
 *
 * The table is read through rules_count()/rule_at() rather than handed out as one array: the rules live in each
 * checker's own const table, and concatenating them into a single array would need a cache (global mutable state). */
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
    /* Optional SARIF metadata (NULL = default), read by GitHub code scanning. Trailing members so rule tables that
     * leave them out stay valid. */
    const char *tags;              /* space-separated, e.g. "reliability security external/cwe/cwe-562"; default
                                      "reliability" */
    const char *precision;         /* "very-high", "high", "medium", "low"; default "high" */
    const char *security_severity; /* CVSS-like score "0.0".."10.0" for rules tagged security; default none */
} rule_info;

/* All rules of all registered checkers, in a stable order (checker order, then each checker's table order):
 * rule_at(i) for i < rules_count(); NULL past the end. */
size_t rules_count(void);
const rule_info *rule_at(size_t i);
const rule_info *rule_find(const char *id);
/* Index of the rule for rule_at(), or -1. */
int rule_index(const char *id);
/* The rule's embedded doc page (markdown), or NULL if the rule has none. */
const char *rule_doc_markdown(const char *id);
/* Where the doc page lives online: LIFELINE_DOCS_BASE_URL + "checkers/rules/<id>.md", written into buf. Returns buf,
 * or NULL when it does not fit. Built on demand rather than cached, because lifeline keeps no global mutable state. */
const char *rule_help_uri(const char *id, char *buf, size_t buflen);

#endif
