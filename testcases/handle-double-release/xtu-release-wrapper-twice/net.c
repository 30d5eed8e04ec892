#include "net.h"

#include <unistd.h>

int conn_close(int fd) {
    return close(fd);
}

void stream_close(FILE *f) {
    if (f != NULL)
        fclose(f);
}
