/* shard.c — see shard.h. */
#include "shard.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "xalloc.h"

/* A decimal number of digits only (no sign, no blanks), at most SHARD_MAX_COUNT; false otherwise. */
static bool parse_number(const char *s, size_t len, unsigned *out) {
    if (len == 0) return false;
    unsigned long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (unsigned long)(s[i] - '0');
        if (v > SHARD_MAX_COUNT) return false;
    }
    *out = (unsigned)v;
    return true;
}

int shard_parse(const char *text, shard_spec *out, char *err, size_t errlen) {
    const char *t = text ? text : "";
    const char *slash = strchr(t, '/');
    unsigned k = 0, n = 0;
    if (!slash || !parse_number(t, (size_t)(slash - t), &k) || !parse_number(slash + 1, strlen(slash + 1), &n)) {
        snprintf(err, errlen, "--shard '%s': expected K/N, two whole numbers with 1 <= K <= N <= %d (e.g. 2/4)", t,
                 (int)SHARD_MAX_COUNT);
        return -1;
    }
    if (n == 0) {
        snprintf(err, errlen, "--shard '%s': N (the number of shards) must be at least 1", t);
        return -1;
    }
    if (k < 1 || k > n) {
        snprintf(err, errlen, "--shard '%s': K must be between 1 and N (%u)", t, n);
        return -1;
    }
    out->index = k;
    out->count = n;
    return 0;
}

uint64_t shard_hash(const char *relative_path) {
    return (uint64_t)XXH3_64bits(relative_path, strlen(relative_path));
}

unsigned shard_of(const char *relative_path, unsigned count) {
    return count ? (unsigned)(shard_hash(relative_path) % count) + 1 : 1;
}

/* The components of a path, lexically normalised: "." and empty ones dropped, ".." eating the one before it (kept
 * at the start of a relative path). Components point into `buf`, which is modified. */
typedef struct components {
    char **items;
    size_t count;
} components;

static void split_path(char *buf, components *c) {
    c->items = xcalloc(strlen(buf) / 2 + 2, sizeof *c->items);
    c->count = 0;
    bool absolute = buf[0] == '/';
    for (char *tok = strtok(buf, "/"); tok; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0) continue;
        if (strcmp(tok, "..") == 0) {
            if (c->count > 0 && strcmp(c->items[c->count - 1], "..") != 0) {
                c->count--;
                continue;
            }
            if (absolute) continue; /* "/.." is "/" */
        }
        c->items[c->count++] = tok;
    }
}

char *shard_relative_path(const char *base, const char *file) {
    char *bbuf = xstrdup(base ? base : ""), *fbuf = xstrdup(file ? file : "");
    components b, f;
    split_path(bbuf, &b);
    split_path(fbuf, &f);
    size_t common = 0;
    while (common < b.count && common < f.count && strcmp(b.items[common], f.items[common]) == 0)
        common++;
    size_t len = 1;
    for (size_t i = common; i < b.count; i++)
        len += 3;
    for (size_t i = common; i < f.count; i++)
        len += strlen(f.items[i]) + 1;
    char *out = xmalloc(len + 1);
    size_t used = 0;
    for (size_t i = common; i < b.count; i++) {
        memcpy(out + used, "../", 3);
        used += 3;
    }
    for (size_t i = common; i < f.count; i++) {
        size_t n = strlen(f.items[i]);
        memcpy(out + used, f.items[i], n);
        used += n;
        out[used++] = '/';
    }
    if (used > 0) used--; /* the last '/' */
    if (used == 0) out[used++] = '.';
    out[used] = '\0';
    free(b.items);
    free(f.items);
    free(bbuf);
    free(fbuf);
    return out;
}

/* The directory compile_commands.json is in: base_dir itself, or its parent when it names a file; the current
 * directory for NULL. Resolved with realpath when it exists. malloc'd. */
static char *base_directory(const char *base_dir) {
    char buf[PATH_MAX];
    if (!base_dir || !*base_dir) return xstrdup(getcwd(buf, sizeof buf) ? buf : ".");
    char *dir = xstrdup(base_dir);
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            snprintf(dir, strlen(dir) + 1, ".");
        else if (slash == dir)
            dir[1] = '\0';
        else
            *slash = '\0';
    }
    if (realpath(dir, buf)) {
        free(dir);
        return xstrdup(buf);
    }
    if (dir[0] != '/' && getcwd(buf, sizeof buf)) {
        size_t n = strlen(buf) + strlen(dir) + 2;
        char *joined = xmalloc(n);
        snprintf(joined, n, "%s/%s", buf, dir);
        free(dir);
        return joined;
    }
    return dir;
}

char *shard_job_path(const char *base_dir, const compile_job *job) {
    char *base = base_directory(base_dir);
    char buf[PATH_MAX];
    const char *file = realpath(job->file, buf) ? buf : job->file;
    char *rel = shard_relative_path(base, file);
    free(base);
    return rel;
}

size_t shard_select_jobs(compile_jobs *jobs, const char *base_dir, shard_spec spec) {
    size_t before = jobs->count;
    if (spec.count == 0) return before;
    char *base = base_directory(base_dir);
    size_t kept = 0;
    for (size_t j = 0; j < jobs->count; j++) {
        char buf[PATH_MAX];
        const char *file = realpath(jobs->items[j].file, buf) ? buf : jobs->items[j].file;
        char *rel = shard_relative_path(base, file);
        bool mine = shard_of(rel, spec.count) == spec.index;
        free(rel);
        if (mine)
            jobs->items[kept++] = jobs->items[j];
        else
            compile_job_free(&jobs->items[j]);
    }
    jobs->count = kept;
    free(base);
    return before;
}
