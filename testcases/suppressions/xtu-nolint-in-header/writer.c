#include "stream_util.h"

int write_marker(const char *path) {
    FILE *fp = fopen(path, "w"); // NOLINT
    if (!fp)
        return -1;
    if (fputs("marker\n", fp) == EOF)
        return -1;
    fclose(fp);
    return peek_loud(path) >= 0 ? 0 : -1;
}
