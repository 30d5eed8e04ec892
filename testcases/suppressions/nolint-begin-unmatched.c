/* A nolintbegin that is never closed suppresses nothing, nor does an END whose list differs from the open BEGIN's.
 * The unpaired directives are reported as tool notes, which are not findings. */
#include <stdio.h>

// NOLINTBEGIN(lifeline-handle-leak)
int head(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    return fp ? fgetc(fp) : -1;
}
// NOLINTEND(lifeline-handle-*)

int tail(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    if (fseek(fp, -1, SEEK_END) != 0)
        return -1;
    int c = fgetc(fp);
    fclose(fp);
    return c;
}

// NOLINTBEGIN
int middle(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    if (fseek(fp, 8, SEEK_SET) != 0)
        return -1;
    int c = fgetc(fp);
    fclose(fp);
    return c;
}

/*
 * check-name: unmatched nolintbegin and nolintend
 * check-description: the BEGIN(lifeline-handle-leak) is closed by nothing (the END's list, lifeline-handle-*, is
 *   not the same text), and the bare BEGIN above middle is never closed: clang-tidy's rule, an unclosed region
 *   suppresses nothing. All three leaks are reported; lifeline adds notes tagged lifeline-nolint for the three
 *   unpaired directives.
 */
