/* A descriptor wrapped in a stream with fdopen: fclose closes both; the fd is closed directly only when fdopen
 * failed. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int dump(const char *path) {
    char line[128];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    FILE *fp = fdopen(fd, "r");
    if (fp == NULL) {
        close(fd);
        return -1;
    }
    while (fgets(line, sizeof line, fp))
        fputs(line, stdout);
    return fclose(fp);
}

/*
 * check-name: fdopen stream closed with fclose
 * check-description: after a successful fdopen the stream owns the descriptor, and fclose releases it; that is
 *   not an fd released by fclose, nor a leaked fd. The model has to say that fdopen takes over its fd argument
 *   when it returns non-NULL (and leaves it to the caller when it returns NULL).
 */
