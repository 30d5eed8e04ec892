/* Releases under always-true conditions followed by uses. */
#include <stdio.h>
#include <unistd.h>

static const int STATIC_CONST_TRUE = 1;

static int globalReturnsTrue(void) {
    return 1;
}

void log_twice(FILE *out, const char *msg) {
    fputs(msg, out);
    if (STATIC_CONST_TRUE)
        fclose(out);
    fputs(msg, out); // expect: handle-use-after-release
}

void ping_fn(int fd) {
    if (globalReturnsTrue())
        close(fd);
    write(fd, "ping\n", 5); // expect: handle-use-after-release
}

/*
 * check-name: release under always-true conditions before a use
 * check-description: the guarded release always runs, so the following use is after release.
 */
