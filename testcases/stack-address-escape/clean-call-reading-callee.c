/* Fixed version of call-keeping-callee.c: the callees only use the pointer during the call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sum(const int *v, size_t n) {
    int s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

struct point {
    int x;
    int y;
};

static void init_point(struct point *p) {
    p->x = 1;
    p->y = 2;
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int peek_first(int *p) {
    int *q = p;
    return *q;
}

int use_all(void) {
    int vals[4] = {4, 3, 2, 1};
    int x;
    memset(&x, 0, sizeof x);
    memcpy(&x, vals, sizeof x);
    printf("%d %p\n", x, (void *)&x);
    char buf[32];
    snprintf(buf, sizeof buf, "%d", x);
    qsort(vals, 4, sizeof vals[0], cmp_int);
    struct point p;
    init_point(&p);
    return sum(vals, 4) + (int)strlen(buf) + p.x + peek_first(&x);
}

/*
 * check-name: passing the address of a local to callees that do not keep it
 * check-description: memset, memcpy, printf, snprintf, qsort and strlen only use their arguments during the
 *   call; so do the local functions sum, init_point and peek_first (peek_first copies the pointer into its own
 *   local only).
 */
