/* lsp_rpc.h — JSON-RPC framing of the Language Server Protocol base protocol: a header part of `Name: value\r\n` lines
 * (only Content-Length matters; Content-Type is ignored) ended by an empty line, then exactly Content-Length bytes of
 * JSON. The reader takes bytes as they arrive (a message may come in pieces, several in one read) and hands back
 * whole bodies; the writer frames one body. No I/O in the reader, so tests feed it directly. */
#ifndef LIFELINE_LSP_RPC_H
#define LIFELINE_LSP_RPC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Bodies larger than this are skipped with an error rather than buffered. */
enum { LSP_RPC_MAX_BODY = 256 * 1024 * 1024 };

typedef struct lsp_reader {
    char *buf;
    size_t len, cap;
    size_t skip;    /* bytes of an oversized body still to discard */
    size_t pending; /* length of the body handed out last, dropped on the next call */
} lsp_reader;

typedef enum lsp_read_status {
    LSP_READ_NEED_MORE, /* no complete message buffered */
    LSP_READ_MESSAGE,   /* body and len: one message body, valid until the next call */
    LSP_READ_BAD_HEADER /* a header part without a usable Content-Length (or too large): it was dropped; err says why */
} lsp_read_status;

void lsp_reader_init(lsp_reader *r);
void lsp_reader_free(lsp_reader *r);
void lsp_reader_feed(lsp_reader *r, const char *data, size_t len);
lsp_read_status lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *err, size_t errlen);

/* The framed text of one message (heap, *len bytes, NUL-terminated): "Content-Length: N\r\n\r\n" + compact JSON. */
char *lsp_frame(const json_t *msg, size_t *len);
/* Writes all of data to fd, retrying on EINTR and partial writes. 0, or -1 (errno set). */
int lsp_write_all(int fd, const char *data, size_t len);

#endif
