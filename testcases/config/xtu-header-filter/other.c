#include <fcntl.h>

#include "include/vendor_io.h"

int other_peek(const char *path) {
    int fd = open(path, O_RDONLY); // expect: handle-leak
    if (fd < 0)
        return -1;
    return vendor_peek(path);
}
