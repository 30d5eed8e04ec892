/* The C23 sample again under -std=c2x, the spelling older build systems pass for C23. */
#include <stdio.h>
#include <stdlib.h>

[[noreturn]] void fatal(const char *msg) {
    fputs(msg, stderr);
    exit(1);
}

[[noreturn]] void fatal_elsewhere(const char *msg); /* declared only: the attribute alone ends the path */

int nullptr_check(const char *p) {
    FILE *fp = fopen(p, "r");
    if (fp == nullptr)
        return -1;
    fclose(fp);
    return 0;
}

int noreturn_defined(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    if (fgetc(fp) == EOF)
        fatal("empty file");
    fclose(fp);
    return 0;
}

int noreturn_declared(const char *p) {
    FILE *fp = fopen(p, "r");
    if (nullptr == fp)
        fatal_elsewhere("cannot open");
    if (fgetc(fp) == EOF)
        fatal_elsewhere("empty file");
    fclose(fp);
    return 0;
}

int typeof_copies(const char *p) {
    typeof(fopen(p, "r")) fp = fopen(p, "r");
    if (fp == nullptr)
        return -1;
    typeof_unqual(fp) g = fp;
    fclose(g);
    return 0;
}

int auto_leaks(const char *p) {
    auto fp = fopen(p, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    bool ok = fgetc(fp) != EOF;
    return ok;
}

[[nodiscard]] FILE *constexpr_branch(const char *p) {
    constexpr int limit = 3;
    FILE *fp = fopen(p, "r");
    if (!fp)
        return nullptr;
    if (limit > 5)
        fclose(fp); /* never taken: the stream is returned open */
    return fp;
}

/*
 * check-name: c2x nullptr, [[noreturn]], typeof
 * check-description: `fp == nullptr` is a failure check like `fp == NULL`; a call to a function declared
 *   [[noreturn]] (defined here or only declared) ends the path like exit(); typeof/typeof_unqual and auto declare
 *   ordinary copies; a constexpr condition that is false prunes its branch. The leak in auto_leaks is reported.
 * check-flags: -std=c2x
 */
