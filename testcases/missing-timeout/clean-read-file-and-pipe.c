/* read() on files and pipes never waits on a remote peer: the rule is about sockets only. */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

ssize_t load_file(const char *path, char *buf, size_t len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, len);
    close(fd);
    return n;
}

ssize_t run_and_capture(char *const argv[], char *out, size_t len) {
    int p[2];
    ssize_t n;
    if (pipe(p) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(p[1], STDOUT_FILENO);
        close(p[0]);
        close(p[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(p[1]);
    n = read(p[0], out, len);
    close(p[0]);
    waitpid(pid, NULL, 0);
    return n;
}

/*
 * check-name: read on a file and on a pipe
 * check-description: descriptors from open() and pipe() are not sockets: their reads are never reported.
 */
