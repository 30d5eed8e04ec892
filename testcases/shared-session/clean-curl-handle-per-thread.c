/* Fixed version of curl-handle-two-threads.c: each download thread creates, uses and cleans up its own handle;
 * only the URL string is shared. */
#include <pthread.h>
#include <stdio.h>

#include "../include/curl/curl.h"

static size_t discard(char *data, size_t size, size_t nmemb, void *userdata) {
    (void)data;
    (void)userdata;
    return size * nmemb;
}

static void *download(void *arg) {
    const char *url = arg;
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return NULL;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        fprintf(stderr, "download: %s\n", curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    return NULL;
}

int warm_cache(const char *url) {
    pthread_t a, b;
    pthread_create(&a, NULL, download, (void *)url);
    pthread_create(&b, NULL, download, (void *)url);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}

/*
 * check-name: each thread creates its own easy handle
 * check-description: the two threads share the URL, not a session: every curl_easy_init happens inside the
 *   thread that uses and frees the handle.
 */
