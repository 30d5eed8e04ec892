/* A `static` local has static storage: it outlives the function that declares it. */
#include <pthread.h>
#include <stdio.h>

struct stats {
    long requests;
    long errors;
};

static void *report_main(void *arg) {
    const struct stats *s = arg;
    printf("%ld requests, %ld errors\n", s->requests, s->errors);
    return NULL;
}

int report_async(long requests, long errors) {
    static struct stats snapshot;
    pthread_attr_t attr;
    pthread_t t;
    int rc;
    snapshot.requests = requests;
    snapshot.errors = errors;
    if (pthread_attr_init(&attr) != 0)
        return -1;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&t, &attr, report_main, &snapshot);
    pthread_attr_destroy(&attr);
    if (rc == 0)
        puts("report scheduled");
    return rc;
}

/*
 * check-name: static local as the thread argument
 * check-description: snapshot is a static local, so &snapshot stays valid after report_async returns even
 *   though the thread is created detached. Look-alike of detached-attr-local-arg.c.
 */
