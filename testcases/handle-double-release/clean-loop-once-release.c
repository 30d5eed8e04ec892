/* A release inside a loop that runs exactly once, and a retry loop that exits after the release. */
#include <errno.h>
#include <unistd.h>

void shutdown_fd(int fd) {
    for (int i = 0; i < 1; i++)
        close(fd);
}

int close_retry(int fd) {
    int rc;
    do {
        rc = close(fd);
    } while (0);
    return rc;
}

/*
 * check-name: release in a loop that runs once
 * check-description: i < 1 with i starting at 0 runs the body once; do { } while (0) runs it once. Neither
 *   releases twice.
 */
