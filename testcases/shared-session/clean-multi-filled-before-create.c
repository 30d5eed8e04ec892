/* Fixed version of creator-adds-while-multi-runs.c: both transfers are added before the pump thread starts,
 * and removed only after it is joined. */
#include <pthread.h>

#include "../include/curl/curl.h"

static void *pump(void *arg) {
    CURLM *multi = arg;
    int running = 1;
    while (running) {
        if (curl_multi_perform(multi, &running) != CURLM_OK)
            break;
        if (running)
            curl_multi_poll(multi, NULL, 0, 1000, NULL);
    }
    return NULL;
}

int fetch_pair(const char *first, const char *second) {
    CURLM *multi = curl_multi_init();
    CURL *a = curl_easy_init();
    CURL *b = curl_easy_init();
    pthread_t tid;
    if (multi != NULL && a != NULL && b != NULL) {
        curl_easy_setopt(a, CURLOPT_URL, first);
        curl_easy_setopt(a, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(b, CURLOPT_URL, second);
        curl_easy_setopt(b, CURLOPT_TIMEOUT, 30L);
        curl_multi_add_handle(multi, a);
        curl_multi_add_handle(multi, b);
        if (pthread_create(&tid, NULL, pump, multi) == 0)
            pthread_join(tid, NULL);
        curl_multi_remove_handle(multi, b);
        curl_multi_remove_handle(multi, a);
    }
    curl_easy_cleanup(b);
    curl_easy_cleanup(a);
    curl_multi_cleanup(multi);
    return 0;
}

/*
 * check-name: multi handle filled before the pump thread starts
 * check-description: the creator touches multi only before pthread_create and after pthread_join; while the
 *   pump runs, only the pump uses it.
 */
