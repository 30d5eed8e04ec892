/* temp_dir.h — a temporary directory of its own for each unit test that writes files (store, db merge, baseline,
 * config): made with mkdtemp, removed with everything in it. Header-only, static: every test is its own executable. */
#ifndef LIFELINE_TEST_TEMP_DIR_H
#define LIFELINE_TEST_TEMP_DIR_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp, nftw */
#endif
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Makes /tmp/lifeline-test-NAME-XXXXXX, its path written into dir (len bytes); 0, or -1 when it cannot. */
static inline int temp_dir_make(char *dir, size_t len, const char *name) {
    int n = snprintf(dir, len, "/tmp/lifeline-test-%s-XXXXXX", name);
    return n > 0 && (size_t)n < len && mkdtemp(dir) ? 0 : -1;
}

static inline int temp_dir_remove_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw) {
    (void)sb, (void)type, (void)ftw;
    return remove(path);
}

/* Removes dir and everything below it; 0 or -1. The top gets its write permission back first, since a test may have
 * made it read-only to see a write fail. */
static inline int temp_dir_remove(const char *dir) {
    chmod(dir, 0700);
    return nftw(dir, temp_dir_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* dir + "/" + rel, malloc'd. */
static inline char *temp_dir_path(const char *dir, const char *rel) {
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

#endif
