/* The connect is bounded, but the reply is read with no receive timeout: a server that never answers hangs us. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int query_banner(const struct sockaddr_in *addr, char *buf, size_t len) {
    struct timeval tv = {.tv_sec = 5, .tv_usec = 0};
    ssize_t n;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0) {
        close(fd);
        return -1;
    }
    send(fd, "HELO\r\n", 6, 0);
    n = recv(fd, buf, len - 1, 0); // expect: missing-timeout
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = '\0';
    return (int)strlen(buf);
}

/*
 * check-name: recv without SO_RCVTIMEO
 * check-description: SO_SNDTIMEO bounds connect (and send, which is not a blocking call for this rule) but not
 *   recv; no SO_RCVTIMEO, no non-blocking mode, no poll: the recv is reported.
 */
