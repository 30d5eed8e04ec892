#include "stats.h"

#include <string.h>

double stats_mean(const int *values, size_t n) {
    long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    return n ? (double)sum / (double)n : 0.0;
}

void stats_copy(int *dst, const int *src, size_t n) {
    memcpy(dst, src, n * sizeof *src);
}

const char *stats_label(const char *name) {
    return name && *name ? "named" : "anonymous";
}
