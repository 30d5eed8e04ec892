#include <fcntl.h>

#include "quiet.h"
#include "shared.h"

int main_run(const char *path) {
    int fd = open(path, O_RDONLY); // expect: handle-leak
    if (fd < 0)
        return -1;
    return shared_peek(path) + quiet_touch(path);
}
