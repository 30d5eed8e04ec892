/* The handle is passed to functions of this file that only use it: they neither release nor keep it, so the
 * caller still owns it and leaks it. */
#include <stdio.h>
#include <unistd.h>

static int dump(FILE *f) {
    char line[128];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        fputs(line, stdout);
        n++;
    }
    return n;
}

static int peek_ptr(FILE **pf) {
    return fgetc(*pf);
}

static ssize_t send_all(int fd, const char *buf, size_t len) {
    return write(fd, buf, len);
}

int show(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return dump(fp);
}

int first(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return peek_ptr(&fp);
}

int write_copy(int fd, const char *buf, size_t len) {
    int copy = dup(fd); // expect: handle-leak
    if (copy < 0)
        return -1;
    return send_all(copy, buf, len) < 0 ? -1 : 0;
}

/*
 * check-name: handle passed to same-file functions that only use it
 * check-description: dump reads through its parameter, peek_ptr reads through *pf, send_all writes to its fd;
 *   their summaries say they neither release nor keep the handle, so the callers leak what they acquired.
 */
