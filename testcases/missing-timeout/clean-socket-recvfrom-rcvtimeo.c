/* Fixed version of socket-recvfrom-udp.c: the answer is awaited for at most two seconds. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int ntp_query(const struct sockaddr_in *server, unsigned char reply[48]) {
    unsigned char req[48] = {0x1b};
    struct timeval tv = {2, 0};
    struct sockaddr_in from;
    socklen_t fromlen = sizeof from;
    ssize_t n;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0) {
        close(fd);
        return -1;
    }
    sendto(fd, req, sizeof req, 0, (const struct sockaddr *)server, sizeof *server);
    n = recvfrom(fd, reply, 48, 0, (struct sockaddr *)&from, &fromlen);
    close(fd);
    return n == 48 ? 0 : -1;
}

/*
 * check-name: UDP recvfrom bounded by SO_RCVTIMEO
 * check-description: SO_RCVTIMEO is set before the recvfrom.
 */
