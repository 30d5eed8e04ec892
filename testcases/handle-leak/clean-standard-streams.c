/* The standard streams and descriptors 0-2 are never tracked: no leak, double release or use after release. */
#include <stdio.h>
#include <unistd.h>

void log_to(FILE *out, const char *msg) {
    fputs(msg, out);
}

void use_streams(const char *msg) {
    FILE *out = stdout;
    FILE *err = stderr;
    fputs(msg, out);
    fputs(msg, err);
    log_to(stdout, msg);
}

void close_stdin_twice(void) {
    fclose(stdin);
    fclose(stdin);
}

void raw_fds(const char *msg, size_t len) {
    int fd = 1;
    write(fd, msg, len);
    write(STDERR_FILENO, msg, len);
    close(STDIN_FILENO);
    close(0);
}

void write_after_close(const char *msg, size_t len) {
    close(2);
    write(2, msg, len);
}

/*
 * check-name: standard streams and descriptors 0-2
 * check-description: stdin, stdout, stderr and the descriptors 0, 1 and 2 are not acquired in the function and
 *   are never tracked, so closing or using them in any order is not reported.
 */
