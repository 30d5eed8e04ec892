/* lsp_rpc.c — see lsp_rpc.h. */
#include "lsp_rpc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "xalloc.h"

void lsp_reader_init(lsp_reader *r) {
    memset(r, 0, sizeof *r);
}

void lsp_reader_free(lsp_reader *r) {
    free(r->buf);
    memset(r, 0, sizeof *r);
}

void lsp_reader_feed(lsp_reader *r, const char *data, size_t len) {
    if (r->skip) {
        size_t n = len < r->skip ? len : r->skip;
        r->skip -= n;
        data += n;
        len -= n;
    }
    if (!len) return;
    if (r->len + len + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + len + 1)
            cap *= 2;
        r->buf = xrealloc(r->buf, cap);
        r->cap = cap;
    }
    memcpy(r->buf + r->len, data, len);
    r->len += len;
}

static void consume(lsp_reader *r, size_t n) {
    memmove(r->buf, r->buf + n, r->len - n);
    r->len -= n;
}

/* End of the header part: the offset just past the empty line, or 0 when it has not arrived yet. Lines end in
 * "\r\n"; a bare "\n" is tolerated. */
static size_t header_end(const char *buf, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != '\n') continue;
        if (i + 1 < len && buf[i + 1] == '\n') return i + 2;
        if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n') return i + 3;
    }
    return 0;
}

/* Content-Length from the header lines in buf[0..n) into *out: 0, or -1 when absent or malformed. Huge values
 * saturate (the caller compares with the limit). */
static int parse_content_length(const char *buf, size_t n, unsigned long long *out) {
    int found = -1;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && buf[e] != '\n')
            e++;
        size_t le = e;
        if (le > i && buf[le - 1] == '\r') le--;
        static const char name[] = "content-length:";
        size_t nl = sizeof name - 1;
        if (le - i >= nl && strncasecmp(buf + i, name, nl) == 0) {
            size_t k = i + nl;
            while (k < le && (buf[k] == ' ' || buf[k] == '\t'))
                k++;
            size_t digits = k;
            unsigned long long v = 0;
            for (; k < le && isdigit((unsigned char)buf[k]); k++)
                v = v > (1ULL << 60) ? v : v * 10 + (unsigned)(buf[k] - '0');
            if (k == digits) return -1;
            while (k < le && (buf[k] == ' ' || buf[k] == '\t'))
                k++;
            if (k != le) return -1;
            *out = v;
            found = 0;
        }
        i = e + 1;
    }
    return found;
}

lsp_read_status lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *err, size_t errlen) {
    if (r->pending) { /* the body handed out last time */
        consume(r, r->pending);
        r->pending = 0;
    }
    /* Tolerate blank lines between messages (some clients end a body with a newline). */
    size_t lead = 0;
    while (lead < r->len && (r->buf[lead] == '\r' || r->buf[lead] == '\n'))
        lead++;
    if (lead) consume(r, lead);
    size_t hend = header_end(r->buf, r->len);
    if (!hend) {
        if (r->len > 64 * 1024) { /* no header is this long: drop the junk */
            snprintf(err, errlen, "no end of header after %zu bytes", r->len);
            r->len = 0;
            return LSP_READ_BAD_HEADER;
        }
        return LSP_READ_NEED_MORE;
    }
    unsigned long long n = 0;
    if (parse_content_length(r->buf, hend, &n) != 0) {
        snprintf(err, errlen, "header without a valid Content-Length");
        consume(r, hend);
        return LSP_READ_BAD_HEADER;
    }
    if (n > LSP_RPC_MAX_BODY) {
        /* Discard the body, now and as the rest of it arrives. */
        snprintf(err, errlen, "message of %llu bytes is larger than the limit of %d bytes", n, (int)LSP_RPC_MAX_BODY);
        consume(r, hend);
        size_t now = n < r->len ? (size_t)n : r->len;
        consume(r, now);
        r->skip = (size_t)(n - now);
        return LSP_READ_BAD_HEADER;
    }
    if (r->len - hend < n) return LSP_READ_NEED_MORE;
    consume(r, hend);
    *body = r->buf;
    *len = (size_t)n;
    r->pending = (size_t)n;
    return LSP_READ_MESSAGE;
}

char *lsp_frame(const json_t *msg, size_t *len) {
    char *body = json_dumps(msg, JSON_COMPACT);
    if (!body) xalloc_die();
    size_t n = strlen(body);
    char header[64];
    int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", n);
    char *out = xmalloc((size_t)h + n + 1);
    memcpy(out, header, (size_t)h);
    memcpy(out + h, body, n + 1);
    free(body);
    *len = (size_t)h + n;
    return out;
}

int lsp_write_all(int fd, const char *data, size_t len) {
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}
