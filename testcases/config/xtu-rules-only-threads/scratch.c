#include <stdio.h>

char *scratch_name(int id) {
    char buf[32];
    snprintf(buf, sizeof buf, "scratch-%d", id);
    return buf;
}
