/* test_threads.c — the thread-lifecycle checker (threads.c on resource_tracker.c), end to end on in-memory sources
 * with the built-in models (threads.yaml): thread-not-joined on creations that are neither joined nor detached,
 * creation failure paths, detached and joinable attributes, start routines that detach themselves, out-parameter
 * creation wrappers and their summaries, create/join loops over an array, thread-stack-arg on the address of a
 * local handed to a thread that may outlive the frame, and C11 threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "checker_harness.h"

static const char NOT_JOINED[] = "thread-not-joined";
static const char STACK_ARG[] = "thread-stack-arg";

/* Both rules quiet in `function`. */
static void expect_clean(const char *function) {
    expect_count(NOT_JOINED, function, 0);
    expect_count(STACK_ARG, function, 0);
}

/* Three lines: the sources below start on line 4. */
static const char *const prelude = "#include <pthread.h>\n#include <threads.h>\n#include <stdlib.h>\n";

/* (a) created and lost at return; joined; the failure path of the creation. */
static void test_join_and_failure_path(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static void *work(void *arg) { (void)arg; return NULL; }\n"    /* 4 */
             "int leaks(void) {\n"                                           /* 5 */
             "  pthread_t worker;\n"                                         /* 6 */
             "  pthread_create(&worker, NULL, work, NULL);\n"                /* 7 */
             "  return 0;\n"                                                 /* 8 */
             "}\n"                                                           /* 9 */
             "int joined(void) {\n"                                          /* 10 */
             "  pthread_t t;\n"                                              /* 11 */
             "  pthread_create(&t, NULL, work, NULL);\n"                     /* 12 */
             "  pthread_join(t, NULL);\n"                                    /* 13 */
             "  return 0;\n"                                                 /* 14 */
             "}\n"                                                           /* 15 */
             "int failure(void) {\n"                                         /* 16 */
             "  pthread_t t;\n"                                              /* 17 */
             "  if (pthread_create(&t, NULL, work, NULL) != 0) return -1;\n" /* 18 */
             "  pthread_join(t, NULL);\n"                                    /* 19 */
             "  return 0;\n"                                                 /* 20 */
             "}\n"                                                           /* 21 */
             "int failure_rc(void) {\n"                                      /* 22 */
             "  pthread_t t;\n"                                              /* 23 */
             "  int rc = pthread_create(&t, NULL, work, NULL);\n"            /* 24 */
             "  if (rc) return rc;\n"                                        /* 25 */
             "  return pthread_join(t, NULL);\n"                             /* 26 */
             "}\n"                                                           /* 27 */
             "int success_leaks(void) {\n"                                   /* 28 */
             "  pthread_t t;\n"                                              /* 29 */
             "  if (pthread_create(&t, NULL, work, NULL) != 0) return -1;\n" /* 30 */
             "  return 0;\n"                                                 /* 31 */
             "}\n",                                                          /* 32 */
             prelude);
    analyse(src);
    expect_count(NOT_JOINED, "leaks", 1);
    const finding *f = finding_of(NOT_JOINED, "leaks");
    assert_int_equal(f->line, 7); /* at the creation, not at the return */
    assert_non_null(strstr(f->message, "thread 'worker'"));
    assert_non_null(strstr(f->message, "pthread_create"));
    assert_non_null(strstr(f->message, "neither joined nor detached"));
    assert_int_equal(f->nsteps, 2);
    assert_int_equal(f->steps[0].line, 7);
    assert_int_equal(f->steps[1].line, 8); /* the return that loses it */
    expect_count(STACK_ARG, "leaks", 0);   /* NULL argument */
    expect_clean("joined");
    expect_clean("failure");
    expect_clean("failure_rc");
    expect_count(NOT_JOINED, "success_leaks", 1);
    assert_int_equal(line_of(NOT_JOINED, "success_leaks"), 30);
    expect_clean("work");
    /* nothing else anywhere */
    if (g_findings.count != 2) dump_findings();
    assert_int_equal(g_findings.count, 2);
}

/* (b) the attribute object: detached, joinable, handed to a function of the project first. */
static void test_attributes(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static void *work(void *arg) { (void)arg; return NULL; }\n"    /* 4 */
             "void setup_attr(pthread_attr_t *a);\n"                         /* 5 */
             "int detached(void) {\n"                                        /* 6 */
             "  pthread_t t; pthread_attr_t a;\n"                            /* 7 */
             "  pthread_attr_init(&a);\n"                                    /* 8 */
             "  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);\n" /* 9 */
             "  int rc = pthread_create(&t, &a, work, NULL);\n"              /* 10 */
             "  pthread_attr_destroy(&a);\n"                                 /* 11 */
             "  return rc;\n"                                                /* 12 */
             "}\n"                                                           /* 13 */
             "int joinable(void) {\n"                                        /* 14 */
             "  pthread_t t; pthread_attr_t a;\n"                            /* 15 */
             "  pthread_attr_init(&a);\n"                                    /* 16 */
             "  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_JOINABLE);\n" /* 17 */
             "  int rc = pthread_create(&t, &a, work, NULL);\n"              /* 18 */
             "  pthread_attr_destroy(&a);\n"                                 /* 19 */
             "  return rc;\n"                                                /* 20 */
             "}\n"                                                           /* 21 */
             "int detached_then_joinable(void) {\n"                          /* 22 */
             "  pthread_t t; pthread_attr_t a;\n"                            /* 23 */
             "  pthread_attr_init(&a);\n"                                    /* 24 */
             "  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);\n" /* 25 */
             "  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_JOINABLE);\n" /* 26 */
             "  return pthread_create(&t, &a, work, NULL);\n"                /* 27 */
             "}\n"                                                           /* 28 */
             "int unknown_setup(void) {\n"                                   /* 29 */
             "  pthread_t t; pthread_attr_t a;\n"                            /* 30 */
             "  pthread_attr_init(&a);\n"                                    /* 31 */
             "  setup_attr(&a);\n"                                           /* 32 */
             "  return pthread_create(&t, &a, work, NULL);\n"                /* 33 */
             "}\n"                                                           /* 34 */
             "int unknown_after_detached(void) {\n"                          /* 35 */
             "  pthread_t t; pthread_attr_t a;\n"                            /* 36 */
             "  pthread_attr_init(&a);\n"                                    /* 37 */
             "  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_JOINABLE);\n" /* 38 */
             "  setup_attr(&a);\n"                                           /* 39 */
             "  return pthread_create(&t, &a, work, NULL);\n"                /* 40 */
             "}\n",                                                          /* 41 */
             prelude);
    analyse(src);
    expect_clean("detached");
    expect_count(NOT_JOINED, "joinable", 1);
    assert_int_equal(line_of(NOT_JOINED, "joinable"), 18);
    expect_count(NOT_JOINED, "detached_then_joinable", 1); /* the last setting counts */
    assert_int_equal(line_of(NOT_JOINED, "detached_then_joinable"), 27);
    expect_clean("unknown_setup");          /* setup_attr may have detached it: not followed */
    expect_clean("unknown_after_detached"); /* the same after an explicit joinable setting */
}

/* (c) a start routine that detaches the thread running it: directly, or through a helper. */
static void test_self_detaching_routine(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static void *self_detach(void *arg);\n"                               /* 4 */
             "static void *via_helper(void *arg);\n"                                /* 5 */
             "static void *plain(void *arg) { (void)arg; return NULL; }\n"          /* 6 */
             "int start(void) {\n"                                                  /* 7 */
             "  pthread_t t;\n"                                                     /* 8 */
             "  if (pthread_create(&t, NULL, self_detach, NULL) != 0) return -1;\n" /* 9 */
             "  return 0;\n"                                                        /* 10 */
             "}\n"                                                                  /* 11 */
             "int start_helper(void) {\n"                                           /* 12 */
             "  pthread_t t;\n"                                                     /* 13 */
             "  if (pthread_create(&t, NULL, via_helper, NULL) != 0) return -1;\n"  /* 14 */
             "  return 0;\n"                                                        /* 15 */
             "}\n"                                                                  /* 16 */
             "int start_plain(void) {\n"                                            /* 17 */
             "  pthread_t t;\n"                                                     /* 18 */
             "  if (pthread_create(&t, NULL, plain, NULL) != 0) return -1;\n"       /* 19 */
             "  return 0;\n"                                                        /* 20 */
             "}\n"                                                                  /* 21 */
             /* defined after their creators: the creator still sees their summaries */
             "static void *self_detach(void *arg) { pthread_detach(pthread_self()); return arg; }\n" /* 22 */
             "static void detach_me(void) { pthread_detach(pthread_self()); }\n"                     /* 23 */
             "static void *via_helper(void *arg) { detach_me(); return arg; }\n",                    /* 24 */
             prelude);
    analyse(src);
    assert_true(summary_of("self_detach")->detaches_self);
    assert_true(summary_of("detach_me")->detaches_self);
    assert_true(summary_of("via_helper")->detaches_self);
    assert_false(summary_of("plain")->detaches_self);
    assert_false(summary_of("start")->detaches_self); /* it detaches the thread it created, not itself */
    expect_clean("self_detach");                      /* pthread_self()'s id is never a thread to join */
    expect_clean("detach_me");
    expect_clean("start");
    expect_clean("start_helper");
    expect_count(NOT_JOINED, "start_plain", 1);
    assert_int_equal(line_of(NOT_JOINED, "start_plain"), 19);

    /* The fact survives the store's JSON. */
    const fn_summary *s = summary_of("self_detach");
    char *json = summary_to_json(s);
    assert_non_null(strstr(json, "\"detaches_self\":true"));
    fn_summary *back = summary_from_json(&g_prog.arena, s->usr, s->name, s->file, json);
    free(json);
    assert_non_null(back);
    assert_true(back->detaches_self);
    assert_true(summary_equal(s, back));
}

/* (d) an out-parameter creation wrapper: its summary, and what its callers get. */
static void test_spawn_wrapper(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static void *w(void *arg) { (void)arg; return NULL; }\n"     /* 4 */
             "int spawn(pthread_t *t, void *(*fn)(void *), void *arg) {\n" /* 5 */
             "  return pthread_create(t, NULL, fn, arg);\n"                /* 6 */
             "}\n"                                                         /* 7 */
             "int joins(void) {\n"                                         /* 8 */
             "  pthread_t t;\n"                                            /* 9 */
             "  if (spawn(&t, w, NULL)) return -1;\n"                      /* 10 */
             "  pthread_join(t, NULL);\n"                                  /* 11 */
             "  return 0;\n"                                               /* 12 */
             "}\n"                                                         /* 13 */
             "int no_join(void) {\n"                                       /* 14 */
             "  pthread_t t;\n"                                            /* 15 */
             "  if (spawn(&t, w, NULL)) return -1;\n"                      /* 16 */
             "  return 0;\n"                                               /* 17 */
             "}\n"                                                         /* 18 */
             "int stack_detached(void) {\n"                                /* 19 */
             "  int counter = 0;\n"                                        /* 20 */
             "  pthread_t t;\n"                                            /* 21 */
             "  if (spawn(&t, w, &counter)) return -1;\n"                  /* 22 */
             "  pthread_detach(t);\n"                                      /* 23 */
             "  return 0;\n"                                               /* 24 */
             "}\n"                                                         /* 25 */
             "int stack_joined(void) {\n"                                  /* 26 */
             "  int counter = 0;\n"                                        /* 27 */
             "  pthread_t t;\n"                                            /* 28 */
             "  if (spawn(&t, w, &counter) != 0) return -1;\n"             /* 29 */
             "  pthread_join(t, NULL);\n"                                  /* 30 */
             "  return counter;\n"                                         /* 31 */
             "}\n",                                                        /* 32 */
             prelude);
    analyse(src);
    const fn_summary *s = summary_of("spawn");
    assert_int_equal(s->acquires_out_param, 0);
    assert_non_null(s->acquires_out_kind);
    assert_string_equal(s->acquires_out_kind, "pthread_t");
    assert_int_equal(s->acquires_out_success, SUCCESS_ZERO);
    assert_int_equal(s->thread_routine_param, 1);
    assert_int_equal(s->thread_arg_param, 2);
    assert_null(s->returns_handle);
    assert_false(s->detaches_self);
    expect_clean("spawn"); /* the id is the caller's */

    expect_clean("joins");
    expect_count(NOT_JOINED, "no_join", 1);
    assert_int_equal(line_of(NOT_JOINED, "no_join"), 16);
    expect_count(STACK_ARG, "no_join", 0);
    expect_count(STACK_ARG, "stack_detached", 1);
    const finding *f = finding_of(STACK_ARG, "stack_detached");
    assert_int_equal(f->line, 22);
    assert_non_null(strstr(f->message, "local 'counter'"));
    assert_non_null(strstr(f->message, "detached"));
    expect_count(NOT_JOINED, "stack_detached", 0); /* detached is not "not joined" */
    expect_clean("stack_joined");

    /* The wrapper's facts survive the store's JSON. */
    char *json = summary_to_json(s);
    assert_non_null(strstr(json, "\"thread_routine_param\":1"));
    assert_non_null(strstr(json, "\"thread_arg_param\":2"));
    fn_summary *back = summary_from_json(&g_prog.arena, s->usr, s->name, s->file, json);
    free(json);
    assert_non_null(back);
    assert_true(summary_equal(s, back));
    assert_int_equal(back->thread_routine_param, 1);
    assert_int_equal(back->thread_arg_param, 2);
    assert_string_equal(back->acquires_out_kind, "pthread_t");
}

/* (e) a create loop into a local array and a join loop over it, the bound a parameter. */
static void test_create_and_join_loops(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static void *work(void *arg) { (void)arg; return NULL; }\n" /* 4 */
             "int pool(int n) {\n"                                        /* 5 */
             "  pthread_t t[8];\n"                                        /* 6 */
             "  int i;\n"                                                 /* 7 */
             "  for (i = 0; i < n; i++)\n"                                /* 8 */
             "    pthread_create(&t[i], NULL, work, NULL);\n"             /* 9 */
             "  for (i = 0; i < n; i++)\n"                                /* 10 */
             "    pthread_join(t[i], NULL);\n"                            /* 11 */
             "  return 0;\n"                                              /* 12 */
             "}\n"                                                        /* 13 */
             "int pool_bails(int n, int bail) {\n"                        /* 14 */
             "  pthread_t t[8];\n"                                        /* 15 */
             "  int i;\n"                                                 /* 16 */
             "  for (i = 0; i < n; i++)\n"                                /* 17 */
             "    pthread_create(&t[i], NULL, work, NULL);\n"             /* 18 */
             "  if (bail) return -1;\n"                                   /* 19 */
             "  for (i = 0; i < n; i++)\n"                                /* 20 */
             "    pthread_join(t[i], NULL);\n"                            /* 21 */
             "  return 0;\n"                                              /* 22 */
             "}\n",                                                       /* 23 */
             prelude);
    analyse(src);
    expect_clean("pool");
    expect_count(NOT_JOINED, "pool_bails", 1);
    assert_int_equal(line_of(NOT_JOINED, "pool_bails"), 18);
    expect_count(STACK_ARG, "pool_bails", 0);
}

/* (f) thread-stack-arg: the thread's argument points into the creating frame. */
static void test_stack_arg(void **state) {
    (void)state;
    char src[6144];
    snprintf(src, sizeof src,
             "%s"
             "static void *work(void *arg) { (void)arg; return NULL; }\n"              /* 4 */
             "int joined_every_path(int x) {\n"                                        /* 5 */
             "  int local = 0;\n"                                                      /* 6 */
             "  pthread_t t;\n"                                                        /* 7 */
             "  if (pthread_create(&t, NULL, work, &local) != 0) return -1;\n"         /* 8 */
             "  if (x) { pthread_join(t, NULL); return 1; }\n"                         /* 9 */
             "  pthread_join(t, NULL);\n"                                              /* 10 */
             "  return local;\n"                                                       /* 11 */
             "}\n"                                                                     /* 12 */
             "int detached(void) {\n"                                                  /* 13 */
             "  int local = 0;\n"                                                      /* 14 */
             "  pthread_t t;\n"                                                        /* 15 */
             "  if (pthread_create(&t, NULL, work, &local) != 0) return -1;\n"         /* 16 */
             "  pthread_detach(t);\n"                                                  /* 17 */
             "  return 0;\n"                                                           /* 18 */
             "}\n"                                                                     /* 19 */
             "int not_joined(void) {\n"                                                /* 20 */
             "  struct { int a, b; } scratch = {1, 2};\n"                              /* 21 */
             "  pthread_t reader;\n"                                                   /* 22 */
             "  if (pthread_create(&reader, NULL, work, &scratch) != 0) return -1;\n"  /* 23 */
             "  return 0;\n"                                                           /* 24 */
             "}\n"                                                                     /* 25 */
             "int heap_arg(void) {\n"                                                  /* 26 */
             "  int *p = malloc(sizeof *p);\n"                                         /* 27 */
             "  pthread_t t;\n"                                                        /* 28 */
             "  if (!p) return -1;\n"                                                  /* 29 */
             "  if (pthread_create(&t, NULL, work, p) != 0) { free(p); return -1; }\n" /* 30 */
             "  pthread_detach(t);\n"                                                  /* 31 */
             "  return 0;\n"                                                           /* 32 */
             "}\n"                                                                     /* 33 */
             "int static_arg(void) {\n"                                                /* 34 */
             "  static int counter;\n"                                                 /* 35 */
             "  pthread_t t;\n"                                                        /* 36 */
             "  if (pthread_create(&t, NULL, work, &counter) != 0) return -1;\n"       /* 37 */
             "  pthread_detach(t);\n"                                                  /* 38 */
             "  return 0;\n"                                                           /* 39 */
             "}\n"                                                                     /* 40 */
             "int joined_on_one_path(int x) {\n"                                       /* 41 */
             "  int local = 0;\n"                                                      /* 42 */
             "  pthread_t t;\n"                                                        /* 43 */
             "  if (pthread_create(&t, NULL, work, &local) != 0) return -1;\n"         /* 44 */
             "  if (x) return 1;\n"                                                    /* 45 */
             "  pthread_join(t, NULL);\n"                                              /* 46 */
             "  return local;\n"                                                       /* 47 */
             "}\n"                                                                     /* 48 */
             "int through_pointer(void) {\n"                                           /* 49 */
             "  int local = 0;\n"                                                      /* 50 */
             "  int *p = &local;\n"                                                    /* 51 */
             "  pthread_t t;\n"                                                        /* 52 */
             "  if (pthread_create(&t, NULL, work, p) != 0) return -1;\n"              /* 53 */
             "  pthread_detach(t);\n"                                                  /* 54 */
             "  return 0;\n"                                                           /* 55 */
             "}\n",                                                                    /* 56 */
             prelude);
    analyse(src);
    expect_clean("joined_every_path");

    expect_count(STACK_ARG, "detached", 1);
    assert_int_equal(line_of(STACK_ARG, "detached"), 16);
    expect_count(NOT_JOINED, "detached", 0);

    expect_count(STACK_ARG, "not_joined", 1);
    expect_count(NOT_JOINED, "not_joined", 1);
    const finding *sa = finding_of(STACK_ARG, "not_joined");
    const finding *nj = finding_of(NOT_JOINED, "not_joined");
    assert_int_equal(sa->line, 23);
    assert_int_equal(nj->line, 23);
    assert_non_null(strstr(sa->message, "local 'scratch'"));
    assert_non_null(strstr(sa->message, "'not_joined'"));
    assert_non_null(strstr(sa->message, "not joined"));
    assert_true(sa->nsteps >= 2); /* the creation, the branch taken, the return */
    assert_int_equal(sa->steps[0].line, 23);
    assert_non_null(strstr(sa->steps[0].message, "address of local 'scratch'"));
    assert_int_equal(sa->steps[sa->nsteps - 1].line, 24);
    assert_non_null(strstr(sa->steps[sa->nsteps - 1].message, "returns here"));
    assert_non_null(strstr(nj->message, "thread 'reader'"));

    expect_clean("heap_arg");
    expect_clean("static_arg");

    expect_count(STACK_ARG, "joined_on_one_path", 1);
    expect_count(NOT_JOINED, "joined_on_one_path", 1);
    assert_int_equal(line_of(STACK_ARG, "joined_on_one_path"), 44);
    const finding *one = finding_of(STACK_ARG, "joined_on_one_path");
    assert_int_equal(one->steps[one->nsteps - 1].line, 45); /* the early return, not the one after the join */

    expect_count(STACK_ARG, "through_pointer", 1);
    assert_int_equal(line_of(STACK_ARG, "through_pointer"), 53);
    assert_non_null(strstr(finding_of(STACK_ARG, "through_pointer")->message, "local 'local'"));
}

/* (f, continued) other forms of the frame's memory: a decaying array, a compound literal, a parameter's own
 * storage, elements of a local array detached in a loop; and the id kept in a local struct, joined. */
static void test_stack_arg_forms(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static void *work(void *arg) { (void)arg; return NULL; }\n"         /* 4 */
             "int array_decay(void) {\n"                                          /* 5 */
             "  char msg[16] = \"hello\";\n"                                      /* 6 */
             "  pthread_t t;\n"                                                   /* 7 */
             "  if (pthread_create(&t, NULL, work, msg) != 0) return -1;\n"       /* 8 */
             "  return pthread_detach(t);\n"                                      /* 9 */
             "}\n"                                                                /* 10 */
             "int literal(void) {\n"                                              /* 11 */
             "  pthread_t t;\n"                                                   /* 12 */
             "  if (pthread_create(&t, NULL, work, &(int){1}) != 0) return -1;\n" /* 13 */
             "  return pthread_detach(t);\n"                                      /* 14 */
             "}\n"                                                                /* 15 */
             "int param_storage(int x) {\n"                                       /* 16 */
             "  pthread_t t;\n"                                                   /* 17 */
             "  if (pthread_create(&t, NULL, work, &x) != 0) return -1;\n"        /* 18 */
             "  return pthread_detach(t);\n"                                      /* 19 */
             "}\n"                                                                /* 20 */
             "int pointer_param(int *x) {\n"                                      /* 21 */
             "  pthread_t t;\n"                                                   /* 22 */
             "  if (pthread_create(&t, NULL, work, x) != 0) return -1;\n"         /* 23 */
             "  return pthread_detach(t);\n"                                      /* 24 */
             "}\n"                                                                /* 25 */
             "int elements(int n) {\n"                                            /* 26 */
             "  int args[4]; pthread_t t[4]; int i;\n"                            /* 27 */
             "  for (i = 0; i < n; i++)\n"                                        /* 28 */
             "    pthread_create(&t[i], NULL, work, &args[i]);\n"                 /* 29 */
             "  for (i = 0; i < n; i++)\n"                                        /* 30 */
             "    pthread_detach(t[i]);\n"                                        /* 31 */
             "  return 0;\n"                                                      /* 32 */
             "}\n"                                                                /* 33 */
             "int elements_joined(int n) {\n"                                     /* 34 */
             "  int args[4]; pthread_t t[4]; int i;\n"                            /* 35 */
             "  for (i = 0; i < n; i++)\n"                                        /* 36 */
             "    pthread_create(&t[i], NULL, work, &args[i]);\n"                 /* 37 */
             "  for (i = 0; i < n; i++)\n"                                        /* 38 */
             "    pthread_join(t[i], NULL);\n"                                    /* 39 */
             "  return 0;\n"                                                      /* 40 */
             "}\n"                                                                /* 41 */
             "int in_struct(void) {\n"                                            /* 42 */
             "  struct { pthread_t id; int v; } s;\n"                             /* 43 */
             "  int local = 0;\n"                                                 /* 44 */
             "  if (pthread_create(&s.id, NULL, work, &local)) return -1;\n"      /* 45 */
             "  pthread_join(s.id, NULL);\n"                                      /* 46 */
             "  return local;\n"                                                  /* 47 */
             "}\n"                                                                /* 48 */
             "int in_struct_leaks(void) {\n"                                      /* 49 */
             "  struct { pthread_t id; int v; } s;\n"                             /* 50 */
             "  if (pthread_create(&s.id, NULL, work, NULL)) return -1;\n"        /* 51 */
             "  return 0;\n"                                                      /* 52 */
             "}\n",                                                               /* 53 */
             prelude);
    analyse(src);
    expect_count(STACK_ARG, "array_decay", 1);
    assert_int_equal(line_of(STACK_ARG, "array_decay"), 8);
    assert_non_null(strstr(finding_of(STACK_ARG, "array_decay")->message, "'msg'"));
    expect_count(STACK_ARG, "literal", 1);
    assert_int_equal(line_of(STACK_ARG, "literal"), 13);
    expect_count(STACK_ARG, "param_storage", 1);
    assert_int_equal(line_of(STACK_ARG, "param_storage"), 18);
    assert_non_null(strstr(finding_of(STACK_ARG, "param_storage")->message, "'x'"));
    expect_clean("pointer_param"); /* the caller's memory: not this frame's */
    expect_count(STACK_ARG, "elements", 1);
    assert_int_equal(line_of(STACK_ARG, "elements"), 29);
    assert_non_null(strstr(finding_of(STACK_ARG, "elements")->message, "'args'"));
    expect_count(NOT_JOINED, "elements", 0);
    expect_clean("elements_joined");
    expect_clean("in_struct");
    expect_count(NOT_JOINED, "in_struct_leaks", 1);
    assert_int_equal(line_of(NOT_JOINED, "in_struct_leaks"), 51);
    for (uint32_t i = 0; i < 4; i++) {
        const char *fns[] = {"array_decay", "literal", "param_storage", "elements"};
        expect_count(NOT_JOINED, fns[i], 0); /* detached: nothing to join */
    }
}

/* (g) C11 threads. */
static void test_c11_threads(void **state) {
    (void)state;
    char src[4096];
    snprintf(src, sizeof src,
             "%s"
             "static int work(void *arg) { (void)arg; return 0; }\n"             /* 4 */
             "int joined(void) {\n"                                              /* 5 */
             "  thrd_t t;\n"                                                     /* 6 */
             "  if (thrd_create(&t, work, NULL) != thrd_success) return -1;\n"   /* 7 */
             "  thrd_join(t, NULL);\n"                                           /* 8 */
             "  return 0;\n"                                                     /* 9 */
             "}\n"                                                               /* 10 */
             "int not_joined(void) {\n"                                          /* 11 */
             "  thrd_t t;\n"                                                     /* 12 */
             "  if (thrd_create(&t, work, NULL) != thrd_success) return -1;\n"   /* 13 */
             "  return 0;\n"                                                     /* 14 */
             "}\n"                                                               /* 15 */
             "int detached(void) {\n"                                            /* 16 */
             "  thrd_t t;\n"                                                     /* 17 */
             "  if (thrd_create(&t, work, NULL) != thrd_success) return -1;\n"   /* 18 */
             "  return thrd_detach(t);\n"                                        /* 19 */
             "}\n"                                                               /* 20 */
             "int stack_joined(void) {\n"                                        /* 21 */
             "  int local = 0;\n"                                                /* 22 */
             "  thrd_t t;\n"                                                     /* 23 */
             "  if (thrd_create(&t, work, &local) != thrd_success) return -1;\n" /* 24 */
             "  thrd_join(t, NULL);\n"                                           /* 25 */
             "  return local;\n"                                                 /* 26 */
             "}\n"                                                               /* 27 */
             "int stack_detached(void) {\n"                                      /* 28 */
             "  int local = 0;\n"                                                /* 29 */
             "  thrd_t t;\n"                                                     /* 30 */
             "  if (thrd_create(&t, work, &local) != thrd_success) return -1;\n" /* 31 */
             "  return thrd_detach(t);\n"                                        /* 32 */
             "}\n",                                                              /* 33 */
             prelude);
    analyse(src);
    expect_clean("joined");
    expect_count(NOT_JOINED, "not_joined", 1);
    assert_int_equal(line_of(NOT_JOINED, "not_joined"), 13);
    assert_non_null(strstr(finding_of(NOT_JOINED, "not_joined")->message, "thrd_create"));
    expect_clean("detached");
    expect_clean("stack_joined");
    expect_count(STACK_ARG, "stack_detached", 1);
    assert_int_equal(line_of(STACK_ARG, "stack_detached"), 31);
}

/* The thread checker leaves the handle kinds alone, and functions that touch no thread get no thread facts. */
static void test_handles_are_not_threads(void **state) {
    (void)state;
    char src[2048];
    snprintf(src, sizeof src,
             "%s#include <stdio.h>\n"
             "int leaks_file(const char *p) { FILE *f = fopen(p, \"r\"); if (!f) return -1; return 0; }\n" /* 5 */
             "int leaks_mem(void) { char *p = malloc(4); return p != NULL; }\n",                           /* 6 */
             prelude);
    analyse(src);
    if (g_findings.count) dump_findings();
    assert_int_equal(g_findings.count, 0);
    assert_false(summary_of("leaks_file")->detaches_self);
    assert_int_equal(summary_of("leaks_file")->thread_routine_param, -1);
    assert_int_equal(summary_of("leaks_file")->thread_arg_param, -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_join_and_failure_path, free_world),
        cmocka_unit_test_teardown(test_attributes, free_world),
        cmocka_unit_test_teardown(test_self_detaching_routine, free_world),
        cmocka_unit_test_teardown(test_spawn_wrapper, free_world),
        cmocka_unit_test_teardown(test_create_and_join_loops, free_world),
        cmocka_unit_test_teardown(test_stack_arg, free_world),
        cmocka_unit_test_teardown(test_stack_arg_forms, free_world),
        cmocka_unit_test_teardown(test_c11_threads, free_world),
        cmocka_unit_test_teardown(test_handles_are_not_threads, free_world),
    };
    g_checker = &thread_checker;
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
