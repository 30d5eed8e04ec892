#include <stdio.h>
#include <stdlib.h>

#include "pool.h"

struct crawl {
    const char *url;
    int depth;
};

static void *crawl_main(void *arg) {
    struct crawl *c = arg;
    printf("crawl %s depth %d\n", c->url, c->depth);
    free(c);
    return NULL;
}

int crawl_async(struct pool *p, const char *url, int depth) {
    pthread_t t;
    struct crawl *c = malloc(sizeof *c);
    if (c == NULL)
        return -1;
    c->url = url;
    c->depth = depth;
    if (pthread_create(&t, NULL, crawl_main, c) != 0) {
        free(c);
        return -1;
    }
    return pool_adopt(p, t);
}

int crawl_site(const char **urls, int n) {
    struct pool p = {.count = 0, .stopping = 0};
    int queued = 0;
    for (int i = 0; i < n; i++)
        queued += crawl_async(&p, urls[i], 1) == 0;
    pool_join_all(&p);
    return queued;
}
