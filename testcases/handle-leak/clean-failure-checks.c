/* Every common spelling of "the acquire failed": those paths hold no handle. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int null_eq(const char *p) {
    FILE *fp = fopen(p, "r");
    if (fp == NULL)
        return -1;
    return fclose(fp);
}

int not_fp(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        goto out;
    fclose(fp);
    return 0;
out:
    return -1;
}

int assign_in_condition(const char *p) {
    FILE *fp;
    if ((fp = fopen(p, "r")) == NULL)
        return -1;
    return fclose(fp);
}

int fp_else(const char *p) {
    FILE *fp = fopen(p, "r");
    if (fp) {
        fclose(fp);
        return 0;
    } else {
        return -1;
    }
}

int fd_less_than_zero(const char *p) {
    int rc = -1;
    int fd = open(p, O_RDONLY);
    if (fd < 0)
        goto out;
    rc = close(fd);
out:
    return rc;
}

void fd_eq_minus_one(const char *p) {
    int fd = open(p, O_RDONLY);
    if (fd == -1)
        return;
    close(fd);
}

int fd_ge_zero(const char *p) {
    int fd = open(p, O_RDONLY);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    return -1;
}

int sock_assign_in_condition(void) {
    int s;
    if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
        return -1;
    return close(s);
}

int dir_null(const char *p) {
    DIR *d = opendir(p);
    if (NULL == d)
        return -1;
    return closedir(d);
}

int pipe_lt_zero(void) {
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    close(fds[0]);
    close(fds[1]);
    return 0;
}

int pipe_ne_zero(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    close(fds[0]);
    close(fds[1]);
    return 0;
}

int pipe_truthy(void) {
    int fds[2];
    if (pipe(fds))
        return -1;
    close(fds[0]);
    close(fds[1]);
    return 0;
}

/*
 * check-name: failure paths of acquires
 * check-description: == NULL, !fp, assignment inside the condition, the else of if (fp), NULL == d, fd < 0,
 *   fd == -1, fd >= 0, and pipe(fds) < 0 / != 0 / truthy: on each failure path nothing was acquired; each
 *   success path releases.
 */
