/* Threads created with a detached attribute release their resources themselves: nothing to join. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct request {
    int client;
    char path[256];
};

static void *handle_request(void *arg) {
    struct request *req = arg;
    printf("client %d: %s\n", req->client, req->path);
    free(req);
    return NULL;
}

int dispatch_request(int client, const char *path) {
    pthread_attr_t attr;
    pthread_t t;
    int rc;
    struct request *req = malloc(sizeof *req);
    if (req == NULL)
        return -1;
    req->client = client;
    snprintf(req->path, sizeof req->path, "%s", path);
    if (pthread_attr_init(&attr) != 0) {
        free(req);
        return -1;
    }
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&t, &attr, handle_request, req);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        free(req);
    return rc;
}

/*
 * check-name: detached attribute
 * check-description: dispatch_request sets PTHREAD_CREATE_DETACHED on attr before pthread_create; the thread
 *   is detached from birth, so dropping t at return is fine. The argument is heap memory that the thread frees.
 *   Look-alike of joinable-attr-not-joined.c.
 */
