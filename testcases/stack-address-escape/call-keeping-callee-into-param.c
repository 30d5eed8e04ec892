/* The callee stores its second argument into the object its first argument points to, and the caller passes its
 * own parameter as the first argument: the local ends up in the caller's caller's list. Clean look-alike (both
 * arguments local): clean-call-stores-into-local-struct.c. */
#include <stddef.h>

struct node {
    int v;
    struct node *next;
};

struct list {
    struct node *head;
};

static void list_add(struct list *l, struct node *n) {
    n->next = l->head;
    l->head = n;
}

static void set_head(struct list *l, struct node *n) {
    list_add(l, n);
}

void add_local(struct list *l) {
    struct node n = {1, NULL};
    list_add(l, &n); // expect: stack-address-escape
}

void add_local_two_levels(struct list *l) {
    struct node n = {2, NULL};
    set_head(l, &n); // expect: stack-address-escape
}

/*
 * check-name: passing the address of a local to a callee that stores it into another argument
 * check-description: list_add keeps n in *l; with l the caller's parameter, &n outlives add_local. The summary
 *   has to say where the argument is kept (in *param 0), and the caller has to map that onto its own l.
 * check-known-to-fail
 */
