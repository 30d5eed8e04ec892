#ifndef TMPFILE_UTIL_H
#define TMPFILE_UTIL_H

#include <fcntl.h>
#include <unistd.h>

static inline int tmp_touch(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT, 0600); // expect: handle-leak
    return fd < 0 ? -1 : 0;
}

#endif
