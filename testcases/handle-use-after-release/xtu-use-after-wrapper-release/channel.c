#include "channel.h"

#include <unistd.h>

void channel_close(int fd) {
    if (fd >= 0)
        close(fd);
}
