/* lsp_compdb.h — the compile command for one file an editor has open, found the way clangd finds it: from the file's
 * directory upward, the first directory holding compile_commands.json itself or in its build/ subdirectory. The
 * database's entry for the file wins; a file the database does not list (a new file) borrows the command of the
 * entry nearest to it in the tree, as clangd's interpolation does; with no database at all, default flags:
 * `-std=gnu17 -I<the file's directory>`.
 *
 * Loaded databases are cached per path and reloaded when the file's size or modification time changes. The cache is
 * the caller's (the server owns one); nothing here is global. */
#ifndef LIFELINE_LSP_COMPDB_H
#define LIFELINE_LSP_COMPDB_H

#include <stddef.h>

#include "frontend.h"

typedef struct lsp_compdb_cache lsp_compdb_cache;

lsp_compdb_cache *lsp_compdb_cache_new(void);
void lsp_compdb_cache_free(lsp_compdb_cache *c);

typedef enum lsp_command_kind {
    LSP_CMD_DATABASE, /* the database's entry for the file */
    LSP_CMD_INFERRED, /* the database does not list the file: a neighbour's flags */
    LSP_CMD_DEFAULT,  /* no database: -std=gnu17 -I<dir> */
    LSP_CMD_BROKEN,   /* a database that cannot be loaded: the default flags too */
} lsp_command_kind;

/* The compile_commands.json that applies to `path` (absolute), or NULL (heap). */
char *lsp_compdb_locate(const char *path);

/* Fills `out` with exactly one job for `path` (absolute; need not exist on disk), its file with symbolic links
 * resolved. `note` gets one sentence for the
 * user when the result is not the database's own entry (which database, whose flags, or why it was unusable), else
 * "". Never fails. */
lsp_command_kind lsp_compdb_command(lsp_compdb_cache *c, const char *path, compile_jobs *out, char *note,
                                    size_t notelen);

#endif
