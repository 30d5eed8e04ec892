#include <unistd.h>

#include "channel.h"

void stop_worker(int fd) {
    channel_close(fd);
    write(fd, "stop\n", 5); // expect: handle-use-after-release
}

void flush_then_close(int fd) {
    write(fd, "stop\n", 5);
    channel_close(fd);
}
