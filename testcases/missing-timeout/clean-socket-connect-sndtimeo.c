/* Fixed version of socket-connect-no-timeout.c: on Linux SO_SNDTIMEO also bounds connect(). */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int probe_port(const struct sockaddr_in *addr) {
    struct timeval tv = {.tv_sec = 3, .tv_usec = 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int ok = connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0;
    close(fd);
    return ok;
}

/*
 * check-name: connect bounded by SO_SNDTIMEO
 * check-description: setsockopt(SO_SNDTIMEO) before connect gives it a time limit.
 */
