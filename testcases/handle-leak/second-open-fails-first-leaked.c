/* The failure check of a second acquire returns without releasing the first one. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int copy_file(const char *src, const char *dst) {
    char buf[4096];
    ssize_t n;
    int in = open(src, O_RDONLY); // expect: handle-leak
    if (in < 0)
        return -1;
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0)
        return -1;
    while ((n = read(in, buf, sizeof buf)) > 0)
        write(out, buf, (size_t)n);
    close(out);
    close(in);
    return 0;
}

int diff_first_lines(const char *a, const char *b) {
    char la[128], lb[128];
    FILE *fa = fopen(a, "r"); // expect: handle-leak
    if (fa == NULL)
        return -1;
    FILE *fb = fopen(b, "r");
    if (fb == NULL)
        return -1;
    int same = fgets(la, sizeof la, fa) && fgets(lb, sizeof lb, fb) && la[0] == lb[0];
    fclose(fa);
    fclose(fb);
    return same;
}

/*
 * check-name: second acquire fails and the first handle leaks
 * check-description: out < 0 and fb == NULL are failure paths for the second acquire only; the first handle is
 *   open on them. The findings are on the first acquisitions.
 */
