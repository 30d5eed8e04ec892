/* Pointers into a local array of per-thread arguments, threads joined in a loop over a parameter count. */
#include <pthread.h>
#include <stdio.h>

#define MAX_SENDERS 16

struct sender {
    int id;
    const char *msg;
    int sent;
};

static void *send_main(void *arg) {
    struct sender *s = arg;
    printf("sender %d: %s\n", s->id, s->msg);
    s->sent = 1;
    return NULL;
}

int broadcast(const char *msg, int n) {
    struct sender senders[MAX_SENDERS];
    pthread_t tids[MAX_SENDERS];
    int sent = 0;
    if (n <= 0 || n > MAX_SENDERS)
        return -1;
    for (int i = 0; i < n; i++) {
        struct sender *s = &senders[i];
        s->id = i;
        s->msg = msg;
        s->sent = 0;
        pthread_create(&tids[i], NULL, send_main, s);
    }
    for (int i = 0; i < n; i++) {
        pthread_join(tids[i], NULL);
        sent += senders[i].sent;
    }
    return sent;
}

/*
 * check-name: pointer into a local array, threads joined
 * check-description: fixed look-alike of pointer-to-local-element.c: each thread gets s = &senders[i], and
 *   the join loop over the same n elements runs before broadcast returns; the n check returns before any
 *   thread exists.
 */
