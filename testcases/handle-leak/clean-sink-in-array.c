/* An array of handles passed to a same-file function that releases every element. */
#include <unistd.h>

static void close_pair(int fds[2]) {
    close(fds[0]);
    close(fds[1]);
}

int signal_ready(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    close_pair(fds);
    return 0;
}

/*
 * check-name: array of handles released by a same-file function
 * check-description: close_pair closes both elements of the array its parameter points to.
 */
