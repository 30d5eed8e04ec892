/* Connecting a UDP socket only sets its default peer: no handshake, nothing to wait for (libevent's
 * evutil_check_interfaces probes the interfaces this way). Receiving on it still waits for a datagram. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int local_address_for(const struct sockaddr_in *probe, struct sockaddr_in *out) {
    socklen_t len = sizeof *out;
    int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (fd < 0)
        return -1;
    int ok = connect(fd, (const struct sockaddr *)probe, sizeof *probe) == 0 &&
             getsockname(fd, (struct sockaddr *)out, &len) == 0;
    close(fd);
    return ok ? 0 : -1;
}

int raw_probe(const struct sockaddr_in *target) {
    int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0)
        return -1;
    int rc = connect(fd, (const struct sockaddr *)target, sizeof *target);
    close(fd);
    return rc;
}

int connected_udp_request(const struct sockaddr_in *server, unsigned char reply[48]) {
    unsigned char req[48] = {0x1b};
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (const struct sockaddr *)server, sizeof *server) < 0) {
        close(fd);
        return -1;
    }
    send(fd, req, sizeof req, 0);
    ssize_t n = recv(fd, reply, 48, 0); // expect: missing-timeout
    close(fd);
    return n == 48 ? 0 : -1;
}

int tcp_connect(const struct sockaddr_in *server) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (const struct sockaddr *)server, sizeof *server) < 0) { // expect: missing-timeout
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * check-name: connect on a datagram or raw socket does not wait
 * check-description: connect on a SOCK_DGRAM or SOCK_RAW socket (flags or'ed into the type too) returns at once:
 *   the posix model's `connectionless` property bounds it, so local_address_for and raw_probe are clean. A recv
 *   on a connected UDP socket still waits for a datagram that may never come (connected_udp_request), and a
 *   SOCK_STREAM connect, even with SOCK_CLOEXEC, still waits for the handshake (tcp_connect): both reported.
 */
