/* Fire-and-forget threads detached right after creation. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct notification {
    int user;
    char text[128];
};

static void *send_notification(void *arg) {
    struct notification *n = arg;
    printf("notify %d: %s\n", n->user, n->text);
    free(n);
    return NULL;
}

int notify_async(int user, const char *text) {
    pthread_t t;
    struct notification *n = malloc(sizeof *n);
    if (n == NULL)
        return -1;
    n->user = user;
    snprintf(n->text, sizeof n->text, "%s", text);
    if (pthread_create(&t, NULL, send_notification, n) != 0) {
        free(n);
        return -1;
    }
    pthread_detach(t);
    return 0;
}

static void *flush_metrics(void *arg) {
    (void)arg;
    puts("metrics flushed");
    return NULL;
}

void flush_metrics_async(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, flush_metrics, NULL) == 0)
        pthread_detach(t);
}

/*
 * check-name: detached after creation
 * check-description: notify_async and flush_metrics_async call pthread_detach on the new thread on every path
 *   where it exists; the creation failure paths hold no thread. Look-alike of return-without-join.c.
 */
