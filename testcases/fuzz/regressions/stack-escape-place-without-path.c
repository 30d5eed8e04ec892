#include "../shared.h"

int user_run(const char *path) {
    return shared_peek(path);
}
