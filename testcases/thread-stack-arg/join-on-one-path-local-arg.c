/* The thread reading a local is joined on the normal path only; an error path returns before the join. */
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
    pthread_t t;
    char *caption;
    if (pthread_create(&t, NULL, resize_main, &job) != 0) // expect: thread-not-joined, thread-stack-arg
        return NULL;
    caption = malloc(32);
    if (caption == NULL)
        return NULL;
    snprintf(caption, 32, "%dx%d", w / 2, h / 2);
    puts(caption);
    free(caption);
    pthread_join(t, NULL);
    return dst;
}

/*
 * check-name: stack argument, join skipped on an error path
 * check-description: when malloc fails thumbnail returns NULL without joining the resizer (thread-not-joined),
 *   which still reads job in the dead frame (thread-stack-arg). The normal path joins before returning.
 */
