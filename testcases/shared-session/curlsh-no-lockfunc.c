/* Crawler threads share a DNS and connection cache through a global CURLSH, but the share handle was set up
 * without lock callbacks, so libcurl does nothing to keep the threads from using it at the same time. */
#include <pthread.h>

#include "../include/curl/curl.h"

#define NCRAWLERS 4

static CURLSH *g_share;

static void *crawl(void *arg) {
    const char *url = arg;
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return NULL;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_SHARE, g_share);
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return NULL;
}

int crawl_all(char *urls[NCRAWLERS]) {
    pthread_t tids[NCRAWLERS];
    int i;
    g_share = curl_share_init();
    if (g_share == NULL)
        return -1;
    curl_share_setopt(g_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(g_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
    for (i = 0; i < NCRAWLERS; i++)
        pthread_create(&tids[i], NULL, crawl, urls[i]); // expect: shared-session
    for (i = 0; i < NCRAWLERS; i++)
        pthread_join(tids[i], NULL);
    curl_share_cleanup(g_share);
    g_share = NULL;
    return 0;
}

/*
 * check-name: share handle without CURLSHOPT_LOCKFUNC used by several threads
 * check-description: each crawler has its own easy handle but attaches the global g_share with
 *   curl_easy_setopt(curl, CURLOPT_SHARE, g_share); no CURLSHOPT_LOCKFUNC was set on g_share, so it is a session
 *   and the threads of the creation loop share it.
 */
