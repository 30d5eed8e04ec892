/* A fire-and-forget metrics client: it only sends, and sending is not a blocking call for this rule. */
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int statsd_count(const struct sockaddr_in *server, const char *metric, long n) {
    char line[256];
    int len = snprintf(line, sizeof line, "%s:%ld|c", metric, n);
    if (len < 0 || (size_t)len >= sizeof line)
        return -1;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    ssize_t sent = sendto(fd, line, (size_t)len, 0, (const struct sockaddr *)server, sizeof *server);
    close(fd);
    return sent == len ? 0 : -1;
}

/*
 * check-name: socket used only for sending
 * check-description: sendto (like send and write) is not one of the rule's blocking calls: no finding.
 */
