/* Look-alike of clean-exit-after-store.c: the error handler logs and returns, so the path does not end there. */
#include <stdio.h>

int *g_ctx;

static void report(const char *msg) {
    fprintf(stderr, "%s\n", msg);
}

void run_or_report(int v) {
    int local = v;
    g_ctx = &local; // expect: stack-address-escape
    if (v < 0) {
        report("negative");
        return;
    }
    g_ctx = NULL;
}

/*
 * check-name: address stored, then an error handler that returns
 * check-description: report is not noreturn, so the v < 0 path returns with g_ctx pointing at local.
 */
