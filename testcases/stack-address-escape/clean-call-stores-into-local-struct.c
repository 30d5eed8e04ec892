/* The callee stores its second argument into the object its first argument points to; here both are locals of
 * the same frame, so nothing escapes. Compare add_local in call-keeping-callee.c. */
#include <stddef.h>

struct node {
    int v;
    struct node *next;
};

struct list {
    struct node *head;
    int len;
};

static void list_add(struct list *l, struct node *n) {
    n->next = l->head;
    l->head = n;
    l->len++;
}

static int list_sum(const struct list *l) {
    int s = 0;
    for (const struct node *n = l->head; n; n = n->next)
        s += n->v;
    return s;
}

int sum_local_list(void) {
    struct list l = {NULL, 0};
    struct node a = {1, NULL};
    struct node b = {2, NULL};
    list_add(&l, &a);
    list_add(&l, &b);
    return list_sum(&l);
}

/*
 * check-name: callee links a local into a local list
 * check-description: list_add keeps n in *l, but l is the caller's local list, which dies with a and b. Needs a
 *   summary precise enough to say where the argument is kept (in *param 0), not just that it escapes.
 */
