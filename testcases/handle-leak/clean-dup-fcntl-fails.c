/* Fixed version of dup-fcntl-fails.c. */
#include <fcntl.h>
#include <unistd.h>

int duplicate_cloexec(int fd, int *out) {
    int copy = dup(fd);
    if (copy < 0)
        return -1;
    if (fcntl(copy, F_SETFD, FD_CLOEXEC) < 0) {
        close(copy);
        return -1;
    }
    *out = copy;
    return 0;
}

/*
 * check-name: dup() result closed on the error path
 * check-description: the copy is closed when fcntl fails and stored through the out-parameter otherwise.
 */
