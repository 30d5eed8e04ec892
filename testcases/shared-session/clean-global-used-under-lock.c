/* Fixed version of global-used-after-unlock.c: the transfer stays inside the critical section. */
#include <pthread.h>
#include <stddef.h>

#include "../include/curl/curl.h"

#define NSENDERS 3

static CURL *g_http;
static pthread_mutex_t g_queue_lock = PTHREAD_MUTEX_INITIALIZER;
static char **g_queue;
static size_t g_queued;

static void *sender(void *arg) {
    (void)arg;
    for (;;) {
        char *body = NULL;
        pthread_mutex_lock(&g_queue_lock);
        if (g_queued > 0)
            body = g_queue[--g_queued];
        if (body != NULL) {
            curl_easy_setopt(g_http, CURLOPT_POSTFIELDS, body);
            curl_easy_perform(g_http);
        }
        pthread_mutex_unlock(&g_queue_lock);
        if (body == NULL)
            return NULL;
    }
}

void drain_queue(void) {
    pthread_t tids[NSENDERS];
    int i;
    for (i = 0; i < NSENDERS; i++)
        pthread_create(&tids[i], NULL, sender, NULL);
    for (i = 0; i < NSENDERS; i++)
        pthread_join(tids[i], NULL);
}

/*
 * check-name: global handle used inside the critical section
 * check-description: sender pops the batch and runs the transfer on g_http before releasing g_queue_lock; the
 *   handle is only ever touched with the lock held.
 */
