/* GNU statement expressions: the value of the last expression statement is the value of the whole ({ ... }). */

int *pick(int c) {
    int a = 1, b = 2;
    return ({ int *p = c ? &a : &b; p; }); // expect: stack-address-escape
}

#define ADDR_OF_MAX(x, y)                                                                                              \
    ({                                                                                                                 \
        __typeof__(x) *px_ = &(x);                                                                                     \
        __typeof__(y) *py_ = &(y);                                                                                     \
        *px_ > *py_ ? px_ : py_;                                                                                       \
    })

int *g_max;

void remember_max(int a, int b) {
    g_max = ADDR_OF_MAX(a, b); // expect: stack-address-escape
}

/*
 * check-name: escaping through a statement expression
 * check-description: the statement expression yields &a or &b (locals in pick, parameters in remember_max); the
 *   first is returned, the second stored into a global.
 */
