/* Fixed version of mkstemp-write-fails.c. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int write_temp(const char *data, size_t len, char *path_out, size_t path_len) {
    char tmpl[] = "/tmp/lifeline-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd == -1)
        return -1;
    if (write(fd, data, len) != (ssize_t)len) {
        close(fd);
        unlink(tmpl);
        return -1;
    }
    close(fd);
    if (strlen(tmpl) >= path_len)
        return -1;
    strcpy(path_out, tmpl);
    return 0;
}

/*
 * check-name: mkstemp descriptor closed on every path
 * check-description: both the error path and the success path close the descriptor.
 */
