/* Fixed version of thrd-shared-curl.c: the pollers take the struct's C11 mutex around each transfer. */
#include <threads.h>
#include <time.h>

#include "../include/curl/curl.h"

struct poller {
    CURL *curl;
    mtx_t lock;
    int rounds;
};

static int poll_health(void *arg) {
    struct poller *p = arg;
    for (int i = 0; i < p->rounds; i++) {
        CURLcode rc;
        mtx_lock(&p->lock);
        rc = curl_easy_perform(p->curl);
        mtx_unlock(&p->lock);
        if (rc != CURLE_OK)
            return 1;
        thrd_sleep(&(struct timespec){.tv_sec = 1}, NULL);
    }
    return 0;
}

int watch(const char *url) {
    struct poller p = {.curl = NULL, .rounds = 10};
    thrd_t a, b;
    if (mtx_init(&p.lock, mtx_plain) != thrd_success)
        return -1;
    p.curl = curl_easy_init();
    if (p.curl == NULL) {
        mtx_destroy(&p.lock);
        return -1;
    }
    curl_easy_setopt(p.curl, CURLOPT_URL, url);
    curl_easy_setopt(p.curl, CURLOPT_TIMEOUT, 2L);
    thrd_create(&a, poll_health, &p);
    thrd_create(&b, poll_health, &p);
    thrd_join(a, NULL);
    thrd_join(b, NULL);
    curl_easy_cleanup(p.curl);
    mtx_destroy(&p.lock);
    return 0;
}

/*
 * check-name: thrd_create twice, handle used under mtx_lock
 * check-description: both threads get &p, but curl_easy_perform on p->curl only runs between mtx_lock and
 *   mtx_unlock of p->lock.
 */
