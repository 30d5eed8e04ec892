#include <stdio.h>

#include "stats.h"

int main(void) {
    int samples[4] = {3, 1, 4, 1};
    int copy[4];
    char name[16] = "pi";
    stats_copy(copy, samples, 4);
    printf("%s %.2f\n", stats_label(name), stats_mean(copy, 4));
    return 0;
}
