/* test_config.c — `.lifeline.yaml` (config.c): rule glob lists, lookup from a file's directory upward, nearest
 * config wins, inherit merges, an explicit --config file, header filter, severity overrides, models resolved
 * against the config's directory, and every kind of error as one `PATH:LINE:COL: sentence` line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs: it does not include them itself */
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "rules.h"
#include "temp_dir.h"

/* ---- helpers ------------------------------------------------------------------------------------------------- */

/* A fresh temporary directory (malloc'd path). */
static char *temp_dir(void) {
    char *d = malloc(64);
    assert_non_null(d);
    assert_int_equal(temp_dir_make(d, 64, "config"), 0);
    return d;
}

static void remove_tree(char *dir) {
    assert_int_equal(temp_dir_remove(dir), 0);
    free(dir);
}

/* root/rel, in a static buffer per call site is too fragile: the caller passes one. */
static const char *at(char *buf, size_t len, const char *root, const char *rel) {
    snprintf(buf, len, "%s/%s", root, rel);
    return buf;
}

/* Write root/rel (creating its directories) with text. */
static void write_file(const char *root, const char *rel, const char *text) {
    char path[1024];
    at(path, sizeof path, root, rel);
    for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The config for root/rel, which must load. */
static const lifeline_config *cfg_ok(config_set *cs, const char *root, const char *rel) {
    char path[1024], err[1024] = "";
    const lifeline_config *c = (const lifeline_config *)1;
    int rc = config_for_file(cs, at(path, sizeof path, root, rel), &c, err, sizeof err);
    if (rc != 0) fprintf(stderr, "unexpected error: %s\n", err);
    assert_int_equal(rc, 0);
    return c;
}

/* The error for root/rel: returns it in err. */
static void cfg_err(config_set *cs, const char *root, const char *rel, char *err, size_t errlen) {
    char path[1024];
    const lifeline_config *c = (const lifeline_config *)1;
    err[0] = '\0';
    assert_int_equal(config_for_file(cs, at(path, sizeof path, root, rel), &c, err, errlen), -1);
    assert_null(c);
    assert_true(strchr(err, '\n') == NULL); /* one line */
}

/* Only these rules (a NULL-terminated list) are enabled. */
static void expect_enabled(const lifeline_config *c, const char *const *on) {
    for (size_t i = 0; i < rules_count(); i++) {
        const char *id = rule_at(i)->id;
        bool want = false;
        for (const char *const *p = on; *p; p++)
            want |= !strcmp(*p, id);
        if (config_rule_enabled(c, id) != want) fprintf(stderr, "rule %s: want %s\n", id, want ? "on" : "off");
        assert_int_equal(config_rule_enabled(c, id), want);
    }
}

/* ---- glob lists ----------------------------------------------------------------------------------------------- */

static void test_glob_match(void **state) {
    (void)state;
#define M(p, s) glob_match(p, strlen(p), s)
    assert_true(M("*", ""));
    assert_true(M("*", "handle-leak"));
    assert_true(M("handle-leak", "handle-leak"));
    assert_false(M("handle-lea", "handle-leak"));
    assert_false(M("handle-leak", "handle-lea"));
    assert_true(M("handle-*", "handle-leak"));
    assert_true(M("*-leak", "handle-leak"));
    assert_true(M("h*e*k", "handle-leak"));
    assert_true(M("*a*a*", "banana"));
    assert_false(M("*x*", "banana"));
    assert_false(M("handle.leak", "handle-leak")); /* '.' is literal, not a regex */
    assert_true(M("", ""));
    assert_false(M("", "x"));
#undef M
}

static void test_glob_lists(void **state) {
    (void)state;
    assert_true(rule_glob_list_enabled("*", "handle-leak"));
    assert_true(rule_glob_list_enabled("*,-missing-timeout", "handle-leak"));
    assert_false(rule_glob_list_enabled("*,-missing-timeout", "missing-timeout"));
    assert_true(rule_glob_list_enabled("-*,handle-*", "handle-leak"));
    assert_true(rule_glob_list_enabled("-*,handle-*", "handle-double-release"));
    assert_false(rule_glob_list_enabled("-*,handle-*", "missing-timeout"));
    assert_false(rule_glob_list_enabled("-*,handle-*", "stack-address-escape"));
    /* later entries win */
    assert_true(rule_glob_list_enabled("-handle-leak,handle-*", "handle-leak"));
    assert_false(rule_glob_list_enabled("handle-*,-handle-leak", "handle-leak"));
    /* the clang-tidy prefix, a list naming one rule, whitespace and newlines */
    assert_true(rule_glob_list_enabled("lifeline-handle-leak", "handle-leak"));
    assert_false(rule_glob_list_enabled("lifeline-handle-leak", "handle-double-release"));
    assert_true(rule_glob_list_enabled("lifeline-*", "thread-not-joined"));
    assert_false(rule_glob_list_enabled("*, -lifeline-thread-*", "thread-not-joined"));
    assert_true(rule_glob_list_enabled(" -* ,\n  thread-not-joined ,", "thread-not-joined"));
    assert_false(rule_glob_list_enabled(" -* ,\n  thread-not-joined ,", "thread-stack-arg"));
    /* nothing listed: nothing enabled; no list at all: everything */
    assert_false(rule_glob_list_enabled("", "handle-leak"));
    assert_true(rule_glob_list_enabled(NULL, "handle-leak"));

    char err[256] = "";
    assert_true(rule_glob_list_check("*,-missing-timeout", err, sizeof err));
    assert_true(rule_glob_list_check("-*,lifeline-handle-*, thread-not-joined", err, sizeof err));
    assert_true(rule_glob_list_check("", err, sizeof err));
    assert_false(rule_glob_list_check("*,handel-*", err, sizeof err));
    assert_string_equal(err, "rules glob 'handel-*' matches no rule (see `lifeline rules`)");
    assert_false(rule_glob_list_check("-clang-analyzer-*", err, sizeof err));
    assert_non_null(strstr(err, "'-clang-analyzer-*'"));
    assert_false(rule_glob_list_check("handle-leak,-", err, sizeof err));
}

/* ---- lookup ----------------------------------------------------------------------------------------------------- */

static void test_no_config(void **state) {
    (void)state;
    char *root = temp_dir();
    config_set *cs = config_set_new(NULL);
    const lifeline_config *c = cfg_ok(cs, root, "a/b/file.c");
    assert_null(c);
    /* the NULL config: everything on, everything reported, no overrides, no models */
    assert_true(config_rule_enabled(NULL, "handle-leak"));
    assert_true(config_reports_file(NULL, "/x/y.h", "/x/main.c"));
    severity s = SEV_NOTE;
    assert_false(config_severity(NULL, "handle-leak", &s));
    assert_int_equal(config_model_count(NULL), 0);
    assert_null(config_model_at(NULL, 0));
    assert_null(config_path(NULL));
    config_set_free(cs);
    remove_tree(root);
}

static void test_lookup_upward(void **state) {
    (void)state;
    char *root = temp_dir(), want[1024];
    write_file(root, ".lifeline.yaml", "rules: \"-*,handle-*\"\n");
    config_set *cs = config_set_new(NULL);
    const lifeline_config *deep = cfg_ok(cs, root, "a/b/c/file.c"); /* the file need not exist */
    assert_non_null(deep);
    assert_string_equal(config_path(deep), at(want, sizeof want, root, ".lifeline.yaml"));
    expect_enabled(deep, (const char *const[]){"handle-leak", "handle-double-release", "handle-use-after-release",
                                               "handle-mismatched-release", NULL});
    /* cached per directory: the same config object for every file under it, and for the file's own directory */
    assert_ptr_equal(cfg_ok(cs, root, "a/b/other.c"), deep);
    assert_ptr_equal(cfg_ok(cs, root, "top.c"), deep);
    assert_ptr_equal(cfg_ok(cs, root, "a/b/c/../../b/c/file.c"), deep);
    config_set_free(cs);
    remove_tree(root);
}

static void test_nearest_wins(void **state) {
    (void)state;
    char *root = temp_dir(), want[1024];
    write_file(root, "m.yaml", "resources: []\n");
    write_file(root, ".lifeline.yaml",
               "rules: '-*,handle-leak'\nmodels: [m.yaml]\nheader-filter: '^inc/'\nseverity: {handle-leak: error}\n");
    write_file(root, "sub/.lifeline.yml", "rules: '*,-missing-timeout'\n");
    write_file(root, "sub/both/.lifeline.yaml", "rules: 'thread-*'\n");
    write_file(root, "sub/both/.lifeline.yml", "rules: 'handle-*'\n");
    config_set *cs = config_set_new(NULL);

    const lifeline_config *top = cfg_ok(cs, root, "x.c");
    expect_enabled(top, (const char *const[]){"handle-leak", NULL});
    assert_int_equal(config_model_count(top), 1);

    const lifeline_config *sub = cfg_ok(cs, root, "sub/deeper/x.c");
    assert_string_equal(config_path(sub), at(want, sizeof want, root, "sub/.lifeline.yml"));
    assert_true(config_rule_enabled(sub, "handle-leak"));
    assert_true(config_rule_enabled(sub, "stack-address-escape"));
    assert_false(config_rule_enabled(sub, "missing-timeout"));
    /* nothing of the parent's: no models, no filter, no severity */
    severity s;
    assert_false(config_severity(sub, "handle-leak", &s));
    assert_int_equal(config_model_count(sub), 0);
    assert_true(config_reports_file(sub, at(want, sizeof want, root, "sub/other.h"), "/elsewhere/main.c"));

    /* .lifeline.yaml is preferred over .lifeline.yml in the same directory */
    const lifeline_config *both = cfg_ok(cs, root, "sub/both/x.c");
    assert_string_equal(config_path(both), at(want, sizeof want, root, "sub/both/.lifeline.yaml"));
    expect_enabled(both, (const char *const[]){"thread-not-joined", "thread-stack-arg", NULL});
    config_set_free(cs);
    remove_tree(root);
}

static void test_inherit(void **state) {
    (void)state;
    char *root = temp_dir(), buf[1024], buf2[1024];
    write_file(root, "m1.yaml", "resources: []\n");
    write_file(root, "sub/m2.yaml", "resources: []\n");
    write_file(root, ".lifeline.yaml",
               "rules: '*,-missing-timeout'\n"
               "models: [m1.yaml]\n"
               "header-filter: '^inc/'\n"
               "severity:\n"
               "  handle-leak: error\n"
               "  stack-address-escape: note\n");
    write_file(root, "sub/.lifeline.yaml",
               "inherit: true\n"
               "rules: '-handle-leak'\n"
               "models: [m2.yaml, ../m1.yaml]\n"
               "severity:\n"
               "  lifeline-handle-leak: warning\n");
    /* a third level that inherits, but sets nothing but a cleared filter */
    write_file(root, "sub/third/.lifeline.yaml", "inherit: true\nheader-filter: ~\n");
    config_set *cs = config_set_new(NULL);

    const lifeline_config *c = cfg_ok(cs, root, "sub/a.c");
    assert_string_equal(config_path(c), at(buf, sizeof buf, root, "sub/.lifeline.yaml"));
    assert_false(config_rule_enabled(c, "missing-timeout")); /* the parent's globs still apply */
    assert_false(config_rule_enabled(c, "handle-leak"));     /* the child's come after them */
    assert_true(config_rule_enabled(c, "thread-not-joined"));
    /* models: the union, parent's first, each once, absolute */
    assert_int_equal(config_model_count(c), 2);
    assert_string_equal(config_model_at(c, 0), at(buf, sizeof buf, root, "m1.yaml"));
    assert_string_equal(config_model_at(c, 1), at(buf, sizeof buf, root, "sub/m2.yaml"));
    assert_null(config_model_at(c, 2));
    /* severity: overridden key by key */
    severity s = SEV_NOTE;
    assert_true(config_severity(c, "handle-leak", &s));
    assert_int_equal(s, SEV_WARNING);
    assert_true(config_severity(c, "stack-address-escape", &s));
    assert_int_equal(s, SEV_NOTE);
    assert_false(config_severity(c, "thread-not-joined", &s));
    /* header filter: inherited, relative to the directory of the config that set it */
    at(buf2, sizeof buf2, root, "sub/a.c");
    assert_true(config_reports_file(c, at(buf, sizeof buf, root, "inc/x.h"), buf2));
    assert_false(config_reports_file(c, at(buf, sizeof buf, root, "sub/inc/x.h"), buf2));

    const lifeline_config *third = cfg_ok(cs, root, "sub/third/t.c");
    assert_false(config_rule_enabled(third, "handle-leak"));
    assert_int_equal(config_model_count(third), 2);
    assert_true(config_severity(third, "handle-leak", &s));
    assert_int_equal(s, SEV_WARNING);
    assert_true(config_reports_file(third, at(buf, sizeof buf, root, "sub/inc/x.h"), buf2)); /* filter cleared */

    /* the parent itself is unaffected */
    const lifeline_config *top = cfg_ok(cs, root, "a.c");
    assert_true(config_rule_enabled(top, "handle-leak"));
    assert_int_equal(config_model_count(top), 1);
    assert_true(config_severity(top, "handle-leak", &s));
    assert_int_equal(s, SEV_ERROR);
    config_set_free(cs);

    /* inherit: false (the default) and a broken parent: the child does not look at it */
    write_file(root, "sub/.lifeline.yaml", "inherit: false\n");
    write_file(root, "sub2/.lifeline.yaml", "inherit: true\n");
    write_file(root, ".lifeline.yaml", "rules: [\n");
    cs = config_set_new(NULL);
    c = cfg_ok(cs, root, "sub/a.c");
    expect_enabled(c,
                   (const char *const[]){"stack-address-escape", "handle-leak", "handle-double-release",
                                         "handle-use-after-release", "handle-mismatched-release", "thread-not-joined",
                                         "thread-stack-arg", "missing-timeout", "shared-session", NULL});
    assert_non_null(cfg_ok(cs, root, "sub/third/t.c")); /* inherits from sub, which does not inherit */
    /* ...but a child that inherits from it is broken too, with the parent's message */
    char err[1024];
    cfg_err(cs, root, "sub2/t.c", err, sizeof err);
    at(buf, sizeof buf, root, ".lifeline.yaml:");
    assert_true(strncmp(err, buf, strlen(buf)) == 0);
    config_set_free(cs);
    remove_tree(root);
}

static void test_explicit_path(void **state) {
    (void)state;
    char *root = temp_dir(), path[1024], err[1024];
    write_file(root, "cfg/lifeline.yaml", "inherit: true\nrules: 'stack-address-escape'\n");
    write_file(root, ".lifeline.yaml", "rules: 'handle-leak'\n");
    write_file(root, "src/.lifeline.yaml", "rules: 'thread-*'\n");
    at(path, sizeof path, root, "cfg/lifeline.yaml");
    config_set *cs = config_set_new(path);
    /* the same file for every path, whatever lies beside the files; its inherit is ignored */
    const lifeline_config *c = cfg_ok(cs, root, "src/a.c");
    assert_string_equal(config_path(c), path);
    expect_enabled(c, (const char *const[]){"stack-address-escape", NULL});
    assert_ptr_equal(cfg_ok(cs, root, "x.c"), c);
    const lifeline_config *elsewhere = NULL;
    assert_int_equal(config_for_file(cs, "/usr/include/stdio.h", &elsewhere, err, sizeof err), 0);
    assert_ptr_equal(elsewhere, c);
    config_set_free(cs);

    /* a missing explicit file is an error for every path */
    at(path, sizeof path, root, "nope.yaml");
    cs = config_set_new(path);
    cfg_err(cs, root, "src/a.c", err, sizeof err);
    char want[1200];
    snprintf(want, sizeof want, "%s: cannot open config file: No such file or directory", path);
    assert_string_equal(err, want);
    cfg_err(cs, root, "x.c", err, sizeof err);
    assert_string_equal(err, want);
    config_set_free(cs);
    remove_tree(root);
}

static void test_header_filter(void **state) {
    (void)state;
    char *root = temp_dir(), main_c[1024], h[1024];
    write_file(root, ".lifeline.yaml", "header-filter: \"^(src|include)/\"\n");
    config_set *cs = config_set_new(NULL);
    const lifeline_config *c = cfg_ok(cs, root, "src/main.c");
    at(main_c, sizeof main_c, root, "src/main.c");
    assert_true(config_reports_file(c, at(h, sizeof h, root, "include/api.h"), main_c));
    assert_true(config_reports_file(c, at(h, sizeof h, root, "src/util/local.h"), main_c));
    assert_false(config_reports_file(c, at(h, sizeof h, root, "third_party/zlib.h"), main_c));
    assert_false(config_reports_file(c, at(h, sizeof h, root, "lib/include/x.h"), main_c)); /* anchored */
    assert_false(config_reports_file(c, "/usr/include/stdio.h", main_c));
    /* a path spelled differently still counts as below the config */
    assert_true(config_reports_file(c, at(h, sizeof h, root, "tests/../include//api.h"), main_c));
    /* the TU's main file is always reported, even where the filter would not match it */
    at(main_c, sizeof main_c, root, "tests/t.c");
    assert_true(config_reports_file(c, main_c, main_c));
    assert_false(config_reports_file(c, at(h, sizeof h, root, "tests/t.h"), main_c));
    config_set_free(cs);

    /* outside the config's directory the absolute path is matched */
    write_file(root, ".lifeline.yaml", "header-filter: '^/usr/include/|/inc/'\n");
    cs = config_set_new(NULL);
    c = cfg_ok(cs, root, "src/main.c");
    at(main_c, sizeof main_c, root, "src/main.c");
    assert_true(config_reports_file(c, "/usr/include/stdio.h", main_c));
    assert_false(config_reports_file(c, "/opt/include/x.h", main_c));
    assert_true(config_reports_file(c, at(h, sizeof h, root, "src/inc/x.h"), main_c)); /* relative: "src/inc/x.h" */
    assert_false(config_reports_file(c, at(h, sizeof h, root, "inc/x.h"), main_c));    /* relative: "inc/x.h" */
    config_set_free(cs);
    remove_tree(root);
}

static void test_severity_and_models(void **state) {
    (void)state;
    char *root = temp_dir(), buf[1024];
    write_file(root, "models/acme.yaml", "resources: []\n");
    write_file(root, "proj/.lifeline.yaml",
               "models:\n"
               "  - ../models/acme.yaml\n"
               "  - ./../models//acme.yaml\n" /* the same file again: listed once */
               "severity:\n"
               "  handle-leak: error\n"
               "  missing-timeout: note\n"
               "  thread-not-joined: warning\n");
    config_set *cs = config_set_new(NULL);
    const lifeline_config *c = cfg_ok(cs, root, "proj/a.c");
    severity s = SEV_WARNING;
    assert_true(config_severity(c, "handle-leak", &s));
    assert_int_equal(s, SEV_ERROR);
    assert_true(config_severity(c, "missing-timeout", &s));
    assert_int_equal(s, SEV_NOTE);
    assert_true(config_severity(c, "thread-not-joined", &s));
    assert_int_equal(s, SEV_WARNING);
    assert_false(config_severity(c, "handle-double-release", &s));
    assert_false(config_severity(c, "no-such-rule", &s));
    assert_int_equal(config_model_count(c), 1);
    assert_string_equal(config_model_at(c, 0), at(buf, sizeof buf, root, "models/acme.yaml"));
    config_set_free(cs);

    /* one model given as a plain string; an absolute path */
    snprintf(buf, sizeof buf, "models: %s/models/acme.yaml\n", root);
    write_file(root, "proj/.lifeline.yaml", buf);
    cs = config_set_new(NULL);
    c = cfg_ok(cs, root, "proj/a.c");
    assert_int_equal(config_model_count(c), 1);
    assert_string_equal(config_model_at(c, 0), at(buf, sizeof buf, root, "models/acme.yaml"));
    config_set_free(cs);
    remove_tree(root);
}

static void test_empty_file(void **state) {
    (void)state;
    static const char *const texts[] = {"", "# only a comment\n", "\n\n", "---\n", "~\n"};
    static const char *const all[] = {"stack-address-escape",
                                      "handle-leak",
                                      "handle-double-release",
                                      "handle-use-after-release",
                                      "thread-not-joined",
                                      "thread-stack-arg",
                                      "handle-mismatched-release",
                                      "missing-timeout",
                                      "shared-session",
                                      NULL};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *root = temp_dir(), buf[1024];
        write_file(root, ".lifeline.yaml", texts[i]);
        config_set *cs = config_set_new(NULL);
        const lifeline_config *c = cfg_ok(cs, root, "a.c");
        assert_non_null(c);
        assert_string_equal(config_path(c), at(buf, sizeof buf, root, ".lifeline.yaml"));
        expect_enabled(c, all);
        assert_int_equal(config_model_count(c), 0);
        assert_true(config_reports_file(c, "/usr/include/stdio.h", at(buf, sizeof buf, root, "a.c")));
        severity s;
        assert_false(config_severity(c, "handle-leak", &s));
        config_set_free(cs);
        remove_tree(root);
    }
}

/* ---- errors ---------------------------------------------------------------------------------------------------- */

/* The config `text` must fail with "PATH:LINE:COL: " and a message containing `what`. */
static void expect_error(const char *text, unsigned line, unsigned col, const char *what) {
    char *root = temp_dir(), err[1024], prefix[1200];
    write_file(root, "models/real.yaml", "resources: []\n");
    write_file(root, ".lifeline.yaml", text);
    config_set *cs = config_set_new(NULL);
    cfg_err(cs, root, "src/a.c", err, sizeof err);
    snprintf(prefix, sizeof prefix, "%s/.lifeline.yaml:%u:%u: ", root, line, col);
    if (strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, what))
        fprintf(stderr, "for:\n%s\nwant '%s...%s', got '%s'\n", text, prefix, what, err);
    assert_true(strncmp(err, prefix, strlen(prefix)) == 0);
    assert_non_null(strstr(err, what));
    /* the error is cached: asked again (other file, other directory below), the same line */
    char again[1024];
    cfg_err(cs, root, "other/b.c", again, sizeof again);
    assert_string_equal(again, err);
    config_set_free(cs);
    remove_tree(root);
}

static void test_errors(void **state) {
    (void)state;
    /* keys */
    expect_error("rules: '*'\nfoo: 1\n", 2, 1, "unknown key 'foo'");
    expect_error("Checks: '*'\n", 1, 1, "unknown key 'Checks'");
    expect_error("rules: '*'\nrules: '-*'\n", 2, 1, "'rules' is given twice (first at line 1)");
    expect_error("[1, 2]: x\n", 1, 1, "a setting's name must be a string");
    expect_error("- rules\n", 1, 1, "a config file must be a mapping of settings, not a list");
    expect_error("just text\n", 1, 1, "a config file must be a mapping of settings, not 'just text'");
    /* rules */
    expect_error("rules: {a: b}\n", 1, 8, "'rules' must be a string of comma-separated globs or a list of them");
    expect_error("rules:\n  - '*'\n  - [x]\n", 3, 5, "an entry of 'rules' must be a string of globs, not a list");
    expect_error("rules: \"*,-handel-*\"\n", 1, 8, "rules glob '-handel-*' matches no rule");
    expect_error("rules:\n  - '-*'\n  - 'handel-*'\n", 3, 5, "rules glob 'handel-*' matches no rule");
    expect_error("rules: handle-leak,bugprone-*\n", 1, 8, "rules glob 'bugprone-*' matches no rule");
    /* models */
    expect_error("models: [models/real.yaml, nope.yaml]\n", 1, 28, "model file 'nope.yaml' does not exist");
    expect_error("models: [models]\n", 1, 10, "model file 'models' is not a regular file");
    expect_error("models: {a: 1}\n", 1, 9, "'models' must be a list of model file paths, not a mapping");
    expect_error("models: [[a]]\n", 1, 10, "an entry of 'models' must be a file path, not a list");
    /* header-filter */
    expect_error("header-filter: '(unclosed'\n", 1, 16, "'header-filter' is not a valid POSIX extended regular");
    expect_error("header-filter: [a]\n", 1, 16, "'header-filter' must be a regular expression, not a list");
    /* severity */
    expect_error("severity:\n  handle-lek: error\n", 2, 3, "unknown rule 'handle-lek' in 'severity'");
    expect_error("severity:\n  handle-leak: fatal\n", 2, 16,
                 "the severity of 'handle-leak' must be note, warning or error, not 'fatal'");
    expect_error("severity:\n  handle-leak:\n", 2, 15, "must be note, warning or error, not nothing");
    expect_error("severity:\n  handle-leak: note\n  lifeline-handle-leak: error\n", 3, 3,
                 "rule 'handle-leak' is given twice in 'severity'");
    expect_error("severity: error\n", 1, 11, "'severity' must be a mapping of rule id to note, warning or error");
    /* inherit */
    expect_error("inherit: maybe\n", 1, 10, "'inherit' must be true or false, not 'maybe'");
    expect_error("inherit: \"true\"\n", 1, 10, "'inherit' must be true or false");
    /* YAML itself: libyaml's problem mark */
    expect_error("rules: [a, b\n", 2, 1, "not valid YAML: did not find expected ',' or ']'");
    expect_error("rules: '*\n", 2, 1, "not valid YAML: found unexpected end of stream");
    expect_error("rules: *,-missing-timeout\n", 1, 9, "quote a value that starts with '*'");
    expect_error("rules: '*'\n  bad: indent\n", 2, 3, "not valid YAML: did not find expected key");
    expect_error("rules: '*'\n---\nrules: '-*'\n", 3, 1, "a config file holds one YAML document");
}

/* ---- concurrency ---------------------------------------------------------------------------------------------- */

typedef struct worker_arg {
    config_set *cs;
    const char *root;
    const lifeline_config *seen;
    int failures;
} worker_arg;

static void *worker(void *p) {
    worker_arg *w = p;
    char path[1024], err[1024];
    for (int i = 0; i < 200; i++) {
        const lifeline_config *c = NULL;
        snprintf(path, sizeof path, "%s/d%d/e%d/f.c", w->root, i % 7, i % 5);
        if (config_for_file(w->cs, path, &c, err, sizeof err) != 0 || !c) w->failures++;
        if (w->seen && c != w->seen) w->failures++;
        w->seen = c;
    }
    return NULL;
}

static void test_shared_between_threads(void **state) {
    (void)state;
    char *root = temp_dir();
    write_file(root, ".lifeline.yaml", "rules: '-*,handle-*'\n");
    config_set *cs = config_set_new(NULL);
    pthread_t t[4];
    worker_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (worker_arg){.cs = cs, .root = root};
        assert_int_equal(pthread_create(&t[i], NULL, worker, &args[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(args[i].failures, 0);
        assert_ptr_equal(args[i].seen, args[0].seen);
    }
    config_set_free(cs);
    remove_tree(root);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glob_match),
        cmocka_unit_test(test_glob_lists),
        cmocka_unit_test(test_no_config),
        cmocka_unit_test(test_lookup_upward),
        cmocka_unit_test(test_nearest_wins),
        cmocka_unit_test(test_inherit),
        cmocka_unit_test(test_explicit_path),
        cmocka_unit_test(test_header_filter),
        cmocka_unit_test(test_severity_and_models),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_shared_between_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
