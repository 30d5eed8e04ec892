/* The release happens on a path that returns; the use is on the other path. */
#include <stdio.h>
#include <unistd.h>

int append(FILE *out, const char *text, int abort_now) {
    if (abort_now) {
        fclose(out);
        return -1;
    }
    fputs(text, out);
    return fclose(out);
}

int send_or_close(int fd, const char *buf, size_t len) {
    if (len == 0) {
        close(fd);
        return 0;
    }
    if (write(fd, buf, len) < 0) {
        close(fd);
        return -1;
    }
    write(fd, "\n", 1);
    return close(fd);
}

/*
 * check-name: release on one path, use on another
 * check-description: the branches that release return at once; the uses are on the other branches, where the
 *   handle is still open.
 */
