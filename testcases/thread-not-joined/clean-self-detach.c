/* The start routine detaches its own thread, directly or through a helper; the creator drops the id. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct upload {
    const char *name;
    size_t size;
};

static void *upload_main(void *arg) {
    struct upload *u = arg;
    pthread_detach(pthread_self());
    printf("upload %s (%zu bytes)\n", u->name, u->size);
    free(u);
    return NULL;
}

static void become_daemon_thread(void) {
    pthread_detach(pthread_self());
}

static void *gc_main(void *arg) {
    become_daemon_thread();
    printf("gc pass over %p\n", arg);
    return NULL;
}

int start_upload(const char *name, size_t size) {
    pthread_t t;
    struct upload *u = malloc(sizeof *u);
    if (u == NULL)
        return -1;
    u->name = name;
    u->size = size;
    if (pthread_create(&t, NULL, upload_main, u) != 0) {
        free(u);
        return -1;
    }
    return 0;
}

int start_gc(void *heap) {
    pthread_t t;
    return pthread_create(&t, NULL, gc_main, heap);
}

/*
 * check-name: start routine detaches itself
 * check-description: upload_main calls pthread_detach(pthread_self()) and gc_main does it through the helper
 *   become_daemon_thread: both threads are detached by their own start routine, so start_upload and start_gc
 *   may drop the id.
 */
