/* An acquire wrapper that hands the handle back through an out-parameter; the caller leaks it. */
#include <fcntl.h>
#include <unistd.h>

static int open_device(const char *path, int *out) {
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return -1;
    *out = fd;
    return 0;
}

int device_ready(const char *path) {
    int fd;
    char c;
    if (open_device(path, &fd) != 0) // expect: handle-leak
        return 0;
    if (read(fd, &c, 1) != 1)
        return 0;
    close(fd);
    return c == '1';
}

/*
 * check-name: handle from an out-parameter acquire wrapper leaked
 * check-description: open_device stores the descriptor through *out on success (it outlives the wrapper, no
 *   finding there). device_ready gets it in fd and leaks it when read fails; the finding is on the call that
 *   acquired it into fd. On the failure path (open_device returns -1) fd holds nothing.
 */
