/* After the release, the handle is passed to a same-file function that uses it (not to a library use). */
#include <stdio.h>

static void write_trailer(FILE *out) {
    fputs("-- end --\n", out);
}

void finish(FILE *out) {
    fclose(out);
    write_trailer(out); // expect: handle-use-after-release
}

/*
 * check-name: released handle passed to a same-file function that uses it
 * check-description: write_trailer writes to its parameter; calling it with a closed stream is a use after
 *   release, found at the call. This needs a "uses parameter i" fact in the callee's summary (the model lists
 *   fputs as a use; write_trailer is a project function), which summaries of release/keep/acquire alone do not
 *   provide.
 * check-known-to-fail
 */
