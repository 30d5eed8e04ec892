/* The descriptor of a temporary file leaks when writing it fails (the file is unlinked, the fd is not closed). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int write_temp(const char *data, size_t len, char *path_out, size_t path_len) {
    char tmpl[] = "/tmp/lifeline-XXXXXX";
    int fd = mkstemp(tmpl); // expect: handle-leak
    if (fd == -1)
        return -1;
    if (write(fd, data, len) != (ssize_t)len) {
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
 * check-name: mkstemp descriptor leaked on a short write
 * check-description: the error path removes the file but keeps its descriptor open. The later `return -1`
 *   after close(fd) is fine.
 */
