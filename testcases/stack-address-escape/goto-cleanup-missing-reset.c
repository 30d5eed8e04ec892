/* A "current request" global is set to a local and cleared at the end of the success path only: the error
 * path jumps over the reset. */
#include <stdlib.h>

struct request {
    int id;
    char *body;
};

struct request *g_current;

static int parse(struct request *r) {
    return r->id > 0 ? 0 : -1;
}

int handle(int id) {
    struct request req = {id, NULL};
    int rc = -1;
    g_current = &req; // expect: stack-address-escape
    if (parse(&req) < 0)
        goto out;
    req.body = malloc(16);
    if (!req.body)
        goto out;
    rc = 0;
    free(req.body);
    g_current = NULL;
out:
    return rc;
}

/*
 * check-name: goto cleanup that skips the reset of a global
 * check-description: when parse fails or malloc returns NULL the function jumps to out and returns with
 *   g_current still pointing at req. The finding is on the store, with the failing branch in the steps.
 */
