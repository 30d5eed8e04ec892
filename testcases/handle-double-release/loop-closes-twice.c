/* A release inside a loop that runs twice. */
#include <unistd.h>

void shutdown_fd(int fd) {
    for (int i = 0; i < 2; i++)
        close(fd); // expect: handle-double-release
}

/*
 * check-name: release in a loop that runs more than once
 * check-description: the loop has a constant trip count of 2; the second iteration closes fd again. The finding
 *   is on the close inside the loop (the second release is the same call).
 */
