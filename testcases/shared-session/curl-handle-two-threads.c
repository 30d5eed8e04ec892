/* Two download threads handed the same easy handle: libcurl says a handle must never be used by two threads at
 * the same time, and here both run curl_easy_perform on it at once. */
#include <pthread.h>
#include <stdio.h>

#include "../include/curl/curl.h"

static size_t discard(char *data, size_t size, size_t nmemb, void *userdata) {
    (void)data;
    (void)userdata;
    return size * nmemb;
}

static void *download(void *arg) {
    CURL *curl = arg;
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        fprintf(stderr, "download: %s\n", curl_easy_strerror(rc));
    return NULL;
}

int warm_cache(const char *url) {
    pthread_t a, b;
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    pthread_create(&a, NULL, download, curl);
    pthread_create(&b, NULL, download, curl); // expect: shared-session
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    curl_easy_cleanup(curl);
    return 0;
}

/*
 * check-name: one easy handle given to two threads
 * check-description: warm_cache passes the handle value curl to both pthread_create calls and download performs
 *   on it without a lock: the second creation shares the session with a thread that may still be using it.
 */
