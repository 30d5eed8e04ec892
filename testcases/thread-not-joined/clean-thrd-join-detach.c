/* C11 threads joined with thrd_join or detached with thrd_detach. */
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

struct render {
    int width;
    int height;
    long pixels;
};

static int render_main(void *arg) {
    struct render *r = arg;
    r->pixels = (long)r->width * r->height;
    return 0;
}

static int log_main(void *arg) {
    char *msg = arg;
    puts(msg);
    free(msg);
    return 0;
}

long render_frame(struct render *r) {
    thrd_t t;
    int res;
    if (thrd_create(&t, render_main, r) != thrd_success)
        return -1;
    if (thrd_join(t, &res) != thrd_success || res != 0)
        return -1;
    return r->pixels;
}

int log_async(char *msg) {
    thrd_t t;
    if (thrd_create(&t, log_main, msg) != thrd_success) {
        free(msg);
        return -1;
    }
    thrd_detach(t);
    return 0;
}

/*
 * check-name: C11 threads joined or detached
 * check-description: render_frame joins its thread with thrd_join before every return after a successful
 *   thrd_create (a failing thrd_join still consumed the id); log_async detaches its thread with thrd_detach.
 *   The failure paths of thrd_create hold no thread.
 */
