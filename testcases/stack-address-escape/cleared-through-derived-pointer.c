/* A local published through a pointer the function derived from its argument (libuv's
 * `lfields = uv__get_internal_fields(loop); lfields->inv = &inv; ... lfields->inv = NULL;`): clearing it through the
 * same pointer before returning is clean; returning early before the clear is not. */
#include <stddef.h>

struct internal {
    int *inv;
};

struct loop {
    void *internal_fields;
};

void poll_cleared(struct loop *loop, int n) {
    struct internal *lf = (struct internal *)loop->internal_fields;
    int inv = n;
    lf->inv = &inv;
    for (int i = 0; i < n; i++) {
        if (i == 3)
            continue;
    }
    lf->inv = NULL;
}

int poll_early_return(struct loop *loop, int n) {
    struct internal *lf = (struct internal *)loop->internal_fields;
    int inv = n;
    lf->inv = &inv; // expect: stack-address-escape
    if (n < 0)
        return -1;
    lf->inv = NULL;
    return 0;
}

/*
 * check-name: a local published through a derived pointer and cleared before return
 * check-description: the clear overwrites the one place the address was stored, so only the early-return path
 *                    leaves a dangling pointer in the caller's structure
 */
