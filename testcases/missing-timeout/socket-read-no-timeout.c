/* read() on a TCP socket waits like recv(): with no receive timeout, a silent peer hangs the reader. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

ssize_t fetch_status_line(const struct sockaddr_in *addr, char *buf, size_t len) {
    static const char req[] = "GET /status HTTP/1.0\r\n\r\n";
    struct timeval tv = {.tv_sec = 2};
    ssize_t n;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(s, (const struct sockaddr *)addr, sizeof *addr) < 0) {
        close(s);
        return -1;
    }
    write(s, req, sizeof req - 1);
    n = read(s, buf, len); // expect: missing-timeout
    close(s);
    return n;
}

/*
 * check-name: read on a socket without SO_RCVTIMEO
 * check-description: the descriptor is a socket (from socket()), connect is bounded by SO_SNDTIMEO, write is not a
 *   blocking call for this rule, and the read has no receive timeout: reported.
 */
