/* The release sits under conditions that are always false, or the leaking code under conditions that are
 * always true: constants, never-written globals and statics, and functions that always return the same value. */
#include <stdio.h>

static const int STATIC_CONST_TRUE = 1;
static const int STATIC_CONST_FALSE = 0;
const int GLOBAL_CONST_FALSE = 0;
int globalTrue = 1;
static int staticFive = 5;

static int globalReturnsTrue(void) {
    return 1;
}

static int globalReturnsFalse(void) {
    return 0;
}

void close_never_static_const(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (fp == NULL)
        return;
    if (STATIC_CONST_FALSE)
        fclose(fp);
}

void close_never_global_const(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return;
    if (GLOBAL_CONST_FALSE != 0)
        fclose(fp);
}

void leak_when_global_true(const char *path, char *buf, int n) {
    if (globalTrue) {
        FILE *fp = fopen(path, "r"); // expect: handle-leak
        if (fp != NULL)
            fgets(buf, n, fp);
    } else {
        FILE *fp = fopen(path, "r");
        if (fp != NULL) {
            fgets(buf, n, fp);
            fclose(fp);
        }
    }
}

void leak_when_static_five(const char *path) {
    FILE *fp = fopen(path, "w"); // expect: handle-leak
    if (!fp)
        return;
    if (staticFive != 5)
        fclose(fp);
}

void leak_when_returns_true(const char *path) {
    FILE *fp = fopen(path, "w"); // expect: handle-leak
    if (!fp)
        return;
    if (globalReturnsTrue())
        return;
    fclose(fp);
}

void leak_when_returns_false(const char *path) {
    FILE *fp = fopen(path, "w"); // expect: handle-leak
    if (!fp)
        return;
    if (globalReturnsFalse())
        fclose(fp);
}

void leak_when_static_const_true(const char *path) {
    FILE *fp = fopen(path, "w"); // expect: handle-leak
    if (fp == NULL)
        return;
    if (STATIC_CONST_TRUE)
        fputs("header\n", fp);
    else
        fclose(fp);
}

/*
 * check-name: leaks decided by constant and global-constant conditions
 * check-description: each function leaks on the only feasible path: the release sits under a condition that is
 *   always false (a static const, a const global, a never-written static compared with its initialiser, a
 *   function that always returns 0), or the leaking path sits under one that is always true (a never-written
 *   global, a function that always returns 1, a static const 1). In leak_when_global_true only the first fopen
 *   leaks; the else branch closes its stream.
 */
