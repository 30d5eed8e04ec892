/* Fixed version of goto-cleanup-missing-reset.c: every path goes through the label that clears the global. */
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
    g_current = &req;
    if (parse(&req) < 0)
        goto out;
    req.body = malloc(16);
    if (!req.body)
        goto out;
    rc = 0;
out:
    free(req.body);
    g_current = NULL;
    return rc;
}

/*
 * check-name: goto cleanup that resets the global on every path
 * check-description: the success path and both error paths reach out:, which sets g_current back to NULL
 *   before the return.
 */
