/* Fixed version of copy-through-struct-field.c: released through the field. */
#include <fcntl.h>
#include <unistd.h>

struct conn {
    int fd;
    int flags;
};

int probe(const char *path) {
    struct conn c = {-1, 0};
    c.fd = open(path, O_RDONLY);
    if (c.fd < 0)
        return -1;
    c.flags = fcntl(c.fd, F_GETFL);
    close(c.fd);
    return c.flags;
}

struct wrapper {
    struct conn inner;
    const char *name;
};

int nested(const char *path) {
    struct wrapper w;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    w.inner.fd = fd;
    w.name = path;
    if (w.name[0] == '\0') {
        close(w.inner.fd);
        return -1;
    }
    close(fd);
    return 0;
}

struct wrapper copy_out(const char *path) {
    struct wrapper w = {{-1, 0}, path};
    int fd = open(path, O_RDONLY);
    if (fd >= 0)
        w.inner.fd = fd;
    return w;
}

/*
 * check-name: handle released through a struct field or returned inside a struct
 * check-description: probe closes c.fd, nested closes either w.inner.fd or its alias fd; copy_out returns the
 *   struct holding the descriptor by value, which hands it to the caller.
 */
