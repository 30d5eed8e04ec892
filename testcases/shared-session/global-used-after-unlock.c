/* The batch threads lock the mutex, but only to take the next batch off the queue: the transfer on the global
 * handle runs after the unlock. */
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
        pthread_mutex_unlock(&g_queue_lock);
        if (body == NULL)
            return NULL;
        curl_easy_setopt(g_http, CURLOPT_POSTFIELDS, body);
        curl_easy_perform(g_http);
    }
}

void drain_queue(void) {
    pthread_t tids[NSENDERS];
    int i;
    for (i = 0; i < NSENDERS; i++)
        pthread_create(&tids[i], NULL, sender, NULL); // expect: shared-session
    for (i = 0; i < NSENDERS; i++)
        pthread_join(tids[i], NULL);
}

/*
 * check-name: global handle used after the mutex is released
 * check-description: sender holds g_queue_lock only while it pops a batch; curl_easy_setopt and
 *   curl_easy_perform on g_http run unlocked, in every thread the loop creates.
 */
