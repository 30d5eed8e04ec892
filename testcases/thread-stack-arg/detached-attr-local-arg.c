/* A thread created detached (attribute) gets a local array as its argument. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *write_audit(void *arg) {
    const char *line = arg;
    fprintf(stderr, "audit: %s\n", line);
    return NULL;
}

int audit_async(const char *user, const char *action) {
    char line[256];
    pthread_attr_t attr;
    pthread_t t;
    int rc;
    snprintf(line, sizeof line, "%s did %s", user, action);
    if (pthread_attr_init(&attr) != 0)
        return -1;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    rc = pthread_create(&t, &attr, write_audit, line); // expect: thread-stack-arg
    pthread_attr_destroy(&attr);
    return rc == 0 ? (int)strlen(line) : -1;
}

/*
 * check-name: detached-attribute thread given a local array
 * check-description: line decays to a pointer into audit_async's frame; the thread is detached by its
 *   attribute, so nothing waits for it before audit_async returns and the buffer dies. Only thread-stack-arg:
 *   a detached thread needs no join.
 */
