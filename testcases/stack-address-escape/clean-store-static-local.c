/* Fixed version of store-global.c and store-outparam.c: the pointed-to objects are static locals. */
#include <stddef.h>

int *g_ptr;

void use_static(void) {
    static int counter;
    counter++;
    g_ptr = &counter;
}

void get_buffer(char **out) {
    static char buf[64];
    buf[0] = '\0';
    *out = buf;
}

struct node {
    struct node *next;
};

void link_static(struct node *head) {
    static struct node tail;
    head->next = &tail;
}

/*
 * check-name: storing the address of a static local
 * check-description: counter, buf and tail have static storage duration; storing their addresses into a global,
 *   an out-parameter or a caller's node is fine.
 */
