/* test_lsp.c — `lifeline lsp` without a process: message framing, URIs, UTF-16 positions, finding the compile
 * command, and scripted sessions through the server's message handler (real analyses of files in a temporary
 * directory, with time passed in so the debounce is deterministic). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "analysis.h"
#include "lsp_compdb.h"
#include "lsp_rpc.h"
#include "lsp_server.h"
#include "lsp_text.h"
#include "models.h"
#include "store.h"

/* ---- framing ---------------------------------------------------------------------------------------------------- */

static void expect_message(lsp_reader *r, const char *want) {
    const char *body;
    size_t len;
    char err[256];
    assert_int_equal(lsp_reader_next(r, &body, &len, err, sizeof err), LSP_READ_MESSAGE);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(body, want, len);
}

static void expect_need_more(lsp_reader *r) {
    const char *body;
    size_t len;
    char err[256];
    assert_int_equal(lsp_reader_next(r, &body, &len, err, sizeof err), LSP_READ_NEED_MORE);
}

static void framing_split_reads(void **state) {
    (void)state;
    static const char wire[] = "Content-Length: 16\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"
                               "{\"method\":\"x\"}\n\n";
    size_t n = strlen(wire);
    lsp_reader r;
    lsp_reader_init(&r);
    /* One byte at a time: nothing until the last byte of the body. */
    for (size_t i = 0; i + 1 < n; i++) {
        lsp_reader_feed(&r, wire + i, 1);
        expect_need_more(&r);
    }
    lsp_reader_feed(&r, wire + n - 1, 1);
    expect_message(&r, "{\"method\":\"x\"}\n\n");
    expect_need_more(&r);
    lsp_reader_free(&r);
}

static void framing_two_in_one_read(void **state) {
    (void)state;
    static const char wire[] = "Content-Length: 7\r\n\r\n{\"a\":1}content-length:7\r\n\r\n{\"b\":2}Content-Len";
    lsp_reader r;
    lsp_reader_init(&r);
    lsp_reader_feed(&r, wire, strlen(wire));
    expect_message(&r, "{\"a\":1}");
    expect_message(&r, "{\"b\":2}");
    expect_need_more(&r);
    lsp_reader_feed(&r, "gth: 2\r\n\r\n{}", 12);
    expect_message(&r, "{}");
    lsp_reader_free(&r);
}

static void framing_bad_content_length(void **state) {
    (void)state;
    const char *body;
    size_t len;
    char err[256];
    lsp_reader r;
    lsp_reader_init(&r);
    /* Missing, not a number, negative: the header is dropped with an error and the next message still reads. */
    static const char *const bad[] = {"Content-Type: x\r\n\r\n", "Content-Length: abc\r\n\r\n",
                                      "Content-Length: -5\r\n\r\n", "Content-Length: 12x\r\n\r\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lsp_reader_feed(&r, bad[i], strlen(bad[i]));
        err[0] = '\0';
        assert_int_equal(lsp_reader_next(&r, &body, &len, err, sizeof err), LSP_READ_BAD_HEADER);
        assert_non_null(strstr(err, "Content-Length"));
    }
    lsp_reader_feed(&r, "Content-Length: 2\r\n\r\n[]", 23);
    expect_message(&r, "[]");
    /* Too large: reported, and the body is skipped as it arrives. */
    char big[64];
    snprintf(big, sizeof big, "Content-Length: %d\r\n\r\nabc", (int)LSP_RPC_MAX_BODY + 3);
    lsp_reader_feed(&r, big, strlen(big));
    assert_int_equal(lsp_reader_next(&r, &body, &len, err, sizeof err), LSP_READ_BAD_HEADER);
    assert_non_null(strstr(err, "larger than"));
    assert_int_equal(r.skip, (size_t)LSP_RPC_MAX_BODY);
    r.skip = 3; /* pretend the rest has arrived but three bytes */
    lsp_reader_feed(&r, "xyzContent-Length: 1\r\n\r\n1", 26);
    expect_message(&r, "1");
    /* Header junk that never ends is dropped rather than buffered forever. */
    char *junk = malloc(70000);
    memset(junk, 'x', 70000);
    lsp_reader_feed(&r, junk, 70000);
    free(junk);
    assert_int_equal(lsp_reader_next(&r, &body, &len, err, sizeof err), LSP_READ_BAD_HEADER);
    expect_need_more(&r);
    lsp_reader_free(&r);
}

static void framing_write(void **state) {
    (void)state;
    json_t *m = json_pack("{s:s, s:s}", "jsonrpc", "2.0", "method", "caf\xc3\xa9");
    size_t len;
    char *framed = lsp_frame(m, &len);
    /* The length counts bytes, not characters. */
    assert_string_equal(framed, "Content-Length: 34\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"caf\xc3\xa9\"}");
    assert_int_equal(len, strlen(framed));
    lsp_reader r;
    lsp_reader_init(&r);
    lsp_reader_feed(&r, framed, len);
    expect_message(&r, "{\"jsonrpc\":\"2.0\",\"method\":\"caf\xc3\xa9\"}");
    lsp_reader_free(&r);
    free(framed);
    json_decref(m);
}

/* ---- URIs, lines, positions ------------------------------------------------------------------------------------- */

static void uri_conversion(void **state) {
    (void)state;
    char *p = lsp_uri_to_path("file:///home/me/my%20project/caf%C3%A9.c");
    assert_string_equal(p, "/home/me/my project/caf\xc3\xa9.c");
    char *u = lsp_path_to_uri(p);
    assert_string_equal(u, "file:///home/me/my%20project/caf%C3%A9.c");
    free(p);
    free(u);
    p = lsp_uri_to_path("file://localhost/a%3ab/c.c"); /* lower-case hex, localhost authority */
    assert_string_equal(p, "/a:b/c.c");
    free(p);
    p = lsp_uri_to_path("file:///a/b.c?query#frag");
    assert_string_equal(p, "/a/b.c");
    free(p);
    p = lsp_uri_to_path("file:///already decoded/\xc3\xa9.c"); /* some clients send raw bytes */
    assert_string_equal(p, "/already decoded/\xc3\xa9.c");
    free(p);
    assert_null(lsp_uri_to_path("untitled:Untitled-1"));
    assert_null(lsp_uri_to_path("file://server/share/a.c"));
    assert_null(lsp_uri_to_path("file:///a%zzb.c"));
    assert_null(lsp_uri_to_path("file:///a%2"));
    assert_null(lsp_uri_to_path("file:///a%00b"));
    assert_null(lsp_uri_to_path(NULL));
    u = lsp_path_to_uri("/x/a+b#c%d[1].c");
    assert_string_equal(u, "file:///x/a%2Bb%23c%25d%5B1%5D.c");
    p = lsp_uri_to_path(u);
    assert_string_equal(p, "/x/a+b#c%d[1].c");
    free(p);
    free(u);
    assert_null(lsp_path_to_uri("relative/a.c"));
}

static void line_table(void **state) {
    (void)state;
    static const char text[] = "a\r\nbb\rccc\n\ndd";
    lsp_lines ln;
    lsp_lines_init(&ln, text, strlen(text));
    assert_int_equal(ln.count, 5);
    size_t len;
    const char *l = lsp_line_at(&ln, 0, &len);
    assert_int_equal(len, 1);
    assert_memory_equal(l, "a", 1);
    l = lsp_line_at(&ln, 1, &len);
    assert_int_equal(len, 2);
    assert_memory_equal(l, "bb", 2);
    l = lsp_line_at(&ln, 2, &len);
    assert_memory_equal(l, "ccc", 3);
    lsp_line_at(&ln, 3, &len);
    assert_int_equal(len, 0);
    l = lsp_line_at(&ln, 4, &len);
    assert_int_equal(len, 2);
    assert_memory_equal(l, "dd", 2);
    lsp_line_at(&ln, 9, &len);
    assert_int_equal(len, 0);
    assert_int_equal(lsp_offset_of(&ln, 2, 1, LSP_ENC_UTF16), 7);
    assert_int_equal(lsp_offset_of(&ln, 2, 99, LSP_ENC_UTF16), 9); /* clamped to the line's end */
    assert_int_equal(lsp_offset_of(&ln, 99, 0, LSP_ENC_UTF16), strlen(text));
    lsp_lines_free(&ln);
    lsp_lines_init(&ln, NULL, 0);
    assert_int_equal(ln.count, 1);
    lsp_lines_free(&ln);
}

static void utf16_columns(void **state) {
    (void)state;
    /* "é" is 2 bytes and 1 UTF-16 unit; "😀" (U+1F600) is 4 bytes and 2 units (a surrogate pair). */
    static const char line[] = "a\xc3\xa9\xf0\x9f\x98\x80x = f();";
    size_t n = strlen(line);
    /* libclang's 1-based byte column of 'x' is 8. */
    assert_int_equal(lsp_char_from_byte_col(line, n, 8, LSP_ENC_UTF16), 4);
    assert_int_equal(lsp_char_from_byte_col(line, n, 8, LSP_ENC_UTF8), 7);
    assert_int_equal(lsp_char_from_byte_col(line, n, 1, LSP_ENC_UTF16), 0);
    assert_int_equal(lsp_char_from_byte_col(line, n, 0, LSP_ENC_UTF16), 0);
    assert_int_equal(lsp_char_from_byte_col(line, n, 2, LSP_ENC_UTF16), 1);
    assert_int_equal(lsp_char_from_byte_col(line, n, 4, LSP_ENC_UTF16), 2);
    assert_int_equal(lsp_char_from_byte_col(line, n, 1000, LSP_ENC_UTF16), 4 + (n - 7)); /* clamped */
    /* And back. */
    assert_int_equal(lsp_byte_from_char(line, n, 4, LSP_ENC_UTF16), 7);
    assert_int_equal(lsp_byte_from_char(line, n, 2, LSP_ENC_UTF16), 3);
    assert_int_equal(lsp_byte_from_char(line, n, 3, LSP_ENC_UTF16), 7); /* inside the pair: after it */
    assert_int_equal(lsp_byte_from_char(line, n, 7, LSP_ENC_UTF8), 7);
    assert_int_equal(lsp_byte_from_char(line, n, 999, LSP_ENC_UTF16), n);
    /* Malformed UTF-8 (a Latin-1 'é', a truncated sequence): one unit per byte, never a crash. */
    static const char bad[] = "\xe9x\xe2\x82";
    assert_int_equal(lsp_char_from_byte_col(bad, 4, 5, LSP_ENC_UTF16), 4);
    assert_int_equal(lsp_char_from_byte_col(bad, 4, 2, LSP_ENC_UTF16), 1);
}

static void json_strings(void **state) {
    (void)state;
    json_t *j = lsp_json_str("ok \xc3\xa9");
    assert_string_equal(json_string_value(j), "ok \xc3\xa9");
    json_decref(j);
    j = lsp_json_str("bad \xe9 end");
    assert_string_equal(json_string_value(j), "bad \xef\xbf\xbd end");
    json_decref(j);
    j = lsp_json_str(NULL);
    assert_string_equal(json_string_value(j), "");
    json_decref(j);
}

/* ---- temporary files -------------------------------------------------------------------------------------------- */

static char *tmp_dir(void) {
    const char *base = getenv("TMPDIR");
    char *d = malloc(4096);
    snprintf(d, 4096, "%s/lifeline-lsp-XXXXXX", base && base[0] ? base : "/tmp");
    assert_non_null(mkdtemp(d));
    return d;
}

static char *write_file(const char *dir, const char *name, const char *text) {
    char *path = malloc(4096);
    snprintf(path, 4096, "%s/%s", dir, name);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    mkdir(path, 0700); /* one level of subdirectory is enough here */
    *slash = '/';
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void remove_tree(const char *dir) {
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- compile commands ------------------------------------------------------------------------------------------- */

static void compdb_lookup(void **state) {
    (void)state;
    char *dir = tmp_dir();
    char *src = write_file(dir, "src/a.c", "int a;\n");
    char text[8192];
    /* A database in build/ of an ancestor, as CMake leaves it. */
    snprintf(text, sizeof text,
             "[{\"directory\": \"%s/build\", \"file\": \"../src/a.c\", \"command\": \"cc -DFROM_DB -Iinc -c "
             "../src/a.c -o a.o\"}]",
             dir);
    char *db = write_file(dir, "build/compile_commands.json", text);
    char *found = lsp_compdb_locate(src);
    assert_string_equal(found, db);
    free(found);

    lsp_compdb_cache *c = lsp_compdb_cache_new();
    compile_jobs jobs;
    char note[1024];
    assert_int_equal(lsp_compdb_command(c, src, &jobs, note, sizeof note), LSP_CMD_DATABASE);
    assert_int_equal(jobs.count, 1);
    assert_string_equal(jobs.items[0].file, src);
    assert_string_equal(note, "");
    bool has_define = false;
    for (size_t i = 0; i < jobs.items[0].nargs; i++)
        has_define |= strcmp(jobs.items[0].args[i], "-DFROM_DB") == 0;
    assert_true(has_define);
    compile_jobs_free(&jobs);

    /* A file the database does not list borrows its neighbour's flags. */
    char *other = write_file(dir, "src/new.c", "int b;\n");
    assert_int_equal(lsp_compdb_command(c, other, &jobs, note, sizeof note), LSP_CMD_INFERRED);
    assert_string_equal(jobs.items[0].file, other);
    assert_non_null(strstr(note, "does not list"));
    assert_string_equal(jobs.items[0].args[0], "-DFROM_DB");
    compile_jobs_free(&jobs);

    /* A broken database (a different size, so the cache reloads it): the default flags, and a note saying why. */
    free(write_file(dir, "build/compile_commands.json", "[{\"directory\": "));
    assert_int_equal(lsp_compdb_command(c, src, &jobs, note, sizeof note), LSP_CMD_BROKEN);
    assert_non_null(strstr(note, "not valid JSON"));
    assert_string_equal(jobs.items[0].args[0], "-std=gnu17");
    compile_jobs_free(&jobs);
    lsp_compdb_cache_free(c);

    /* No database at all (a fresh directory under /tmp has none above it, unless the machine has one in /). */
    char *lonely_dir = tmp_dir();
    char *lonely = write_file(lonely_dir, "x.c", "int x;\n");
    char *none = lsp_compdb_locate(lonely);
    if (!none) {
        c = lsp_compdb_cache_new();
        assert_int_equal(lsp_compdb_command(c, lonely, &jobs, note, sizeof note), LSP_CMD_DEFAULT);
        assert_int_equal(jobs.items[0].nargs, 2);
        assert_string_equal(jobs.items[0].args[0], "-std=gnu17");
        char want[4200];
        snprintf(want, sizeof want, "-I%s", lonely_dir);
        assert_string_equal(jobs.items[0].args[1], want);
        assert_string_equal(jobs.items[0].directory, lonely_dir);
        assert_non_null(strstr(note, "no compile_commands.json"));
        compile_jobs_free(&jobs);
        lsp_compdb_cache_free(c);
    }
    free(none);
    assert_null(lsp_compdb_locate("relative.c"));

    remove_tree(dir);
    remove_tree(lonely_dir);
    free(lonely);
    free(lonely_dir);
    free(other);
    free(db);
    free(src);
    free(dir);
}

/* ---- scripted sessions ------------------------------------------------------------------------------------------ */

typedef struct session {
    models api;
    lsp_server *server;
    json_t *sent; /* every message the server sent, in order */
    size_t seen;  /* how many of them the test has looked at */
    char *dir;
} session;

static void capture(void *ctx, const json_t *msg) {
    session *s = ctx;
    json_array_append_new(s->sent, json_deep_copy(msg));
}

static int session_setup(void **state) {
    session *s = calloc(1, sizeof *s);
    models_init(&s->api);
    char err[512];
    if (models_load_builtin(&s->api, err, sizeof err) != 0) return -1;
    s->sent = json_array();
    lsp_server_options opt = {.api = &s->api, .debounce_ms = 300, .send = capture, .send_ctx = s};
    s->server = lsp_server_new(&opt);
    s->dir = tmp_dir();
    *state = s;
    return 0;
}

static int session_teardown(void **state) {
    session *s = *state;
    lsp_server_free(s->server);
    json_decref(s->sent);
    models_free(&s->api);
    remove_tree(s->dir);
    free(s->dir);
    free(s);
    return 0;
}

/* Sends a message given as JSON text. */
static void feed(session *s, int64_t now, const char *json) {
    lsp_server_handle(s->server, json, strlen(json), now);
}

/* Sends a message built with json_pack. */
static void feed_json(session *s, int64_t now, json_t *msg) {
    assert_non_null(msg);
    char *text = json_dumps(msg, JSON_COMPACT);
    feed(s, now, text);
    free(text);
    json_decref(msg);
}

/* The next message the server sent that the test has not looked at; fails when there is none. */
static json_t *next_sent(session *s) {
    if (s->seen >= json_array_size(s->sent)) fail_msg("the server sent nothing more (%zu messages)", s->seen);
    return json_array_get(s->sent, s->seen++);
}

static void expect_nothing_sent(session *s) {
    if (s->seen < json_array_size(s->sent)) {
        char *text = json_dumps(json_array_get(s->sent, s->seen), 0);
        fail_msg("unexpected message: %s", text);
    }
}

/* The next publishDiagnostics (skipping log messages). */
static json_t *next_publish(session *s) {
    for (;;) {
        json_t *m = next_sent(s);
        const char *method = json_string_value(json_object_get(m, "method"));
        if (method && strcmp(method, "window/logMessage") == 0) continue;
        assert_non_null(method);
        assert_string_equal(method, "textDocument/publishDiagnostics");
        return json_object_get(m, "params");
    }
}

static int64_t error_code(json_t *m) {
    return json_integer_value(json_object_get(json_object_get(m, "error"), "code"));
}

static void initialize(session *s) {
    feed(s, 0,
         "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
         "\"rootUri\":null,\"capabilities\":{}}}");
    json_t *r = next_sent(s);
    assert_int_equal(json_integer_value(json_object_get(r, "id")), 1);
    json_t *caps = json_object_get(json_object_get(r, "result"), "capabilities");
    json_t *sync = json_object_get(caps, "textDocumentSync");
    assert_int_equal(json_integer_value(json_object_get(sync, "change")), 1);
    assert_true(json_is_true(json_object_get(sync, "openClose")));
    assert_non_null(json_object_get(sync, "save"));
    json_t *kinds = json_object_get(json_object_get(caps, "codeActionProvider"), "codeActionKinds");
    assert_string_equal(json_string_value(json_array_get(kinds, 0)), "quickfix");
    assert_string_equal(json_string_value(json_object_get(caps, "positionEncoding")), "utf-16");
    json_t *info = json_object_get(json_object_get(r, "result"), "serverInfo");
    assert_string_equal(json_string_value(json_object_get(info, "name")), "lifeline");
    assert_string_equal(json_string_value(json_object_get(info, "version")), LIFELINE_VERSION);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    expect_nothing_sent(s);
}

static void did_open(session *s, int64_t now, const char *uri, const char *text, int version) {
    feed_json(s, now,
              json_pack("{s:s, s:s, s:{s:{s:s, s:s, s:i, s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didOpen",
                        "params", "textDocument", "uri", uri, "languageId", "c", "version", version, "text", text));
}

static void did_change(session *s, int64_t now, const char *uri, const char *text, int version) {
    feed_json(s, now,
              json_pack("{s:s, s:s, s:{s:{s:s, s:i}, s:[{s:s}]}}", "jsonrpc", "2.0", "method", "textDocument/didChange",
                        "params", "textDocument", "uri", uri, "version", version, "contentChanges", "text", text));
}

/* The finding line of the sample has a comment with non-ASCII text before the call, so UTF-16 and byte columns
 * differ: "é" (2 bytes, 1 unit) and "😀" (4 bytes, 2 units). */
static const char leaky[] = "#include <stdio.h>\n"
                            "\n"
                            "int first_byte(const char *path) {\n"
                            "    FILE *fp = /* \xc3\xa9\xf0\x9f\x98\x80 */ fopen(path, \"r\");\n"
                            "    if (!fp)\n"
                            "        return -1;\n"
                            "    return fgetc(fp);\n"
                            "}\n";

static const char fixed[] = "#include <stdio.h>\n"
                            "\n"
                            "int first_byte(const char *path) {\n"
                            "    FILE *fp = /* \xc3\xa9\xf0\x9f\x98\x80 */ fopen(path, \"r\");\n"
                            "    if (!fp)\n"
                            "        return -1;\n"
                            "    int c = fgetc(fp);\n"
                            "    fclose(fp);\n"
                            "    return c;\n"
                            "}\n";

static void session_lifecycle_errors(void **state) {
    session *s = *state;
    /* Before initialize: requests are refused, notifications dropped. */
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"textDocument/codeAction\",\"params\":{}}");
    json_t *m = next_sent(s);
    assert_int_equal(error_code(m), LSP_SERVER_NOT_INITIALIZED);
    assert_string_equal(json_string_value(json_object_get(m, "id")), "a");
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{}}");
    expect_nothing_sent(s);
    initialize(s);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{}}");
    assert_int_equal(error_code(next_sent(s)), LSP_INVALID_REQUEST);
    /* Malformed JSON, valid JSON that is no request, unknown methods. */
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":");
    m = next_sent(s);
    assert_int_equal(error_code(m), LSP_PARSE_ERROR);
    assert_true(json_is_null(json_object_get(m, "id")));
    feed(s, 0, "");
    assert_int_equal(error_code(next_sent(s)), LSP_PARSE_ERROR);
    lsp_server_bad_frame(s->server, "header without a valid Content-Length");
    assert_int_equal(error_code(next_sent(s)), LSP_PARSE_ERROR);
    feed(s, 0, "[1,2]");
    assert_int_equal(error_code(next_sent(s)), LSP_INVALID_REQUEST);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":42}");
    m = next_sent(s);
    assert_int_equal(error_code(m), LSP_INVALID_REQUEST);
    assert_int_equal(json_integer_value(json_object_get(m, "id")), 4);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/hover\",\"params\":{}}");
    m = next_sent(s);
    assert_int_equal(error_code(m), LSP_METHOD_NOT_FOUND);
    assert_int_equal(json_integer_value(json_object_get(m, "id")), 5);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeConfiguration\",\"params\":{}}");
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":5}}");
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":null}"); /* a response to nothing */
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{}}");
    /* didChange of a document that is not open: logged, not answered */
    m = next_sent(s);
    assert_string_equal(json_string_value(json_object_get(m, "method")), "window/logMessage");
    expect_nothing_sent(s);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/codeAction\",\"params\":{}}");
    assert_int_equal(error_code(next_sent(s)), LSP_INVALID_PARAMS);
    /* shutdown, then everything but exit is refused; exit after shutdown is success. */
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"shutdown\"}");
    m = next_sent(s);
    assert_true(json_is_null(json_object_get(m, "result")));
    assert_int_equal(json_integer_value(json_object_get(m, "id")), 7);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"textDocument/codeAction\",\"params\":{}}");
    assert_int_equal(error_code(next_sent(s)), LSP_INVALID_REQUEST);
    int code = -1;
    assert_false(lsp_server_exited(s->server, &code));
    assert_int_equal(lsp_server_eof_exit_code(s->server), 0);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    assert_true(lsp_server_exited(s->server, &code));
    assert_int_equal(code, 0);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"shutdown\"}");
    expect_nothing_sent(s);
}

static void session_exit_without_shutdown(void **state) {
    session *s = *state;
    initialize(s);
    assert_int_equal(lsp_server_eof_exit_code(s->server), 1);
    feed(s, 0, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    int code = -1;
    assert_true(lsp_server_exited(s->server, &code));
    assert_int_equal(code, 1);
}

/* Finds the diagnostic with code `rule`, or NULL. */
static json_t *diag_with_code(json_t *publish, const char *rule) {
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(publish, "diagnostics"), i, d) {
        const char *code = json_string_value(json_object_get(d, "code"));
        if (code && strcmp(code, rule) == 0) return d;
    }
    return NULL;
}

/* The diagnostic of that code whose message contains `text`. */
static json_t *diag_with_text(json_t *publish, const char *rule, const char *text) {
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(publish, "diagnostics"), i, d) {
        const char *code = json_string_value(json_object_get(d, "code"));
        const char *msg = json_string_value(json_object_get(d, "message"));
        if (code && strcmp(code, rule) == 0 && msg && strstr(msg, text)) return d;
    }
    return NULL;
}

static json_int_t pos(json_t *diag, const char *which, const char *field) {
    return json_integer_value(json_object_get(json_object_get(json_object_get(diag, "range"), which), field));
}

static void session_publish_and_debounce(void **state) {
    session *s = *state;
    char *path = write_file(s->dir, "my file \xc3\xa9.c", leaky);
    char *uri = lsp_path_to_uri(path);
    assert_non_null(strstr(uri, "my%20file%20%C3%A9.c"));
    initialize(s);

    /* Opened: analysed at once (on the next turn of the loop), with default flags and a log saying so. */
    did_open(s, 1000, uri, leaky, 1);
    assert_int_equal(lsp_server_next_deadline(s->server), 1000);
    assert_false(lsp_server_run_due(s->server, 999));
    assert_true(lsp_server_run_due(s->server, 1000));
    assert_int_equal(lsp_server_next_deadline(s->server), -1);
    json_t *m = next_sent(s);
    char *db = lsp_compdb_locate(path);
    if (!db) {
        assert_string_equal(json_string_value(json_object_get(m, "method")), "window/logMessage");
        assert_non_null(strstr(json_string_value(json_object_get(json_object_get(m, "params"), "message")),
                               "no compile_commands.json"));
    } else {
        s->seen--;
    }
    free(db);
    json_t *p = next_publish(s);
    assert_string_equal(json_string_value(json_object_get(p, "uri")), uri);
    assert_int_equal(json_integer_value(json_object_get(p, "version")), 1);
    json_t *d = diag_with_code(p, "handle-leak");
    if (!d) fail_msg("no handle-leak in %s", json_dumps(p, 0));
    assert_int_equal(json_array_size(json_object_get(p, "diagnostics")), 1);
    assert_string_equal(json_string_value(json_object_get(d, "source")), "lifeline");
    assert_int_equal(json_integer_value(json_object_get(d, "severity")), 2);
    const char *href = json_string_value(json_object_get(json_object_get(d, "codeDescription"), "href"));
    assert_non_null(href);
    assert_non_null(strstr(href, "checkers/rules/handle-leak.md"));
    assert_non_null(strstr(json_string_value(json_object_get(d, "message")), "fp"));
    /* Line 4 (0-based 3); the call follows a comment holding 6 bytes of non-ASCII text that are 3 UTF-16 units. */
    const char *line = strstr(leaky, "    FILE");
    size_t fopen_byte = (size_t)(strstr(line, "fopen") - line);
    assert_int_equal(pos(d, "start", "line"), 3);
    assert_int_equal(pos(d, "start", "character"), (json_int_t)fopen_byte - 3);
    assert_int_equal(pos(d, "end", "line"), 3);
    assert_int_equal(pos(d, "end", "character"), (json_int_t)(strstr(line, ";") - line) - 3);
    json_t *related = json_object_get(d, "relatedInformation");
    assert_true(json_array_size(related) >= 2);
    json_t *r0 = json_array_get(related, 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(r0, "location"), "uri")), uri);
    assert_non_null(json_string_value(json_object_get(r0, "message")));

    /* A quick fix for it: NOLINTNEXTLINE above, with the line's indentation. */
    json_t *req = json_pack("{s:s, s:i, s:s, s:{s:{s:s}, s:O, s:{s:[O]}}}", "jsonrpc", "2.0", "id", 20, "method",
                            "textDocument/codeAction", "params", "textDocument", "uri", uri, "range",
                            json_object_get(d, "range"), "context", "diagnostics", d);
    feed_json(s, 1001, req);
    m = next_sent(s);
    assert_int_equal(json_integer_value(json_object_get(m, "id")), 20);
    json_t *actions = json_object_get(m, "result");
    assert_int_equal(json_array_size(actions), 1);
    json_t *a = json_array_get(actions, 0);
    assert_string_equal(json_string_value(json_object_get(a, "kind")), "quickfix");
    json_t *edits = json_object_get(json_object_get(json_object_get(a, "edit"), "changes"), uri);
    assert_int_equal(json_array_size(edits), 1);
    json_t *e = json_array_get(edits, 0);
    assert_string_equal(json_string_value(json_object_get(e, "newText")),
                        "    // NOLINTNEXTLINE(lifeline-handle-leak)\n");
    assert_int_equal(pos(e, "start", "line"), 3);
    assert_int_equal(pos(e, "start", "character"), 0);
    assert_int_equal(pos(e, "end", "line"), 3);
    assert_int_equal(pos(e, "end", "character"), 0);
    /* Only quick fixes were asked for something else: nothing. */
    req = json_pack("{s:s, s:i, s:s, s:{s:{s:s}, s:O, s:{s:[O], s:[s]}}}", "jsonrpc", "2.0", "id", 21, "method",
                    "textDocument/codeAction", "params", "textDocument", "uri", uri, "range",
                    json_object_get(d, "range"), "context", "diagnostics", d, "only", "refactor");
    feed_json(s, 1001, req);
    assert_int_equal(json_array_size(json_object_get(next_sent(s), "result")), 0);

    /* Edits: nothing is analysed until 300 ms pass without another change to the document. */
    did_change(s, 2000, uri, "int broken(", 2);
    assert_int_equal(lsp_server_next_deadline(s->server), 2300);
    did_change(s, 2200, uri, fixed, 3);
    assert_int_equal(lsp_server_next_deadline(s->server), 2500);
    assert_false(lsp_server_run_due(s->server, 2300));
    expect_nothing_sent(s);
    assert_true(lsp_server_run_due(s->server, 2500));
    p = next_publish(s);
    assert_int_equal(json_integer_value(json_object_get(p, "version")), 3);
    assert_int_equal(json_array_size(json_object_get(p, "diagnostics")), 0);

    /* An incremental change (the server asked for full text, but it copes): drop the fclose line again. */
    feed_json(s, 3000,
              json_pack("{s:s, s:s, s:{s:{s:s, s:i}, s:[{s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:s}]}}", "jsonrpc", "2.0",
                        "method", "textDocument/didChange", "params", "textDocument", "uri", uri, "version", 4,
                        "contentChanges", "range", "start", "line", 7, "character", 0, "end", "line", 8, "character", 0,
                        "text", ""));
    assert_true(lsp_server_run_due(s->server, 3300));
    p = next_publish(s);
    assert_int_equal(json_integer_value(json_object_get(p, "version")), 4);
    assert_non_null(diag_with_code(p, "handle-leak"));

    /* Saved: analysed again at once. Closed: empty diagnostics. */
    feed_json(s, 4000,
              json_pack("{s:s, s:s, s:{s:{s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didSave", "params",
                        "textDocument", "uri", uri));
    assert_int_equal(lsp_server_next_deadline(s->server), 4000);
    feed_json(s, 4000,
              json_pack("{s:s, s:s, s:{s:{s:s}}}", "jsonrpc", "2.0", "method", "textDocument/didClose", "params",
                        "textDocument", "uri", uri));
    assert_int_equal(lsp_server_next_deadline(s->server), -1);
    p = next_publish(s);
    assert_string_equal(json_string_value(json_object_get(p, "uri")), uri);
    assert_int_equal(json_array_size(json_object_get(p, "diagnostics")), 0);
    expect_nothing_sent(s);
    free(uri);
    free(path);
}

static void session_compile_commands_and_headers(void **state) {
    session *s = *state;
    /* The leak exists only with -DLEAKY, which only the database gives; a header file is never analysed. */
    char *path = write_file(s->dir, "src/cond.c",
                            "#include <stdio.h>\n"
                            "void f(const char *p) {\n"
                            "    FILE *fp = fopen(p, \"r\");\n"
                            "    if (!fp) return;\n"
                            "#ifndef LEAKY\n"
                            "    fclose(fp);\n"
                            "#endif\n"
                            "}\n");
    char text[8192];
    snprintf(text, sizeof text,
             "[{\"directory\": \"%s/src\", \"file\": \"cond.c\", \"arguments\": [\"cc\", \"-DLEAKY\", \"-c\", "
             "\"cond.c\"]}]",
             s->dir);
    free(write_file(s->dir, "compile_commands.json", text));
    char *uri = lsp_path_to_uri(path);
    initialize(s);
    did_open(s, 0, uri,
             "#include <stdio.h>\nvoid f(const char *p) {\n    FILE *fp = fopen(p, \"r\");\n"
             "    if (!fp) return;\n#ifndef LEAKY\n    fclose(fp);\n#endif\n}\n",
             7);
    assert_true(lsp_server_run_due(s->server, 0));
    json_t *m = next_sent(s);
    /* The database's own entry: no log message. */
    assert_string_equal(json_string_value(json_object_get(m, "method")), "textDocument/publishDiagnostics");
    json_t *d = diag_with_code(json_object_get(m, "params"), "handle-leak");
    assert_non_null(d);
    assert_int_equal(pos(d, "start", "line"), 2);

    /* A header, and a URI that is not a file: nothing to analyse, nothing published. */
    did_open(s, 0, "file:///nonexistent/x.h", "int x(void);\n", 1);
    did_open(s, 0, "untitled:Untitled-1", "int main(void) { return 0; }\n", 1);
    assert_int_equal(lsp_server_next_deadline(s->server), -1);
    assert_false(lsp_server_run_due(s->server, 100000));
    expect_nothing_sent(s);

    /* A code action where a NOLINTNEXTLINE comment is already above: the rule joins its list. */
    did_change(s, 10, uri,
               "#include <stdio.h>\nvoid f(const char *p) {\n"
               "\t// NOLINTNEXTLINE(lifeline-missing-timeout)\n"
               "\tFILE *fp = fopen(p, \"r\");\n    if (!fp) return;\n}\n",
               8);
    json_t *diag =
        json_pack("{s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:s, s:s, s:s}", "range", "start", "line", 3, "character", 11,
                  "end", "line", 3, "character", 20, "source", "lifeline", "code", "handle-leak", "message", "m");
    json_t *foreign =
        json_pack("{s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:s, s:s, s:s}", "range", "start", "line", 3, "character", 11,
                  "end", "line", 3, "character", 20, "source", "clang", "code", "unused", "message", "m");
    feed_json(s, 11,
              json_pack("{s:s, s:i, s:s, s:{s:{s:s}, s:O, s:{s:[O, o, O]}}}", "jsonrpc", "2.0", "id", 30, "method",
                        "textDocument/codeAction", "params", "textDocument", "uri", uri, "range",
                        json_object_get(diag, "range"), "context", "diagnostics", diag, foreign, diag));
    json_decref(diag);
    m = next_sent(s);
    json_t *actions = json_object_get(m, "result");
    assert_int_equal(json_array_size(actions), 1); /* clang's diagnostic gets none, the duplicate one */
    json_t *e = json_array_get(
        json_object_get(json_object_get(json_object_get(json_array_get(actions, 0), "edit"), "changes"), uri), 0);
    assert_string_equal(json_string_value(json_object_get(e, "newText")), ", lifeline-handle-leak");
    assert_int_equal(pos(e, "start", "line"), 2);
    assert_int_equal(pos(e, "start", "character"), (json_int_t)strlen("\t// NOLINTNEXTLINE(lifeline-missing-timeout"));
    free(uri);
    free(path);
}

static json_t *open_and_publish(session *s, const char *uri, const char *text, int version) {
    did_open(s, 0, uri, text, version);
    assert_true(lsp_server_run_due(s->server, 0));
    return next_publish(s);
}

static void session_config_and_nolint(void **state) {
    session *s = *state;
    char *path = write_file(s->dir, "src/leak.c", leaky);
    char *uri = lsp_path_to_uri(path);
    initialize(s);

    /* The project's .lifeline.yaml overrides the severity... */
    free(write_file(s->dir, ".lifeline.yaml", "severity:\n  handle-leak: error\n"));
    json_t *p = open_and_publish(s, uri, leaky, 1);
    json_t *d = diag_with_code(p, "handle-leak");
    assert_non_null(d);
    assert_int_equal(json_integer_value(json_object_get(d, "severity")), 1);

    /* ...is read again for every analysis, and can disable the rule... */
    free(write_file(s->dir, ".lifeline.yaml", "rules: \"*,-handle-leak\"\n"));
    p = open_and_publish(s, uri, leaky, 2);
    assert_int_equal(json_array_size(json_object_get(p, "diagnostics")), 0);

    /* ...and when it is broken, the document says so and the findings still come. */
    free(write_file(s->dir, ".lifeline.yaml", "rules: [\n"));
    p = open_and_publish(s, uri, leaky, 3);
    assert_non_null(diag_with_code(p, "handle-leak"));
    d = diag_with_code(p, "lifeline-config");
    assert_non_null(d);
    assert_int_equal(json_integer_value(json_object_get(d, "severity")), 1);
    assert_non_null(strstr(json_string_value(json_object_get(d, "message")), ".lifeline.yaml"));
    /* (logged once as well) */
    bool logged = false;
    for (size_t i = 0; i < json_array_size(s->sent); i++) {
        json_t *m = json_array_get(s->sent, i);
        const char *method = json_string_value(json_object_get(m, "method"));
        if (method && strcmp(method, "window/logMessage") == 0 &&
            json_integer_value(json_object_get(json_object_get(m, "params"), "type")) == LSP_LOG_ERROR)
            logged = true;
    }
    assert_true(logged);
    free(write_file(s->dir, ".lifeline.yaml", "# nothing\n"));

    /* NOLINTNEXTLINE in the editor's unsaved text suppresses the finding: suppressed findings are not published. */
    static const char suppressed[] = "#include <stdio.h>\n"
                                     "\n"
                                     "int first_byte(const char *path) {\n"
                                     "    // NOLINTNEXTLINE(lifeline-handle-leak)\n"
                                     "    FILE *fp = fopen(path, \"r\");\n"
                                     "    if (!fp)\n"
                                     "        return -1;\n"
                                     "    return fgetc(fp);\n"
                                     "}\n";
    did_change(s, 100, uri, suppressed, 4);
    assert_true(lsp_server_run_due(s->server, 400));
    p = next_publish(s);
    assert_int_equal(json_integer_value(json_object_get(p, "version")), 4);
    assert_int_equal(json_array_size(json_object_get(p, "diagnostics")), 0);

    /* Text clang cannot parse: one Information diagnostic says the analysis saw what clang recovered. */
    did_change(s, 1000, uri, "#include <stdio.h>\nint f(void) {\n    int x = ;\n    return 0;\n}\n", 5);
    assert_true(lsp_server_run_due(s->server, 1300));
    p = next_publish(s);
    json_t *pe = diag_with_text(p, "lifeline-parse-error", "clang could not parse all of this file (1 error");
    assert_non_null(pe);
    assert_int_equal(json_integer_value(json_object_get(pe, "severity")), 3);
    assert_int_equal(pos(pe, "start", "line"), 2);
    /* and the function holding the error is said to be left out, on its own line */
    json_t *fe = diag_with_text(p, "lifeline-parse-error", "function 'f' was not analysed");
    assert_non_null(fe);
    assert_int_equal(pos(fe, "start", "line"), 1);
    free(uri);
    free(path);
}

/* Functions defined in other files: their summaries come from the project's database, as in `lifeline check`. */
static void session_project_database(void **state) {
    session *s = *state;
    free(write_file(s->dir, "a.c", "#include <stdio.h>\nFILE *open_log(const char *p) { return fopen(p, \"w\"); }\n"));
    static const char b_text[] = "#include <stdio.h>\n"
                                 "FILE *open_log(const char *p);\n"
                                 "void note(const char *p) {\n"
                                 "    FILE *f = open_log(p);\n"
                                 "    if (f) fputs(\"x\", f);\n"
                                 "}\n";
    char *b = write_file(s->dir, "b.c", b_text);
    char text[8192];
    snprintf(text, sizeof text,
             "[{\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-c\", \"a.c\"]},"
             " {\"directory\": \"%s\", \"file\": \"b.c\", \"arguments\": [\"cc\", \"-c\", \"b.c\"]}]",
             s->dir, s->dir);
    free(write_file(s->dir, "compile_commands.json", text));
    char *uri = lsp_path_to_uri(b);

    /* Without a database, open_log is an unknown function: nothing to report. */
    initialize(s);
    json_t *p = open_and_publish(s, uri, b_text, 1);
    assert_int_equal(json_array_size(json_object_get(p, "diagnostics")), 0);

    /* `lifeline check -p DIR` stores every TU's summaries in DIR/.lifeline/lifeline.db. */
    char err[1024], dbpath[4200];
    snprintf(dbpath, sizeof dbpath, "%s/.lifeline/lifeline.db", s->dir);
    store *db = store_open(dbpath, err, sizeof err);
    assert_non_null(db);
    int64_t run = store_begin_run(db, LIFELINE_VERSION, "lifeline check", s->dir, err, sizeof err);
    assert_true(run > 0);
    compile_jobs jobs;
    assert_int_equal(compdb_load(s->dir, &jobs, err, sizeof err), 0);
    analysis an;
    analysis_input in = {.jobs = &jobs, .api = &s->api};
    analysis_run(&an, &in);
    assert_int_equal(analysis_store(&an, db, run, err, sizeof err), 0);
    assert_int_equal(store_end_run(db, run, 1, 1, 0, err, sizeof err), 0);
    analysis_free(&an);
    compile_jobs_free(&jobs);
    store_close(db);

    p = open_and_publish(s, uri, b_text, 2);
    json_t *d = diag_with_code(p, "handle-leak");
    assert_non_null(d);
    assert_int_equal(pos(d, "start", "line"), 3);

    /* --no-db: not read. */
    lsp_server_options opt = {.api = &s->api, .debounce_ms = -1, .no_db = true, .send = capture, .send_ctx = s};
    lsp_server *quiet = lsp_server_new(&opt);
    lsp_server *main_server = s->server;
    s->server = quiet;
    initialize(s);
    p = open_and_publish(s, uri, b_text, 1);
    assert_int_equal(json_array_size(json_object_get(p, "diagnostics")), 0);
    s->server = main_server;
    lsp_server_free(quiet);
    free(uri);
    free(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(framing_split_reads),
        cmocka_unit_test(framing_two_in_one_read),
        cmocka_unit_test(framing_bad_content_length),
        cmocka_unit_test(framing_write),
        cmocka_unit_test(uri_conversion),
        cmocka_unit_test(line_table),
        cmocka_unit_test(utf16_columns),
        cmocka_unit_test(json_strings),
        cmocka_unit_test(compdb_lookup),
        cmocka_unit_test_setup_teardown(session_lifecycle_errors, session_setup, session_teardown),
        cmocka_unit_test_setup_teardown(session_exit_without_shutdown, session_setup, session_teardown),
        cmocka_unit_test_setup_teardown(session_publish_and_debounce, session_setup, session_teardown),
        cmocka_unit_test_setup_teardown(session_compile_commands_and_headers, session_setup, session_teardown),
        cmocka_unit_test_setup_teardown(session_config_and_nolint, session_setup, session_teardown),
        cmocka_unit_test_setup_teardown(session_project_database, session_setup, session_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
