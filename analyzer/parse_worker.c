/* parse_worker.c — the child side of parse_pool.h: a process that reads compile jobs from a socket, parses and lowers
 * each with frontend_process, and writes back a "parsed" mark and then the result, IR included.
 *
 * It is a process of its own so that whatever a TU does to it — a crash libclang cannot recover from (a stack
 * overflow on libclang's parse thread, which has no alternate signal stack), a parse that never ends, one that eats
 * all memory — ends this process only: the parent reports the TU as failed, kills what is left and starts another
 * worker for the next TU. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "parse_pool.h"
#include "tu_wire.h"

enum { WORKER_STACK = 512 * 1024 * 1024 };

typedef struct worker_loop {
    int fd;
    int rc;
} worker_loop;

static void send_parsed(void *ctx) {
    worker_loop *wl = ctx;
    wire_buf b = {0};
    wire_put_u8(&b, TU_WIRE_PARSED);
    wire_send(wl->fd, &b); /* a parent that went away is noticed at the result */
    wire_buf_free(&b);
}

static void *loop(void *arg) {
    worker_loop *wl = arg;
    wire_buf in = {0}, out = {0};
    for (;;) {
        if (wire_recv(wl->fd, &in, 0) != WIRE_OK) break; /* the parent closed the connection: no more jobs */
        wire_reader r = wire_reader_of(&in);
        compile_job job;
        frontend_options opt;
        char *unsaved;
        if (!tu_wire_get_job(&r, &job, &opt, &unsaved)) {
            wl->rc = 2;
            break;
        }
        opt.parsed = send_parsed;
        opt.parsed_ctx = wl;
        frontend_result fe;
        frontend_process(&job, &opt, &fe);
        out.len = 0;
        tu_wire_put_result(&out, &fe);
        frontend_result_free(&fe);
        compile_job_free(&job);
        free(unsaved);
        if (wire_send(wl->fd, &out) != WIRE_OK) break;
    }
    wire_buf_free(&in);
    wire_buf_free(&out);
    return NULL;
}

int parse_worker_main(int fd) {
    /* Lowering recurses over the syntax tree: the same big stack as the in-process workers (analysis.c). */
    worker_loop wl = {.fd = fd};
    pthread_attr_t attr;
    pthread_t th;
    if (pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, WORKER_STACK) == 0 &&
        pthread_create(&th, &attr, loop, &wl) == 0) {
        pthread_join(th, NULL);
        pthread_attr_destroy(&attr);
    } else {
        loop(&wl);
    }
    return wl.rc;
}
