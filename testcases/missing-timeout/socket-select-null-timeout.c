/* Look-alike of clean-socket-select-timeval.c whose select has no timeout: it waits as long as the read would. */
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

ssize_t ask(const struct sockaddr_in *addr, const char *q, size_t qlen, char *ans, size_t alen) {
    struct timeval snd = {.tv_sec = 3};
    fd_set rd;
    ssize_t n = -1;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &snd, sizeof snd);
    if (connect(s, (const struct sockaddr *)addr, sizeof *addr) == 0 && send(s, q, qlen, 0) == (ssize_t)qlen) {
        FD_ZERO(&rd);
        FD_SET(s, &rd);
        if (select(s + 1, &rd, NULL, NULL, NULL) > 0)
            n = read(s, ans, alen); // expect: missing-timeout
    }
    close(s);
    return n;
}

/*
 * check-name: read after select without a timeout
 * check-description: select with a NULL timeout waits forever, so it does not guard the function; the read on the
 *   blocking socket (no SO_RCVTIMEO) is reported. The select itself is not reported.
 */
