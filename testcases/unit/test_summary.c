/* test_summary.c — function summaries: JSON round trips, rejecting malformed or unknown-version JSON, equality,
 * and the --explain-escapes text. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "models.h" /* model_success */
#include "summary.h"

/* A summary with one of everything: p0 escapes four ways, p1 not at all, p2 through p0. */
static fn_summary *make_rich(arena *a) {
    fn_summary *s = summary_new(a, "c:@F@stash", "stash", "/src/stash.c", 12, 3);
    s->params[0].escapes = ESC_RETURN | ESC_GLOBAL | ESC_PARAM | ESC_HEAP;
    s->params[0].escape_global = "g_last";
    s->params[0].escape_param = 2;
    s->params[0].escape_line = 15;
    s->params[2].escapes = ESC_PARAM;
    s->params[2].escape_param = 0;
    s->returns_const = true;
    s->return_value = -1;
    return s;
}

/* What summary_explain prints, malloc'd. */
static char *explain(const fn_summary *s, const char *const *names) {
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    summary_explain(out, s, names);
    assert_int_equal(fclose(out), 0);
    return buf;
}

static void test_new_defaults(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    fn_summary *s = summary_new(&a, "c:@F@f", "f", "/src/f.c", 3, 2);
    assert_string_equal(s->usr, "c:@F@f");
    assert_string_equal(s->name, "f");
    assert_string_equal(s->file, "/src/f.c");
    assert_int_equal(s->line, 3);
    assert_int_equal(s->nparams, 2);
    assert_int_equal(s->params[0].escapes, 0);
    assert_int_equal(s->params[1].escapes, 0);
    assert_false(s->returns_const);
    assert_false(s->noreturn);
    arena_free(&a);
}

static void test_json_round_trip(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    fn_summary *s = make_rich(&a);
    char *json = summary_to_json(s);
    assert_non_null(json);
    /* Versioned and readable: the escape kinds are spelled out. */
    assert_non_null(strstr(json, "\"v\":1"));
    assert_non_null(strstr(json, "\"global:g_last\""));
    assert_non_null(strstr(json, "\"param:2\""));
    assert_non_null(strstr(json, "\"return\""));
    assert_non_null(strstr(json, "\"heap\""));

    fn_summary *back = summary_from_json(&a, s->usr, s->name, s->file, json);
    assert_non_null(back);
    assert_true(summary_equal(s, back));
    assert_int_equal(back->line, 12);
    assert_int_equal(back->nparams, 3);
    assert_int_equal(back->params[0].escapes, ESC_RETURN | ESC_GLOBAL | ESC_PARAM | ESC_HEAP);
    assert_string_equal(back->params[0].escape_global, "g_last");
    assert_int_equal(back->params[0].escape_param, 2);
    assert_int_equal(back->params[0].escape_line, 15);
    assert_int_equal(back->params[1].escapes, 0);
    assert_int_equal(back->params[2].escape_param, 0);
    assert_true(back->returns_const);
    assert_int_equal(back->return_value, -1);

    /* Writing it again gives the same text, so unchanged summaries never look changed in the store. */
    char *again = summary_to_json(back);
    assert_string_equal(json, again);
    free(again);
    free(json);

    /* No parameters, noreturn, no constant. */
    fn_summary *die = summary_new(&a, "c:@F@die", "die", "/src/die.c", 1, 0);
    die->noreturn = true;
    json = summary_to_json(die);
    back = summary_from_json(&a, "c:@F@die", "die", "/src/die.c", json);
    assert_non_null(back);
    assert_true(summary_equal(die, back));
    assert_true(back->noreturn);
    assert_int_equal(back->nparams, 0);
    free(json);

    /* The copy is deep and equal. */
    fn_summary *copy = summary_copy(&a, s);
    assert_true(summary_equal(s, copy));
    assert_ptr_not_equal(copy->params, s->params);
    assert_ptr_not_equal(copy->params[0].escape_global, s->params[0].escape_global);
    arena_free(&a);
}

static void test_equal_detects_differences(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    fn_summary *s = make_rich(&a);
    fn_summary *t = summary_copy(&a, s);
    assert_true(summary_equal(s, t));
    t->params[1].escapes = ESC_HEAP;
    assert_false(summary_equal(s, t));
    t = summary_copy(&a, s);
    t->params[0].escape_global = "g_other";
    assert_false(summary_equal(s, t));
    t = summary_copy(&a, s);
    t->params[0].escape_param = 1;
    assert_false(summary_equal(s, t));
    t = summary_copy(&a, s);
    t->return_value = 0;
    assert_false(summary_equal(s, t));
    t = summary_copy(&a, s);
    t->noreturn = true;
    assert_false(summary_equal(s, t));
    /* A value that only means something under a flag does not count without the flag. */
    t = summary_copy(&a, s);
    t->params[1].escape_param = 7;
    assert_true(summary_equal(s, t));
    arena_free(&a);
}

static void test_malformed_json_rejected(void **state) {
    (void)state;
    static const char *const bad[] = {
        "",
        "not json",
        "{\"v\":1,\"nparams\":1,\"params\":[{}]",                                 /* truncated */
        "[]",                                                                     /* not an object */
        "{\"nparams\":0,\"params\":[]}",                                          /* no version */
        "{\"v\":2,\"nparams\":0,\"params\":[]}",                                  /* newer version */
        "{\"v\":\"1\",\"nparams\":0,\"params\":[]}",                              /* version of the wrong type */
        "{\"v\":1,\"params\":[]}",                                                /* no count */
        "{\"v\":1,\"nparams\":2,\"params\":[{}]}",                                /* count does not match */
        "{\"v\":1,\"nparams\":-1,\"params\":[]}",                                 /* negative count */
        "{\"v\":1,\"nparams\":1,\"params\":{}}",                                  /* params not an array */
        "{\"v\":1,\"nparams\":1,\"params\":[3]}",                                 /* param not an object */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"escapes\":\"heap\"}]}",            /* escapes not an array */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"escapes\":[\"teleport\"]}]}",      /* unknown kind */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"escapes\":[1]}]}",                 /* kind not a string */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"escapes\":[\"param:1\"]}]}",       /* no such parameter */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"escapes\":[\"param:x\"]}]}",       /* not an index */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"escapes\":[\"param:-1\"]}]}",      /* negative index */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"escapes\":[\"heap\",\"heap\"]}]}", /* a kind twice */
        "{\"v\":1,\"nparams\":1,\"params\":[{\"line\":-4}]}",                     /* negative line */
        "{\"v\":1,\"nparams\":0,\"params\":[],\"returns_const\":true}",           /* constant without its value */
        "{\"v\":1,\"nparams\":0,\"params\":[],\"returns_const\":\"yes\"}",        /* flag of the wrong type */
        "{\"v\":1,\"nparams\":0,\"params\":[],\"noreturn\":1}",                   /* flag of the wrong type */
        "{\"v\":1,\"v\":1,\"nparams\":0,\"params\":[]}",                          /* duplicate key */
    };
    arena a;
    arena_init(&a);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (summary_from_json(&a, "c:@F@f", "f", "/src/f.c", bad[i]) != NULL)
            fail_msg("accepted malformed summary #%zu: %s", i, bad[i]);
    }
    assert_null(summary_from_json(&a, "c:@F@f", "f", "/src/f.c", NULL));
    /* A minimal valid one is accepted, so the rejections above are about their defects. */
    fn_summary *ok = summary_from_json(&a, "c:@F@f", "f", "/src/f.c", "{\"v\":1,\"nparams\":1,\"params\":[{}]}");
    assert_non_null(ok);
    assert_int_equal(ok->nparams, 1);
    assert_int_equal(ok->params[0].escapes, 0);
    assert_string_equal(ok->usr, "c:@F@f");
    arena_free(&a);
}

static void test_explain(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    fn_summary *s = make_rich(&a);
    const char *const names[] = {"p", "q", "r"};
    char *text = explain(s, names);
    assert_string_equal(text, "stash: param p escapes via return value at line 15\n"
                              "stash: param p leaks to global g_last at line 15\n"
                              "stash: param p leaks through param r at line 15\n"
                              "stash: param p leaks to heap at line 15\n"
                              "stash: param q does not escape\n"
                              "stash: param r leaks through param p\n"
                              "stash: always returns -1\n");
    free(text);

    /* Unknown names print as #i. */
    const char *const partial[] = {NULL, "q", NULL};
    text = explain(s, partial);
    assert_non_null(strstr(text, "stash: param #0 leaks to global g_last at line 15\n"));
    assert_non_null(strstr(text, "stash: param #0 leaks through param #2 at line 15\n"));
    assert_non_null(strstr(text, "stash: param #2 leaks through param #0\n"));
    assert_non_null(strstr(text, "stash: param q does not escape\n"));
    free(text);
    text = explain(s, NULL);
    assert_non_null(strstr(text, "stash: param #1 does not escape\n"));
    free(text);

    fn_summary *die = summary_new(&a, "c:@F@die", "die", "/src/die.c", 1, 1);
    die->noreturn = true;
    const char *const msg[] = {"msg"};
    text = explain(die, msg);
    assert_string_equal(text, "die: param msg does not escape\n"
                              "die: never returns\n");
    free(text);
    arena_free(&a);
}

/* A thread-creating wrapper: int spawn(pthread_t *t, void *(*fn)(void *), void *arg). */
static fn_summary *make_spawn(arena *a) {
    fn_summary *s = summary_new(a, "c:@F@spawn", "spawn", "/src/spawn.c", 7, 3);
    s->acquires_out_param = 0;
    s->acquires_out_kind = "pthread_t";
    s->acquires_out_success = SUCCESS_ZERO;
    s->thread_routine_param = 1;
    s->thread_arg_param = 2;
    return s;
}

static void test_thread_fields_json_round_trip(void **state) {
    (void)state;
    arena a;
    arena_init(&a);

    /* defaults: no thread facts, and none written */
    fn_summary *plain = summary_new(&a, "c:@F@f", "f", "/src/f.c", 3, 2);
    assert_false(plain->detaches_self);
    assert_int_equal(plain->thread_routine_param, -1);
    assert_int_equal(plain->thread_arg_param, -1);
    char *json = summary_to_json(plain);
    assert_null(strstr(json, "detaches_self"));
    assert_null(strstr(json, "thread_routine_param"));
    assert_null(strstr(json, "thread_arg_param"));
    fn_summary *back = summary_from_json(&a, plain->usr, plain->name, plain->file, json);
    free(json);
    assert_non_null(back);
    assert_false(back->detaches_self);
    assert_int_equal(back->thread_routine_param, -1);
    assert_int_equal(back->thread_arg_param, -1);
    assert_true(summary_equal(plain, back));

    /* a creation wrapper */
    fn_summary *s = make_spawn(&a);
    json = summary_to_json(s);
    assert_non_null(strstr(json, "\"thread_routine_param\":1"));
    assert_non_null(strstr(json, "\"thread_arg_param\":2"));
    assert_null(strstr(json, "detaches_self"));
    back = summary_from_json(&a, s->usr, s->name, s->file, json);
    assert_non_null(back);
    assert_true(summary_equal(s, back));
    assert_int_equal(back->thread_routine_param, 1);
    assert_int_equal(back->thread_arg_param, 2);
    assert_int_equal(back->acquires_out_param, 0);
    assert_string_equal(back->acquires_out_kind, "pthread_t");
    assert_int_equal(back->acquires_out_success, SUCCESS_ZERO);
    assert_false(back->detaches_self);
    char *again = summary_to_json(back);
    assert_string_equal(json, again); /* stable text */
    free(again);
    free(json);

    /* a start routine that detaches itself; parameter 0 is its own (0 is a valid index, not "none") */
    fn_summary *r = summary_new(&a, "c:@F@worker", "worker", "/src/w.c", 20, 1);
    r->detaches_self = true;
    r->thread_arg_param = 0;
    json = summary_to_json(r);
    assert_non_null(strstr(json, "\"detaches_self\":true"));
    assert_non_null(strstr(json, "\"thread_arg_param\":0"));
    assert_null(strstr(json, "thread_routine_param"));
    back = summary_from_json(&a, r->usr, r->name, r->file, json);
    free(json);
    assert_non_null(back);
    assert_true(summary_equal(r, back));
    assert_true(back->detaches_self);
    assert_int_equal(back->thread_arg_param, 0);
    assert_int_equal(back->thread_routine_param, -1);

    /* the copy carries them too */
    fn_summary *copy = summary_copy(&a, s);
    assert_true(summary_equal(s, copy));
    assert_int_equal(copy->thread_routine_param, 1);
    assert_int_equal(copy->thread_arg_param, 2);
    copy = summary_copy(&a, r);
    assert_true(copy->detaches_self);

    /* explicit false is read as false */
    back = summary_from_json(&a, "c:@F@f", "f", "/src/f.c",
                             "{\"v\":1,\"nparams\":0,\"params\":[],\"detaches_self\":false}");
    assert_non_null(back);
    assert_false(back->detaches_self);
    arena_free(&a);
}

static void test_thread_fields_malformed_json_rejected(void **state) {
    (void)state;
    static const char *const bad[] = {
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_arg_param\":3}",        /* no such parameter */
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_arg_param\":-1}",       /* negative */
        "{\"v\":1,\"nparams\":0,\"params\":[],\"thread_arg_param\":0}",                /* no parameters at all */
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_arg_param\":\"2\"}",    /* not an integer */
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_arg_param\":1.5}",      /* not an integer */
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_routine_param\":7}",    /* no such parameter */
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_routine_param\":-2}",   /* negative */
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_routine_param\":null}", /* not an integer */
        "{\"v\":1,\"nparams\":0,\"params\":[],\"detaches_self\":1}",                   /* flag of the wrong type */
        "{\"v\":1,\"nparams\":0,\"params\":[],\"detaches_self\":\"true\"}",            /* flag of the wrong type */
    };
    arena a;
    arena_init(&a);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (summary_from_json(&a, "c:@F@f", "f", "/src/f.c", bad[i]) != NULL)
            fail_msg("accepted malformed summary #%zu: %s", i, bad[i]);
    }
    /* the same fields in range are accepted, so the rejections above are about their values */
    fn_summary *ok = summary_from_json(
        &a, "c:@F@f", "f", "/src/f.c",
        "{\"v\":1,\"nparams\":3,\"params\":[{},{},{}],\"thread_arg_param\":2,\"thread_routine_param\":1,"
        "\"detaches_self\":true}");
    assert_non_null(ok);
    assert_int_equal(ok->thread_arg_param, 2);
    assert_int_equal(ok->thread_routine_param, 1);
    assert_true(ok->detaches_self);
    arena_free(&a);
}

static void test_equal_detects_thread_differences(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    fn_summary *s = make_spawn(&a);
    fn_summary *t = summary_copy(&a, s);
    assert_true(summary_equal(s, t));
    assert_true(summary_equal(t, s));
    t->detaches_self = true;
    assert_false(summary_equal(s, t));
    assert_false(summary_equal(t, s));
    t = summary_copy(&a, s);
    t->thread_routine_param = -1;
    assert_false(summary_equal(s, t));
    t->thread_routine_param = 2;
    assert_false(summary_equal(s, t));
    t = summary_copy(&a, s);
    t->thread_arg_param = -1;
    assert_false(summary_equal(s, t));
    t->thread_arg_param = 1;
    assert_false(summary_equal(s, t));
    t = summary_copy(&a, s);
    t->thread_arg_param = 2;
    assert_true(summary_equal(s, t)); /* back to the same */
    arena_free(&a);
}

static void test_session_fields_json_round_trip(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    fn_summary *s = summary_new(&a, "c:@F@worker", "worker", "/src/w.c", 3, 2);
    s->params[0].session = (param_session_facts){.sets = "timeout,nonblocking",
                                                 .blocks = "recv",
                                                 .block_line = 9,
                                                 .uses_kind = "CURL",
                                                 .use_fn = "curl_easy_perform",
                                                 .use_line = 12};
    s->returns_props = "timeout";
    s->bounded_wait = true;
    s->lock_delta = -1;
    global_session_use u = {"c:@g_curl", "g_curl", "CURL", "curl_easy_perform", "/src/w.c", 30};
    summary_add_global_use(s, &u);
    summary_add_global_use(s, &u); /* once per global */
    assert_int_equal(s->nglobal_uses, 1);
    char *json = summary_to_json(s);
    assert_non_null(strstr(json, "\"global_uses\""));
    fn_summary *back = summary_from_json(&a, s->usr, s->name, s->file, json);
    assert_non_null(back);
    assert_true(summary_equal(s, back));
    assert_string_equal(back->params[0].session.sets, "timeout,nonblocking");
    assert_string_equal(back->params[0].session.blocks, "recv");
    assert_int_equal(back->params[0].session.block_line, 9);
    assert_string_equal(back->params[0].session.uses_kind, "CURL");
    assert_int_equal(back->params[0].session.use_line, 12);
    assert_null(back->params[1].session.uses_kind);
    assert_string_equal(back->returns_props, "timeout");
    assert_true(back->bounded_wait);
    assert_int_equal(back->lock_delta, -1);
    assert_string_equal(back->global_uses[0].name, "g_curl");
    assert_int_equal(back->global_uses[0].line, 30);
    fn_summary *copy = summary_copy(&a, back);
    assert_true(summary_equal(copy, s));
    copy->lock_delta = 1;
    assert_false(summary_equal(copy, s));
    free(json);
    /* malformed: each rejected as a whole */
    static const char *const bad[] = {
        "{\"v\":1,\"line\":1,\"nparams\":1,\"params\":[{\"blocks\":{\"line\":2}}],\"returns_const\":false,\"noreturn\":"
        "false}",
        "{\"v\":1,\"line\":1,\"nparams\":1,\"params\":[{\"sets\":3}],\"returns_const\":false,\"noreturn\":false}",
        "{\"v\":1,\"line\":1,\"nparams\":0,\"params\":[],\"returns_const\":false,\"noreturn\":false,\"lock_delta\":"
        "\"x\"}",
        "{\"v\":1,\"line\":1,\"nparams\":0,\"params\":[],\"returns_const\":false,\"noreturn\":false,\"global_uses\":[{}"
        "]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_null(summary_from_json(&a, "u", "n", "f", bad[i]));
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_defaults),
        cmocka_unit_test(test_session_fields_json_round_trip),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_equal_detects_differences),
        cmocka_unit_test(test_malformed_json_rejected),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_thread_fields_json_round_trip),
        cmocka_unit_test(test_thread_fields_malformed_json_rejected),
        cmocka_unit_test(test_equal_detects_thread_differences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
