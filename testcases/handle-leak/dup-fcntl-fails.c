/* A duplicated descriptor leaks when setting close-on-exec fails. */
#include <fcntl.h>
#include <unistd.h>

int duplicate_cloexec(int fd, int *out) {
    int copy = dup(fd); // expect: handle-leak
    if (copy < 0)
        return -1;
    if (fcntl(copy, F_SETFD, FD_CLOEXEC) < 0)
        return -1;
    *out = copy;
    return 0;
}

/*
 * check-name: dup() result leaked on an error path
 * check-description: dup acquires a new descriptor; when fcntl fails the function returns without closing it.
 *   The original fd is a parameter and is not tracked.
 */
