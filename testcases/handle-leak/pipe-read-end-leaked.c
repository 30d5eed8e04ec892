/* pipe() yields two descriptors; one of them is never closed. */
#include <unistd.h>

int notify_once(const char *msg, size_t len) {
    int fds[2];
    if (pipe(fds) < 0) // expect: handle-leak
        return -1;
    if (write(fds[1], msg, len) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    close(fds[1]);
    return 0;
}

/*
 * check-name: read end of a pipe never closed
 * check-description: the error path closes both ends, but the success path closes only the write end fds[1];
 *   fds[0] leaks. The finding is on the pipe call, which acquired it. Only one of the two descriptors leaks on
 *   any path, so one finding is expected.
 */
