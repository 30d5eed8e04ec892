/* Paths that end the process do not leak: exit, abort, _Exit and functions that never return. */
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <fcntl.h>
#include <unistd.h>

noreturn static void die(const char *what) {
    fprintf(stderr, "fatal: %s\n", what);
    exit(1);
}

__attribute__((__noreturn__)) static void fatal_errno(const char *what) {
    perror(what);
    abort();
}

static void must_exit(int code) {
    fflush(stdout);
    _Exit(code);
}

int load(const char *path, char *buf, int n) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        die(path);
    if (fgets(buf, n, fp) == NULL)
        die("empty file");
    fclose(fp);
    return 0;
}

int load_fd(const char *path, char *buf, size_t n) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        fatal_errno(path);
    if (read(fd, buf, n) < 0)
        fatal_errno("read");
    close(fd);
    return 0;
}

void check_or_exit(const char *path) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return;
    if (fgetc(fp) == EOF)
        exit(2);
    if (ferror(fp))
        abort();
    fclose(fp);
}

void inferred_noreturn(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    if (fgetc(fp) == EOF)
        must_exit(3);
    fclose(fp);
}

/*
 * check-name: paths that end in exit, abort or a noreturn function
 * check-description: die is declared noreturn (C11), fatal_errno has __attribute__((noreturn)), must_exit is
 *   not declared noreturn but always ends in _Exit, so it is inferred noreturn. Every path that does not reach
 *   fclose/close ends the process.
 */
