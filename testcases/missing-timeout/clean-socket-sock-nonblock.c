/* A non-blocking UDP socket (SOCK_NONBLOCK): recvfrom returns EAGAIN instead of waiting. */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int discover_peers(const struct sockaddr_in *bcast, void (*on_reply)(const unsigned char *, ssize_t)) {
    unsigned char buf[512];
    struct timespec pause = {0, 200 * 1000 * 1000};
    int found = 0;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sendto(fd, "DISCOVER", 8, 0, (const struct sockaddr *)bcast, sizeof *bcast);
    nanosleep(&pause, NULL);
    for (;;) {
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, NULL, NULL);
        if (n < 0)
            break; /* EAGAIN: nothing more queued */
        on_reply(buf, n);
        found++;
    }
    close(fd);
    return found;
}

/*
 * check-name: recvfrom on a SOCK_NONBLOCK socket
 * check-description: SOCK_NONBLOCK in socket()'s type makes every receive non-blocking: no finding.
 */
