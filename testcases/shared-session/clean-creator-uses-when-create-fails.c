/* When the background thread cannot be started, the transfer runs inline on the creator's thread: on that path
 * no other thread exists, so the creator's use of the handle is not shared. */
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

int fetch(const char *url) {
    struct transfer t;
    pthread_t tid;
    t.curl = curl_easy_init();
    if (t.curl == NULL)
        return -1;
    curl_easy_setopt(t.curl, CURLOPT_URL, url);
    curl_easy_setopt(t.curl, CURLOPT_TIMEOUT, 20L);
    if (pthread_create(&tid, NULL, run_transfer, &t) != 0) {
        fprintf(stderr, "no thread, fetching inline\n");
        t.rc = curl_easy_perform(t.curl);
    } else {
        pthread_join(tid, NULL);
    }
    curl_easy_cleanup(t.curl);
    return t.rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: creator uses the handle only when the creation failed
 * check-description: curl_easy_perform in fetch runs on the path where pthread_create returned non-zero, so no
 *   thread was created; on the other path the creator joins before touching the handle again.
 */
