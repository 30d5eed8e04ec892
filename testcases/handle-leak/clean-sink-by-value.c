/* Handles passed by value to functions of this file that release or keep them. */
#include <stdio.h>
#include <unistd.h>

static FILE *g_trace;

static void close_file(FILE *f) {
    if (f)
        fclose(f);
}

static void set_trace(FILE *f) {
    g_trace = f;
}

static int finish(int fd, int rc) {
    close(fd);
    return rc;
}

int show(const char *path) {
    char line[128];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    while (fgets(line, sizeof line, fp))
        fputs(line, stdout);
    close_file(fp);
    return 0;
}

int start_trace(const char *path) {
    FILE *fp = fopen(path, "a");
    if (fp == NULL)
        return -1;
    set_trace(fp);
    return 0;
}

int write_copy(int fd, const char *buf, size_t len) {
    int copy = dup(fd);
    if (copy < 0)
        return -1;
    if (write(copy, buf, len) < 0)
        return finish(copy, -1);
    return finish(copy, 0);
}

/*
 * check-name: handle passed to a same-file release wrapper or keeper
 * check-description: close_file releases its parameter (the NULL test is on the handle itself), set_trace keeps
 *   it in a global, finish closes its fd argument before returning; the callers hand their handles over.
 */
