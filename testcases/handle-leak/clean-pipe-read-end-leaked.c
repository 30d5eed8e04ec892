/* Fixed version of pipe-read-end-leaked.c, and the other accepted forms of pipe's failure check. */
#include <unistd.h>

int notify_once(const char *msg, size_t len) {
    int fds[2];
    int rc = 0;
    if (pipe(fds) < 0)
        return -1;
    if (write(fds[1], msg, len) < 0)
        rc = -1;
    close(fds[0]);
    close(fds[1]);
    return rc;
}

int probe_pipe(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    close(fds[1]);
    close(fds[0]);
    return 0;
}

int probe_pipe_rc(void) {
    int p[2];
    int rc = pipe(p);
    if (rc == -1)
        return -1;
    close(p[0]);
    close(p[1]);
    return 0;
}

/*
 * check-name: both ends of a pipe closed
 * check-description: pipe(fds) < 0, != 0 and a saved return code == -1 are failure checks (no descriptors
 *   exist on those paths); every other path closes fds[0] and fds[1].
 */
