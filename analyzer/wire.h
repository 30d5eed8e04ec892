/* wire.h — the bytes lifeline's parse worker processes and their parent exchange (parse_pool.c, parse_worker.c):
 * little-endian integers and length-prefixed strings in a growable buffer, read back with bounds checks, and whole
 * messages framed by their length on a stream socket. Nothing here knows what the bytes mean. */
#ifndef LIFELINE_WIRE_H
#define LIFELINE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wire_buf {
    unsigned char *data;
    size_t len, cap;
} wire_buf;

void wire_buf_free(wire_buf *b);
void wire_put_u8(wire_buf *b, uint8_t v);
void wire_put_u32(wire_buf *b, uint32_t v);
void wire_put_u64(wire_buf *b, uint64_t v);
void wire_put_i64(wire_buf *b, int64_t v);
void wire_put_f64(wire_buf *b, double v);
/* A string with its length and a terminating NUL, so the reader can hand out pointers into its buffer; NULL is
 * told apart from "". */
void wire_put_str(wire_buf *b, const char *s);
void wire_put_mem(wire_buf *b, const void *p, size_t n);

/* Reading never runs past the end: a short or malformed message sets `bad` and yields zeros and NULLs. */
typedef struct wire_reader {
    const unsigned char *p;
    size_t len, pos;
    bool bad;
} wire_reader;

wire_reader wire_reader_of(const wire_buf *b);
uint8_t wire_get_u8(wire_reader *r);
uint32_t wire_get_u32(wire_reader *r);
uint64_t wire_get_u64(wire_reader *r);
int64_t wire_get_i64(wire_reader *r);
double wire_get_f64(wire_reader *r);
/* Points into the reader's buffer (NUL-terminated); NULL for a NULL string or a malformed message. */
const char *wire_get_str(wire_reader *r);
/* n bytes from the buffer; NULL when fewer are left. */
const void *wire_get_mem(wire_reader *r, size_t n);

typedef enum wire_status { WIRE_OK, WIRE_CLOSED, WIRE_TIMEOUT } wire_status;

/* One message: its length, then its bytes. send(2) with MSG_NOSIGNAL, so a peer that died is an error, not a
 * SIGPIPE. WIRE_OK or WIRE_CLOSED. */
wire_status wire_send(int fd, const wire_buf *b);
/* The next message into b (replacing its contents). deadline is a CLOCK_MONOTONIC time in seconds, 0 for none:
 * past it, WIRE_TIMEOUT. WIRE_CLOSED when the peer closed the connection or died, or on a read error. */
wire_status wire_recv(int fd, wire_buf *b, double deadline);

/* CLOCK_MONOTONIC in seconds, the clock of wire_recv's deadline. */
double wire_now(void);

#endif
