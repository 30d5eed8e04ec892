/* Fixed look-alike of second-create-fails.c: the first thread is joined when the second cannot be created. */
#include <pthread.h>
#include <stdio.h>

struct pipeline {
    int fd_in;
    int fd_out;
    int stop;
    long moved;
};

static void *read_stage(void *arg) {
    struct pipeline *p = arg;
    if (!p->stop)
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
    if (pthread_create(&reader, NULL, read_stage, p) != 0)
        return -1;
    if (pthread_create(&writer, NULL, write_stage, p) != 0) {
        fprintf(stderr, "cannot start writer\n");
        p->stop = 1;
        pthread_join(reader, NULL);
        return -1;
    }
    pthread_join(reader, NULL);
    pthread_join(writer, NULL);
    return 0;
}

/*
 * check-name: second creation fails, first thread joined
 * check-description: when the writer cannot be created run_pipeline stops and joins the reader before
 *   returning -1; the normal path joins both.
 */
