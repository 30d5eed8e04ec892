/* Two threads are started one after the other; when the second fails, the first is left running unjoined. */
#include <pthread.h>
#include <stdio.h>

struct pipeline {
    int fd_in;
    int fd_out;
    long moved;
};

static void *read_stage(void *arg) {
    struct pipeline *p = arg;
    p->moved += p->fd_in >= 0;
    return NULL;
}

static void *write_stage(void *arg) {
    struct pipeline *p = arg;
    p->moved += p->fd_out >= 0;
    return NULL;
}

int run_pipeline(struct pipeline *p) {
    pthread_t reader, writer;
    if (pthread_create(&reader, NULL, read_stage, p) != 0) // expect: thread-not-joined
        return -1;
    if (pthread_create(&writer, NULL, write_stage, p) != 0) {
        fprintf(stderr, "cannot start writer\n");
        return -1;
    }
    pthread_join(reader, NULL);
    pthread_join(writer, NULL);
    return 0;
}

/*
 * check-name: second creation fails, first thread not joined
 * check-description: when the writer cannot be created run_pipeline returns -1, but the reader is already
 *   running and its id is only in the local reader. The writer's own failure path holds no thread (no finding on
 *   its line); the success path joins both.
 */
