/* Addresses of locals stored into other locals: local structs, local lists, local arrays of pointers, a struct
 * parameter passed by value, a local pointer reached through a local pointer-to-pointer. None of them escapes. */
#include <stddef.h>
#include <string.h>

struct buf {
    char *data;
    size_t len;
};

static size_t buf_len(const struct buf *b) {
    return b->len;
}

size_t fill_local(void) {
    char storage[32];
    struct buf b = {storage, 0};
    memcpy(b.data, "abc", 4);
    b.len = 3;
    return buf_len(&b);
}

struct node {
    int v;
    struct node *next;
};

int sum_local_list(void) {
    struct node c = {3, NULL};
    struct node b = {2, &c};
    struct node a = {1, &b};
    int s = 0;
    for (struct node *n = &a; n; n = n->next)
        s += n->v;
    return s;
}

int local_pointer_array(void) {
    int x = 1, y = 2;
    int *ptrs[2];
    ptrs[0] = &x;
    ptrs[1] = &y;
    return *ptrs[0] + *ptrs[1];
}

int by_value_param(struct buf b) {
    char tmp[4] = "xy";
    b.data = tmp;
    b.len = 2;
    return (int)buf_len(&b);
}

int local_out_pointer(void) {
    int x = 7;
    int *tmp = NULL;
    int **out = &tmp;
    *out = &x;
    return *tmp;
}

/*
 * check-name: storing the address of a local into a local struct that does not escape
 * check-description: b, a..c, ptrs, the by-value parameter b and tmp all die with the frame together with the
 *   objects they point to. Compare store-outparam.c (c->name = name with c a pointer parameter).
 */
