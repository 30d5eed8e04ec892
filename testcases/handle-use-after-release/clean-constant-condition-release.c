/* Releases under always-false conditions do not make later uses into uses after release. */
#include <stdio.h>
#include <unistd.h>

static const int STATIC_CONST_FALSE = 0;
static int staticFive = 5;

static int globalReturnsFalse(void) {
    return 0;
}

void log_twice(FILE *out, const char *msg) {
    fputs(msg, out);
    if (STATIC_CONST_FALSE)
        fclose(out);
    fputs(msg, out);
}

void ping(int fd) {
    if (staticFive != 5)
        close(fd);
    write(fd, "ping\n", 5);
}

void ping_fn(int fd) {
    if (globalReturnsFalse())
        close(fd);
    write(fd, "ping\n", 5);
}

/*
 * check-name: release under always-false conditions before a use
 * check-description: the release can never run (static const 0, never-written static compared with another
 *   value, function that always returns 0), so the later use sees an open handle.
 */
