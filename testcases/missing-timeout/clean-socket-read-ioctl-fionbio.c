/* Fixed version of socket-read-no-timeout.c in the old BSD style: FIONBIO after connecting, then the reply is
 * collected without ever blocking. */
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

ssize_t fetch_status_line(const struct sockaddr_in *addr, char *buf, size_t len) {
    static const char req[] = "GET /status HTTP/1.0\r\n\r\n";
    struct timeval tv = {.tv_sec = 2};
    struct timespec pause = {0, 500 * 1000 * 1000};
    int on = 1;
    ssize_t n;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(s, (const struct sockaddr *)addr, sizeof *addr) < 0) {
        close(s);
        return -1;
    }
    ioctl(s, FIONBIO, &on);
    write(s, req, sizeof req - 1);
    nanosleep(&pause, NULL);
    n = read(s, buf, len); /* -1/EAGAIN when the status is not there yet */
    close(s);
    return n;
}

/*
 * check-name: read on a socket made non-blocking with ioctl(FIONBIO)
 * check-description: connect is bounded by SO_SNDTIMEO; ioctl(FIONBIO) makes the read non-blocking.
 */
