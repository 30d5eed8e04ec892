/* Fixed version of global-curl-loop.c: the batch threads take the handle's mutex around setopt + perform. */
#include <pthread.h>

#include "../include/curl/curl.h"

#define NBATCHES 4

static CURL *g_http;
static pthread_mutex_t g_http_lock = PTHREAD_MUTEX_INITIALIZER;

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
    pthread_mutex_lock(&g_http_lock);
    curl_easy_setopt(g_http, CURLOPT_POSTFIELDS, body);
    curl_easy_perform(g_http);
    pthread_mutex_unlock(&g_http_lock);
    return NULL;
}

void metrics_flush(char *batches[NBATCHES]) {
    pthread_t tids[NBATCHES];
    int i;
    for (i = 0; i < NBATCHES; i++)
        pthread_create(&tids[i], NULL, push_batch, batches[i]);
    for (i = 0; i < NBATCHES; i++)
        pthread_join(tids[i], NULL);
}

/*
 * check-name: global easy handle used under a mutex
 * check-description: every use of g_http in push_batch happens between pthread_mutex_lock and
 *   pthread_mutex_unlock of g_http_lock, so the threads take turns on the handle.
 */
