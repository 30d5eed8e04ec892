/* Paths that end in exit() or abort() are not returns: the frame holding the argument never goes away under a
 * running thread. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct migration {
    const char *from;
    const char *to;
    int ok;
};

static void *migrate_main(void *arg) {
    struct migration *m = arg;
    printf("migrating %s -> %s\n", m->from, m->to);
    m->ok = 1;
    return NULL;
}

void migrate_or_die(const char *from, const char *to) {
    struct migration m = {from, to, 0};
    pthread_t t;
    if (pthread_create(&t, NULL, migrate_main, &m) != 0) {
        perror("pthread_create");
        exit(1);
    }
    if (strcmp(from, to) == 0) {
        fprintf(stderr, "migrate: %s onto itself\n", from);
        abort();
    }
    pthread_join(t, NULL);
    if (!m.ok)
        exit(2);
}

/*
 * check-name: stack argument with exit/abort paths
 * check-description: the only path that leaves migrate_or_die without joining ends in abort(); the returning
 *   path joins first. Neither thread-stack-arg nor thread-not-joined applies.
 */
