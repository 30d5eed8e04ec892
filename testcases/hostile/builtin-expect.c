/* __builtin_expect and likely()/unlikely() around the failure check of an acquire. */
#include <stdio.h>

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

int expect_null(const char *p) {
    FILE *fp = fopen(p, "r");
    if (__builtin_expect(fp == NULL, 0))
        return -1;
    fclose(fp);
    return 0;
}

int unlikely_not(const char *p) {
    FILE *fp = fopen(p, "r");
    if (unlikely(!fp))
        return -1;
    fclose(fp);
    return 0;
}

int likely_ok(const char *p) {
    FILE *fp = fopen(p, "r");
    if (likely(fp != NULL)) {
        fclose(fp);
        return 0;
    }
    return -1;
}

int assign_in_unlikely(const char *p) {
    FILE *fp;
    if (unlikely((fp = fopen(p, "r")) == NULL))
        return -1;
    fclose(fp);
    return 0;
}

int with_probability(const char *p) {
    FILE *fp = fopen(p, "r");
    if (__builtin_expect_with_probability(fp == NULL, 0, 0.99))
        return -1;
    fclose(fp);
    return 0;
}

int expect_stored(const char *p) {
    FILE *fp = fopen(p, "r");
    long bad = __builtin_expect(fp == NULL, 0);
    if (bad)
        return -1;
    fclose(fp);
    return 0;
}

int unlikely_other_condition_leaks(const char *p, int n) {
    FILE *fp = fopen(p, "r"); // expect: handle-leak
    if (unlikely(!fp))
        return -1;
    if (unlikely(n < 0))
        return -2;
    fclose(fp);
    return 0;
}

/*
 * check-name: __builtin_expect in conditions
 * check-description: the path refinement sees through __builtin_expect, __builtin_expect_with_probability and the
 *   likely()/unlikely() macros: `if (__builtin_expect(fp == NULL, 0)) return;` is the failure path of fopen and
 *   holds nothing, also when the expectation is stored first. A return under unlikely(n < 0) still leaks.
 */
