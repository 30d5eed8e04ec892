#include "../worker_impl.h"

int worker_run(const char *path) {
    int c = worker_peek(path);
    FILE *fp = fopen(path, "r");
    if (fp)
        worker_close(fp);
    return c;
}
