#include "util.h"

#include <unistd.h>

void close_file(FILE *f) {
    if (f)
        fclose(f);
}

int conn_close(int fd) {
    if (fd < 0)
        return 0;
    return close(fd);
}
