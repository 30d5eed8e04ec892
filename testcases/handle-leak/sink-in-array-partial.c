/* Both ends of a pipe passed as an array to a same-file function that closes only one of them. */
#include <unistd.h>

static void close_read_end(int fds[2]) {
    close(fds[0]);
}

int signal_ready(void) {
    int fds[2];
    if (pipe(fds) != 0) // expect: handle-leak
        return -1;
    close_read_end(fds);
    return 0;
}

/*
 * check-name: array of handles passed to a function that releases one element
 * check-description: close_read_end closes fds[0] only; fds[1] is still open when signal_ready returns. This
 *   needs element-precise (constant index) tracking of the array and of the callee's effect on it.
 */
