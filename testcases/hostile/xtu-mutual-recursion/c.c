/* Ring member c: closes the cycle back to a. */
#include "ring.h"

FILE *ring_open_c(const char *path, int hops) {
    if (hops <= 0)
        return fopen(path, "a");
    return ring_open_a(path, hops - 1);
}

void ring_close_c(FILE *fp, int hops) {
    if (hops <= 0) {
        fclose(fp);
        return;
    }
    ring_close_a(fp, hops - 1);
}

int use_closes_twice(const char *path) {
    FILE *fp = ring_open_c(path, 1);
    if (!fp)
        return -1;
    ring_close_c(fp, 2);
    ring_close_a(fp, 0); // expect: handle-double-release
    return 0;
}
