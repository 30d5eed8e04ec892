/* Fixed version of curlsh-no-lockfunc.c: the share handle gets lock and unlock callbacks, so libcurl serialises
 * the threads' access to the shared caches itself. */
#include <pthread.h>

#include "../include/curl/curl.h"

#define NCRAWLERS 4

static CURLSH *g_share;
static pthread_mutex_t g_share_locks[CURL_LOCK_DATA_LAST];

static void share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *userptr) {
    (void)handle;
    (void)access;
    (void)userptr;
    pthread_mutex_lock(&g_share_locks[data]);
}

static void share_unlock(CURL *handle, curl_lock_data data, void *userptr) {
    (void)handle;
    (void)userptr;
    pthread_mutex_unlock(&g_share_locks[data]);
}

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
    for (i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_init(&g_share_locks[i], NULL);
    g_share = curl_share_init();
    if (g_share == NULL)
        return -1;
    curl_share_setopt(g_share, CURLSHOPT_LOCKFUNC, share_lock);
    curl_share_setopt(g_share, CURLSHOPT_UNLOCKFUNC, share_unlock);
    curl_share_setopt(g_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(g_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
    for (i = 0; i < NCRAWLERS; i++)
        pthread_create(&tids[i], NULL, crawl, urls[i]);
    for (i = 0; i < NCRAWLERS; i++)
        pthread_join(tids[i], NULL);
    curl_share_cleanup(g_share);
    g_share = NULL;
    return 0;
}

/*
 * check-name: share handle with CURLSHOPT_LOCKFUNC used by several threads
 * check-description: curl_share_setopt(g_share, CURLSHOPT_LOCKFUNC, share_lock) makes the share handle safe to
 *   attach from several threads; each thread's easy handle is its own.
 */
