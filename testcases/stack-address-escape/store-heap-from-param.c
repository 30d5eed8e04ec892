/* Linking a local node into a list (or a context object) that the caller or a global can still reach. */
#include <stddef.h>

struct node {
    int value;
    struct node *next;
};

struct list {
    struct node *head;
    size_t len;
};

void append_local(struct node *tail) {
    struct node n = {1, NULL};
    tail->next = &n; // expect: stack-address-escape
}

void push_front(struct list *l) {
    struct node n = {2, NULL};
    n.next = l->head;
    l->head = &n; // expect: stack-address-escape
    l->len++;
}

void link_second(struct list *l) {
    struct node n = {3, NULL};
    if (l->head)
        l->head->next = &n; // expect: stack-address-escape
}

struct ctx {
    char *scratch;
};

struct ctx *g_ctx;

void prepare(void) {
    char tmp[128];
    tmp[0] = '\0';
    if (g_ctx)
        g_ctx->scratch = tmp; // expect: stack-address-escape
}

/*
 * check-name: linking a local into a structure reached from a parameter or a global
 * check-description: tail, l, l->head and g_ctx are (typically heap) objects owned outside the function; after
 *   the return they hold the address of the dead local n or tmp. n.next = l->head is harmless: it writes into
 *   the local.
 */
