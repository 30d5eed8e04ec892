/* The caller's queue moved to a TAILQ head on the stack, then drained: every element is unlinked from the local
 * head before the function returns, and the caller's queue was emptied, so no pointer into this frame is left
 * (libevent's evhttp_connection_fail_, http.c). */
#include <stddef.h>
#include <sys/queue.h>

struct request {
    TAILQ_ENTRY(request) next;
    void (*cb)(struct request *);
};
TAILQ_HEAD(request_queue, request);

struct connection {
    struct request_queue requests;
};

void fail_all(struct connection *conn) {
    struct request_queue requests;
    TAILQ_INIT(&requests);
    /* Callbacks may queue new requests on conn: iterate over a copy of the queue. */
    while (TAILQ_FIRST(&conn->requests) != NULL) {
        struct request *request = TAILQ_FIRST(&conn->requests);
        TAILQ_REMOVE(&conn->requests, request, next);
        TAILQ_INSERT_TAIL(&requests, request, next);
    }
    while (TAILQ_FIRST(&requests) != NULL) {
        struct request *request = TAILQ_FIRST(&requests);
        TAILQ_REMOVE(&requests, request, next);
        request->cb(request);
    }
}

/*
 * check-name: a TAILQ head on the stack, filled from the caller's queue and drained
 * check-description: fail_all moves the caller's requests onto a local TAILQ head and drains it before returning.
 *   Known gap: every element read from the caller's memory is one object to the analysis (its "outside" memory),
 *   so the first element's tqe_prev, set to &requests.tqh_first when it is inserted, is read back as the second
 *   element's when that one is removed from conn->requests; conn->requests.tqh_last looks like it keeps the local's
 *   address, and the elements' stale tqe_prev too. Both are reported (two false stack-address-escape findings,
 *   as on libevent's http.c:1563-1564).
 * check-known-to-fail
 */
