/* Fixed version of socket-recv-no-timeout.c in the poll style: the reply is awaited with a finite poll. */
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int query_banner(const struct sockaddr_in *addr, char *buf, size_t len) {
    struct timeval tv = {.tv_sec = 5, .tv_usec = 0};
    ssize_t n = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) < 0) {
        close(fd);
        return -1;
    }
    send(fd, "HELO\r\n", 6, 0);
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    if (poll(&pfd, 1, 5000) == 1)
        n = recv(fd, buf, len - 1, 0);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = '\0';
    return (int)strlen(buf);
}

/*
 * check-name: recv after poll with a finite timeout
 * check-description: the function waits for the reply with poll(..., 5000): it is taken as guarding its socket
 *   calls, so the recv is not reported.
 */
