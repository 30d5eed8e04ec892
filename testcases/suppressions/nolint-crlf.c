/* A file with CRLF line ends: line numbers of directives and findings must agree. */
#include <stdio.h>

int crlf_leak(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

int crlf_same_line(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-leak)
    if (!fp)
        return -1;
    return fgetc(fp);
}

int crlf_next_line(const char *path) {
    // NOLINTNEXTLINE(lifeline-handle-leak)
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    return fgetc(fp);
}

/* NOLINTBEGIN(lifeline-handle-leak) */
int crlf_region(const char *path) {
    FILE *fp = fopen(path, "r");
    return fp ? fgetc(fp) : -1;
}
/* NOLINTEND(lifeline-handle-leak) */

int crlf_after_region(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    return fp ? fgetc(fp) : -1;
}

/*
 * check-name: nolint directives in a CRLF file
 * check-description: every function leaks its stream when fopen succeeds. The file has CRLF line ends (keep them:
 *   an editor that converts them loses the point); each directive must land on the same line as the finding it
 *   is written for: same-line, next-line and region forms suppress, the two functions without one are reported.
 */
