#include "pick.h"

int *bad(int seed) {
    int x = seed, y = seed * 2;
    return pick_max(&x, &y); // expect: stack-address-escape
}

int good_value(int seed) {
    int x = seed, y = seed * 2;
    return *pick_max(&x, &y) + max_value(&x, &y);
}

int *good_forward(int *a, int *b) {
    return pick_max(a, b);
}

int main(void) {
    int a = 1, b = 2;
    return good_value(3) + *good_forward(&a, &b) > 0 ? 0 : 1;
}
