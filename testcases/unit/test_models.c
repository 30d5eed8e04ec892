/* test_models.c — the model-file reader (models.c): every built-in file loads cleanly, lookups answer what the files
 * say, malformed files fail with FILE:LINE and change nothing, unknown keys and bad names are warnings, kinds extend
 * across files, and a file given twice is read once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models.h"

/* ---- helpers ------------------------------------------------------------------------------------------------- */

/* A model file on disk with this text; returns its path (malloc'd). */
static char *write_temp(const char *text) {
    char *path = strdup("/tmp/lifeline-test-models-XXXXXX.yaml");
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

static void print_warnings(const tool_diag_list *w) {
    for (size_t i = 0; i < w->count; i++)
        fprintf(stderr, "  warning: %s:%u: %s\n", w->items[i].file, w->items[i].line, w->items[i].message);
}

/* The first model of `fn` in `role`, or NULL. */
static const model_fn *find(const models *m, const char *fn, model_role role) {
    for (const model_fn *f = models_first(m, fn); f; f = models_next(m, f))
        if (f->role == role) return f;
    return NULL;
}

static unsigned count_roles(const models *m, const char *fn) {
    unsigned n = 0;
    for (const model_fn *f = models_first(m, fn); f; f = models_next(m, f))
        n++;
    return n;
}

static const char *kind_name(const models *m, const model_fn *f) {
    return f && f->kind >= 0 ? m->kinds[f->kind].name : "";
}

/* A file that must not load: -1, err = "PATH:LINE: ..." containing `what`, and the models untouched. */
static void expect_error(const char *text, unsigned line, const char *what) {
    models m;
    models_init(&m);
    char *path = write_temp(text);
    tool_diag_list w = {0};
    char err[512] = "";
    int rc = models_load_file(&m, path, &w, err, sizeof err);
    if (rc == 0 || !strstr(err, what)) fprintf(stderr, "for:\n%s\ngot rc %d, err: %s\n", text, rc, err);
    assert_int_equal(rc, -1);
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s:%u: ", path, line);
    if (strncmp(err, prefix, strlen(prefix)) != 0) fprintf(stderr, "want prefix '%s', got '%s'\n", prefix, err);
    assert_true(strncmp(err, prefix, strlen(prefix)) == 0);
    assert_non_null(strstr(err, what));
    assert_int_equal(m.nkinds, 0);
    assert_int_equal(m.nfns, 0);
    assert_int_equal(m.files_loaded.count, 0);
    assert_int_equal(w.count, 0); /* warnings of a file that failed are dropped with it */
    unlink(path);
    free(path);
    models_free(&m);
}

/* Text that loads: returns the warnings (caller frees). */
static tool_diag_list load_ok(models *m, const char *name, const char *text) {
    tool_diag_list w = {0};
    char err[512] = "";
    int rc = models_load_text(m, name, text, strlen(text), &w, err, sizeof err);
    if (rc != 0) fprintf(stderr, "unexpected error: %s\n", err);
    assert_int_equal(rc, 0);
    return w;
}

/* ---- built-in files -------------------------------------------------------------------------------------------- */

static void test_builtin_files_load_without_warnings(void **state) {
    (void)state;
    size_t n;
    const builtin_model *all = models_builtin_all(&n);
    assert_true(n >= 8);
    bool seen_posix = false;
    for (size_t i = 0; i < n; i++) {
        if (i) assert_true(strcmp(all[i - 1].name, all[i].name) < 0); /* sorted by name */
        assert_int_equal(strlen(all[i].text), all[i].length);
        seen_posix |= !strcmp(all[i].name, "posix.yaml");
        /* Each file on its own (no file may depend on another's kinds)... */
        models m;
        models_init(&m);
        char name[128];
        snprintf(name, sizeof name, "builtin:%s", all[i].name);
        tool_diag_list w = load_ok(&m, name, all[i].text);
        if (w.count) print_warnings(&w);
        assert_int_equal(w.count, 0);
        assert_true(m.nkinds > 0);
        tool_diag_list_free(&w);
        models_free(&m);
    }
    assert_true(seen_posix);
    /* ...and all together, as lifeline loads them (twice: the second load is a no-op). */
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    uint32_t nfns = m.nfns, nkinds = m.nkinds;
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    assert_int_equal(m.nfns, nfns);
    assert_int_equal(m.nkinds, nkinds);
    assert_int_equal(m.files_loaded.count, n);
    models_free(&m);
}

static void test_builtin_lookups(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);

    const model_fn *f = models_first(&m, "fopen");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_ACQUIRE);
    assert_string_equal(kind_name(&m, f), "FILE");
    assert_int_equal(f->out, -1);
    assert_int_equal(f->count, 1);
    assert_int_equal(f->success, SUCCESS_ALWAYS);
    assert_int_equal(f->releases, -1);
    assert_int_equal(f->adopts, -1);
    assert_int_equal(m.kinds[f->kind].invalid, INVALID_NULL);
    assert_string_equal(f->file, "builtin:posix.yaml");
    assert_true(f->line > 0);
    assert_null(models_next(&m, f));

    f = models_first(&m, "pipe");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_ACQUIRE);
    assert_string_equal(kind_name(&m, f), "fd");
    assert_int_equal(f->out, 0);
    assert_int_equal(f->count, 2);
    assert_int_equal(f->success, SUCCESS_ZERO);
    assert_int_equal(m.kinds[f->kind].invalid, INVALID_NEGATIVE);

    f = find(&m, "socketpair", ROLE_ACQUIRE);
    assert_non_null(f);
    assert_int_equal(f->out, 3);
    assert_int_equal(f->count, 2);

    /* freopen: one acquire that also releases its arg 2, not a separate release role */
    assert_int_equal(count_roles(&m, "freopen"), 1);
    f = find(&m, "freopen", ROLE_ACQUIRE);
    assert_non_null(f);
    assert_int_equal(f->releases, 2);
    assert_string_equal(kind_name(&m, f), "FILE");

    f = find(&m, "fdopen", ROLE_ACQUIRE);
    assert_non_null(f);
    assert_int_equal(f->adopts, 0);
    assert_int_equal(f->releases, -1);

    f = models_first(&m, "close");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_RELEASE);
    assert_int_equal(f->arg, 0);
    assert_string_equal(kind_name(&m, f), "fd");

    /* accept acquires a new fd and uses the listening one, in declaration order */
    f = models_first(&m, "accept");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_ACQUIRE);
    assert_string_equal(kind_name(&m, f), "fd");
    f = models_next(&m, f);
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_USE);
    assert_int_equal(f->arg, 0);
    assert_null(models_next(&m, f));

    f = find(&m, "fread", ROLE_USE);
    assert_int_equal(f->arg, 3);
    assert_int_equal(count_roles(&m, "fread"), 2); /* FILE and popen-stream share the stdio uses */
    assert_int_equal(find(&m, "getdelim", ROLE_USE)->arg, 3);
    assert_int_equal(find(&m, "getline", ROLE_USE)->arg, 2);

    f = find(&m, "pclose", ROLE_RELEASE);
    assert_string_equal(kind_name(&m, f), "popen-stream");
    assert_int_not_equal(find(&m, "popen", ROLE_ACQUIRE)->kind, models_kind_index(&m, "FILE"));

    f = find(&m, "mmap", ROLE_ACQUIRE);
    assert_int_equal(m.kinds[f->kind].invalid, INVALID_VALUE);
    assert_int_equal(m.kinds[f->kind].invalid_value, -1);
    f = find(&m, "mmap", ROLE_USE);
    assert_int_equal(f->arg, 4);
    assert_string_equal(kind_name(&m, f), "fd");

    f = find(&m, "regcomp", ROLE_ACQUIRE);
    assert_int_equal(f->out, 0);
    assert_int_equal(f->success, SUCCESS_ZERO);
    assert_int_equal(find(&m, "getaddrinfo", ROLE_ACQUIRE)->out, 3);

    f = find(&m, "malloc", ROLE_ACQUIRE);
    assert_string_equal(kind_name(&m, f), "memory");
    assert_false(m.kinds[f->kind].report);
    assert_true(m.kinds[models_kind_index(&m, "FILE")].report);
    assert_int_equal(find(&m, "realloc", ROLE_ACQUIRE)->adopts, 0);

    f = models_first(&m, "memcpy");
    assert_int_equal(f->role, ROLE_RETURNS_ARG);
    assert_int_equal(f->arg, 0);
    assert_int_equal(f->kind, -1);
    assert_int_equal(find(&m, "strncat", ROLE_RETURNS_ARG)->arg, 0);
    assert_int_equal(find(&m, "inet_ntop", ROLE_RETURNS_ARG)->arg, 2);

    /* libraries */
    f = find(&m, "sqlite3_open_v2", ROLE_ACQUIRE);
    assert_int_equal(f->out, 1);
    assert_int_equal(f->success, SUCCESS_ALWAYS); /* close it even when opening fails */
    assert_int_equal(find(&m, "sqlite3_prepare_v2", ROLE_ACQUIRE)->out, 3);
    assert_int_equal(find(&m, "sqlite3_prepare_v3", ROLE_ACQUIRE)->out, 4);
    assert_string_equal(kind_name(&m, find(&m, "sqlite3_finalize", ROLE_RELEASE)), "sqlite3_stmt");
    assert_int_equal(m.kinds[models_kind_index(&m, "sqlite3_stmt")].invalid, INVALID_NULL);
    assert_string_equal(kind_name(&m, find(&m, "PQclear", ROLE_RELEASE)), "PGresult");
    assert_string_equal(kind_name(&m, find(&m, "PQexec", ROLE_ACQUIRE)), "PGresult");
    assert_string_equal(kind_name(&m, find(&m, "PQexec", ROLE_USE)), "PGconn");
    assert_string_equal(kind_name(&m, find(&m, "redisFree", ROLE_RELEASE)), "redisContext");
    assert_int_equal(find(&m, "redisGetReply", ROLE_ACQUIRE)->out, 1);
    assert_string_equal(kind_name(&m, find(&m, "curl_easy_cleanup", ROLE_RELEASE)), "CURL");
    f = models_first(&m, "curl_multi_add_handle");
    assert_string_equal(kind_name(&m, f), "CURL");
    assert_int_equal(f->arg, 1);
    f = models_next(&m, f);
    assert_string_equal(kind_name(&m, f), "CURLM");
    assert_int_equal(f->arg, 0);
    assert_string_equal(kind_name(&m, find(&m, "SSL_free", ROLE_RELEASE)), "SSL");
    assert_string_equal(kind_name(&m, find(&m, "BIO_free_all", ROLE_RELEASE)), "BIO");
    f = find(&m, "SSL_set_bio", ROLE_TRANSFER);
    assert_non_null(f);
    assert_int_equal(f->arg, 1);
    assert_string_equal(kind_name(&m, f), "BIO");
    assert_string_equal(kind_name(&m, find(&m, "mysql_free_result", ROLE_RELEASE)), "MYSQL_RES");
    assert_string_equal(kind_name(&m, find(&m, "zmq_close", ROLE_RELEASE)), "zmq-socket");
    assert_string_equal(kind_name(&m, find(&m, "zmq_ctx_term", ROLE_RELEASE)), "zmq-context");

    assert_null(models_first(&m, "no_such_function"));
    assert_null(models_first(&m, NULL));
    models_free(&m);
}

static void test_kind_index(void **state) {
    (void)state;
    models m;
    models_init(&m);
    assert_int_equal(models_kind_index(&m, "FILE"), -1);
    char err[512];
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    int32_t file = models_kind_index(&m, "FILE"), fd = models_kind_index(&m, "fd");
    assert_true(file >= 0 && fd >= 0 && file != fd);
    assert_string_equal(m.kinds[file].name, "FILE");
    assert_string_equal(m.kinds[file].description, "stdio stream");
    assert_string_equal(m.kinds[fd].file, "builtin:posix.yaml");
    assert_int_equal(models_kind_index(&m, "file"), -1); /* names are case-sensitive */
    assert_int_equal(models_kind_index(&m, "no-such-kind"), -1);
    assert_int_equal(models_kind_index(&m, NULL), -1);
    models_free(&m);
}

/* ---- errors ------------------------------------------------------------------------------------------------- */

static void test_malformed_files(void **state) {
    (void)state;
    /* not YAML: the second entry is indented less than the first */
    expect_error("version: 1\n"
                 "resources:\n"
                 "  - kind: FILE\n"
                 "    acquire:\n"
                 "      - fopen\n"
                 "     - fdopen\n",
                 6, "not valid YAML");
    expect_error("version: 1\nresources: [ { kind: FILE\n", 3, "not valid YAML");
    expect_error("version: 1\n\tresources:\n", 2, "not valid YAML");
    expect_error("", 1, "empty model file");
    expect_error("# only a comment\n", 1, "empty model file");
    expect_error("- version: 1\n", 1, "top level must be a mapping");
    expect_error("just text\n", 1, "top level must be a mapping");
    expect_error("resources: []\n", 1, "missing 'version: 1'");
    expect_error("# a comment\nversion: 2\nresources: []\n", 2, "unsupported model file version 2");
    expect_error("version: one\n", 1, "'version' must be an integer");
    expect_error("version: 1\n---\nversion: 1\n", 3, "second one");
    expect_error("version: 1\nresources: {kind: FILE}\n", 2, "'resources' must be a list");
    expect_error("version: 1\nresources:\n  - kind: FILE\n    release: fclose\n", 4, "'release' must be a list");
    expect_error("version: 1\nresources:\n  - description: no kind here\n    release: [fclose]\n", 3, "without 'kind'");
    expect_error("version: 1\nresources:\n  - kind: [a, b]\n", 3, "'kind' must be a name");
    expect_error("version: 1\n"
                 "resources:\n"
                 "  - kind: FILE\n"
                 "    acquire:\n"
                 "      - fopen\n"
                 "      - { out: 1 }\n",
                 6, "has no 'function'");
    expect_error("version: 1\nresources:\n  - kind: FILE\n    use:\n      - { function: [fread] }\n", 5,
                 "must be a function name");
    expect_error("version: 1\n"
                 "resources:\n"
                 "  - kind: fd\n"
                 "    acquire:\n"
                 "      - function: pipe\n"
                 "        out: 0\n"
                 "        count: 0\n",
                 7, "'count: 0'");
    expect_error("version: 1\nresources:\n  - kind: fd\n    acquire:\n      - { function: pipe, count: 2 }\n", 5,
                 "needs 'out'");
    expect_error("version: 1\n"
                 "resources:\n"
                 "  - kind: FILE\n"
                 "    use:\n"
                 "      - function: fread\n"
                 "        arg: x\n",
                 6, "'arg' must be an integer, not 'x'");
    expect_error("version: 1\nresources:\n  - kind: FILE\n    use:\n      - { function: fread, arg: 3.5 }\n", 5,
                 "'arg' must be an integer");
    expect_error("version: 1\nresources:\n  - kind: FILE\n    release:\n      - { function: fclose, arg: -1 }\n", 5,
                 "argument indexes start at 0");
    expect_error("version: 1\nresources:\n  - kind: FILE\n    acquire:\n      - { function: f, out: -2 }\n", 5,
                 "'out: -2'");
    expect_error("version: 1\n"
                 "resources:\n"
                 "  - kind: fd\n"
                 "    acquire:\n"
                 "      - { function: pipe, out: 0,\n"
                 "          success: sometimes }\n",
                 6, "unknown success value 'sometimes'");
    expect_error("version: 1\nresources:\n  - kind: fd\n    invalid: maybe\n", 4, "unknown invalid value 'maybe'");
    expect_error("version: 1\nresources:\n  - kind: fd\n    report: perhaps\n", 4, "true or false");
    expect_error("version: 1\nfunctions:\n  - memcpy\n", 3, "must be a mapping with 'function' and 'returns'");
    expect_error("version: 1\nfunctions:\n  - { function: memcpy }\n", 3, "no 'returns'");
    expect_error("version: 1\nfunctions:\n  - { returns: 0 }\n", 3, "has no 'function'");
    expect_error("version: 1\nfunctions:\n  - { function: memcpy, returns: -1 }\n", 3, "'returns: -1'");
    expect_error("version: 1\nresources:\n  - [kind, FILE]\n", 3, "a resource must be a mapping");
}

/* An error leaves what was loaded before exactly as it was. */
static void test_error_keeps_earlier_models(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    uint32_t nfns = m.nfns, nkinds = m.nkinds;
    size_t nfiles = m.files_loaded.count;
    const char *bad = "version: 1\n"
                      "resources:\n"
                      "  - kind: mine\n"
                      "    acquire: [my_open]\n"
                      "  - kind: FILE\n"
                      "    acquire: [my_fopen]\n"
                      "functions:\n"
                      "  - { function: my_copy, returns: zero }\n";
    tool_diag_list w = {0};
    assert_int_equal(models_load_text(&m, "bad.yaml", bad, strlen(bad), &w, err, sizeof err), -1);
    assert_string_equal(err, "bad.yaml:8: 'returns' must be an integer, not 'zero'");
    assert_int_equal(m.nfns, nfns);
    assert_int_equal(m.nkinds, nkinds);
    assert_int_equal(m.files_loaded.count, nfiles);
    assert_null(models_first(&m, "my_open"));
    assert_null(models_first(&m, "my_fopen"));
    assert_int_equal(models_kind_index(&m, "mine"), -1);
    assert_int_equal(w.count, 0);
    models_free(&m);
}

static void test_missing_file(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_file(&m, "/nonexistent/lifeline/models.yaml", NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/lifeline/models.yaml: cannot open model file"));
    models_free(&m);
}

/* ---- warnings -------------------------------------------------------------------------------------------------- */

static void test_warnings(void **state) {
    (void)state;
    models m;
    models_init(&m);
    const char *text = "version: 1\n"                                         /* 1 */
                       "library: mine\n"                                      /* 2 unknown top-level key */
                       "resources:\n"                                         /* 3 */
                       "  - kind: widget\n"                                   /* 4 */
                       "    colour: blue\n"                                   /* 5 unknown key in a kind */
                       "    acquire:\n"                                       /* 6 */
                       "      - widget_new\n"                                 /* 7 */
                       "      - \"widget new\"\n"                             /* 8 not an identifier */
                       "      - { function: 2widget }\n"                      /* 9 not an identifier */
                       "      - { function: widget_open, arg: 1 }\n"          /* 10 arg is not an acquire key */
                       "    release:\n"                                       /* 11 */
                       "      - { function: widget_free, out: 0 }\n"          /* 12 out is not a release key */
                       "      - widget::free\n"                               /* 13 not an identifier */
                       "functions:\n"                                         /* 14 */
                       "  - { function: widget_name, returns: 0, why: x }\n"; /* 15 */
    char *path = write_temp(text);
    tool_diag_list w = {0};
    char err[512] = "";
    assert_int_equal(models_load_file(&m, path, &w, err, sizeof err), 0);
    static const struct {
        unsigned line;
        const char *what;
    } want[] = {
        {2, "unknown key 'library'"}, {5, "unknown key 'colour'"}, {8, "'widget new'"},    {9, "'2widget'"},
        {10, "unknown key 'arg'"},    {12, "unknown key 'out'"},   {13, "'widget::free'"}, {15, "unknown key 'why'"}};
    if (w.count != sizeof want / sizeof want[0]) print_warnings(&w);
    assert_int_equal(w.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < w.count; i++) {
        assert_string_equal(w.items[i].tag, "lifeline-model");
        assert_int_equal(w.items[i].level, SEV_WARNING);
        assert_string_equal(w.items[i].file, path);
        assert_int_equal(w.items[i].line, want[i].line);
        if (!strstr(w.items[i].message, want[i].what)) print_warnings(&w);
        assert_non_null(strstr(w.items[i].message, want[i].what));
    }
    /* the good entries are in, the bad names are not, unknown keys changed nothing */
    assert_int_equal(models_kind_index(&m, "widget"), 0);
    assert_non_null(find(&m, "widget_new", ROLE_ACQUIRE));
    const model_fn *open = find(&m, "widget_open", ROLE_ACQUIRE);
    assert_non_null(open);
    assert_int_equal(open->arg, -1);
    assert_int_equal(open->line, 10);
    const model_fn *fr = find(&m, "widget_free", ROLE_RELEASE);
    assert_non_null(fr);
    assert_int_equal(fr->out, -1);
    assert_int_equal(fr->arg, 0);
    assert_int_equal(find(&m, "widget_name", ROLE_RETURNS_ARG)->arg, 0);
    assert_null(models_first(&m, "widget new"));
    assert_null(models_first(&m, "2widget"));
    assert_null(models_first(&m, "widget::free"));
    assert_int_equal(m.nfns, 4);

    /* the same path again, also spelled differently: not read again, no new warnings */
    uint32_t nfns = m.nfns;
    assert_int_equal(models_load_file(&m, path, &w, err, sizeof err), 0);
    char other[600];
    snprintf(other, sizeof other, "/tmp/../%s", path + 1);
    assert_int_equal(models_load_file(&m, other, &w, err, sizeof err), 0);
    assert_int_equal(m.nfns, nfns);
    assert_int_equal(w.count, sizeof want / sizeof want[0]);
    assert_int_equal(m.files_loaded.count, 1);

    tool_diag_list_free(&w);
    unlink(path);
    free(path);
    models_free(&m);
}

static void test_success_on_returned_handle_is_warned(void **state) {
    (void)state;
    models m;
    models_init(&m);
    tool_diag_list w = load_ok(&m, "t.yaml",
                               "version: 1\nresources:\n  - kind: k\n    invalid: null\n    acquire:\n"
                               "      - { function: k_new, success: nonnull }\n");
    assert_int_equal(w.count, 1);
    assert_int_equal(w.items[0].line, 6);
    assert_non_null(strstr(w.items[0].message, "'success' applies to out-parameter acquires only"));
    assert_int_equal(find(&m, "k_new", ROLE_ACQUIRE)->success, SUCCESS_ALWAYS);
    tool_diag_list_free(&w);
    models_free(&m);
}

/* ---- user files ------------------------------------------------------------------------------------------------- */

static void test_user_file_adds_kinds_and_functions(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    uint32_t nkinds = m.nkinds;
    const char *text = "version: 1\n"
                       "resources:\n"
                       "  - kind: pool-conn\n"
                       "    description: connection from my pool\n"
                       "    invalid: 0x10\n"
                       "    acquire:\n"
                       "      - pool_get\n"
                       "      - { function: pool_get_many, out: 2, count: 4, success: nonnegative }\n"
                       "      - { function: pool_swap, releases: 0, adopts: 1 }\n"
                       "    release:\n"
                       "      - { function: pool_put, arg: 1 }\n"
                       "    use: [pool_query, { function: pool_exec, arg: 2 }]\n"
                       "    transfer:\n"
                       "      - { function: pool_give, arg: 1 }\n"
                       "  - kind: FILE\n" /* extends the built-in kind: no warning */
                       "    invalid: null\n"
                       "    acquire: [my_fopen]\n"
                       "    release: [my_fclose]\n"
                       "  - kind: quiet\n"
                       "    report: false\n"
                       "    invalid: -1\n"
                       "functions:\n"
                       "  - { function: pool_name, returns: 1 }\n"
                       "  - { function: memcpy, returns: 0 }\n"; /* the same as the built-in: silently one */
    tool_diag_list w = load_ok(&m, "mylib.yaml", text);
    if (w.count) print_warnings(&w);
    assert_int_equal(w.count, 0);
    assert_int_equal(m.nkinds, nkinds + 2);

    int32_t pool = models_kind_index(&m, "pool-conn");
    assert_true(pool >= 0);
    assert_string_equal(m.kinds[pool].description, "connection from my pool");
    assert_int_equal(m.kinds[pool].invalid, INVALID_VALUE);
    assert_int_equal(m.kinds[pool].invalid_value, 16);
    assert_true(m.kinds[pool].report);
    assert_string_equal(m.kinds[pool].file, "mylib.yaml");
    assert_int_equal(m.kinds[pool].line, 3);
    int32_t quiet = models_kind_index(&m, "quiet");
    assert_false(m.kinds[quiet].report);
    assert_int_equal(m.kinds[quiet].invalid_value, -1);

    const model_fn *f = find(&m, "pool_get_many", ROLE_ACQUIRE);
    assert_int_equal(f->kind, pool);
    assert_int_equal(f->out, 2);
    assert_int_equal(f->count, 4);
    assert_int_equal(f->success, SUCCESS_NONNEGATIVE);
    assert_string_equal(f->file, "mylib.yaml");
    assert_int_equal(f->line, 8);
    f = find(&m, "pool_swap", ROLE_ACQUIRE);
    assert_int_equal(f->releases, 0);
    assert_int_equal(f->adopts, 1);
    assert_int_equal(find(&m, "pool_put", ROLE_RELEASE)->arg, 1);
    assert_int_equal(find(&m, "pool_query", ROLE_USE)->arg, 0);
    assert_int_equal(find(&m, "pool_exec", ROLE_USE)->arg, 2);
    assert_int_equal(find(&m, "pool_give", ROLE_TRANSFER)->arg, 1);
    assert_int_equal(find(&m, "pool_name", ROLE_RETURNS_ARG)->arg, 1);
    assert_int_equal(count_roles(&m, "memcpy"), 1);

    int32_t file = models_kind_index(&m, "FILE");
    assert_int_equal(find(&m, "my_fopen", ROLE_ACQUIRE)->kind, file);
    assert_int_equal(find(&m, "my_fclose", ROLE_RELEASE)->kind, file);
    assert_string_equal(m.kinds[file].file, "builtin:posix.yaml");
    tool_diag_list_free(&w);

    /* The same name again is not reloaded. */
    uint32_t nfns = m.nfns;
    w = load_ok(&m, "mylib.yaml", "version: 1\nresources:\n  - kind: other\n");
    assert_int_equal(m.nfns, nfns);
    assert_int_equal(models_kind_index(&m, "other"), -1);
    tool_diag_list_free(&w);
    models_free(&m);
}

static void test_redeclarations(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    const char *text = "version: 1\n"
                       "resources:\n"
                       "  - kind: thing\n" /* 3 */
                       "    acquire: [thing_new]\n"
                       "  - kind: thing\n" /* 5: declared twice: merged, warned */
                       "    invalid: null\n"
                       "    release: [thing_free]\n"
                       "  - kind: thing\n" /* 8: and a conflicting invalid */
                       "    invalid: negative\n"
                       "  - kind: FILE\n" /* 10: conflicts with posix.yaml */
                       "    invalid: negative\n"
                       "    acquire:\n"
                       "      - { function: fopen, releases: 1 }\n" /* 13: differs from the built-in */
                       "      - fopen64\n";                         /* 14: identical: silently one */
    tool_diag_list w = load_ok(&m, "redecl.yaml", text);
    static const struct {
        unsigned line;
        const char *what;
    } want[] = {{5, "already declared at line 3"},
                {8, "already declared at line 3"},
                {8, "'invalid: negative' conflicts with 'invalid: null'"},
                {10, "declared at builtin:posix.yaml"},
                {13, "'fopen' is already modelled differently as acquire of kind FILE at builtin:posix.yaml"}};
    if (w.count != sizeof want / sizeof want[0]) print_warnings(&w);
    assert_int_equal(w.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < w.count; i++) {
        assert_int_equal(w.items[i].line, want[i].line);
        if (!strstr(w.items[i].message, want[i].what)) print_warnings(&w);
        assert_non_null(strstr(w.items[i].message, want[i].what));
    }
    int32_t thing = models_kind_index(&m, "thing");
    assert_int_equal(m.kinds[thing].invalid, INVALID_NULL); /* the first `invalid` given wins */
    assert_int_equal(m.kinds[thing].line, 3);
    assert_int_equal(find(&m, "thing_free", ROLE_RELEASE)->kind, thing);
    assert_int_equal(m.kinds[models_kind_index(&m, "FILE")].invalid, INVALID_NULL);
    assert_int_equal(count_roles(&m, "fopen"), 1);
    assert_int_equal(models_first(&m, "fopen")->releases, -1);
    assert_int_equal(count_roles(&m, "fopen64"), 1);
    tool_diag_list_free(&w);
    models_free(&m);
}

/* YAML features a hand-written reader would get wrong: anchors and aliases, flow and block style, comments, quoting. */
static void test_yaml_features(void **state) {
    (void)state;
    models m;
    models_init(&m);
    const char *text = "%YAML 1.1\n"
                       "---\n"
                       "version: 1  # the format\n"
                       "resources:\n"
                       "  - kind: \"a b\"\n"
                       "    use: &shared\n"
                       "      - 'shared_use'\n"
                       "      - {function: shared_peek, arg: 0x1}\n"
                       "  - kind: c\n"
                       "    invalid: ~\n"
                       "    use: *shared\n"
                       "    acquire:\n"
                       "    release: []\n"
                       "functions:\n"
                       "...\n";
    tool_diag_list w = load_ok(&m, "features.yaml", text);
    if (w.count) print_warnings(&w);
    assert_int_equal(w.count, 0);
    assert_int_equal(m.nkinds, 2);
    assert_int_equal(m.kinds[1].invalid, INVALID_NULL);
    assert_int_equal(count_roles(&m, "shared_use"), 2);
    const model_fn *f = find(&m, "shared_peek", ROLE_USE);
    assert_int_equal(f->arg, 1);
    assert_string_equal(kind_name(&m, f), "a b");
    assert_string_equal(kind_name(&m, models_next(&m, f)), "c");
    tool_diag_list_free(&w);
    models_free(&m);
}

/* ---- threads ------------------------------------------------------------------------------------------------- */

static void test_builtin_thread_models(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    size_t n;
    const builtin_model *all = models_builtin_all(&n);
    bool seen = false;
    for (size_t i = 0; i < n; i++)
        seen |= !strcmp(all[i].name, "threads.yaml");
    assert_true(seen);

    int32_t pt = models_kind_index(&m, "pthread_t"), ct = models_kind_index(&m, "thrd_t");
    assert_true(pt >= 0 && ct >= 0 && pt != ct);
    assert_true(m.kinds[pt].thread);
    assert_true(m.kinds[ct].thread);
    assert_true(m.kinds[pt].report);
    assert_int_equal(m.kinds[pt].invalid, INVALID_NONE);
    assert_string_equal(m.kinds[pt].file, "builtin:threads.yaml");
    assert_false(m.kinds[models_kind_index(&m, "FILE")].thread); /* resource kinds are not threads */
    assert_false(m.kinds[models_kind_index(&m, "fd")].thread);

    const model_fn *f = find(&m, "pthread_create", ROLE_ACQUIRE);
    assert_non_null(f);
    assert_int_equal(f->kind, pt);
    assert_int_equal(f->out, 0);
    assert_int_equal(f->count, 1);
    assert_int_equal(f->attr, 1);
    assert_int_equal(f->routine, 2);
    assert_int_equal(f->thread_arg, 3);
    assert_int_equal(f->success, SUCCESS_ZERO);
    assert_int_equal(f->arg, -1);
    assert_int_equal(f->releases, -1);
    assert_int_equal(f->adopts, -1);
    assert_string_equal(f->file, "builtin:threads.yaml");
    assert_int_equal(count_roles(&m, "pthread_create"), 1);

    f = find(&m, "thrd_create", ROLE_ACQUIRE);
    assert_non_null(f);
    assert_int_equal(f->kind, ct);
    assert_int_equal(f->out, 0);
    assert_int_equal(f->attr, -1); /* C11 threads have no attributes */
    assert_int_equal(f->routine, 1);
    assert_int_equal(f->thread_arg, 2);
    assert_int_equal(f->success, SUCCESS_ZERO);

    f = find(&m, "pthread_join", ROLE_RELEASE);
    assert_non_null(f);
    assert_int_equal(f->kind, pt);
    assert_int_equal(f->arg, 0);
    assert_false(f->detaches);
    f = find(&m, "pthread_detach", ROLE_RELEASE);
    assert_non_null(f);
    assert_int_equal(f->arg, 0);
    assert_true(f->detaches);
    assert_false(find(&m, "thrd_join", ROLE_RELEASE)->detaches);
    assert_true(find(&m, "thrd_detach", ROLE_RELEASE)->detaches);
    assert_int_equal(find(&m, "thrd_detach", ROLE_RELEASE)->kind, ct);

    f = models_first(&m, "pthread_self");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_THREAD_SELF);
    assert_int_equal(f->kind, pt);
    assert_null(models_next(&m, f));
    assert_int_equal(find(&m, "thrd_current", ROLE_THREAD_SELF)->kind, ct);

    f = models_first(&m, "pthread_attr_setdetachstate");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_THREAD_ATTR);
    assert_int_equal(f->kind, pt);
    assert_int_equal(f->arg, 0);
    assert_int_equal(f->state, 1);
    assert_int_equal(f->detached_value, 1);
    models_free(&m);
}

static void test_thread_section(void **state) {
    (void)state;
    models m;
    models_init(&m);
    const char *text =
        "version: 1\n"                                                                                /* 1 */
        "resources:\n"                                                                                /* 2 */
        "  - kind: job-handle\n"                                                                      /* 3 */
        "    acquire: [job_handle_new]\n"                                                             /* 4 */
        "threads:\n"                                                                                  /* 5 */
        "  - kind: job\n"                                                                             /* 6 */
        "    description: a job thread\n"                                                             /* 7 */
        "    create:\n"                                                                               /* 8 */
        "      - { function: job_start, id: 1, attr: 2, routine: 3, arg: 4, success: nonnegative }\n" /* 9 */
        "      - { function: job_start_simple, id: 0 }\n"                                             /* 10 */
        "    join: [job_wait, { function: job_wait_on, id: 1 }]\n"                                    /* 11 */
        "    detach:\n"                                                                               /* 12 */
        "      - job_detach\n"                                                                        /* 13 */
        "      - { function: job_detach_on, id: 2 }\n"                                                /* 14 */
        "    self: [job_self]\n"                                                                      /* 15 */
        "    detached-attr:\n"                                                                        /* 16 */
        "      - { function: job_attr_set, attr: 1, state: 2, detached: 7 }\n"                        /* 17 */
        "      - { function: job_attr_default }\n";                                                   /* 18 */
    tool_diag_list w = load_ok(&m, "jobs.yaml", text);
    if (w.count) print_warnings(&w);
    assert_int_equal(w.count, 0);
    assert_int_equal(m.nkinds, 2);

    int32_t res = models_kind_index(&m, "job-handle"), job = models_kind_index(&m, "job");
    assert_true(res >= 0 && job >= 0);
    assert_false(m.kinds[res].thread);
    assert_true(m.kinds[job].thread);
    assert_true(m.kinds[job].report);
    assert_int_equal(m.kinds[job].invalid, INVALID_NONE);
    assert_string_equal(m.kinds[job].description, "a job thread");
    assert_string_equal(m.kinds[job].file, "jobs.yaml");
    assert_int_equal(m.kinds[job].line, 6);

    const model_fn *f = models_first(&m, "job_start");
    assert_non_null(f);
    assert_null(models_next(&m, f));
    assert_int_equal(f->role, ROLE_ACQUIRE);
    assert_int_equal(f->kind, job);
    assert_int_equal(f->out, 1);
    assert_int_equal(f->count, 1);
    assert_int_equal(f->attr, 2);
    assert_int_equal(f->routine, 3);
    assert_int_equal(f->thread_arg, 4);
    assert_int_equal(f->success, SUCCESS_NONNEGATIVE);
    assert_int_equal(f->arg, -1);
    assert_int_equal(f->releases, -1);
    assert_int_equal(f->adopts, -1);
    assert_false(f->detaches);
    assert_string_equal(f->file, "jobs.yaml");
    assert_int_equal(f->line, 9);

    f = find(&m, "job_start_simple", ROLE_ACQUIRE);
    assert_non_null(f);
    assert_int_equal(f->out, 0);
    assert_int_equal(f->attr, -1);
    assert_int_equal(f->routine, -1);
    assert_int_equal(f->thread_arg, -1);
    assert_int_equal(f->success, SUCCESS_ALWAYS);

    f = find(&m, "job_wait", ROLE_RELEASE);
    assert_non_null(f);
    assert_int_equal(f->kind, job);
    assert_int_equal(f->arg, 0);
    assert_false(f->detaches);
    f = find(&m, "job_wait_on", ROLE_RELEASE);
    assert_non_null(f);
    assert_int_equal(f->arg, 1);
    assert_false(f->detaches);
    f = find(&m, "job_detach", ROLE_RELEASE);
    assert_non_null(f);
    assert_int_equal(f->arg, 0);
    assert_true(f->detaches);
    assert_int_equal(f->line, 13);
    f = find(&m, "job_detach_on", ROLE_RELEASE);
    assert_non_null(f);
    assert_int_equal(f->arg, 2);
    assert_true(f->detaches);

    f = models_first(&m, "job_self");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_THREAD_SELF);
    assert_int_equal(f->kind, job);
    assert_int_equal(f->arg, -1);

    f = models_first(&m, "job_attr_set");
    assert_non_null(f);
    assert_int_equal(f->role, ROLE_THREAD_ATTR);
    assert_int_equal(f->kind, job);
    assert_int_equal(f->arg, 1);
    assert_int_equal(f->state, 2);
    assert_int_equal(f->detached_value, 7);
    f = find(&m, "job_attr_default", ROLE_THREAD_ATTR);
    assert_non_null(f);
    assert_int_equal(f->arg, 0); /* defaults: attribute arg 0, state arg 1, 1 means detached */
    assert_int_equal(f->state, 1);
    assert_int_equal(f->detached_value, 1);

    assert_int_equal(find(&m, "job_handle_new", ROLE_ACQUIRE)->kind, res);
    assert_int_equal(m.nfns, 10);
    tool_diag_list_free(&w);
    models_free(&m);
}

static void test_thread_section_errors(void **state) {
    (void)state;
    /* a create entry must say where the id goes */
    expect_error("version: 1\n"
                 "threads:\n"
                 "  - kind: job\n"
                 "    create:\n"
                 "      - { function: job_start, routine: 1, arg: 2 }\n",
                 5, "has no 'id'");
    /* ...so a plain name is not enough */
    expect_error("version: 1\n"
                 "threads:\n"
                 "  - kind: job\n"
                 "    join: [job_wait]\n"
                 "    create:\n"
                 "      - job_start\n",
                 6, "must be a mapping");
    /* nor for detached-attr */
    expect_error("version: 1\nthreads:\n  - kind: job\n    detached-attr:\n      - job_attr_set\n", 5,
                 "must be a mapping");
    /* one name, two families */
    expect_error("version: 1\n"
                 "resources:\n"
                 "  - kind: job\n"
                 "    acquire: [job_new]\n"
                 "threads:\n"
                 "  - kind: job\n"
                 "    join: [job_wait]\n",
                 6, "kind 'job' is declared at line 3 as a resource kind; it cannot also be a thread kind");
    /* the same, written threads first: the resource is the one in error */
    expect_error("version: 1\n"
                 "threads:\n"
                 "  - kind: job\n"
                 "    join: [job_wait]\n"
                 "resources:\n"
                 "  - kind: job\n"
                 "    acquire: [job_new]\n",
                 3, "cannot also be");
    expect_error("version: 1\nthreads:\n  - description: no kind\n    join: [job_wait]\n", 3,
                 "a thread kind without 'kind'");
    expect_error("version: 1\nthreads: {kind: job}\n", 2, "'threads' must be a list");
    expect_error("version: 1\nthreads:\n  - job\n", 3, "a thread kind must be a mapping");
    expect_error("version: 1\nthreads:\n  - kind: job\n    join: job_wait\n", 4, "'join' must be a list");
    expect_error("version: 1\nthreads:\n  - kind: job\n    create:\n      - { function: job_start, id: -1 }\n", 5,
                 "argument indexes start at 0");
    expect_error("version: 1\n"
                 "threads:\n"
                 "  - kind: job\n"
                 "    create:\n"
                 "      - { function: job_start, id: 0, success: sometimes }\n",
                 5, "unknown success value 'sometimes'");
    expect_error("version: 1\nthreads:\n  - kind: job\n    detached-attr:\n      - { function: f, detached: yes }\n", 5,
                 "'detached' must be an integer");
    expect_error("version: 1\nthreads:\n  - kind: job\n    create:\n      - { id: 0 }\n", 5, "has no 'function'");
}

static void test_thread_section_warnings(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[512] = "";
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    uint32_t nfns = m.nfns;
    const char *text = "version: 1\n"                                            /* 1 */
                       "threads:\n"                                              /* 2 */
                       "  - kind: job\n"                                         /* 3 */
                       "    invalid: null\n"                                     /* 4 not a thread key */
                       "    create:\n"                                           /* 5 */
                       "      - { function: job_start, id: 0, count: 2 }\n"      /* 6 count: unknown */
                       "    join:\n"                                             /* 7 */
                       "      - { function: job_wait, arg: 1 }\n"                /* 8 arg: unknown */
                       "      - \"job wait\"\n"                                  /* 9 not an identifier */
                       "    self:\n"                                             /* 10 */
                       "      - { function: job_self, id: 0 }\n"                 /* 11 id means nothing */
                       "    detached-attr:\n"                                    /* 12 */
                       "      - { function: job_attr_set, attr: 0, value: 3 }\n" /* 13 value: unknown */
                       "  - kind: FILE\n"                                        /* 14 a resource kind */
                       "    join: [fjoin]\n";                                    /* 15 */
    tool_diag_list w = load_ok(&m, "jobs.yaml", text);
    static const struct {
        unsigned line;
        const char *what;
    } want[] = {{4, "unknown key 'invalid'"},
                {6, "unknown key 'count'"},
                {8, "unknown key 'arg'"},
                {9, "'job wait'"},
                {11, "'id' means nothing"},
                {13, "unknown key 'value'"},
                {14, "kind 'FILE' is declared at builtin:posix.yaml"}};
    /* Line 14 (a resource kind extended under `threads:`) draws exactly one warning: its entries are ignored. */
    size_t nwant = sizeof want / sizeof want[0];
    if (w.count != nwant) print_warnings(&w);
    assert_int_equal(w.count, nwant);
    for (size_t i = 0; i < w.count; i++) {
        assert_string_equal(w.items[i].tag, "lifeline-model");
        assert_int_equal(w.items[i].level, SEV_WARNING);
        assert_string_equal(w.items[i].file, "jobs.yaml");
        if (w.items[i].line != want[i].line || !strstr(w.items[i].message, want[i].what)) print_warnings(&w);
        assert_int_equal(w.items[i].line, want[i].line);
        assert_non_null(strstr(w.items[i].message, want[i].what));
    }
    assert_non_null(strstr(w.items[nwant - 1].message, "as a resource kind; the entries here are ignored"));
    /* the ignored keys changed nothing; the entries are in */
    int32_t job = models_kind_index(&m, "job");
    assert_true(job >= 0);
    assert_true(m.kinds[job].thread);
    assert_int_equal(m.kinds[job].invalid, INVALID_NONE);
    const model_fn *f = find(&m, "job_start", ROLE_ACQUIRE);
    assert_non_null(f);
    assert_int_equal(f->count, 1);
    assert_int_equal(find(&m, "job_wait", ROLE_RELEASE)->arg, 0);
    assert_null(models_first(&m, "job wait"));
    assert_non_null(find(&m, "job_self", ROLE_THREAD_SELF));
    assert_int_equal(find(&m, "job_attr_set", ROLE_THREAD_ATTR)->detached_value, 1);
    /* FILE stays the resource kind posix.yaml declared; the thread entries given for it are ignored */
    int32_t file = models_kind_index(&m, "FILE");
    assert_false(m.kinds[file].thread);
    assert_null(models_first(&m, "fjoin"));
    assert_int_equal(m.nfns, nfns + 4);
    tool_diag_list_free(&w);
    models_free(&m);
}

/* ---- timeouts and sessions ---------------------------------------------------------------------------------- */

static void test_builtin_session_models(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[256];
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    const model_block *b = models_block_next(&m, "curl_easy_perform", NULL);
    assert_non_null(b);
    assert_int_equal(b->handle, 0);
    assert_int_equal(b->nbounded, 2);
    uint32_t timeout = models_prop_bit(&m, "timeout"), lsl = models_prop_bit(&m, "low-speed-limit"),
             lst = models_prop_bit(&m, "low-speed-time");
    assert_true(timeout && lsl && lst);
    assert_int_equal(b->bounded_by[0], timeout);
    assert_int_equal(b->bounded_by[1], lsl | lst);
    assert_int_equal(b->partial, models_prop_bit(&m, "connect-timeout"));
    b = models_block_next(&m, "PQconnectdb", NULL);
    assert_non_null(b);
    assert_int_equal(b->conninfo, 0);
    assert_string_equal(b->contains, "connect_timeout");
    const model_wait *w = models_wait(&m, "poll");
    assert_non_null(w);
    assert_int_equal(w->timeout, 2);
    assert_int_equal(w->infinite, INFINITE_NEGATIVE);
    assert_int_equal(models_wait(&m, "select")->infinite, INFINITE_NULL);
    assert_non_null(models_lock(&m, "pthread_mutex_lock"));
    assert_true(models_lock(&m, "pthread_mutex_unlock")->unlock);
    assert_null(models_lock(&m, "fopen"));
    assert_true(m.kinds[models_kind_index(&m, "CURL")].session);
    assert_false(m.kinds[models_kind_index(&m, "SSL_CTX")].session);
    const model_kind *sq = &m.kinds[models_kind_index(&m, "sqlite3")];
    assert_true(sq->session);
    assert_int_equal(sq->session_when, models_prop_bit(&m, "nomutex"));
    assert_int_equal(m.kinds[models_kind_index(&m, "CURLSH")].session_unless, models_prop_bit(&m, "lockfunc"));
    /* setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, ...): by the option's name */
    const model_prop *p = models_prop_next(&m, "setsockopt", NULL);
    assert_non_null(p);
    assert_string_equal(p->is_name, "SO_RCVTIMEO");
    assert_int_equal(p->option, 2);
    assert_string_equal(models_prop_list(&m.arena, &m, timeout | lsl), "timeout,low-speed-limit");
    assert_int_equal(models_prop_mask(&m, "timeout,low-speed-limit,no-such"), timeout | lsl);
    models_free(&m);
}

static void test_user_session_model(void **state) {
    (void)state;
    models m;
    models_init(&m);
    char err[256];
    assert_int_equal(models_load_builtin(&m, err, sizeof err), 0);
    /* a user's client library; also extends the built-in CURL kind with a blocking call */
    const char *text = "version: 1\n"
                       "resources:\n"
                       "  - kind: acme\n"
                       "    invalid: null\n"
                       "    acquire: [acme_connect]\n"
                       "    release: [acme_close]\n"
                       "    use: [acme_call]\n"
                       "properties:\n"
                       "  - { kind: acme, function: acme_set_deadline, handle: 0, value: 1, sets: deadline }\n"
                       "blocking:\n"
                       "  - { kind: acme, function: acme_call, handle: 0, bounded-by: [deadline], hint: set one }\n"
                       "  - { kind: CURL, function: my_perform, handle: 0, bounded-by: [timeout] }\n"
                       "  - { kind: nosuch, function: other, handle: 0, bounded-by: [x] }\n"
                       "sessions:\n"
                       "  - { kind: acme }\n"
                       "locks:\n"
                       "  lock: [acme_lock]\n"
                       "  unlock: [acme_unlock]\n";
    tool_diag_list w = load_ok(&m, "acme.yaml", text);
    assert_int_equal(w.count, 1); /* the kind nobody declares */
    assert_non_null(strstr(w.items[0].message, "nosuch"));
    assert_int_equal(w.items[0].line, 13);
    tool_diag_list_free(&w);
    const model_block *b = models_block_next(&m, "acme_call", NULL);
    assert_non_null(b);
    assert_int_equal(b->kind, models_kind_index(&m, "acme"));
    assert_int_equal(b->bounded_by[0], models_prop_bit(&m, "deadline"));
    assert_string_equal(b->hint, "set one");
    /* the property name shared with the built-in models maps to the same bit */
    assert_int_equal(models_block_next(&m, "my_perform", NULL)->bounded_by[0], models_prop_bit(&m, "timeout"));
    assert_null(models_block_next(&m, "other", NULL));
    assert_true(m.kinds[models_kind_index(&m, "acme")].session);
    assert_false(models_lock(&m, "acme_lock")->unlock);
    assert_true(models_lock(&m, "acme_unlock")->unlock);
    models_free(&m);
}

static void test_session_model_errors(void **state) {
    (void)state;
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"version: 1\nblocking:\n  - { kind: CURL, function: f, handle: 0 }\n", "needs 'bounded-by'"},
        {"version: 1\nblocking:\n  - { function: f, conninfo: 0 }\n", "'conninfo' needs 'contains'"},
        {"version: 1\nproperties:\n  - { kind: CURL, function: f, handle: 0 }\n", "does nothing"},
        {"version: 1\nproperties:\n  - { kind: CURL, function: f, option: 1, sets: x }\n", "'option' and 'is'"},
        {"version: 1\nproperties:\n  - { kind: CURL, function: f, sets: 'a b' }\n", "not a property name"},
        {"version: 1\nwaits:\n  - { function: poll, timeout: 2, infinite: forever }\n", "negative or null"},
        {"version: 1\nlocks: [a]\n", "'locks' must be a mapping"},
        {"version: 1\nsessions:\n  - { when: x }\n", "without 'kind'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        models m;
        models_init(&m);
        char err[512] = "";
        tool_diag_list w = {0};
        assert_int_equal(models_load_text(&m, "bad.yaml", bad[i].text, strlen(bad[i].text), &w, err, sizeof err), -1);
        if (!strstr(err, bad[i].message)) fprintf(stderr, "case %zu: %s\n", i, err);
        assert_non_null(strstr(err, bad[i].message));
        assert_int_equal(m.nblocks + m.nprops_fns + m.nwaits + m.nlocks, 0); /* nothing of a bad file is kept */
        tool_diag_list_free(&w);
        models_free(&m);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_files_load_without_warnings),
        cmocka_unit_test(test_builtin_lookups),
        cmocka_unit_test(test_kind_index),
        cmocka_unit_test(test_malformed_files),
        cmocka_unit_test(test_error_keeps_earlier_models),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_success_on_returned_handle_is_warned),
        cmocka_unit_test(test_user_file_adds_kinds_and_functions),
        cmocka_unit_test(test_redeclarations),
        cmocka_unit_test(test_yaml_features),
        cmocka_unit_test(test_builtin_thread_models),
        cmocka_unit_test(test_thread_section),
        cmocka_unit_test(test_thread_section_errors),
        cmocka_unit_test(test_thread_section_warnings),
        cmocka_unit_test(test_builtin_session_models),
        cmocka_unit_test(test_user_session_model),
        cmocka_unit_test(test_session_model_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
