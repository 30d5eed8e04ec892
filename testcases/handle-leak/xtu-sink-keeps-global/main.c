#include <stdio.h>
#include <sys/socket.h>

#include "logger.h"

int open_log(const char *path) {
    FILE *fp = fopen(path, "a");
    if (fp == NULL)
        return -1;
    log_set_output(fp);
    return 0;
}

int take_client(int listen_fd) {
    int c = accept(listen_fd, NULL, NULL);
    if (c < 0)
        return -1;
    return server_add_client(c);
}
