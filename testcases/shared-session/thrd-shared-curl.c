/* C11 threads: two health pollers started with thrd_create on the same struct, and so the same easy handle. */
#include <threads.h>
#include <time.h>

#include "../include/curl/curl.h"

struct poller {
    CURL *curl;
    int rounds;
};

static int poll_health(void *arg) {
    struct poller *p = arg;
    for (int i = 0; i < p->rounds; i++) {
        if (curl_easy_perform(p->curl) != CURLE_OK)
            return 1;
        thrd_sleep(&(struct timespec){.tv_sec = 1}, NULL);
    }
    return 0;
}

int watch(const char *url) {
    struct poller p = {NULL, 10};
    thrd_t a, b;
    p.curl = curl_easy_init();
    if (p.curl == NULL)
        return -1;
    curl_easy_setopt(p.curl, CURLOPT_URL, url);
    curl_easy_setopt(p.curl, CURLOPT_TIMEOUT, 2L);
    thrd_create(&a, poll_health, &p);
    thrd_create(&b, poll_health, &p); // expect: shared-session
    thrd_join(a, NULL);
    thrd_join(b, NULL);
    curl_easy_cleanup(p.curl);
    return 0;
}

/*
 * check-name: thrd_create twice with the same struct holding an easy handle
 * check-description: the C11 variant of the two-creation case: poll_health performs on p->curl without a lock
 *   and &p is the argument of both thrd_create calls.
 */
