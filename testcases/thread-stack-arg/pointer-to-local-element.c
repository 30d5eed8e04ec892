/* The argument is not written as &local but is a pointer into a local array, taken in a separate statement. */
#include <pthread.h>
#include <stdio.h>

#define NSENDERS 3

struct sender {
    int id;
    const char *msg;
};

static void *send_main(void *arg) {
    struct sender *s = arg;
    printf("sender %d: %s\n", s->id, s->msg);
    return NULL;
}

int broadcast(const char *msg) {
    struct sender senders[NSENDERS];
    pthread_t t;
    int started = 0;
    for (int i = 0; i < NSENDERS; i++) {
        struct sender *s = &senders[i];
        s->id = i;
        s->msg = msg;
        if (pthread_create(&t, NULL, send_main, s) != 0) // expect: thread-stack-arg
            continue;
        pthread_detach(t);
        started++;
    }
    return started;
}

/*
 * check-name: pointer into a local array as the thread argument
 * check-description: s points at an element of broadcast's local senders[]; each thread is detached right
 *   away and broadcast returns while the threads may still read their element. The id variable is reused only
 *   after each detach, so there is no thread-not-joined.
 */
