/* lsp_main.c — `lifeline lsp`: options, models, and the single-threaded event loop. poll() waits on stdin for at most
 * the time until the next pending analysis is due (the debounce after an edit), so a burst of edits is analysed once,
 * after it ends. Standard output carries protocol messages only; diagnostics about the server go to stderr or, once
 * the client is initialized, window/logMessage. */
#include "lsp.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "lsp_rpc.h"
#include "lsp_server.h"
#include "models.h"

static const char lsp_usage[] = "usage: lifeline lsp [--models FILE]... [--config FILE] [--debounce MS] [--no-db]\n"
                                "                    [--verbose]\n"
                                "\n"
                                "Runs lifeline as a Language Server on standard input and output (LSP 3.17), for an\n"
                                "editor to start beside clangd. Each open .c file is analysed as the editor holds it,\n"
                                "with the compile command from the nearest compile_commands.json (or build/...),\n"
                                "and its findings published after the project's .lifeline.yaml and NOLINT comments.\n"
                                "\n"
                                "  --models FILE   also read this model file (repeatable)\n"
                                "  --config FILE   use this config instead of looking up .lifeline.yaml upward\n"
                                "  --debounce MS   quiet time after an edit before it is analysed (default 300)\n"
                                "  --no-db         do not read summaries from the project's .lifeline/lifeline.db\n"
                                "  --verbose       one line per analysis on standard error\n"
                                "  --stdio         accepted and ignored (stdio is the only transport)\n";

typedef struct out_channel {
    int fd;
    bool broken; /* the client closed its end */
} out_channel;

static void send_stdout(void *ctx, const json_t *msg) {
    out_channel *out = ctx;
    if (out->broken) return;
    size_t len;
    char *framed = lsp_frame(msg, &len);
    if (lsp_write_all(out->fd, framed, len) != 0) {
        fprintf(stderr, "lifeline lsp: cannot write to the client: %s\n", strerror(errno));
        out->broken = true;
    }
    free(framed);
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int usage_error(const char *fmt, const char *arg) {
    fputs("lifeline: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(see lifeline lsp --help)\n", stderr);
    return EXIT_USAGE;
}

/* Reads what stdin has and handles every complete message. Returns false at end of input. */
static bool read_input(lsp_reader *reader, lsp_server *server) {
    char buf[65536];
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
    if (n <= 0) return false;
    lsp_reader_feed(reader, buf, (size_t)n);
    for (;;) {
        const char *body;
        size_t len;
        char err[256];
        lsp_read_status st = lsp_reader_next(reader, &body, &len, err, sizeof err);
        if (st == LSP_READ_NEED_MORE) break;
        if (st == LSP_READ_BAD_HEADER)
            lsp_server_bad_frame(server, err);
        else
            lsp_server_handle(server, body, len, now_ms());
        if (lsp_server_exited(server, NULL)) break;
    }
    return true;
}

int lsp_main(int argc, char **argv) {
    const char **model_files = calloc((size_t)argc + 1, sizeof *model_files);
    if (!model_files) abort();
    size_t nmodels = 0;
    int debounce = -1;
    bool verbose = false, no_db = false;
    const char *config_path = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--models") == 0 && i + 1 < argc) {
            model_files[nmodels++] = argv[++i];
        } else if (strcmp(a, "--debounce") == 0 && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > 60000) return free(model_files), usage_error("bad --debounce '%s'", argv[i]);
            debounce = (int)v;
        } else if (strcmp(a, "--config") == 0 && i + 1 < argc) {
            config_path = argv[++i];
        } else if (strcmp(a, "--verbose") == 0) {
            verbose = true;
        } else if (strcmp(a, "--no-db") == 0) {
            no_db = true;
        } else if (strcmp(a, "--stdio") == 0) {
            /* the only transport */
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(lsp_usage, stdout);
            free(model_files);
            return 0;
        } else if (strcmp(a, "--models") == 0 || strcmp(a, "--debounce") == 0 || strcmp(a, "--config") == 0) {
            return free(model_files), usage_error("%s needs a value", a);
        } else {
            return free(model_files), usage_error("unknown lsp option '%s'", a);
        }
    }

    char err[1024];
    models api;
    models_init(&api);
    tool_diag_list notes = {0};
    if (models_load_builtin(&api, err, sizeof err) != 0) {
        fprintf(stderr, "lifeline: error: built-in models: %s\n", err);
        models_free(&api);
        free(model_files);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < nmodels; i++) {
        if (models_load_file(&api, model_files[i], &notes, err, sizeof err) != 0) {
            fprintf(stderr, "lifeline: error: %s\n", err);
            tool_diag_list_free(&notes);
            models_free(&api);
            free(model_files);
            return EXIT_USAGE;
        }
    }

    /* A client that goes away must not kill the server mid-write: the write fails instead, and the loop ends. */
    signal(SIGPIPE, SIG_IGN);
    out_channel out = {.fd = STDOUT_FILENO};
    lsp_server_options so = {.api = &api,
                             .debounce_ms = debounce,
                             .verbose = verbose,
                             .no_db = no_db,
                             .send = send_stdout,
                             .send_ctx = &out,
                             .startup_notes = &notes,
                             .model_files = model_files,
                             .nmodel_files = nmodels,
                             .config_path = config_path};
    lsp_server *server = lsp_server_new(&so);
    lsp_reader reader;
    lsp_reader_init(&reader);
    int exit_code = 1;
    bool input_open = true;
    for (;;) {
        if (lsp_server_exited(server, &exit_code)) break;
        if (out.broken) {
            exit_code = 1;
            break;
        }
        int64_t deadline = lsp_server_next_deadline(server);
        if (!input_open) {
            exit_code = lsp_server_eof_exit_code(server);
            break;
        }
        int timeout = -1;
        if (deadline >= 0) {
            int64_t wait = deadline - now_ms();
            timeout = wait < 0 ? 0 : wait > 60000 ? 60000 : (int)wait;
        }
        struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&pfd, 1, timeout);
        if (ready < 0 && errno != EINTR) {
            fprintf(stderr, "lifeline lsp: poll: %s\n", strerror(errno));
            break;
        }
        if (ready > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
            if (pfd.revents & POLLNVAL)
                input_open = false;
            else
                input_open = read_input(&reader, server);
        }
        if (lsp_server_exited(server, &exit_code)) break;
        lsp_server_run_due(server, now_ms());
    }
    lsp_reader_free(&reader);
    lsp_server_free(server);
    tool_diag_list_free(&notes);
    models_free(&api);
    free(model_files);
    return exit_code;
}
