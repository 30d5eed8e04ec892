/* Fixed version of eventfd-write-fails.c. */
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

int make_wakeup(int *out) {
    uint64_t one = 1;
    int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (efd == -1)
        return -1;
    if (write(efd, &one, sizeof one) != (ssize_t)sizeof one) {
        close(efd);
        return -1;
    }
    *out = efd;
    return 0;
}

/*
 * check-name: eventfd closed or handed to the caller
 * check-description: efd == -1 is the failure path; the short-write path closes efd; success stores it in *out.
 */
