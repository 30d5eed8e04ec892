/* Joinable threads given the address of a local, never joined or joined on one branch only. */
#include <pthread.h>
#include <stdio.h>

struct probe {
    const char *host;
    int port;
    int up;
};

static void *run_probe(void *arg) {
    struct probe *p = arg;
    p->up = p->port > 0;
    return NULL;
}

int probe_host(const char *host, int port) {
    struct probe p = {host, port, 0};
    pthread_t t;
    if (pthread_create(&t, NULL, run_probe, &p) != 0) // expect: thread-not-joined, thread-stack-arg
        return -1;
    printf("probing %s\n", host);
    return 0;
}

int probe_maybe_wait(const char *host, int port, int wait) {
    struct probe p = {host, port, 0};
    pthread_t t;
    if (pthread_create(&t, NULL, run_probe, &p) != 0) // expect: thread-not-joined, thread-stack-arg
        return -1;
    if (!wait)
        return 0;
    pthread_join(t, NULL);
    return p.up;
}

/*
 * check-name: unjoined thread with a stack argument
 * check-description: probe_host never joins the thread and probe_maybe_wait skips the join when wait is 0:
 *   on those paths the function returns with the thread joinable and unjoined (thread-not-joined) while it
 *   still writes into the local p (thread-stack-arg). The path through pthread_join in probe_maybe_wait is fine.
 */
