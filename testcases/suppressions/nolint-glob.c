/* Globs in a nolint list: lifeline-handle-* and lifeline-* match the handle rules, lifeline-thread-* does not. */
#include <pthread.h>
#include <stdio.h>

int count_lines(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-*)
    int n = 0, c;
    if (!fp)
        return -1;
    while ((c = fgetc(fp)) != EOF)
        n += c == '\n';
    return n;
}

void close_log_twice(FILE *log) {
    fclose(log);
    fclose(log); // NOLINT(lifeline-handle-*)
}

int count_bytes(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-*)
    int n = 0;
    if (!fp)
        return -1;
    while (fgetc(fp) != EOF)
        n++;
    return n;
}

int count_words(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-thread-*) expect: handle-leak
    int n = 0, c;
    if (!fp)
        return -1;
    while ((c = fgetc(fp)) != EOF)
        n += c == ' ';
    return n;
}

int count_words_again(const char *path) {
    FILE *fp = fopen(path, "r"); // NOLINT(lifeline-handle-leak-*) expect: handle-leak
    int n = 0, c;
    if (!fp)
        return -1;
    while ((c = fgetc(fp)) != EOF)
        n += c == ' ';
    return n;
}

/*
 * check-name: nolint with check globs
 * check-description: lifeline-handle-* covers handle-leak (count_lines) and handle-double-release
 *   (close_log_twice); lifeline-* covers every lifeline rule (count_bytes). lifeline-thread-* names only the thread
 *   rules and lifeline-handle-leak-* needs at least a '-' after the rule id: count_words and count_words_again are
 *   still reported.
 */
