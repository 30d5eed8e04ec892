/* Fixed version of loop-shared-ctx.c: one struct per client thread (&ld[i]), each with its own easy handle. */
#include <pthread.h>

#include "../include/curl/curl.h"

#define NCLIENTS 8

struct load {
    CURL *curl;
    int requests;
};

static void *client(void *arg) {
    struct load *ld = arg;
    if (ld->curl == NULL)
        return NULL;
    for (int i = 0; i < ld->requests; i++)
        if (curl_easy_perform(ld->curl) != CURLE_OK)
            break;
    return NULL;
}

int run_load(const char *url, int requests) {
    struct load ld[NCLIENTS];
    pthread_t tids[NCLIENTS];
    int i;
    for (i = 0; i < NCLIENTS; i++) {
        ld[i].requests = requests;
        ld[i].curl = curl_easy_init();
        if (ld[i].curl != NULL) {
            curl_easy_setopt(ld[i].curl, CURLOPT_URL, url);
            curl_easy_setopt(ld[i].curl, CURLOPT_TIMEOUT, 10L);
            curl_easy_setopt(ld[i].curl, CURLOPT_NOSIGNAL, 1L);
        }
        pthread_create(&tids[i], NULL, client, &ld[i]);
    }
    for (i = 0; i < NCLIENTS; i++) {
        pthread_join(tids[i], NULL);
        curl_easy_cleanup(ld[i].curl);
    }
    return 0;
}

/*
 * check-name: per-thread argument structs, each with its own easy handle
 * check-description: &ld[i] is a different element for every creation and each element gets its own
 *   curl_easy_init, so no handle is seen by two threads; each handle is cleaned up after its thread is joined.
 */
