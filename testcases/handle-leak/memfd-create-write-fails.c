/* A memfd leaks when filling it fails. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

int sealed_blob(const void *data, size_t len) {
    int fd = memfd_create("blob", MFD_CLOEXEC | MFD_ALLOW_SEALING); // expect: handle-leak
    if (fd < 0)
        return -1;
    if (write(fd, data, len) != (ssize_t)len)
        return -1;
    if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * check-name: memfd_create descriptor leaked on a short write
 * check-description: the sealing failure closes fd and success returns it, but a short write returns -1 with
 *   the memfd open.
 */
