/* emit_sarif.c — findings as a SARIF 2.1.0 log that GitHub code scanning accepts and Microsoft's SARIF validator
 * passes with its SARIF and GitHub rule sets (tools/validate-sarif.sh).
 *
 * The log is built as a jansson tree and dumped once, so JSON escaping is the library's business. Two encodings are
 * ours because no library here does them: file paths become RFC 3986 URIs (percent-encoding, which is not JSON
 * escaping), and text that is not valid UTF-8 (a Latin-1 file name, a message quoting odd source bytes) has its bad
 * bytes replaced by U+FFFD, because jansson refuses such strings outright and a whole report should not be lost to
 * one byte.
 *
 * Columns are what the front end reports (libclang: bytes). The run declares utf16CodeUnits, which is the same for
 * ASCII source lines; converting would need every file's text here. */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "rules.h"

#ifndef LIFELINE_VERSION
#define LIFELINE_VERSION "0.0.0-dev"
#endif
#ifndef LIFELINE_HOMEPAGE_URL
#define LIFELINE_HOMEPAGE_URL "https://github.com/lifeline-analyzer/lifeline"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT_ID   "%SRCROOT%"

/* --- strings ------------------------------------------------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF), or 0
 * when the bytes there are not one. The same rules jansson validates by, so a sanitised string is always accepted. */
static size_t utf8_seq_len(const unsigned char *s) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    unsigned char lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0; /* overlong */
        if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90; /* overlong */
        if (c == 0xF4) hi = 0x8F; /* past U+10FFFF */
    } else {
        return 0;
    }
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) return 0; /* also stops at the NUL terminator */
    return n;
}

/* A JSON string for s (NULL counts as ""); invalid UTF-8 bytes become U+FFFD. NULL only when out of memory. */
static json_t *jstr(const char *s) {
    if (!s) s = "";
    json_t *j = json_string(s);
    if (j) return j;
    /* json_string fails on invalid UTF-8 or on allocation failure; repair and retry once. */
    size_t len = strlen(s);
    char *buf = malloc(3 * len + 1);
    if (!buf) return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    while (*p) {
        size_t n = utf8_seq_len(p);
        if (n) {
            memcpy(buf + o, p, n);
            o += n;
            p += n;
        } else {
            memcpy(buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            p++;
        }
    }
    buf[o] = '\0';
    j = json_string(buf);
    free(buf);
    return j;
}

/* A SARIF message object. The text is the checker's, unchanged, so text output, SARIF and LSP say the same words. */
static json_t *message(const char *text) {
    return json_pack("{s:o}", "text", jstr(text));
}

/* prefix + path percent-encoded per RFC 3986 + suffix, malloc'd. Only unreserved characters and the '/' separator
 * stay literal; every other byte (space, '%', '#', '?', ':', non-ASCII UTF-8 or not) becomes %XX. */
static char *uri_encode(const char *prefix, const char *path, const char *suffix) {
    static const char hex[] = "0123456789ABCDEF";
    size_t plen = strlen(prefix), slen = strlen(suffix);
    char *out = malloc(plen + 3 * strlen(path) + slen + 1);
    if (!out) return NULL;
    memcpy(out, prefix, plen);
    char *o = out + plen;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~/", c)) {
            *o++ = (char)c;
        } else {
            *o++ = '%';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    memcpy(o, suffix, slen + 1);
    return out;
}

/* --- tree building ---------------------------------------------------------------------------------------------------
 * Each builder returns a new reference or NULL when out of memory. put/push take ownership of `val` whatever
 * happens (jansson's *_new functions release it on failure, and a NULL val is simply a failure), so a chain of them
 * joined with && builds an object without leaking on the first failure. */

static bool put(json_t *obj, const char *key, json_t *val) {
    return json_object_set_new(obj, key, val) == 0;
}
static bool push(json_t *arr, json_t *val) {
    return json_array_append_new(arr, val) == 0;
}

static json_t *fail(json_t *partial) {
    json_decref(partial);
    return NULL;
}

/* artifactLocation: relative to %SRCROOT% when the file is below srcroot, else an absolute file:// URI. */
static json_t *artifact_location(const char *file, const emit_options *opt) {
    json_t *al = json_object();
    if (!al) return NULL;
    const char *below = emit_path_below(opt->srcroot, file);
    char *uri;
    bool with_base = false;
    if (below) {
        uri = uri_encode("", below, "");
        with_base = true;
    } else if (file[0] == '/') {
        uri = uri_encode("file://", file, "");
    } else {
        /* Not expected (findings carry absolute paths); a relative one can only mean relative to the root. */
        uri = uri_encode("", file, "");
        with_base = opt->srcroot != NULL;
    }
    if (!uri) return fail(al);
    bool ok = put(al, "uri", json_string(uri)) && (!with_base || put(al, "uriBaseId", json_string(SRCROOT_ID)));
    free(uri);
    return ok ? al : fail(al);
}

/* SARIF lines and columns start at 1: a 0 means unknown and is left out. Callers skip the region for line 0. */
static json_t *region(unsigned line, unsigned col, unsigned end_line, unsigned end_col) {
    json_t *r = json_object();
    if (!r || !put(r, "startLine", json_integer(line)) || (col && !put(r, "startColumn", json_integer(col))))
        return fail(r);
    /* An end before the start would break the validator's region consistency rule; drop such an end. */
    unsigned el = end_line ? end_line : line;
    if (el < line || (el == line && col && end_col && end_col < col)) return r;
    if ((end_line && !put(r, "endLine", json_integer(end_line))) ||
        (end_col && !put(r, "endColumn", json_integer(end_col))))
        return fail(r);
    return r;
}

static json_t *physical_location(const char *file, unsigned line, unsigned col, unsigned end_line, unsigned end_col,
                                 const emit_options *opt) {
    json_t *pl = json_object();
    if (!pl || !put(pl, "artifactLocation", artifact_location(file, opt)) ||
        (line && !put(pl, "region", region(line, col, end_line, end_col))))
        return fail(pl);
    return pl;
}

static bool has_file(const char *file) {
    return file && *file;
}

/* --- rules -------------------------------------------------------------------------------------------------------- */

static json_t *rule_properties(const rule_info *r) {
    json_t *props = json_object(), *tags = json_array();
    if (!props || !tags || !put(props, "tags", tags)) {
        if (!props) json_decref(tags);
        return fail(props);
    }
    const char *t = r->tags ? r->tags : "reliability";
    while (*t) {
        size_t skip = strspn(t, " "), len = strcspn(t + skip, " ");
        if (len && !push(tags, json_stringn(t + skip, len))) return fail(props);
        t += skip + len;
    }
    /* GitHub reads precision and problem.severity to rank and label alerts; security-severity only counts together
     * with the "security" tag. */
    static const char *const problem_severity[] = {
        [SEV_NOTE] = "recommendation", [SEV_WARNING] = "warning", [SEV_ERROR] = "error"};
    const char *ps = r->level <= SEV_ERROR ? problem_severity[r->level] : "warning";
    bool ok = put(props, "precision", jstr(r->precision ? r->precision : "high")) &&
              put(props, "problem.severity", json_string(ps)) &&
              (!r->security_severity || put(props, "security-severity", jstr(r->security_severity)));
    return ok ? props : fail(props);
}

/* The rule's doc page when it has one. help.text must be plain text; markdown source reads fine as that, which is
 * what other analyzers ship too. */
static json_t *help(const char *id, const char *fallback) {
    const char *doc = rule_doc_markdown(id);
    return doc ? json_pack("{s:o,s:o}", "text", jstr(doc), "markdown", jstr(doc)) : message(fallback);
}

static json_t *rule_descriptor(const rule_info *r) {
    json_t *d = json_object();
    if (!d) return NULL;
    const char *short_desc = r->short_desc ? r->short_desc : r->id;
    const char *full_desc = r->full_desc ? r->full_desc : short_desc;
    char uri[512];
    const char *help_uri = rule_help_uri(r->id, uri, sizeof uri);
    bool ok = put(d, "id", jstr(r->id)) && put(d, "name", jstr(r->name ? r->name : r->id)) &&
              put(d, "shortDescription", message(short_desc)) && put(d, "fullDescription", message(full_desc)) &&
              put(d, "help", help(r->id, full_desc)) && (!help_uri || put(d, "helpUri", jstr(help_uri))) &&
              put(d, "defaultConfiguration", json_pack("{s:s}", "level", severity_name(r->level))) &&
              put(d, "properties", rule_properties(r));
    return ok ? d : fail(d);
}

static json_t *driver(const emit_options *opt) {
    const char *version = opt->tool_version ? opt->tool_version : LIFELINE_VERSION;
    json_t *drv = json_pack("{s:s,s:o,s:o,s:s}", "name", "lifeline", "version", jstr(version), "semanticVersion",
                            jstr(version), "informationUri", LIFELINE_HOMEPAGE_URL);
    json_t *rules = json_array();
    if (!drv || !rules || !put(drv, "rules", rules)) {
        if (!drv) json_decref(rules);
        return fail(drv);
    }
    size_t n = rules_count();
    for (size_t i = 0; i < n; i++)
        if (!push(rules, rule_descriptor(rule_at(i)))) return fail(drv);
    return drv;
}

/* --- results ------------------------------------------------------------------------------------------------------ */

static json_t *code_flows(const finding *f, const emit_options *opt) {
    json_t *locs = json_array();
    if (!locs) return NULL;
    for (size_t i = 0; i < f->nsteps; i++) {
        const finding_step *st = &f->steps[i];
        /* A step recorded without a file happened in the finding's own file. */
        const char *file = has_file(st->file) ? st->file : f->file;
        json_t *loc = json_object();
        bool ok =
            loc &&
            (!has_file(file) || put(loc, "physicalLocation", physical_location(file, st->line, st->col, 0, 0, opt))) &&
            put(loc, "message", message(st->message));
        if (!ok) {
            json_decref(loc);
            return fail(locs);
        }
        if (!push(locs, json_pack("{s:o}", "location", loc))) return fail(locs);
    }
    return json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", locs);
}

static json_t *result(const finding *f, const emit_options *opt) {
    json_t *res = json_object();
    if (!res) return NULL;
    int index = rule_index(f->rule_id);
    bool ok = put(res, "ruleId", jstr(f->rule_id)) && (index < 0 || put(res, "ruleIndex", json_integer(index))) &&
              put(res, "level", json_string(severity_name(f->level))) && put(res, "message", message(f->message));
    if (ok && has_file(f->file)) {
        json_t *loc = json_object();
        ok = loc &&
             put(loc, "physicalLocation", physical_location(f->file, f->line, f->col, f->end_line, f->end_col, opt));
        if (ok && f->function && *f->function)
            ok = put(loc, "logicalLocations", json_pack("[{s:o,s:s}]", "name", jstr(f->function), "kind", "function"));
        if (ok)
            ok = put(res, "locations", json_pack("[o]", loc));
        else
            json_decref(loc);
    }
    if (ok && f->nsteps) ok = put(res, "codeFlows", code_flows(f, opt));
    if (ok && f->fingerprint && *f->fingerprint)
        ok = put(res, "partialFingerprints", json_pack("{s:o}", "lifeline/v1", jstr(f->fingerprint)));
    if (ok && f->suppressed) {
        json_t *sup = json_pack("{s:s,s:s}", "kind", "inSource", "status", "accepted");
        ok = sup && (!f->suppression_note || put(sup, "justification", jstr(f->suppression_note)));
        if (ok)
            ok = put(res, "suppressions", json_pack("[o]", sup));
        else
            json_decref(sup);
    }
    return ok ? res : fail(res);
}

/* --- the run ------------------------------------------------------------------------------------------------------ */

static json_t *notification(const tool_diag *d, const emit_options *opt) {
    json_t *n = json_object();
    if (!n) return NULL;
    bool ok = put(n, "level", json_string(severity_name(d->level))) && put(n, "message", message(d->message));
    if (ok && has_file(d->file))
        ok = put(n, "locations",
                 json_pack("[{s:o}]", "physicalLocation", physical_location(d->file, d->line, d->col, 0, 0, opt)));
    if (ok) ok = put(n, "descriptor", json_pack("{s:o}", "id", jstr(d->tag ? d->tag : "lifeline")));
    return ok ? n : fail(n);
}

/* The run-level warning when results were dropped to stay under GitHub's limit. */
static json_t *truncation_notification(size_t kept, size_t total) {
    char text[256];
    snprintf(text, sizeof text,
             "%zu results exceed the %zu a GitHub code scanning run accepts; only the first %zu (unsuppressed first, "
             "in file order) are in this log. Narrow the run (--rules, a config file) or split it by --category.",
             total, kept, kept);
    tool_diag d = {.tag = "lifeline-results-truncated", .level = SEV_WARNING, .message = text};
    return notification(&d, NULL);
}

static json_t *invocation(const tool_diag_list *dl, size_t kept, size_t total, const emit_options *opt) {
    json_t *inv = json_pack("{s:b,s:i}", "executionSuccessful", opt->exit_code < 2, "exitCode", opt->exit_code);
    if (!inv) return NULL;
    if (opt->command_line && !put(inv, "commandLine", jstr(opt->command_line))) return fail(inv);
    if ((dl && dl->count) || kept < total) {
        json_t *notes = json_array();
        if (!put(inv, "toolExecutionNotifications", notes)) return fail(inv);
        for (size_t i = 0; dl && i < dl->count; i++)
            if (!push(notes, notification(&dl->items[i], opt))) return fail(inv);
        if (kept < total && !push(notes, truncation_notification(kept, total))) return fail(inv);
    }
    return inv;
}

size_t emit_sarif_result_limit(const emit_options *opt) {
    return opt && opt->max_results ? opt->max_results : SARIF_GITHUB_MAX_RESULTS;
}

static json_t *run(const finding_list *fl, const tool_diag_list *dl, const emit_options *opt) {
    json_t *r = json_object();
    if (!r || !put(r, "tool", json_pack("{s:o}", "driver", driver(opt)))) return fail(r);
    if (opt->category && !put(r, "automationDetails", json_pack("{s:o}", "id", jstr(opt->category)))) return fail(r);
    if (opt->srcroot) {
        /* A base URI must be absolute and end with '/' so relative URIs resolve below it, not beside it. */
        size_t len = strlen(opt->srcroot);
        char *uri = uri_encode("file://", opt->srcroot, opt->srcroot[len - 1] == '/' ? "" : "/");
        bool ok = uri && put(r, "originalUriBaseIds", json_pack("{s:{s:s}}", SRCROOT_ID, "uri", uri));
        free(uri);
        if (!ok) return fail(r);
    }
    size_t total = fl ? fl->count : 0, limit = emit_sarif_result_limit(opt);
    size_t kept = total < limit ? total : limit;
    if (!put(r, "invocations", json_pack("[o]", invocation(dl, kept, total, opt))) ||
        !put(r, "columnKind", json_string("utf16CodeUnits")) || !put(r, "results", json_array()))
        return fail(r);
    json_t *results = json_object_get(r, "results"); /* borrowed: r owns it */
    /* Over the limit, unsuppressed results go first: suppressed ones are not shown as alerts anyway. */
    size_t pushed = 0;
    int passes = total > kept ? 2 : 1;
    for (int pass = 0; pass < passes; pass++)
        for (size_t i = 0; i < total && pushed < kept; i++) {
            const finding *f = &fl->items[i];
            if (passes == 2 && f->suppressed != (pass == 1)) continue;
            if (!push(results, result(f, opt))) return fail(r);
            pushed++;
        }
    return r;
}

static int error(char *err, size_t errlen, const char *what) {
    if (err && errlen) snprintf(err, errlen, "%s", what);
    return -1;
}

int emit_sarif(FILE *out, const finding_list *fl, const tool_diag_list *dl, const emit_options *opt, char *err,
               size_t errlen) {
    const emit_options defaults = {0};
    if (!opt) opt = &defaults;
    if (opt->srcroot && opt->srcroot[0] != '/')
        return error(err, errlen, "SARIF needs the source root as an absolute path");
    json_t *log = json_pack("{s:s,s:s,s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", run(fl, dl, opt));
    if (!log) return error(err, errlen, "out of memory while building the SARIF log");
    errno = 0;
    int rc = json_dumpf(log, out, JSON_INDENT(2));
    json_decref(log);
    if (rc != 0 || fputc('\n', out) == EOF || fflush(out) == EOF || ferror(out)) {
        char what[256];
        snprintf(what, sizeof what, "could not write the SARIF log: %s", errno ? strerror(errno) : "I/O error");
        return error(err, errlen, what);
    }
    return 0;
}
