/* Fixed version of return-statement-expression.c: the statement expressions yield values or static addresses. */

#define MAX(a, b)                                                                                                      \
    ({                                                                                                                 \
        __typeof__(a) a_ = (a);                                                                                        \
        __typeof__(b) b_ = (b);                                                                                        \
        a_ > b_ ? a_ : b_;                                                                                             \
    })

int larger(int x, int y) {
    return MAX(x, y);
}

static int s_store[4];

int *slot(int i) {
    return ({ int *p = &s_store[i & 3]; p; });
}

int sum_local(void) {
    int arr[3] = {1, 2, 3};
    return ({ int *p = arr; p[0] + p[1] + p[2]; });
}

/*
 * check-name: statement expressions that do not leak the frame
 * check-description: MAX yields an int, slot a pointer into a static array, sum_local a sum computed through a
 *   pointer to a local array.
 */
