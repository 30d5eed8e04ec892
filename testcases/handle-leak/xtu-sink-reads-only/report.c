#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "io.h"

int print_report(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return dump_stream(fp, stdout);
}

int banner_to(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644); // expect: handle-leak
    if (fd < 0)
        return -1;
    return send_banner(fd);
}
