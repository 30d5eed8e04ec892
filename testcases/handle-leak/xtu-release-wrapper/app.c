#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "util.h"

int copy_line(const char *src, const char *dst) {
    char buf[128];
    int rc = -1;
    FILE *in = fopen(src, "r");
    FILE *out = fopen(dst, "w");
    if (in && out && fgets(buf, sizeof buf, in) && fputs(buf, out) >= 0)
        rc = 0;
    close_file(out);
    close_file(in);
    return rc;
}

int touch_fd(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    if (write(fd, "", 0) < 0) {
        conn_close(fd);
        return -1;
    }
    return conn_close(fd);
}
