/* Fixed version of outparam-wrapper-leaked-by-caller.c. */
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
    int ready;
    if (open_device(path, &fd) != 0)
        return 0;
    ready = read(fd, &c, 1) == 1 && c == '1';
    close(fd);
    return ready;
}

/*
 * check-name: handle from an out-parameter acquire wrapper released
 * check-description: when open_device returns 0, fd holds a descriptor, which device_ready closes; when it
 *   returns -1, nothing was stored and there is nothing to close. This needs the wrapper's summary to say
 *   under which return value *out holds a handle (like pipe's `success: zero`).
 */
