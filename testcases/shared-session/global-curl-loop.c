/* Metrics are pushed by one thread per batch, all through the module's single global easy handle. */
#include <pthread.h>

#include "../include/curl/curl.h"

#define NBATCHES 4

static CURL *g_http;

int metrics_init(const char *endpoint) {
    g_http = curl_easy_init();
    if (g_http == NULL)
        return -1;
    curl_easy_setopt(g_http, CURLOPT_URL, endpoint);
    curl_easy_setopt(g_http, CURLOPT_TIMEOUT, 5L);
    return 0;
}

void metrics_shutdown(void) {
    curl_easy_cleanup(g_http);
    g_http = NULL;
}

static void *push_batch(void *arg) {
    const char *body = arg;
    curl_easy_setopt(g_http, CURLOPT_POSTFIELDS, body);
    curl_easy_perform(g_http);
    return NULL;
}

void metrics_flush(char *batches[NBATCHES]) {
    pthread_t tids[NBATCHES];
    int i;
    for (i = 0; i < NBATCHES; i++)
        pthread_create(&tids[i], NULL, push_batch, batches[i]); // expect: shared-session
    for (i = 0; i < NBATCHES; i++)
        pthread_join(tids[i], NULL);
}

/*
 * check-name: global easy handle used by every thread of a loop
 * check-description: push_batch sets options on and performs with the static g_http without a lock, and
 *   metrics_flush starts it NBATCHES times: the creation in the loop runs threads that share the handle.
 */
