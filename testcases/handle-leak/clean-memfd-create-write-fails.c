/* Fixed version of memfd-create-write-fails.c. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

int sealed_blob(const void *data, size_t len) {
    int fd = memfd_create("blob", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return -1;
    if (write(fd, data, len) != (ssize_t)len)
        goto fail;
    if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}

/*
 * check-name: memfd_create descriptor closed on every error path
 * check-description: both failures jump to fail, which closes fd; success returns it.
 */
