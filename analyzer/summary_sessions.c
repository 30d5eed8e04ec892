/* summary_sessions.c — the part of a function summary that the timeout and session rules write and read
 * (summary.h: param_session_facts, returns_props, bounded_wait, lock_delta, global_uses): copying, comparing, and
 * its JSON, which sits beside the rest of the summary's:
 *   params[i]: "sets":"timeout", "blocks":{"fn":"curl_easy_perform","line":12},
 *              "uses":{"kind":"CURL","fn":"curl_easy_perform","line":12}
 *   root: "returns_props":"timeout", "bounded_wait":true, "lock_delta":1,
 *         "global_uses":[{"global":"c:@g_curl","name":"g_curl","kind":"CURL","fn":"curl_easy_perform",
 *                         "file":"a.c","line":30}] */
#include <jansson.h>
#include <limits.h>
#include <string.h>

#include "summary.h"

static const char *dup(arena *a, const char *s) {
    return s ? arena_strdup(a, s) : NULL;
}

static bool same(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

void summary_add_global_use(fn_summary *s, const global_session_use *u) {
    if (!u->global) return;
    for (uint32_t i = 0; i < s->nglobal_uses; i++)
        if (!strcmp(s->global_uses[i].global, u->global)) return;
    if ((s->nglobal_uses & (s->nglobal_uses - 1)) == 0) {
        uint32_t cap = s->nglobal_uses ? s->nglobal_uses * 2 : 4;
        s->global_uses = arena_grow(s->home, s->global_uses, s->nglobal_uses, cap, sizeof *s->global_uses);
    }
    arena *a = s->home;
    s->global_uses[s->nglobal_uses++] = (global_session_use){dup(a, u->global), dup(a, u->name), dup(a, u->kind),
                                                             dup(a, u->fn),     dup(a, u->file), u->line};
}

void summary_sessions_copy(arena *a, fn_summary *dst, const fn_summary *src) {
    for (uint32_t i = 0; i < src->nparams && i < dst->nparams; i++) {
        const param_session_facts *p = &src->params[i].session;
        dst->params[i].session = (param_session_facts){dup(a, p->sets),      dup(a, p->blocks), p->block_line,
                                                       dup(a, p->uses_kind), dup(a, p->use_fn), p->use_line};
    }
    dst->returns_props = dup(a, src->returns_props);
    dst->bounded_wait = src->bounded_wait;
    dst->lock_delta = src->lock_delta;
    for (uint32_t i = 0; i < src->nglobal_uses; i++)
        summary_add_global_use(dst, &src->global_uses[i]);
}

bool summary_sessions_equal(const fn_summary *a, const fn_summary *b) {
    if (!same(a->returns_props, b->returns_props) || a->bounded_wait != b->bounded_wait ||
        a->lock_delta != b->lock_delta || a->nglobal_uses != b->nglobal_uses)
        return false;
    for (uint32_t i = 0; i < a->nparams; i++) {
        const param_session_facts *p = &a->params[i].session, *q = &b->params[i].session;
        if (!same(p->sets, q->sets) || !same(p->blocks, q->blocks) || !same(p->uses_kind, q->uses_kind)) return false;
    }
    for (uint32_t i = 0; i < a->nglobal_uses; i++) {
        bool found = false;
        for (uint32_t k = 0; k < b->nglobal_uses && !found; k++)
            found = !strcmp(a->global_uses[i].global, b->global_uses[k].global) &&
                    same(a->global_uses[i].kind, b->global_uses[k].kind);
        if (!found) return false;
    }
    return true;
}

static json_t *call_site(const char *kind, const char *fn, unsigned line) {
    json_t *o = json_object();
    if (kind) json_object_set_new(o, "kind", json_string(kind));
    json_object_set_new(o, "fn", json_string(fn ? fn : ""));
    json_object_set_new(o, "line", json_integer(line));
    return o;
}

void summary_sessions_to_json(const fn_summary *s, json_t *root, json_t *const *params) {
    for (uint32_t i = 0; i < s->nparams; i++) {
        const param_session_facts *p = &s->params[i].session;
        if (p->sets) json_object_set_new(params[i], "sets", json_string(p->sets));
        if (p->blocks) json_object_set_new(params[i], "blocks", call_site(NULL, p->blocks, p->block_line));
        if (p->uses_kind) json_object_set_new(params[i], "uses", call_site(p->uses_kind, p->use_fn, p->use_line));
    }
    if (s->returns_props) json_object_set_new(root, "returns_props", json_string(s->returns_props));
    if (s->bounded_wait) json_object_set_new(root, "bounded_wait", json_true());
    if (s->lock_delta) json_object_set_new(root, "lock_delta", json_integer(s->lock_delta));
    if (s->nglobal_uses) {
        json_t *arr = json_array();
        for (uint32_t i = 0; i < s->nglobal_uses; i++) {
            const global_session_use *u = &s->global_uses[i];
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "global", u->global, "name",
                                                 u->name ? u->name : "", "kind", u->kind ? u->kind : "", "fn",
                                                 u->fn ? u->fn : "", "file", u->file ? u->file : "", "line",
                                                 (json_int_t)u->line));
        }
        json_object_set_new(root, "global_uses", arr);
    }
}

/* An optional string member; false when present and not a string. */
static bool opt_string(arena *a, json_t *obj, const char *key, const char **out) {
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v) return true;
    if (!json_is_string(v)) return false;
    *out = arena_strdup(a, json_string_value(v));
    return true;
}

static bool line_of(json_t *obj, unsigned *out) {
    json_t *v = json_object_get(obj, "line");
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > UINT_MAX) return false;
    *out = (unsigned)json_integer_value(v);
    return true;
}

bool summary_sessions_from_json(arena *a, json_t *root, fn_summary *s) {
    json_t *params = json_object_get(root, "params");
    for (uint32_t i = 0; i < s->nparams; i++) {
        json_t *p = json_array_get(params, i);
        param_session_facts *f = &s->params[i].session;
        if (!opt_string(a, p, "sets", &f->sets)) return false;
        json_t *b = json_object_get(p, "blocks"), *u = json_object_get(p, "uses");
        if (b &&
            (!json_is_object(b) || !opt_string(a, b, "fn", &f->blocks) || !f->blocks || !line_of(b, &f->block_line)))
            return false;
        if (u && (!json_is_object(u) || !opt_string(a, u, "kind", &f->uses_kind) || !f->uses_kind ||
                  !opt_string(a, u, "fn", &f->use_fn) || !line_of(u, &f->use_line)))
            return false;
    }
    if (!opt_string(a, root, "returns_props", &s->returns_props)) return false;
    json_t *bw = json_object_get(root, "bounded_wait"), *ld = json_object_get(root, "lock_delta");
    if (bw && !json_is_boolean(bw)) return false;
    s->bounded_wait = bw && json_is_true(bw);
    if (ld && (!json_is_integer(ld) || json_integer_value(ld) < -64 || json_integer_value(ld) > 64)) return false;
    s->lock_delta = ld ? (int32_t)json_integer_value(ld) : 0;
    json_t *gu = json_object_get(root, "global_uses");
    if (!gu) return true;
    if (!json_is_array(gu)) return false;
    size_t i;
    json_t *item;
    json_array_foreach(gu, i, item) {
        global_session_use u = {0};
        if (!json_is_object(item) || !opt_string(a, item, "global", &u.global) || !u.global ||
            !opt_string(a, item, "name", &u.name) || !opt_string(a, item, "kind", &u.kind) ||
            !opt_string(a, item, "fn", &u.fn) || !opt_string(a, item, "file", &u.file) || !line_of(item, &u.line))
            return false;
        summary_add_global_use(s, &u);
    }
    return true;
}
