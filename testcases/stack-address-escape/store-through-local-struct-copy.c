/* The address of a local is first put into a local struct, and the whole struct is then copied somewhere that
 * outlives the frame. */

struct holder {
    int *p;
    int tag;
};

struct holder g_holder;

void export_holder(struct holder *out) {
    int x = 5;
    struct holder tmp = {&x, 1};
    *out = tmp; // expect: stack-address-escape
}

void set_global(void) {
    int y = 0;
    struct holder h;
    h.p = &y;
    h.tag = 2;
    g_holder = h; // expect: stack-address-escape
}

struct outer {
    struct holder inner;
};

void nested(struct outer *o) {
    int z = 0;
    struct holder h = {&z, 3};
    o->inner = h; // expect: stack-address-escape
}

/*
 * check-name: escaping through a struct copy
 * check-description: building tmp or h is harmless; the finding is the struct assignment that copies the
 *   embedded pointer into the caller's *out, the global g_holder or o->inner.
 */
