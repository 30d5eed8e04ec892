/* A load generator that starts its client threads in a loop, all with the address of the same struct, and so
 * the same easy handle. */
#include <pthread.h>

#include "../include/curl/curl.h"

#define NCLIENTS 8

struct load {
    CURL *curl;
    int requests;
};

static void *client(void *arg) {
    struct load *ld = arg;
    for (int i = 0; i < ld->requests; i++)
        if (curl_easy_perform(ld->curl) != CURLE_OK)
            break;
    return NULL;
}

int run_load(const char *url, int requests) {
    struct load ld;
    pthread_t tids[NCLIENTS];
    int i;
    ld.requests = requests;
    ld.curl = curl_easy_init();
    if (ld.curl == NULL)
        return -1;
    curl_easy_setopt(ld.curl, CURLOPT_URL, url);
    curl_easy_setopt(ld.curl, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(ld.curl, CURLOPT_NOSIGNAL, 1L);
    for (i = 0; i < NCLIENTS; i++)
        pthread_create(&tids[i], NULL, client, &ld); // expect: shared-session
    for (i = 0; i < NCLIENTS; i++)
        pthread_join(tids[i], NULL);
    curl_easy_cleanup(ld.curl);
    return 0;
}

/*
 * check-name: one struct holding an easy handle given to every thread of a loop
 * check-description: &ld is the argument of each creation in the loop, so the eight clients perform on
 *   ld.curl at the same time. The join loop runs before the frame ends (no thread-stack-arg).
 */
