/* A download started in a background thread; while it runs, the creator peeks at the response code with
 * curl_easy_getinfo on the very handle the thread is performing on. */
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
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status); // expect: shared-session
    printf("early status: %ld\n", status);
    pthread_join(tid, NULL);
    curl_easy_cleanup(t.curl);
    return t.rc == CURLE_OK ? status : -1;
}

/*
 * check-name: creator uses the handle between create and join
 * check-description: the thread performs on t.curl; fetch_status calls curl_easy_getinfo on it before joining,
 *   while the transfer may still be running. The options set before the creation are fine.
 */
