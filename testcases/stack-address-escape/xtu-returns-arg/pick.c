#include "pick.h"

int *pick_max(int *a, int *b) {
    return *a > *b ? a : b;
}

int max_value(const int *a, const int *b) {
    return *a > *b ? *a : *b;
}
