/* wire.c — see wire.h. */
#include "wire.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

/* A message longer than this is taken for garbage rather than allocated (a module of a few million functions is
 * still far below it). */
#define WIRE_MAX_MESSAGE ((uint64_t)1 << 36)

double wire_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void wire_buf_free(wire_buf *b) {
    free(b->data);
    memset(b, 0, sizeof *b);
}

static unsigned char *reserve(wire_buf *b, size_t n) {
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap - b->len < n)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    unsigned char *p = b->data + b->len;
    b->len += n;
    return p;
}

static void put_le(wire_buf *b, uint64_t v, size_t n) {
    unsigned char *p = reserve(b, n);
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

void wire_put_u8(wire_buf *b, uint8_t v) {
    put_le(b, v, 1);
}
void wire_put_u32(wire_buf *b, uint32_t v) {
    put_le(b, v, 4);
}
void wire_put_u64(wire_buf *b, uint64_t v) {
    put_le(b, v, 8);
}
void wire_put_i64(wire_buf *b, int64_t v) {
    put_le(b, (uint64_t)v, 8);
}
void wire_put_f64(wire_buf *b, double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    put_le(b, bits, 8);
}

void wire_put_mem(wire_buf *b, const void *p, size_t n) {
    if (n) memcpy(reserve(b, n), p, n);
}

void wire_put_str(wire_buf *b, const char *s) {
    if (!s) {
        wire_put_u8(b, 0);
        return;
    }
    size_t n = strlen(s);
    wire_put_u8(b, 1);
    wire_put_u64(b, n);
    wire_put_mem(b, s, n + 1);
}

wire_reader wire_reader_of(const wire_buf *b) {
    return (wire_reader){.p = b->data, .len = b->len};
}

const void *wire_get_mem(wire_reader *r, size_t n) {
    if (r->bad || r->len - r->pos < n) {
        r->bad = true;
        return NULL;
    }
    const void *p = r->p + r->pos;
    r->pos += n;
    return p;
}

static uint64_t get_le(wire_reader *r, size_t n) {
    const unsigned char *p = wire_get_mem(r, n);
    uint64_t v = 0;
    for (size_t i = 0; p && i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

uint8_t wire_get_u8(wire_reader *r) {
    return (uint8_t)get_le(r, 1);
}
uint32_t wire_get_u32(wire_reader *r) {
    return (uint32_t)get_le(r, 4);
}
uint64_t wire_get_u64(wire_reader *r) {
    return get_le(r, 8);
}
int64_t wire_get_i64(wire_reader *r) {
    return (int64_t)get_le(r, 8);
}
double wire_get_f64(wire_reader *r) {
    uint64_t bits = get_le(r, 8);
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

const char *wire_get_str(wire_reader *r) {
    uint8_t present = wire_get_u8(r);
    if (!present || r->bad) return NULL;
    uint64_t n = wire_get_u64(r);
    if (r->bad || n >= r->len - r->pos) {
        r->bad = true;
        return NULL;
    }
    const char *s = wire_get_mem(r, (size_t)n + 1);
    if (s && s[n] != '\0') {
        r->bad = true;
        return NULL;
    }
    return s;
}

/* --- framing on a socket ------------------------------------------------------------------------------------------ */

static wire_status send_all(int fd, const unsigned char *p, size_t n) {
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return WIRE_CLOSED;
        p += k;
        n -= (size_t)k;
    }
    return WIRE_OK;
}

wire_status wire_send(int fd, const wire_buf *b) {
    unsigned char head[8];
    for (size_t i = 0; i < 8; i++)
        head[i] = (unsigned char)((uint64_t)b->len >> (8 * i));
    wire_status st = send_all(fd, head, sizeof head);
    return st == WIRE_OK ? send_all(fd, b->data, b->len) : st;
}

/* n bytes into p, waiting no later than deadline (0: no limit). */
static wire_status recv_all(int fd, unsigned char *p, size_t n, double deadline) {
    while (n) {
        if (deadline > 0) {
            double left = deadline - wire_now();
            if (left <= 0) return WIRE_TIMEOUT;
            struct pollfd pfd = {.fd = fd, .events = POLLIN};
            double ms = left * 1000.0 + 1.0;
            int pr = poll(&pfd, 1, ms > 1e9 ? 1000000000 : (int)ms);
            if (pr < 0 && errno == EINTR) continue;
            if (pr < 0) return WIRE_CLOSED;
            if (pr == 0) continue; /* the loop checks the clock again */
        }
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return WIRE_CLOSED;
        p += k;
        n -= (size_t)k;
    }
    return WIRE_OK;
}

wire_status wire_recv(int fd, wire_buf *b, double deadline) {
    unsigned char head[8];
    wire_status st = recv_all(fd, head, sizeof head, deadline);
    if (st != WIRE_OK) return st;
    uint64_t n = 0;
    for (size_t i = 0; i < 8; i++)
        n |= (uint64_t)head[i] << (8 * i);
    if (n > WIRE_MAX_MESSAGE) return WIRE_CLOSED;
    b->len = 0;
    if (b->cap < n) {
        unsigned char *grown = realloc(b->data, (size_t)n);
        if (!grown) return WIRE_CLOSED;
        b->data = grown;
        b->cap = (size_t)n;
    }
    st = recv_all(fd, b->data, (size_t)n, deadline);
    if (st == WIRE_OK) b->len = (size_t)n;
    return st;
}
