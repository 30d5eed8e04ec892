/* An error branch closes the descriptor but forgets to return, so the common path closes it again. */
#include <fcntl.h>
#include <unistd.h>

int write_all(const char *path, const char *buf, size_t len) {
    int rc = 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    if (write(fd, buf, len) != (ssize_t)len) {
        close(fd);
        rc = -1;
    }
    close(fd); // expect: handle-double-release
    return rc;
}

/*
 * check-name: close in an error branch without return
 * check-description: on the short-write path fd is closed inside the branch and again after it. Between the two
 *   calls another thread may have been given the same descriptor number.
 */
