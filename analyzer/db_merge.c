/* db_merge.c — see db_merge.h.
 *
 * The output's schema comes from store_open (the one DDL of store.c); what to copy is read from it: its tables,
 * their columns, INTEGER PRIMARY KEYs, unique keys and foreign keys (PRAGMA table_info, index_list, index_info,
 * foreign_key_list). So a column or table a later schema adds is merged without a change here; a reference declared
 * ON DELETE CASCADE makes a row belong to its parent (copied with it, skipped with it), any other reference is just
 * renumbered. Old-to-new row ids live in temp.merge_map while one input is copied. */
#include "db_merge.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shard.h"
#include "store.h"
#include "xalloc.h"

/* ---- strings ------------------------------------------------------------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(sbuf *b, const char *fmt, ...) {
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->len;
        int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) abort();
        if (b->s && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        b->cap = (b->cap + (size_t)n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
}

/* "name", with quotes doubled. */
static void sb_ident(sbuf *b, const char *name) {
    sb_add(b, "\"");
    for (const char *p = name; *p; p++)
        sb_add(b, *p == '"' ? "\"\"" : "%c", *p);
    sb_add(b, "\"");
}

static void sb_reset(sbuf *b) {
    b->len = 0;
    if (b->s) b->s[0] = '\0';
}

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- the output's schema ------------------------------------------------------------------------------------- */

typedef struct fk_ref {
    int64_t id; /* PRAGMA foreign_key_list's */
    char *column;
    int parent; /* index into schema.tables, -1 when the parent is not a table of the output */
    bool cascade;
} fk_ref;

typedef struct table_info {
    char *name;
    char **cols;
    size_t ncols;
    char *ipk;  /* the INTEGER PRIMARY KEY (rowid alias) column, or NULL */
    char **key; /* a unique key besides ipk: a non-rowid PRIMARY KEY or a UNIQUE constraint */
    size_t nkey;
    fk_ref *fks; /* single-column references */
    size_t nfks;
    int run_fk;       /* index into fks of a reference to runs, -1 if none: whose row is newer */
    bool under_runs;  /* belongs to a run (a CASCADE chain up to runs) */
    bool key_has_ref; /* the key holds a renumbered reference (tu_files, finding_steps): rows come with parents */
    bool *in_src;     /* per column: present in the input being copied */
    bool present;     /* the table is in the input being copied */
} table_info;

typedef struct schema {
    table_info *tables;
    size_t count;
    size_t *order; /* parents before children */
    int runs;      /* index of runs */
} schema;

static void schema_free(schema *sc) {
    for (size_t i = 0; i < sc->count; i++) {
        table_info *t = &sc->tables[i];
        free(t->name);
        for (size_t c = 0; c < t->ncols; c++)
            free(t->cols[c]);
        free(t->cols);
        free(t->ipk);
        for (size_t k = 0; k < t->nkey; k++)
            free(t->key[k]);
        free(t->key);
        for (size_t f = 0; f < t->nfks; f++)
            free(t->fks[f].column);
        free(t->fks);
        free(t->in_src);
    }
    free(sc->tables);
    free(sc->order);
    memset(sc, 0, sizeof *sc);
}

static int table_index(const schema *sc, const char *name) {
    for (size_t i = 0; i < sc->count; i++)
        if (strcmp(sc->tables[i].name, name) == 0) return (int)i;
    return -1;
}

static int column_index(const table_info *t, const char *name) {
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c], name) == 0) return (int)c;
    return -1;
}

typedef struct merge {
    sqlite3 *db;
    schema sc;
    sbuf sql;
    char *err;
    size_t errlen;
    const char *what; /* the input being copied, for messages */
} merge;

static int db_fail(merge *m, const char *doing) {
    set_err(m->err, m->errlen, "db merge: %s%s%s: %s", doing, m->what ? " " : "", m->what ? m->what : "",
            sqlite3_errmsg(m->db));
    return -1;
}

static int exec(merge *m, const char *sql, const char *doing) {
    return sqlite3_exec(m->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : db_fail(m, doing);
}

/* Runs a query for one integer (0 when it returns no row or NULL). */
static int query_int(merge *m, const char *sql, int64_t *out) {
    sqlite3_stmt *st = NULL;
    *out = 0;
    if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK) return db_fail(m, "cannot read");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(m, "cannot read");
}

static char **add_name(char **list, size_t *n, const char *name) {
    list = xrealloc(list, (*n + 1) * sizeof *list);
    list[(*n)++] = xstrdup(name);
    return list;
}

/* The columns of an index, in order. */
static int index_columns(merge *m, const char *index, char ***cols, size_t *ncols) {
    sbuf q = {0};
    sb_add(&q, "PRAGMA main.index_info(");
    sb_ident(&q, index);
    sb_add(&q, ")");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(m->db, q.s, -1, &st, NULL);
    free(q.s);
    if (rc != SQLITE_OK) return db_fail(m, "cannot read the schema");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 2);
        if (name) *cols = add_name(*cols, ncols, name);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(m, "cannot read the schema");
}

static int load_table(merge *m, table_info *t) {
    sbuf q = {0};
    sqlite3_stmt *st = NULL;
    int rc;
    /* Columns, and the primary key. */
    sb_add(&q, "PRAGMA main.table_info(");
    sb_ident(&q, t->name);
    sb_add(&q, ")");
    rc = sqlite3_prepare_v2(m->db, q.s, -1, &st, NULL);
    char **pk = NULL;
    size_t npk = 0;
    bool pk_integer = false;
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 1);
            const char *type = (const char *)sqlite3_column_text(st, 2);
            if (!name) continue;
            t->cols = add_name(t->cols, &t->ncols, name);
            if (sqlite3_column_int(st, 5) > 0) {
                pk = add_name(pk, &npk, name);
                pk_integer = type && strcasecmp(type, "INTEGER") == 0;
            }
        }
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE) {
        free(q.s);
        for (size_t i = 0; i < npk; i++)
            free(pk[i]);
        free(pk);
        return db_fail(m, "cannot read the schema");
    }
    /* Indexes: a primary key with an index of its own is not a rowid alias (WITHOUT ROWID, or not INTEGER). */
    sb_reset(&q);
    sb_add(&q, "PRAGMA main.index_list(");
    sb_ident(&q, t->name);
    sb_add(&q, ")");
    rc = sqlite3_prepare_v2(m->db, q.s, -1, &st, NULL);
    bool pk_index = false;
    char *unique_index = NULL;
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 1);
            const char *origin = (const char *)sqlite3_column_text(st, 3);
            bool unique = sqlite3_column_int(st, 2) != 0, partial = sqlite3_column_int(st, 4) != 0;
            if (origin && strcmp(origin, "pk") == 0) pk_index = true;
            if (name && unique && !partial && origin && strcmp(origin, "pk") != 0 && !unique_index)
                unique_index = xstrdup(name);
        }
        sqlite3_finalize(st);
    }
    free(q.s);
    if (rc != SQLITE_DONE) {
        free(unique_index);
        for (size_t i = 0; i < npk; i++)
            free(pk[i]);
        free(pk);
        return db_fail(m, "cannot read the schema");
    }
    if (npk == 1 && pk_integer && !pk_index) {
        t->ipk = pk[0];
        free(pk);
    } else {
        t->key = pk;
        t->nkey = npk;
    }
    if (t->nkey == 0 && unique_index) {
        free(t->key);
        t->key = NULL;
        if (index_columns(m, unique_index, &t->key, &t->nkey) != 0) {
            free(unique_index);
            return -1;
        }
    }
    free(unique_index);
    return 0;
}

static int load_fks(merge *m, table_info *t) {
    sbuf q = {0};
    sb_add(&q, "PRAGMA main.foreign_key_list(");
    sb_ident(&q, t->name);
    sb_add(&q, ")");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(m->db, q.s, -1, &st, NULL);
    free(q.s);
    if (rc != SQLITE_OK) return db_fail(m, "cannot read the schema");
    int64_t *multi = NULL; /* references over several columns: not renumbered */
    size_t nmulti = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (sqlite3_column_int(st, 1) > 0) {
            multi = xrealloc(multi, (nmulti + 1) * sizeof *multi);
            multi[nmulti++] = id;
            continue;
        }
        const char *parent = (const char *)sqlite3_column_text(st, 2);
        const char *from = (const char *)sqlite3_column_text(st, 3);
        const char *on_delete = (const char *)sqlite3_column_text(st, 6);
        if (!parent || !from) continue;
        t->fks = xrealloc(t->fks, (t->nfks + 1) * sizeof *t->fks);
        t->fks[t->nfks++] = (fk_ref){.id = id,
                                     .column = xstrdup(from),
                                     .parent = table_index(&m->sc, parent),
                                     .cascade = on_delete && strcasecmp(on_delete, "CASCADE") == 0};
    }
    sqlite3_finalize(st);
    size_t kept = 0;
    for (size_t f = 0; f < t->nfks; f++) {
        bool drop = false;
        for (size_t k = 0; k < nmulti && !drop; k++)
            drop = multi[k] == t->fks[f].id;
        if (drop)
            free(t->fks[f].column);
        else
            t->fks[kept++] = t->fks[f];
    }
    t->nfks = kept;
    free(multi);
    return rc == SQLITE_DONE ? 0 : db_fail(m, "cannot read the schema");
}

/* The reference of column `col` that renumbers it (its parent has an INTEGER PRIMARY KEY), or NULL. */
static const fk_ref *renumbered_ref(const schema *sc, const table_info *t, const char *col) {
    for (size_t f = 0; f < t->nfks; f++)
        if (strcmp(t->fks[f].column, col) == 0 && t->fks[f].parent >= 0 && sc->tables[t->fks[f].parent].ipk)
            return &t->fks[f];
    return NULL;
}

static int load_schema(merge *m) {
    schema *sc = &m->sc;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(m->db,
                                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
                                "ORDER BY rowid",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return db_fail(m, "cannot read the schema");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc->tables = xrealloc(sc->tables, (sc->count + 1) * sizeof *sc->tables);
        table_info *t = &sc->tables[sc->count++];
        memset(t, 0, sizeof *t);
        t->name = xstrdup((const char *)sqlite3_column_text(st, 0));
        t->run_fk = -1;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_fail(m, "cannot read the schema");
    for (size_t i = 0; i < sc->count; i++)
        if (load_table(m, &sc->tables[i]) != 0) return -1;
    sc->runs = table_index(sc, "runs");
    if (sc->runs < 0 || !sc->tables[sc->runs].ipk) {
        set_err(m->err, m->errlen, "db merge: this build's schema has no runs table with an integer id");
        return -1;
    }
    for (size_t i = 0; i < sc->count; i++)
        if (load_fks(m, &sc->tables[i]) != 0) return -1;
    for (size_t i = 0; i < sc->count; i++) {
        table_info *t = &sc->tables[i];
        t->in_src = xcalloc(t->ncols + 1, sizeof *t->in_src);
        for (size_t f = 0; f < t->nfks; f++)
            if (t->fks[f].parent == sc->runs && t->run_fk < 0) t->run_fk = (int)f;
        for (size_t k = 0; k < t->nkey; k++)
            if (renumbered_ref(sc, t, t->key[k])) t->key_has_ref = true;
    }
    /* Parents first (a reference to itself does not count); what is left in a cycle keeps the schema's order. */
    sc->order = xcalloc(sc->count + 1, sizeof *sc->order);
    bool *placed = xcalloc(sc->count + 1, sizeof *placed);
    size_t n = 0;
    while (n < sc->count) {
        bool progress = false;
        for (size_t i = 0; i < sc->count; i++) {
            if (placed[i]) continue;
            bool ready = true;
            for (size_t f = 0; f < sc->tables[i].nfks && ready; f++) {
                int p = sc->tables[i].fks[f].parent;
                if (p >= 0 && (size_t)p != i && !placed[p]) ready = false;
            }
            if (!ready) continue;
            placed[i] = progress = true;
            sc->order[n++] = i;
        }
        if (!progress)
            for (size_t i = 0; i < sc->count; i++)
                if (!placed[i]) {
                    placed[i] = true;
                    sc->order[n++] = i;
                    break;
                }
    }
    free(placed);
    /* Which tables belong to runs: a CASCADE chain up to runs. */
    sc->tables[sc->runs].under_runs = true;
    for (size_t k = 0; k < sc->count; k++) {
        table_info *t = &sc->tables[sc->order[k]];
        for (size_t f = 0; f < t->nfks; f++)
            if (t->fks[f].cascade && t->fks[f].parent >= 0 && sc->tables[t->fks[f].parent].under_runs)
                t->under_runs = true;
    }
    return 0;
}

/* Marks which tables and columns the attached input `src` has. */
static int load_source_columns(merge *m, const char *src) {
    for (size_t i = 0; i < m->sc.count; i++) {
        table_info *t = &m->sc.tables[i];
        memset(t->in_src, 0, t->ncols * sizeof *t->in_src);
        t->present = false;
        sbuf q = {0};
        sb_add(&q, "PRAGMA %s.table_info(", src);
        sb_ident(&q, t->name);
        sb_add(&q, ")");
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(m->db, q.s, -1, &st, NULL);
        free(q.s);
        if (rc != SQLITE_OK) return db_fail(m, "cannot read the schema of");
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int c = column_index(t, (const char *)sqlite3_column_text(st, 1));
            if (c >= 0) t->in_src[c] = t->present = true;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return db_fail(m, "cannot read the schema of");
    }
    return 0;
}

/* ---- copying one table --------------------------------------------------------------------------------------- */

/* The value column `c` of source row `s` takes in the output: a renumbered reference goes through the map (NULL when
 * its parent was not copied), the rest as it is. */
static void sb_value(merge *m, const table_info *t, size_t c) {
    const fk_ref *ref = renumbered_ref(&m->sc, t, t->cols[c]);
    if (!t->in_src[c]) {
        sb_add(&m->sql, "NULL");
    } else if (ref) {
        sb_add(&m->sql, "(SELECT g.new FROM temp.merge_map g WHERE g.tbl = '%s' AND g.old = s.",
               m->sc.tables[ref->parent].name);
        sb_ident(&m->sql, t->cols[c]);
        sb_add(&m->sql, ")");
    } else {
        sb_add(&m->sql, "s.");
        sb_ident(&m->sql, t->cols[c]);
    }
}

/* " AND ..." keeping the rows whose CASCADE parents were copied with their children (not found already there). */
static void sb_gate(merge *m, const table_info *t) {
    for (size_t f = 0; f < t->nfks; f++) {
        const fk_ref *r = &t->fks[f];
        int c = column_index(t, r->column);
        if (!r->cascade || r->parent < 0 || !m->sc.tables[r->parent].ipk || c < 0 || !t->in_src[c]) continue;
        sb_add(&m->sql, " AND (s.");
        sb_ident(&m->sql, r->column);
        sb_add(&m->sql, " IS NULL OR EXISTS (SELECT 1 FROM temp.merge_map g WHERE g.tbl = '%s' AND g.old = s.",
               m->sc.tables[r->parent].name);
        sb_ident(&m->sql, r->column);
        sb_add(&m->sql, " AND g.children))");
    }
}

static bool is_key_column(const table_info *t, const char *col) {
    for (size_t k = 0; k < t->nkey; k++)
        if (strcmp(t->key[k], col) == 0) return true;
    return false;
}

/* Which of two versions of a keyed row wins: the one whose run (runs.started_at, then finished_at) is newer, then
 * the greater content. The rank of the row named `p` (an alias whose columns hold output values). */
static void sb_rank(merge *m, const table_info *t, const char *p) {
    const char *runs = m->sc.tables[m->sc.runs].name, *rid = m->sc.tables[m->sc.runs].ipk;
    sb_add(&m->sql, "(");
    if (t->run_fk >= 0) {
        for (int k = 0; k < 2; k++) {
            sb_add(&m->sql, "coalesce((SELECT r.%s FROM main.", k == 0 ? "started_at" : "finished_at");
            sb_ident(&m->sql, runs);
            sb_add(&m->sql, " r WHERE r.");
            sb_ident(&m->sql, rid);
            sb_add(&m->sql, " = %s.", p);
            sb_ident(&m->sql, t->fks[t->run_fk].column);
            sb_add(&m->sql, "), ''), ");
        }
    }
    bool any = false;
    for (size_t c = 0; c < t->ncols; c++) {
        if (is_key_column(t, t->cols[c]) || (t->ipk && strcmp(t->cols[c], t->ipk) == 0)) continue;
        if (t->run_fk >= 0 && strcmp(t->cols[c], t->fks[t->run_fk].column) == 0) continue;
        sb_add(&m->sql, "%scoalesce(%s.", any ? ", " : "", p);
        sb_ident(&m->sql, t->cols[c]);
        sb_add(&m->sql, ", '')");
        any = true;
    }
    if (!any) sb_add(&m->sql, "''");
    sb_add(&m->sql, ")");
}

/* The row of the output that the source row is the same as: by key, or for a table of its own (no key, no parent
 * it is copied with) by its whole content — a run copied into several inputs by an earlier merge. "NULL" if none. */
static void sb_match(merge *m, const table_info *t) {
    bool gated = false;
    for (size_t f = 0; f < t->nfks; f++)
        if (t->fks[f].cascade) gated = true;
    if (t->nkey == 0 && gated) {
        sb_add(&m->sql, "NULL");
        return;
    }
    sb_add(&m->sql, "(SELECT min(x.");
    sb_ident(&m->sql, t->ipk);
    sb_add(&m->sql, ") FROM main.");
    sb_ident(&m->sql, t->name);
    sb_add(&m->sql, " x WHERE 1");
    for (size_t c = 0; c < t->ncols; c++) {
        if (strcmp(t->cols[c], t->ipk) == 0 || (t->nkey && !is_key_column(t, t->cols[c]))) continue;
        sb_add(&m->sql, " AND x.");
        sb_ident(&m->sql, t->cols[c]);
        sb_add(&m->sql, " IS ");
        sb_value(m, t, c);
    }
    sb_add(&m->sql, ")");
}

static void sb_column_list(merge *m, const table_info *t) {
    for (size_t c = 0; c < t->ncols; c++) {
        if (c) sb_add(&m->sql, ", ");
        sb_ident(&m->sql, t->cols[c]);
    }
}

/* The output values of a source row `s` for every column, named after them when `named`; the ipk column's comes
 * from map row g0. */
static void sb_values(merge *m, const table_info *t, bool named) {
    for (size_t c = 0; c < t->ncols; c++) {
        if (c) sb_add(&m->sql, ", ");
        if (t->ipk && strcmp(t->cols[c], t->ipk) == 0)
            sb_add(&m->sql, "g0.new");
        else
            sb_value(m, t, c);
        if (named) {
            sb_add(&m->sql, " AS ");
            sb_ident(&m->sql, t->cols[c]);
        }
    }
}

static int run_sql(merge *m, const char *doing) {
    return exec(m, m->sql.s, doing);
}

/* Copies the rows of table t from schema src (an attached input, or main itself for the combined run) whose
 * CASCADE parents were copied, and that pass `extra` (SQL over alias s, or NULL). */
static int copy_table(merge *m, const table_info *t, const char *src, const char *extra) {
    if (!t->present) return 0;
    sb_reset(&m->sql);
    if (t->ipk) {
        /* 1. The map: every source row that passes the gate, to the row it matches or to a new id. */
        sb_add(&m->sql,
               "INSERT INTO temp.merge_map (tbl, old, new, fresh, children) "
               "SELECT '%s', old, coalesce(matched, base + row_number() OVER (ORDER BY matched IS NOT NULL, old)), "
               "matched IS NULL, matched IS NULL OR %d FROM (SELECT s.",
               t->name, t->nkey > 0);
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, " AS old, ");
        sb_match(m, t);
        sb_add(&m->sql, " AS matched FROM %s.", src);
        sb_ident(&m->sql, t->name);
        sb_add(&m->sql, " s WHERE 1");
        sb_gate(m, t);
        if (extra) sb_add(&m->sql, " AND (%s)", extra);
        sb_add(&m->sql, "), (SELECT coalesce(max(");
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, "), 0) AS base FROM main.");
        sb_ident(&m->sql, t->name);
        sb_add(&m->sql, ")");
        if (run_sql(m, "cannot number the rows of") != 0) return -1;
        /* 2. The new rows. */
        sb_reset(&m->sql);
        sb_add(&m->sql, "INSERT INTO main.");
        sb_ident(&m->sql, t->name);
        sb_add(&m->sql, " (");
        sb_column_list(m, t);
        sb_add(&m->sql, ") SELECT ");
        sb_values(m, t, false);
        sb_add(&m->sql, " FROM %s.", src);
        sb_ident(&m->sql, t->name);
        sb_add(&m->sql, " s JOIN temp.merge_map g0 ON g0.tbl = '%s' AND g0.old = s.", t->name);
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, " AND g0.fresh ORDER BY g0.new");
        if (run_sql(m, "cannot copy the rows of") != 0) return -1;
        if (t->nkey == 0) return 0;
        /* 3. Rows found by key: the newer version wins. */
        sb_reset(&m->sql);
        sb_add(&m->sql, "UPDATE main.");
        sb_ident(&m->sql, t->name);
        sb_add(&m->sql, " AS cur SET ");
        bool any = false;
        for (size_t c = 0; c < t->ncols; c++) {
            if (strcmp(t->cols[c], t->ipk) == 0 || is_key_column(t, t->cols[c]) || !t->in_src[c]) continue;
            sb_add(&m->sql, "%s", any ? ", " : "");
            sb_ident(&m->sql, t->cols[c]);
            sb_add(&m->sql, " = u.");
            sb_ident(&m->sql, t->cols[c]);
            any = true;
        }
        if (!any) return 0;
        sb_add(&m->sql, " FROM (SELECT ");
        sb_values(m, t, true);
        sb_add(&m->sql, " FROM %s.", src);
        sb_ident(&m->sql, t->name);
        sb_add(&m->sql, " s JOIN temp.merge_map g0 ON g0.tbl = '%s' AND g0.old = s.", t->name);
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, " AND NOT g0.fresh) AS u WHERE cur.");
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, " = u.");
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, " AND ");
        sb_rank(m, t, "u");
        sb_add(&m->sql, " > ");
        sb_rank(m, t, "cur");
        return run_sql(m, "cannot update the rows of");
    }
    /* No row ids: rows keyed by a reference come with their parents (INSERT OR IGNORE); rows keyed by themselves
     * (summaries by USR) keep the newer version. */
    sb_add(&m->sql, "INSERT %sINTO main.", t->nkey && !t->key_has_ref ? "" : "OR IGNORE ");
    sb_ident(&m->sql, t->name);
    sb_add(&m->sql, " AS cur (");
    sb_column_list(m, t);
    sb_add(&m->sql, ") SELECT ");
    sb_values(m, t, false);
    sb_add(&m->sql, " FROM %s.", src);
    sb_ident(&m->sql, t->name);
    sb_add(&m->sql, " s WHERE 1");
    sb_gate(m, t);
    if (extra) sb_add(&m->sql, " AND (%s)", extra);
    if (t->nkey && !t->key_has_ref) {
        sb_add(&m->sql, " ON CONFLICT (");
        for (size_t k = 0; k < t->nkey; k++) {
            if (k) sb_add(&m->sql, ", ");
            sb_ident(&m->sql, t->key[k]);
        }
        sb_add(&m->sql, ") DO ");
        bool any = false;
        for (size_t c = 0; c < t->ncols; c++)
            if (!is_key_column(t, t->cols[c]) && t->in_src[c]) any = true;
        if (!any) {
            sb_add(&m->sql, "NOTHING");
        } else {
            sb_add(&m->sql, "UPDATE SET ");
            any = false;
            for (size_t c = 0; c < t->ncols; c++) {
                if (is_key_column(t, t->cols[c]) || !t->in_src[c]) continue;
                sb_add(&m->sql, "%s", any ? ", " : "");
                sb_ident(&m->sql, t->cols[c]);
                sb_add(&m->sql, " = excluded.");
                sb_ident(&m->sql, t->cols[c]);
                any = true;
            }
            sb_add(&m->sql, " WHERE ");
            sb_rank(m, t, "excluded");
            sb_add(&m->sql, " > ");
            sb_rank(m, t, "cur");
        }
    }
    return run_sql(m, "cannot copy the rows of");
}

/* How many rows of a keyed table (no row ids, keyed by itself) of src differ from the output's row with their key. */
static int count_conflicts(merge *m, const table_info *t, const char *src, int64_t *out) {
    *out = 0;
    if (!t->present || t->ipk || !t->nkey || t->key_has_ref) return 0;
    sb_reset(&m->sql);
    sb_add(&m->sql, "SELECT count(*) FROM %s.", src);
    sb_ident(&m->sql, t->name);
    sb_add(&m->sql, " s JOIN main.");
    sb_ident(&m->sql, t->name);
    sb_add(&m->sql, " x ON 1");
    for (size_t k = 0; k < t->nkey; k++) {
        sb_add(&m->sql, " AND x.");
        sb_ident(&m->sql, t->key[k]);
        sb_add(&m->sql, " = s.");
        sb_ident(&m->sql, t->key[k]);
    }
    sb_add(&m->sql, " WHERE 0");
    for (size_t c = 0; c < t->ncols; c++) {
        if (is_key_column(t, t->cols[c]) || !t->in_src[c]) continue;
        if (t->run_fk >= 0 && strcmp(t->cols[c], t->fks[t->run_fk].column) == 0) continue;
        sb_add(&m->sql, " OR x.");
        sb_ident(&m->sql, t->cols[c]);
        sb_add(&m->sql, " IS NOT s.");
        sb_ident(&m->sql, t->cols[c]);
    }
    return query_int(m, m->sql.s, out);
}

/* ---- inputs -------------------------------------------------------------------------------------------------- */

/* "file:" URI of a path for ATTACH, read-only. malloc'd. */
static char *readonly_uri(const char *path) {
    char cwd[PATH_MAX];
    sbuf b = {0};
    sb_add(&b, "file:");
    if (path[0] != '/') sb_add(&b, "%s/", getcwd(cwd, sizeof cwd) ? cwd : ".");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
            sb_add(&b, "%c", *p);
        else
            sb_add(&b, "%%%02X", *p);
    }
    sb_add(&b, "?mode=ro");
    return b.s;
}

static int attach_input(merge *m, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        set_err(m->err, m->errlen, "db merge: %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        set_err(m->err, m->errlen, "db merge: %s is not a database file", path);
        return -1;
    }
    char *uri = readonly_uri(path);
    sqlite3_stmt *st_attach = NULL;
    int rc = sqlite3_prepare_v2(m->db, "ATTACH ?1 AS src", -1, &st_attach, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st_attach, 1, uri, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st_attach);
    }
    sqlite3_finalize(st_attach);
    free(uri);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(m->db) & 0xff) == SQLITE_NOTADB)
            set_err(m->err, m->errlen, "db merge: %s is not a SQLite database", path);
        else
            set_err(m->err, m->errlen, "db merge: cannot open %s: %s", path, sqlite3_errmsg(m->db));
        return -1;
    }
    int64_t version = 0, tables = 0;
    sqlite3_stmt *st_v = NULL;
    rc = sqlite3_prepare_v2(m->db, "PRAGMA src.user_version", -1, &st_v, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st_v);
    if (rc == SQLITE_ROW) version = sqlite3_column_int64(st_v, 0);
    sqlite3_finalize(st_v);
    if (rc != SQLITE_ROW) {
        int code = sqlite3_extended_errcode(m->db) & 0xff;
        if (code == SQLITE_NOTADB)
            set_err(m->err, m->errlen, "db merge: %s is not a SQLite database", path);
        else
            set_err(m->err, m->errlen, "db merge: cannot read %s: %s", path, sqlite3_errmsg(m->db));
        return -1;
    }
    if (version == 0) {
        if (query_int(m, "SELECT count(*) FROM src.sqlite_master", &tables) != 0) return -1;
        set_err(m->err, m->errlen, "db merge: %s is %s, not a lifeline database (no schema version)", path,
                tables ? "another program's database" : "empty");
        return -1;
    }
    if (version > STORE_SCHEMA_VERSION) {
        set_err(m->err, m->errlen,
                "db merge: %s was written by a newer lifeline (schema %lld, this build knows %d); merge with that "
                "lifeline",
                path, (long long)version, (int)STORE_SCHEMA_VERSION);
        return -1;
    }
    if (version != STORE_SCHEMA_VERSION) {
        set_err(m->err, m->errlen,
                "db merge: %s has schema %lld, this lifeline writes schema %d; open it once with this lifeline "
                "(lifeline db runs --db %s migrates it in place), then merge",
                path, (long long)version, (int)STORE_SCHEMA_VERSION, path);
        return -1;
    }
    return load_source_columns(m, "src");
}

/* ---- the combined run ---------------------------------------------------------------------------------------- */

int db_merge_command_shard(const char *command_line, unsigned *index, unsigned *count) {
    if (!command_line) return 0;
    const char *p = command_line;
    int found = 0;
    while ((p = strstr(p, "--shard")) != NULL) {
        bool word_start = p == command_line || p[-1] == ' ';
        p += 7;
        if (!word_start || (*p != ' ' && *p != '=')) continue;
        p++;
        size_t len = strcspn(p, " ");
        char text[32];
        if (len == 0 || len >= sizeof text) continue;
        memcpy(text, p, len);
        text[len] = '\0';
        shard_spec spec;
        char err[128];
        if (shard_parse(text, &spec, err, sizeof err) == 0) {
            *index = spec.index;
            *count = spec.count;
            found = 1; /* the last one counts, as on the command line */
        }
    }
    return found;
}

/* Full when one of the runs is, or when their --shard options cover 1..N for some N. */
static int combined_scope_full(merge *m, const int64_t *ids, size_t n, bool *full) {
    *full = false;
    unsigned *idx = xcalloc(n + 1, sizeof *idx), *cnt = xcalloc(n + 1, sizeof *cnt);
    bool *has = xcalloc(n + 1, sizeof *has);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(m->db, "SELECT scope, command_line FROM main.runs WHERE id = ?1", -1, &st, NULL) !=
            SQLITE_OK) {
            rc = db_fail(m, "cannot read runs");
            break;
        }
        sqlite3_bind_int64(st, 1, ids[i]);
        if (sqlite3_step(st) == SQLITE_ROW) {
            const char *scope = (const char *)sqlite3_column_text(st, 0);
            if (scope && strcmp(scope, "full") == 0) *full = true;
            has[i] = db_merge_command_shard((const char *)sqlite3_column_text(st, 1), &idx[i], &cnt[i]) == 1;
        }
        sqlite3_finalize(st);
    }
    for (size_t i = 0; i < n && !*full && rc == 0; i++) {
        if (!has[i]) continue;
        unsigned total = cnt[i];
        bool *seen = xcalloc(total + 1, sizeof *seen);
        for (size_t j = 0; j < n; j++)
            if (has[j] && cnt[j] == total) seen[idx[j]] = true;
        bool all = true;
        for (unsigned k = 1; k <= total; k++)
            all = all && seen[k];
        free(seen);
        if (all) *full = true;
    }
    free(idx);
    free(cnt);
    free(has);
    return rc;
}

static int add_combined_run(merge *m, const int64_t *ids, size_t n, const char *command_line, const char *tool_version,
                            db_merge_stats *stats) {
    bool full = false;
    if (combined_scope_full(m, ids, n, &full) != 0) return -1;
    sbuf in = {0};
    for (size_t i = 0; i < n; i++)
        sb_add(&in, "%s%lld", i ? ", " : "", (long long)ids[i]);
    if (exec(m, "DELETE FROM temp.merge_map", "cannot reset the id map") != 0) goto fail;
    /* The run: it spans its runs' times; the source root is theirs (the same checkout path on every CI job). */
    sqlite3_stmt *st = NULL;
    sb_reset(&m->sql);
    sb_add(&m->sql,
           "INSERT INTO main.runs (started_at, finished_at, tool_version, command_line, root_dir, scope) "
           "SELECT min(started_at), max(finished_at), ?1, ?2, min(root_dir), ?3 FROM main.runs WHERE id IN (%s)",
           in.s);
    if (sqlite3_prepare_v2(m->db, m->sql.s, -1, &st, NULL) != SQLITE_OK) {
        db_fail(m, "cannot add the combined run");
        goto fail;
    }
    sqlite3_bind_text(st, 1, tool_version, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, command_line, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, full ? "full" : "partial", -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_fail(m, "cannot add the combined run");
        goto fail;
    }
    int64_t run = sqlite3_last_insert_rowid(m->db);
    sb_reset(&m->sql);
    sb_add(&m->sql,
           "INSERT INTO temp.merge_map (tbl, old, new, fresh, children) SELECT 'runs', id, %lld, 1, 1 FROM main.runs "
           "WHERE id IN (%s)",
           (long long)run, in.s);
    if (run_sql(m, "cannot map the combined run") != 0) goto fail;
    /* Rows outside the runs (files) stay where they are: their ids map to themselves. */
    for (size_t i = 0; i < m->sc.count; i++) {
        const table_info *t = &m->sc.tables[i];
        if (t->under_runs || !t->ipk) continue;
        sb_reset(&m->sql);
        sb_add(&m->sql, "INSERT INTO temp.merge_map (tbl, old, new, fresh, children) SELECT '%s', ", t->name);
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, ", ");
        sb_ident(&m->sql, t->ipk);
        sb_add(&m->sql, ", 0, 1 FROM main.");
        sb_ident(&m->sql, t->name);
        if (run_sql(m, "cannot map the combined run") != 0) goto fail;
    }
    /* What belongs to the runs, copied again under the combined one; a finding two runs share (a header's, from two
     * shards) once. */
    const table_info *findings = NULL;
    for (size_t k = 0; k < m->sc.count; k++) {
        const table_info *t = &m->sc.tables[m->sc.order[k]];
        if (!t->under_runs || (int)m->sc.order[k] == m->sc.runs) continue;
        for (size_t c = 0; c < t->ncols; c++)
            ((table_info *)t)->in_src[c] = true;
        ((table_info *)t)->present = true;
        sbuf extra = {0};
        if (strcmp(t->name, "findings") == 0 && t->ipk) {
            findings = t;
            sb_add(&extra, "s.");
            sb_ident(&extra, t->ipk);
            sb_add(&extra, " = (SELECT min(f2.");
            sb_ident(&extra, t->ipk);
            sb_add(&extra, ") FROM main.findings f2 WHERE f2.run_id IN (%s)", in.s);
            static const char *const same[] = {"fingerprint", "rule", "file", "line"};
            for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
                if (column_index(t, same[i]) >= 0) sb_add(&extra, " AND f2.%s IS s.%s", same[i], same[i]);
            sb_add(&extra, ")");
        }
        int crc = copy_table(m, t, "main", extra.s);
        free(extra.s);
        if (crc != 0) goto fail;
    }
    /* Its outcome, as `lifeline check` would have recorded it. */
    int64_t nfindings = 0, nfailed = 0, nall = 0;
    sb_reset(&m->sql);
    sb_add(&m->sql, "SELECT count(*) FROM main.findings WHERE run_id = %lld AND NOT suppressed", (long long)run);
    if (findings && query_int(m, m->sql.s, &nfindings) != 0) goto fail;
    sb_reset(&m->sql);
    sb_add(&m->sql, "SELECT count(*) FROM main.findings WHERE run_id = %lld", (long long)run);
    if (findings && query_int(m, m->sql.s, &nall) != 0) goto fail;
    sb_reset(&m->sql);
    sb_add(&m->sql, "SELECT count(*) FROM main.tus WHERE run_id = %lld AND status = 'failed'", (long long)run);
    if (query_int(m, m->sql.s, &nfailed) != 0) goto fail;
    sb_reset(&m->sql);
    sb_add(&m->sql, "UPDATE main.runs SET exit_code = %d, findings = %lld, failed_tus = %lld WHERE id = %lld",
           nfailed     ? 3
           : nfindings ? 1
                       : 0,
           (long long)nfindings, (long long)nfailed, (long long)run);
    if (run_sql(m, "cannot record the combined run") != 0) goto fail;
    stats->combined_run = run;
    stats->combined_runs = n;
    stats->combined_findings = (size_t)nall;
    stats->combined_full = full;
    free(in.s);
    return 0;
fail:
    free(in.s);
    return -1;
}

/* ---- the whole merge ----------------------------------------------------------------------------------------- */

static int merge_input(merge *m, const char *path, size_t index, int64_t *latest, db_merge_stats *stats) {
    m->what = path;
    if (attach_input(m, path) != 0) return -1;
    int rc = exec(m, "BEGIN IMMEDIATE", "cannot start writing");
    if (rc == 0) rc = exec(m, "DELETE FROM temp.merge_map", "cannot reset the id map");
    for (size_t k = 0; rc == 0 && k < m->sc.count; k++) {
        const table_info *t = &m->sc.tables[m->sc.order[k]];
        int64_t conflicts = 0;
        if (strcmp(t->name, "summaries") == 0 && index > 0) rc = count_conflicts(m, t, "src", &conflicts);
        stats->summary_conflicts += (size_t)conflicts;
        if (rc == 0) rc = copy_table(m, t, "src", NULL);
    }
    int64_t shared = 0;
    if (rc == 0) rc = query_int(m, "SELECT count(*) FROM temp.merge_map WHERE tbl = 'runs' AND NOT fresh", &shared);
    stats->shared_runs += (size_t)shared;
    /* The input's latest finished run, as the output numbers it. */
    if (rc == 0)
        rc = query_int(m,
                       "SELECT g.new FROM temp.merge_map g WHERE g.tbl = 'runs' AND g.old = (SELECT max(id) FROM "
                       "src.runs WHERE finished_at IS NOT NULL)",
                       latest);
    if (rc == 0)
        rc = exec(m, "COMMIT", "cannot commit");
    else if (!sqlite3_get_autocommit(m->db))
        sqlite3_exec(m->db, "ROLLBACK", NULL, NULL, NULL);
    if (sqlite3_exec(m->db, "DETACH src", NULL, NULL, NULL) != SQLITE_OK && rc == 0) rc = db_fail(m, "cannot close");
    m->what = NULL;
    return rc;
}

static int count_rows(merge *m, const char *table, size_t *out) {
    int64_t n = 0;
    *out = 0;
    if (table_index(&m->sc, table) < 0) return 0;
    sb_reset(&m->sql);
    sb_add(&m->sql, "SELECT count(*) FROM main.");
    sb_ident(&m->sql, table);
    if (query_int(m, m->sql.s, &n) != 0) return -1;
    *out = (size_t)n;
    return 0;
}

/* Removes a database file and what SQLite may have left beside it. */
static void remove_db_files(const char *path) {
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t n = strlen(path) + 16;
        char *p = xmalloc(n);
        snprintf(p, n, "%s%s", path, suffixes[i]);
        unlink(p);
        free(p);
    }
}

/* fsync of a file or directory. 0, or -1 with errno set. */
static int sync_path(const char *path, bool directory) {
    int fd = open(path, directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* rename() that never replaces an existing file. */
static int rename_no_replace(const char *from, const char *to) {
#ifdef RENAME_NOREPLACE
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
#endif
    if (link(from, to) == 0) return unlink(from), 0;
    if (errno == EEXIST) return -1;
    struct stat st;
    if (lstat(to, &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(from, to);
}

int db_merge(const char *const *inputs, size_t ninputs, const char *output, const char *command_line,
             const char *tool_version, db_merge_stats *stats, char *err, size_t errlen) {
    db_merge_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    if (ninputs == 0) {
        set_err(err, errlen, "db merge: no input databases");
        return -1;
    }
    struct stat st;
    if (lstat(output, &st) == 0) {
        set_err(err, errlen,
                "db merge: %s already exists; db merge writes a new database (remove it or pick another -o)", output);
        return -1;
    }
    for (size_t i = 0; i < ninputs; i++)
        if (stat(inputs[i], &st) != 0) {
            set_err(err, errlen, "db merge: %s: %s", inputs[i], strerror(errno));
            return -1;
        }

    /* The temporary file, beside the output so the final rename stays on one file system. */
    size_t tlen = strlen(output) + 32;
    char *tmp = xmalloc(tlen);
    snprintf(tmp, tlen, "%s.merging-XXXXXX", output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        set_err(err, errlen, "db merge: cannot create %s: %s", output, strerror(errno));
        free(tmp);
        return -1;
    }
    /* The permissions a new database gets (mkstemp's are 0600). */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        /* not fatal: the database is only less readable */
    }
    close(fd);
    /* The schema: store.c's, at this build's version. */
    store *s = store_open(tmp, err, errlen);
    if (!s) {
        remove_db_files(tmp);
        free(tmp);
        return -1;
    }
    store_close(s);

    merge m = {.err = err, .errlen = errlen};
    int rc = -1;
    if (sqlite3_open_v2(tmp, &m.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
        set_err(err, errlen, "db merge: cannot open %s: %s", tmp, m.db ? sqlite3_errmsg(m.db) : "out of memory");
        goto done;
    }
    sqlite3_extended_result_codes(m.db, 1);
    /* One file, no WAL beside it to be left behind by the rename; lifeline switches it back to WAL when it opens it. */
    /* No syncs while filling the temporary file: it is synced once, whole, before it is renamed into place. */
    if (exec(&m, "PRAGMA journal_mode = DELETE", "cannot set the journal mode") != 0 ||
        exec(&m, "PRAGMA synchronous = OFF", "cannot set up") != 0 ||
        exec(&m, "PRAGMA foreign_keys = OFF", "cannot set up") != 0 ||
        exec(&m,
             "CREATE TEMP TABLE merge_map (tbl TEXT NOT NULL, old INTEGER NOT NULL, new INTEGER, fresh INTEGER NOT "
             "NULL, children INTEGER NOT NULL, PRIMARY KEY (tbl, old))",
             "cannot set up") != 0 ||
        load_schema(&m) != 0)
        goto done;
    int64_t *latest = xcalloc(ninputs + 1, sizeof *latest);
    size_t nlatest = 0;
    for (size_t i = 0; i < ninputs; i++) {
        int64_t id = 0;
        if (merge_input(&m, inputs[i], i, &id, stats) != 0) {
            free(latest);
            goto done;
        }
        bool seen = id == 0;
        for (size_t k = 0; k < nlatest && !seen; k++)
            seen = latest[k] == id;
        if (!seen) latest[nlatest++] = id;
    }
    if (nlatest >= 2) {
        if (exec(&m, "BEGIN IMMEDIATE", "cannot start writing") != 0 ||
            add_combined_run(&m, latest, nlatest, command_line, tool_version, stats) != 0 ||
            exec(&m, "COMMIT", "cannot commit") != 0) {
            free(latest);
            goto done;
        }
    }
    free(latest);
    /* References that lead nowhere would mean a bug here: refuse to deliver such a database. */
    int64_t broken = 0;
    if (query_int(&m, "SELECT count(*) FROM pragma_foreign_key_check", &broken) != 0) goto done;
    if (broken) {
        set_err(err, errlen, "db merge: internal error: %lld rows of the merged database refer to missing rows",
                (long long)broken);
        goto done;
    }
    if (count_rows(&m, "runs", &stats->runs) != 0 || count_rows(&m, "tus", &stats->tus) != 0 ||
        count_rows(&m, "findings", &stats->findings) != 0 || count_rows(&m, "summaries", &stats->summaries) != 0)
        goto done;
    rc = 0;
done:
    schema_free(&m.sc);
    free(m.sql.s);
    if (m.db && sqlite3_close(m.db) != SQLITE_OK && rc == 0) {
        set_err(err, errlen, "db merge: cannot close %s", tmp);
        rc = -1;
    }
    if (rc == 0 && sync_path(tmp, false) != 0) {
        set_err(err, errlen, "db merge: cannot write %s: %s", tmp, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && rename_no_replace(tmp, output) != 0) {
        set_err(err, errlen, "db merge: cannot create %s: %s", output,
                errno == EEXIST ? "it appeared while merging; nothing was overwritten" : strerror(errno));
        rc = -1;
    }
    if (rc != 0) remove_db_files(tmp);
    if (rc == 0) { /* the new directory entry, too (best effort: some file systems cannot sync a directory) */
        char *dir = xstrdup(output);
        char *slash = strrchr(dir, '/');
        if (slash) *(slash == dir ? slash + 1 : slash) = '\0';
        sync_path(slash ? dir : ".", true);
        free(dir);
    }
    free(tmp);
    return rc;
}
