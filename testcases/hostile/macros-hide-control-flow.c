/* Macros that hide returns and gotos: the CFG is the one after expansion. */
#include <stdio.h>

#define CHECK(x)                                                                                                       \
    if (!(x))                                                                                                          \
    return -1
#define CHECK_GOTO(x, label)                                                                                           \
    do {                                                                                                               \
        if (!(x))                                                                                                      \
            goto label;                                                                                                \
    } while (0)
#define TRY(x)                                                                                                         \
    do {                                                                                                               \
        if ((x) < 0) {                                                                                                 \
            rc = -1;                                                                                                   \
            goto cleanup;                                                                                              \
        }                                                                                                              \
    } while (0)
#define SAFE_CLOSE(f)                                                                                                  \
    do {                                                                                                               \
        if (f) {                                                                                                       \
            fclose(f);                                                                                                 \
            (f) = NULL;                                                                                                \
        }                                                                                                              \
    } while (0)
#define RETURN_IF(cond, v)                                                                                             \
    do {                                                                                                               \
        if (cond)                                                                                                      \
            return (v);                                                                                                \
    } while (0)

int check_then_close(const char *path) {
    FILE *fp = fopen(path, "r");
    CHECK(fp);
    fclose(fp);
    return 0;
}

int goto_cleanup(const char *a_path, const char *b_path) {
    int rc = 0;
    FILE *a = NULL, *b = NULL;
    a = fopen(a_path, "r");
    CHECK_GOTO(a, cleanup);
    b = fopen(b_path, "r");
    CHECK_GOTO(b, cleanup);
    TRY(fgetc(a));
    TRY(fgetc(b));
cleanup:
    SAFE_CLOSE(a);
    SAFE_CLOSE(b);
    return rc;
}

int check_leaks(const char *path, int n) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    CHECK(fp);
    CHECK(n > 0); /* returns -1 with fp open */
    fclose(fp);
    return 0;
}

int return_if_leaks(const char *path, int n) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    RETURN_IF(fp == NULL, -1);
    RETURN_IF(n < 0, -2);
    fclose(fp);
    return 0;
}

/*
 * check-name: macros that hide control flow
 * check-description: CHECK(x) hides `if (!(x)) return -1`, CHECK_GOTO and TRY hide a goto to a cleanup label in a
 *   do { } while (0) wrapper, SAFE_CLOSE closes and clears. The failure path of CHECK(fp) holds nothing; the
 *   cleanup ladder releases both streams on every path; CHECK(n > 0) and RETURN_IF(n < 0, -2) return with the
 *   stream open, which is reported at the acquisition.
 */
