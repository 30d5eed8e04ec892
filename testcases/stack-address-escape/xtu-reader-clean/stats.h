#ifndef STATS_H
#define STATS_H

#include <stddef.h>

/* Neither function keeps its pointer arguments after it returns. */
double stats_mean(const int *values, size_t n);
void stats_copy(int *dst, const int *src, size_t n);
const char *stats_label(const char *name);

#endif
