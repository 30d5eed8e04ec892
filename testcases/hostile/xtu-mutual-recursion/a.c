/* Ring member a: opens, closes or uses after hops steps, else hands on to b. */
#include "ring.h"

FILE *ring_open_a(const char *path, int hops) {
    if (hops <= 0)
        return fopen(path, "r");
    return ring_open_b(path, hops - 1);
}

void ring_close_a(FILE *fp, int hops) {
    if (hops <= 0) {
        fclose(fp);
        return;
    }
    ring_close_b(fp, hops - 1);
}

int ring_pass_a(FILE *fp, int hops) {
    if (hops <= 0)
        return fgetc(fp);
    return ring_pass_b(fp, hops - 1);
}

int use_leaks(const char *path) {
    FILE *fp = ring_open_a(path, 5); // expect: handle-leak
    if (!fp)
        return -1;
    return ring_pass_a(fp, 3);
}
