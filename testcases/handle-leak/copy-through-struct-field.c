/* The handle is stored in a field of a local struct, which dies with the frame. */
#include <fcntl.h>
#include <unistd.h>

struct conn {
    int fd;
    int flags;
};

int probe(const char *path) {
    struct conn c = {-1, 0};
    c.fd = open(path, O_RDONLY); // expect: handle-leak
    if (c.fd < 0)
        return -1;
    c.flags = fcntl(c.fd, F_GETFL);
    return c.flags;
}

struct wrapper {
    struct conn inner;
    const char *name;
};

int nested(const char *path) {
    struct wrapper w;
    int fd = open(path, O_RDONLY); // expect: handle-leak
    if (fd < 0)
        return -1;
    w.inner.fd = fd;
    w.name = path;
    if (w.name[0] == '\0')
        return -1;
    close(w.inner.fd);
    return 0;
}

/*
 * check-name: handle kept in a local struct field and leaked
 * check-description: c.fd and w.inner.fd belong to locals; storing into them is not a hand-off, and the paths
 *   shown return without close.
 */
