#include <fcntl.h>
#include <unistd.h>

int index_first_byte(const char *path) {
    char c;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    if (read(fd, &c, 1) != 1)
        return -1;
    close(fd);
    return c;
}
