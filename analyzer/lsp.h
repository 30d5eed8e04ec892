/* lsp.h — `lifeline lsp`: lifeline as a Language Server (LSP 3.17 over stdio) that an editor runs beside clangd. It
 * analyses each open .c file as the editor holds it, saved or not, with the compile command clangd would use, and
 * publishes the findings as diagnostics with NOLINTNEXTLINE quick fixes. */
#ifndef LIFELINE_LSP_H
#define LIFELINE_LSP_H

/* argv[1] is "lsp". Returns the process exit code: 0 after shutdown + exit, 1 when the client went away or exited
 * without shutdown, 2 for a usage or configuration error. */
int lsp_main(int argc, char **argv);

#endif
