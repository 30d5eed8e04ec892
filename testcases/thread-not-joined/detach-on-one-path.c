/* The session thread is detached for persistent sessions and joined otherwise, but a validation failure in
 * between returns without doing either. */
#include <pthread.h>
#include <stdio.h>

struct session {
    int fd;
    int persistent;
    int timeout_ms;
};

static void *serve_session(void *arg) {
    struct session *s = arg;
    printf("serving fd %d\n", s->fd);
    return NULL;
}

int open_session(struct session *s) {
    pthread_t t;
    if (pthread_create(&t, NULL, serve_session, s) != 0) // expect: thread-not-joined
        return -1;
    if (s->persistent) {
        pthread_detach(t);
        return 0;
    }
    if (s->timeout_ms <= 0) {
        fprintf(stderr, "bad timeout\n");
        return -1;
    }
    pthread_join(t, NULL);
    return 0;
}

/*
 * check-name: detached on one path, joined on another, dropped on a third
 * check-description: open_session detaches the thread for persistent sessions and joins it on the normal
 *   path, but returns -1 on a bad timeout with the thread still joinable and its id only in t.
 */
