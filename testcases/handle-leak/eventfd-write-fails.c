/* An eventfd leaks when priming it fails. */
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

int make_wakeup(int *out) {
    uint64_t one = 1;
    int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); // expect: handle-leak
    if (efd < 0)
        return -1;
    if (write(efd, &one, sizeof one) != (ssize_t)sizeof one)
        return -1;
    *out = efd;
    return 0;
}

/*
 * check-name: eventfd leaked when the first write fails
 * check-description: the short-write path returns without closing efd and without storing it.
 */
