/* The callee keeps its argument, but what is passed lives long enough: a static local, a global, or a pointer
 * the caller itself received. */

static int *g_kept;

static void keep(int *p) {
    g_kept = p;
}

static int s_value;
int g_value;

void keep_static(void) {
    static int local_static;
    keep(&local_static);
}

void keep_globals(void) {
    keep(&g_value);
    keep(&s_value);
}

void keep_param(int *p) {
    keep(p);
}

int kept_value(void) {
    return g_kept ? *g_kept : 0;
}

/*
 * check-name: passing long-lived addresses to a callee that keeps them
 * check-description: keep stores its argument into a global, but local_static, g_value and s_value have static
 *   storage and p is the caller's pointer: nothing in this file's frames escapes.
 */
