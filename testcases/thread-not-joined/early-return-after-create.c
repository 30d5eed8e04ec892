/* An error check placed after the thread was started returns without joining it. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct download {
    const char *url;
    char body[4096];
    int status;
};

static void *fetch_body(void *arg) {
    struct download *d = arg;
    snprintf(d->body, sizeof d->body, "GET %s", d->url);
    d->status = 200;
    return NULL;
}

int fetch_to_cache(struct download *d, const char *cache_dir, char *path, size_t n) {
    pthread_t t;
    if (pthread_create(&t, NULL, fetch_body, d) != 0) // expect: thread-not-joined
        return -1;
    if (cache_dir == NULL || strlen(cache_dir) + strlen(d->url) + 2 > n)
        return -1;
    snprintf(path, n, "%s/%s", cache_dir, d->url);
    pthread_join(t, NULL);
    return d->status == 200 ? 0 : -1;
}

/*
 * check-name: early return after the thread was created
 * check-description: fetch_to_cache starts the download thread, then validates cache_dir and returns -1 when
 *   it is unusable: on that path the joinable thread is neither joined nor detached, and its id dies with the
 *   frame. The success path joins it. The thread argument is the caller's object, not a local.
 */
