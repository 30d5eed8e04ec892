/* Fixed version of creator-uses-before-join.c: the creator configures the handle before starting the thread
 * and reads the response code only once the thread is joined. */
#include <pthread.h>
#include <stdio.h>

#include "../include/curl/curl.h"

struct transfer {
    CURL *curl;
    CURLcode rc;
};

static void *run_transfer(void *arg) {
    struct transfer *t = arg;
    t->rc = curl_easy_perform(t->curl);
    return NULL;
}

long fetch_status(const char *url) {
    struct transfer t;
    pthread_t tid;
    long status = 0;
    t.curl = curl_easy_init();
    if (t.curl == NULL)
        return -1;
    curl_easy_setopt(t.curl, CURLOPT_URL, url);
    curl_easy_setopt(t.curl, CURLOPT_TIMEOUT, 20L);
    if (pthread_create(&tid, NULL, run_transfer, &t) != 0) {
        curl_easy_cleanup(t.curl);
        return -1;
    }
    pthread_join(tid, NULL);
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
    printf("status: %ld\n", status);
    curl_easy_cleanup(t.curl);
    return t.rc == CURLE_OK ? status : -1;
}

/*
 * check-name: creator uses the handle only before create and after join
 * check-description: one thread performs on t.curl; the creator sets options before pthread_create and calls
 *   curl_easy_getinfo after pthread_join, so the handle is never used by two threads at once.
 */
