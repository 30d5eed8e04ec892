/* A local (AF_UNIX) connect does not wait on a remote peer; the read from the daemon has a receive timeout. */
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

int query_daemon(const char *path, char *buf, size_t len) {
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    struct timeval tv = {.tv_sec = 2};
    strncpy(sa.sun_path, path, sizeof sa.sun_path - 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        close(fd);
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ssize_t n = read(fd, buf, len);
    close(fd);
    return (int)n;
}

int query_daemon_forever(const char *path, char *buf, size_t len) {
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    strncpy(sa.sun_path, path, sizeof sa.sun_path - 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        close(fd);
        return -1;
    }
    ssize_t n = read(fd, buf, len); // expect: missing-timeout
    close(fd);
    return (int)n;
}

/*
 * check-name: AF_UNIX connect is local, the read still waits on the daemon
 * check-description: connect on an AF_UNIX socket is not a wait on a remote peer (the posix model's `local`
 *   property bounds it); reading the daemon's answer still needs SO_RCVTIMEO: query_daemon sets it, and
 *   query_daemon_forever, which does not, is reported at its read (as collectd's curl_json.c:866 was).
 */
