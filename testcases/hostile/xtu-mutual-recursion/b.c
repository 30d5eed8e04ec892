/* Ring member b. */
#include "ring.h"

FILE *ring_open_b(const char *path, int hops) {
    if (hops <= 0)
        return fopen(path, "w");
    return ring_open_c(path, hops - 1);
}

void ring_close_b(FILE *fp, int hops) {
    if (hops <= 0) {
        fclose(fp);
        return;
    }
    ring_close_c(fp, hops - 1);
}

int ring_pass_b(FILE *fp, int hops) {
    if (hops <= 0)
        return fputc('x', fp);
    return ring_pass_a(fp, hops - 1);
}

int use_closes(const char *path) {
    FILE *fp = ring_open_b(path, 4);
    if (!fp)
        return -1;
    int c = ring_pass_b(fp, 2);
    ring_close_b(fp, 7);
    return c;
}
