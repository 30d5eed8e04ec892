#include <pthread.h>
#include <stdio.h>

static void *worker(void *arg) {
    printf("%d\n", *(int *)arg);
    return NULL;
}

int pool_start(int n) {
    pthread_t t;
    int copy = n;
    FILE *log = fopen("/tmp/pool.log", "a");
    if (!log)
        return -1;
    fprintf(log, "start %d\n", n);
    if (pthread_create(&t, NULL, worker, &copy) != 0) // expect: thread-not-joined, thread-stack-arg
        return -1;
    fclose(log);
    fclose(log);
    return 0;
}
