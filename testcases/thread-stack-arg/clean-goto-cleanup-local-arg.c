/* A cleanup label joins the thread that reads a local, so every return after the creation is preceded by the
 * join. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct resize {
    const unsigned char *src;
    int w;
    int h;
    unsigned char *dst;
};

static void *resize_main(void *arg) {
    struct resize *r = arg;
    for (int i = 0; i < r->w * r->h / 4; i++)
        r->dst[i] = r->src[i * 4];
    return NULL;
}

unsigned char *thumbnail(const unsigned char *img, int w, int h, unsigned char *dst) {
    struct resize job = {img, w, h, dst};
    unsigned char *result = NULL;
    pthread_t t;
    char *caption;
    if (pthread_create(&t, NULL, resize_main, &job) != 0)
        return NULL;
    caption = malloc(32);
    if (caption == NULL)
        goto join;
    snprintf(caption, 32, "%dx%d", w / 2, h / 2);
    puts(caption);
    free(caption);
    result = dst;
join:
    pthread_join(t, NULL);
    return result;
}

/*
 * check-name: stack argument, goto cleanup joins
 * check-description: fixed look-alike of join-on-one-path-local-arg.c: the malloc failure jumps to the join
 *   label instead of returning, so the resizer is joined on every path and job outlives it.
 */
