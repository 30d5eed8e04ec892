/* Per-thread argument structs, but every element is filled with the same easy handle: &jobs[i] differs from
 * thread to thread while jobs[i].curl does not. */
#include <pthread.h>
#include <stdio.h>

#include "../include/curl/curl.h"

#define NJOBS 4

struct job {
    CURL *curl;
    const char *url;
    CURLcode rc;
};

static void *run_job(void *arg) {
    struct job *j = arg;
    curl_easy_setopt(j->curl, CURLOPT_URL, j->url);
    j->rc = curl_easy_perform(j->curl);
    return NULL;
}

int fetch_all(char *urls[NJOBS]) {
    struct job jobs[NJOBS];
    pthread_t tids[NJOBS];
    int i, failed = 0;
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return -1;
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    for (i = 0; i < NJOBS; i++) {
        jobs[i].curl = curl;
        jobs[i].url = urls[i];
        pthread_create(&tids[i], NULL, run_job, &jobs[i]); // expect: shared-session
    }
    for (i = 0; i < NJOBS; i++) {
        pthread_join(tids[i], NULL);
        failed += jobs[i].rc != CURLE_OK;
    }
    curl_easy_cleanup(curl);
    return failed;
}

/*
 * check-name: per-thread elements that all hold the same handle
 * check-description: each thread gets its own element &jobs[i], but every element's curl field is the one
 *   handle made before the loop, and run_job performs on it: the handle value is shared even though the
 *   argument is not. Compare clean-loop-per-thread-args.c, where each element gets its own curl_easy_init.
 * check-known-to-fail
 */
