/* lsp_compdb.c — see lsp_compdb.h. */
#include "lsp_compdb.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"

typedef struct compdb_entry {
    char *path; /* .../compile_commands.json */
    struct timespec mtime;
    off_t size;
    compile_jobs jobs;
    char *error; /* why it could not be loaded, or NULL */
} compdb_entry;

struct lsp_compdb_cache {
    compdb_entry *items;
    size_t count;
};

lsp_compdb_cache *lsp_compdb_cache_new(void) {
    return xcalloc(1, sizeof(lsp_compdb_cache));
}

static void entry_clear(compdb_entry *e) {
    compile_jobs_free(&e->jobs);
    free(e->error);
    e->error = NULL;
}

void lsp_compdb_cache_free(lsp_compdb_cache *c) {
    if (!c) return;
    for (size_t i = 0; i < c->count; i++) {
        entry_clear(&c->items[i]);
        free(c->items[i].path);
    }
    free(c->items);
    free(c);
}

static bool is_regular(const char *path, struct stat *st) {
    return stat(path, st) == 0 && S_ISREG(st->st_mode);
}

char *lsp_compdb_locate(const char *path) {
    if (!path || path[0] != '/') return NULL;
    size_t n = strlen(path);
    char *dir = xmalloc(n + 1);
    memcpy(dir, path, n + 1);
    char *probe = xmalloc(n + 64);
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash) break;
        *slash = '\0'; /* the parent: "" stands for the root */
        struct stat st;
        sprintf(probe, "%s/compile_commands.json", dir);
        if (is_regular(probe, &st)) break;
        sprintf(probe, "%s/build/compile_commands.json", dir);
        if (is_regular(probe, &st)) break;
        probe[0] = '\0';
        if (!dir[0]) break;
    }
    free(dir);
    if (!probe[0]) {
        free(probe);
        return NULL;
    }
    return probe;
}

/* The cached database at `dbpath`, (re)loaded when it changed on disk. */
static compdb_entry *cache_get(lsp_compdb_cache *c, const char *dbpath) {
    struct stat st;
    bool exists = stat(dbpath, &st) == 0;
    compdb_entry *e = NULL;
    for (size_t i = 0; i < c->count && !e; i++)
        if (strcmp(c->items[i].path, dbpath) == 0) e = &c->items[i];
    if (e && exists && e->size == st.st_size && e->mtime.tv_sec == st.st_mtim.tv_sec &&
        e->mtime.tv_nsec == st.st_mtim.tv_nsec)
        return e;
    if (!e) {
        c->items = xrealloc(c->items, (c->count + 1) * sizeof *c->items);
        e = &c->items[c->count++];
        memset(e, 0, sizeof *e);
        e->path = xstrdup(dbpath);
    } else {
        entry_clear(e);
    }
    if (exists) {
        e->size = st.st_size;
        e->mtime = st.st_mtim;
    }
    char err[1024];
    if (compdb_load(dbpath, &e->jobs, err, sizeof err) != 0) {
        e->error = xstrdup(err);
        e->size = -1; /* try again next time */
    }
    return e;
}

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static const char *extension(const char *p) {
    const char *b = base_name(p);
    const char *dot = strrchr(b, '.');
    return dot ? dot : "";
}

static bool same_path(const char *a, const char *b, const char *real_b) {
    if (strcmp(a, b) == 0) return true;
    if (!real_b || strcmp(base_name(a), base_name(b)) != 0) return false;
    char real_a[PATH_MAX];
    return realpath(a, real_a) && strcmp(real_a, real_b) == 0;
}

/* Length of the common leading directories of a and b. */
static size_t common_dirs(const char *a, const char *b) {
    size_t last = 0;
    for (size_t i = 0; a[i] && a[i] == b[i]; i++)
        if (a[i] == '/') last = i + 1;
    return last;
}

static void copy_job(compile_jobs *out, const compile_job *src, const char *file) {
    memset(out, 0, sizeof *out);
    out->items = xcalloc(1, sizeof *out->items);
    out->count = out->cap = 1;
    compile_job *j = &out->items[0];
    j->file = xstrdup(file ? file : src->file);
    j->directory = xstrdup(src->directory);
    j->nargs = src->nargs;
    j->args = xcalloc(src->nargs + 1, sizeof *j->args);
    for (size_t i = 0; i < src->nargs; i++)
        j->args[i] = xstrdup(src->args[i]);
}

static void default_job(compile_jobs *out, const char *path) {
    memset(out, 0, sizeof *out);
    out->items = xcalloc(1, sizeof *out->items);
    out->count = out->cap = 1;
    compile_job *j = &out->items[0];
    j->file = xstrdup(path);
    const char *slash = strrchr(path, '/');
    size_t dlen = slash && slash != path ? (size_t)(slash - path) : 1;
    j->directory = xmalloc(dlen + 1);
    memcpy(j->directory, path, dlen);
    j->directory[dlen] = '\0';
    j->nargs = 2;
    j->args = xcalloc(3, sizeof *j->args);
    j->args[0] = xstrdup("-std=gnu17");
    j->args[1] = xmalloc(dlen + 3);
    sprintf(j->args[1], "-I%s", j->directory);
}

/* The job's main file as libclang will name it (symbolic links resolved), so the editor's text, the findings and the
 * source cache (NOLINT comments, fingerprints) all use one path. Unchanged when the file does not exist. */
static void canonical_main_file(compile_jobs *jobs) {
    char real[PATH_MAX];
    compile_job *j = &jobs->items[0];
    if (realpath(j->file, real) && strcmp(real, j->file) != 0) {
        free(j->file);
        j->file = xstrdup(real);
    }
}

static lsp_command_kind find_command(lsp_compdb_cache *c, const char *path, compile_jobs *out, char *note,
                                     size_t notelen) {
    note[0] = '\0';
    char *dbpath = lsp_compdb_locate(path);
    if (!dbpath) {
        default_job(out, path);
        snprintf(note, notelen,
                 "no compile_commands.json in %s or any directory above it (nor in their build/): analysing with "
                 "-std=gnu17 %s",
                 out->items[0].directory, out->items[0].args[1]);
        return LSP_CMD_DEFAULT;
    }
    compdb_entry *e = cache_get(c, dbpath);
    if (e->error) {
        default_job(out, path);
        snprintf(note, notelen, "%s; analysing with -std=gnu17 %s", e->error, out->items[0].args[1]);
        free(dbpath);
        return LSP_CMD_BROKEN;
    }
    char real[PATH_MAX];
    const char *real_path = realpath(path, real) ? real : NULL;
    for (size_t i = 0; i < e->jobs.count; i++) {
        if (same_path(e->jobs.items[i].file, path, real_path)) {
            copy_job(out, &e->jobs.items[i], NULL);
            free(dbpath);
            return LSP_CMD_DATABASE;
        }
    }
    /* Not listed: the nearest entry in the tree, preferring one with the same extension. */
    const compile_job *best = NULL;
    size_t best_score = 0;
    for (size_t i = 0; i < e->jobs.count; i++) {
        const compile_job *j = &e->jobs.items[i];
        size_t score = common_dirs(j->file, path) * 2 + (strcmp(extension(j->file), extension(path)) == 0);
        if (!best || score > best_score) best = j, best_score = score;
    }
    copy_job(out, best, path);
    snprintf(note, notelen, "%s does not list %s: analysing it with the flags of %s", dbpath, path, best->file);
    free(dbpath);
    return LSP_CMD_INFERRED;
}

lsp_command_kind lsp_compdb_command(lsp_compdb_cache *c, const char *path, compile_jobs *out, char *note,
                                    size_t notelen) {
    lsp_command_kind kind = find_command(c, path, out, note, notelen);
    canonical_main_file(out);
    return kind;
}
