/* lsp_server.h — the Language Server Protocol (3.17) side of `lifeline lsp`: lifecycle, open documents and their
 * text, analysis on open/change/save, publishDiagnostics, and NOLINTNEXTLINE quick fixes.
 *
 * The server is driven from outside and does no I/O on stdin/stdout itself: lsp_main.c reads framed messages and
 * passes each body to lsp_server_handle, sends what the server hands to its `send` callback, and calls
 * lsp_server_run_due when the deadline lsp_server_next_deadline names has passed (edits are analysed after a quiet
 * period, the debounce). Time is an argument, so tests drive a whole session deterministically with no process. */
#ifndef LIFELINE_LSP_SERVER_H
#define LIFELINE_LSP_SERVER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "finding.h"
#include "models.h"

typedef struct lsp_server lsp_server;

/* Called with each outgoing message (response or notification); the server keeps ownership of msg. */
typedef void (*lsp_send_fn)(void *ctx, const json_t *msg);

typedef struct lsp_server_options {
    const models *api; /* built-in models plus --models files; borrowed */
    /* The --models files again: a document whose .lifeline.yaml names more model files is analysed with built-ins +
     * these + the config's, loaded for that analysis. */
    const char *const *model_files;
    size_t nmodel_files;
    const char *config_path; /* --config FILE: this config for every file; NULL: .lifeline.yaml looked up */
    int debounce_ms;         /* quiet time after a change before it is analysed; < 0: the default, 300 */
    bool verbose;            /* one line per analysis on stderr */
    bool no_db;              /* never read the project's .lifeline/lifeline.db */
    lsp_send_fn send;
    void *send_ctx;
    const tool_diag_list *startup_notes; /* model warnings: sent as window/logMessage once initialized; may be NULL */
} lsp_server_options;

/* JSON-RPC and LSP error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_SERVER_NOT_INITIALIZED = -32002,
};

/* window/logMessage types. */
enum { LSP_LOG_ERROR = 1, LSP_LOG_WARNING = 2, LSP_LOG_INFO = 3, LSP_LOG_LOG = 4 };

lsp_server *lsp_server_new(const lsp_server_options *opt);
void lsp_server_free(lsp_server *s);

/* One message body as received. Malformed JSON gets a ParseError response; never aborts on bad input. */
void lsp_server_handle(lsp_server *s, const char *body, size_t len, int64_t now_ms);
/* A frame that could not be read (bad header): answered like malformed JSON, with `why` logged. */
void lsp_server_bad_frame(lsp_server *s, const char *why);

/* When the next pending analysis is due (ms, same clock as now_ms), or -1 when nothing is pending. */
int64_t lsp_server_next_deadline(const lsp_server *s);
/* Analyses the document whose deadline passed first (one per call, so new input is read in between) and publishes
 * its diagnostics. Returns true when it analysed something. */
bool lsp_server_run_due(lsp_server *s, int64_t now_ms);

/* After the `exit` notification: true, with 0 when `shutdown` came first, else 1. */
bool lsp_server_exited(const lsp_server *s, int *exit_code);
/* The input ended without `exit`: the exit code the process should use (0 after shutdown, 1 otherwise). */
int lsp_server_eof_exit_code(const lsp_server *s);

#endif
