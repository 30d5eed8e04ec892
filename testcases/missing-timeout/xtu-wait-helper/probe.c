#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "netutil.h"

ssize_t probe_reply(const struct sockaddr_in *addr, char *buf, size_t len) {
    struct timeval tv = {.tv_sec = 2};
    ssize_t n = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0 && net_wait_readable(fd, 2000))
        n = recv(fd, buf, len, 0);
    close(fd);
    return n;
}

ssize_t probe_reply_patient(const struct sockaddr_in *addr, char *buf, size_t len) {
    struct timeval tv = {.tv_sec = 2};
    ssize_t n = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0 && net_wait_forever(fd))
        n = recv(fd, buf, len, 0); // expect: missing-timeout
    close(fd);
    return n;
}
