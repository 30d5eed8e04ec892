/* The handle is released through one name and used through another. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

struct session {
    FILE *log;
    int fd;
};

void end_session(const char *log_path, const char *dev, const char *why) {
    struct session s;
    s.log = fopen(log_path, "a");
    if (!s.log)
        return;
    s.fd = open(dev, O_WRONLY);
    if (s.fd < 0) {
        fclose(s.log);
        return;
    }
    FILE *log = s.log;
    int fd = s.fd;
    fclose(log);
    close(fd);
    fprintf(s.log, "closed: %s\n", why); // expect: handle-use-after-release
    write(s.fd, "bye\n", 4); // expect: handle-use-after-release
}

int tee(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    FILE *copy = fp;
    fclose(copy);
    return fputs(text, fp); // expect: handle-use-after-release
}

/*
 * check-name: use through an alias after release
 * check-description: end_session closes the handles through the copies log and fd and then uses them through
 *   the fields s.log and s.fd of a local struct, which still hold the same handles; tee closes through copy and
 *   writes through fp.
 */
