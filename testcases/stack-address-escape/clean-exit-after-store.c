/* Paths that store the address of a local and then end the program: exit, abort, a _Noreturn function, a
 * noreturn-attributed function. The frame never returns on those paths. */
#include <stdio.h>
#include <stdlib.h>

int *g_ctx;

static int validate(const int *v) {
    return *v >= 0;
}

void run_or_exit(int v) {
    int local = v;
    g_ctx = &local;
    if (!validate(&local)) {
        fprintf(stderr, "invalid\n");
        exit(1);
    }
    g_ctx = NULL;
}

void crash_with_context(int v) {
    int local = v;
    g_ctx = &local;
    abort();
}

static _Noreturn void die(const char *msg) {
    fprintf(stderr, "%s\n", msg);
    exit(2);
}

void run_or_die(int v) {
    int local = v;
    g_ctx = &local;
    if (v < 0)
        die("negative");
    g_ctx = NULL;
}

__attribute__((noreturn)) static void fatal(void) {
    _Exit(3);
}

void run_or_fatal(int v) {
    int local = v;
    g_ctx = &local;
    if (v > 100)
        fatal();
    g_ctx = NULL;
}

/*
 * check-name: address stored, then the program exits
 * check-description: after the store every path either clears g_ctx or calls a noreturn function (exit,
 *   abort, die, fatal), so the frame never returns with g_ctx pointing into it. Compare
 *   store-then-returning-error-handler.c.
 */
