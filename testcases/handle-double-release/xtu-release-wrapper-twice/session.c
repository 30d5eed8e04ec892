#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"

void end_bad(int listen_fd) {
    int c = accept(listen_fd, NULL, NULL);
    if (c < 0)
        return;
    conn_close(c);
    close(c); // expect: handle-double-release
}

void end_stream_bad(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    fclose(fp);
    stream_close(fp); // expect: handle-double-release
}

void end_ok(int listen_fd, const char *path) {
    int c = accept(listen_fd, NULL, NULL);
    if (c >= 0)
        conn_close(c);
    FILE *fp = fopen(path, "r");
    stream_close(fp);
}
