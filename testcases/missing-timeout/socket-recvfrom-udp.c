/* A UDP request/response: if the datagram or its answer is lost, recvfrom waits forever. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int ntp_query(const struct sockaddr_in *server, unsigned char reply[48]) {
    unsigned char req[48] = {0x1b};
    struct sockaddr_in from;
    socklen_t fromlen = sizeof from;
    ssize_t n;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    sendto(fd, req, sizeof req, 0, (const struct sockaddr *)server, sizeof *server);
    n = recvfrom(fd, reply, 48, 0, (struct sockaddr *)&from, &fromlen); // expect: missing-timeout
    close(fd);
    return n == 48 ? 0 : -1;
}

/*
 * check-name: UDP recvfrom without a timeout
 * check-description: sendto is not a blocking call for this rule; recvfrom on the blocking datagram socket has no
 *   SO_RCVTIMEO and no poll: reported.
 */
