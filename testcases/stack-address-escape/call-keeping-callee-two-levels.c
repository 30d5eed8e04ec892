/* The callee does not store the pointer itself but hands it to another function that does. */
#include <stddef.h>

static int *g_slot;

static void store_slot(int *p) {
    g_slot = p;
}

static void remember(int *p) {
    if (p)
        store_slot(p);
}

void caller(void) {
    int x = 1;
    remember(&x); // expect: stack-address-escape
}

struct listener {
    void (*fn)(void);
    struct listener *next;
};

static struct listener *g_listeners;

static void push_listener(struct listener *l) {
    l->next = g_listeners;
    g_listeners = l;
}

static void subscribe(struct listener *l) {
    push_listener(l);
}

static void on_tick(void) {
}

void subscribe_local(void) {
    struct listener l = {on_tick, NULL};
    subscribe(&l); // expect: stack-address-escape
}

/*
 * check-name: passing the address of a local to a callee whose callee keeps it
 * check-description: remember -> store_slot and subscribe -> push_listener end in a store into a global; the
 *   summaries must compose so that the outer call is reported in the caller.
 */
