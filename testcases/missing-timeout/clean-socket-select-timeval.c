/* The reply is awaited with select() and a timeval: the read only happens once data is there. */
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

ssize_t ask(const struct sockaddr_in *addr, const char *q, size_t qlen, char *ans, size_t alen) {
    struct timeval snd = {.tv_sec = 3};
    struct timeval wait = {.tv_sec = 3};
    fd_set rd;
    ssize_t n = -1;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &snd, sizeof snd);
    if (connect(s, (const struct sockaddr *)addr, sizeof *addr) == 0 && send(s, q, qlen, 0) == (ssize_t)qlen) {
        FD_ZERO(&rd);
        FD_SET(s, &rd);
        if (select(s + 1, &rd, NULL, NULL, &wait) > 0)
            n = read(s, ans, alen);
    }
    close(s);
    return n;
}

/*
 * check-name: read after select with a timeval
 * check-description: select with a non-NULL timeout is a finite wait; the function has no socket finding.
 */
