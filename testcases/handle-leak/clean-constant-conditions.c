/* Fixed version of constant-conditions.c: now the leaking code is what cannot run. Without pruning the
 * infeasible edges, each of these would be a false positive. */
#include <stdio.h>

static const int STATIC_CONST_TRUE = 1;
static const int STATIC_CONST_FALSE = 0;
const int GLOBAL_CONST_TRUE = 1;
int globalFalse = 0;
static int staticFive = 5;

static int globalReturnsTrue(void) {
    return 1;
}

static int globalReturnsFalse(void) {
    return 0;
}

void close_static_const(const char *path) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return;
    if (STATIC_CONST_TRUE)
        fclose(fp);
}

void close_global_const(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    if (GLOBAL_CONST_TRUE == 1)
        fclose(fp);
}

void no_leak_when_global_false(const char *path, char *buf, int n) {
    if (globalFalse) {
        FILE *fp = fopen(path, "r");
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

void close_when_static_five(const char *path) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    if (staticFive == 5)
        fclose(fp);
}

void close_unless_returns_false(const char *path) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    if (globalReturnsFalse())
        return;
    fclose(fp);
}

void close_when_returns_true(const char *path) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    if (globalReturnsTrue())
        fclose(fp);
}

void close_unless_static_const_false(const char *path) {
    FILE *fp = fopen(path, "w");
    if (fp == NULL)
        return;
    if (STATIC_CONST_FALSE)
        fputs("header\n", fp);
    else
        fclose(fp);
}

/*
 * check-name: releases guaranteed by constant and global-constant conditions
 * check-description: every release sits under a condition that is always true (static const, const global,
 *   never-written static compared with its initialiser, a function returning 1), every leaking path under one
 *   that is always false (never-written global 0, a function returning 0, static const 0). The infeasible
 *   edges must be pruned.
 */
