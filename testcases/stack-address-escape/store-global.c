/* Storing the address of a local into a global pointer, a global array element or a field of a global struct, and
 * returning without clearing it. */

int *g_last;
int *g_table[8];

struct config {
    const char *name;
    int *limit;
};

struct config g_config;

void remember(int v) {
    int copy = v;
    g_last = &copy; // expect: stack-address-escape
}

void fill_slot(int i) {
    int value = i;
    g_table[i & 7] = &value; // expect: stack-address-escape
}

void load_name(void) {
    char name[16] = "server";
    g_config.name = name; // expect: stack-address-escape
}

void set_limit(int lim) {
    g_config.limit = &lim; // expect: stack-address-escape
}

/*
 * check-name: storing the address of a local into a global
 * check-description: the globals outlive copy, value, name and the parameter lim; after the return they point
 *   into a dead frame.
 */
