/* Addresses of globals, static arrays and file-scope compound literals (static storage, C17 6.5.2.5p5). */

int g_counter;
static int s_table[8];
static int *const s_defaults = (int[]){1, 2, 3};

int *counter_addr(void) {
    return &g_counter;
}

int *slot(int i) {
    return s_table + (i & 7);
}

const int *defaults(void) {
    return s_defaults;
}

int *copied(void) {
    int *p = &g_counter;
    int *q = p;
    return q;
}

/*
 * check-name: returning the address of a global
 * check-description: g_counter, s_table and the file-scope compound literal live for the whole program.
 */
