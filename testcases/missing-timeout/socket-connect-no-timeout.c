/* A blocking connect to an address that drops SYNs waits for the kernel's retries: minutes, not seconds. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int probe_port(const struct sockaddr_in *addr) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int ok = connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0; // expect: missing-timeout
    close(fd);
    return ok;
}

/*
 * check-name: blocking connect without SO_SNDTIMEO
 * check-description: the socket is created here, blocking, with no SO_SNDTIMEO and no poll/select: connect is
 *   reported.
 */
