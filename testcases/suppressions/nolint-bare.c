/* A bare nolint silences every rule on its own line, with or without a reason after it; the same leak on a line
 * without one is reported. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int first_byte(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT
    if (!fp)
        return -1;
    return fgetc(fp);
}

int first_byte_fd(const char *path) {
    char c;
    int fd = open(path, O_RDONLY); // NOLINT: kept open for the process lifetime on purpose
    if (fd < 0)
        return -1;
    return read(fd, &c, 1) == 1 ? c : -1;
}

int first_byte_unclosed(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-double-release
    if (!fp)
        return -1;
    return fgetc(fp);
}

int first_byte_reported(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    return fgetc(fp);
}

/*
 * check-name: bare nolint on the acquisition line
 * check-description: the three functions leak their handle on the success path. A handle-leak finding sits on the
 *   acquisition line, so a nolint there (first_byte; first_byte_fd with a ": reason" after the directive) hides
 *   it. In first_byte_unclosed the check list has no ')' on the line: as in clang-tidy the directive is then a
 *   bare one, for every rule. first_byte_reported is the same code without a directive: still reported.
 */
