/* server.c — reads request lines ("GET /path") from standard input and answers each one on standard output.
 *
 *   demo-server [CONFIG] < requests
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "routes.h"

struct request {
    int id;
    char method[8];
    char path[128];
};

static struct server_config g_config;
static struct request *g_current_request; /* gives log_error() its context */
static int g_request_counter;

static void log_error(const char *msg) {
    if (g_current_request)
        fprintf(stderr, "request %d (%s): %s\n", g_current_request->id, g_current_request->path, msg);
    else
        fprintf(stderr, "%s\n", msg);
}

static struct route s_builtin_routes[] = {
    {"/health", ROUTE_HEALTH, NULL},
    {"/static/", ROUTE_STATIC, NULL},
};

static void install_routes(int debug) {
    for (size_t i = 0; i < sizeof s_builtin_routes / sizeof s_builtin_routes[0]; i++)
        routes_add(&s_builtin_routes[i]);
    if (debug) {
        /* Bug: routes_add links the node into a global list, but debug_route dies at the end of this block. */
        struct route debug_route = {"/debug", ROUTE_DEBUG, NULL};
        routes_add(&debug_route); // expect: stack-address-escape
    }
}

static int dispatch(const struct route *r, const char *path, char *out, size_t outsz) {
    switch (r->kind) {
    case ROUTE_HEALTH:
        snprintf(out, outsz, "ok");
        return 200;
    case ROUTE_STATIC:
        snprintf(out, outsz, "file %s%s", g_config.doc_root ? g_config.doc_root : ".", path + strlen(r->prefix) - 1);
        return 200;
    case ROUTE_DEBUG:
        snprintf(out, outsz, "%zu routes, %s", routes_count(), config_describe(&g_config));
        return 200;
    }
    return 500;
}

static int handle_request(const char *raw, char *out, size_t outsz) {
    struct request req;
    memset(&req, 0, sizeof req);
    req.id = ++g_request_counter;
    /* Bug: the malformed-request path returns without resetting g_current_request. */
    g_current_request = &req; // expect: stack-address-escape
    if (sscanf(raw, "%7s %127s", req.method, req.path) != 2) {
        log_error("malformed request line");
        snprintf(out, outsz, "bad request");
        return 400;
    }
    int code;
    const struct route *r = routes_match(req.path);
    if (!r) {
        log_error("no route");
        snprintf(out, outsz, "not found");
        code = 404;
    } else {
        code = dispatch(r, req.path, out, outsz);
    }
    g_current_request = NULL;
    return code;
}

static const char *status_text(int code) {
    switch (code) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    default:
        return "Internal Server Error";
    }
}

/* The status line for code. */
static const char *status_line(int code) {
    char line[64];
    const char *text = "HTTP/1.0 200 OK";
    if (code != 200) {
        snprintf(line, sizeof line, "HTTP/1.0 %d %s", code, status_text(code));
        text = line;
    }
    /* Bug: on every path but the 200 fast path, text points at the local line. */
    return text; // expect: stack-address-escape
}

int main(int argc, char **argv) {
    if (argc > 1 && config_load(argv[1], &g_config) != 0) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fprintf(stderr, "demo-server: %s\n", config_describe(&g_config));
    install_routes(g_config.debug);

    char line[256], body[512];
    while (fgets(line, sizeof line, stdin)) {
        int code = handle_request(line, body, sizeof body);
        printf("%s\n%s\n\n", status_line(code), body);
    }
    routes_clear();
    config_free(&g_config);
    return 0;
}
