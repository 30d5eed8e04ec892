/* nolintbegin / nolintend around whole functions: every line between them, both directive lines included. */
#include <pthread.h>
#include <stdio.h>

static void *work(void *arg) {
    (void)arg;
    return NULL;
}

// NOLINTBEGIN(lifeline-thread-not-joined)
void spawn_one(void) {
    pthread_t t;
    pthread_create(&t, NULL, work, NULL);
}

void spawn_two(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, work, NULL);
    pthread_create(&b, NULL, work, NULL);
}
// NOLINTEND(lifeline-thread-not-joined)

void spawn_after(void) {
    pthread_t t;
    pthread_create(&t, NULL, work, NULL); // expect: thread-not-joined
}

/* NOLINTBEGIN */
int slurp(const char *path) {
    FILE *fp = fopen(path, "r");
    return fp ? fgetc(fp) : -1;
}
/* NOLINTEND */

// NOLINTBEGIN(lifeline-thread-not-joined)
int slurp_wrong_rule(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    return fp ? fgetc(fp) : -1;
}
// NOLINTEND(lifeline-thread-not-joined)

// NOLINTBEGIN(lifeline-handle-leak)
// NOLINTBEGIN(lifeline-thread-*)
void spawn_nested(FILE *log) {
    pthread_t t;
    pthread_create(&t, NULL, work, NULL);
    FILE *fp = fopen("/dev/null", "w");
    if (fp)
        fputs("x", fp);
    fclose(log);
}
// NOLINTEND(lifeline-thread-*)
void close_twice(FILE *log) {
    fclose(log);
    fclose(log); // expect: handle-double-release
    pthread_t t;
    pthread_create(&t, NULL, work, NULL); // expect: thread-not-joined
}
// NOLINTEND(lifeline-handle-leak)

/*
 * check-name: nolintbegin/nolintend regions
 * check-description: spawn_one and spawn_two drop joinable threads inside a region for thread-not-joined:
 *   suppressed; spawn_after, after the END, is reported. The bare region around slurp suppresses its leak; the
 *   region around slurp_wrong_rule names only the thread rule, so the leak is reported. Regions nest: in
 *   spawn_nested the thread and the leak are both covered; close_twice is still inside the handle-leak region but
 *   outside the thread one, and neither names the double release.
 */
