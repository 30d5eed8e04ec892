#include "../solo_impl.h"

int solo_run(const char *path) {
    return solo_peek(path);
}
