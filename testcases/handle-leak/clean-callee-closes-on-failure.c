/* A helper that closes the socket when it fails (redis's anetListen): after a failed call the caller must not close
 * it again, after a successful one it owns it. Which happened depends on the result. */
#include <sys/socket.h>
#include <unistd.h>

static int listen_or_close(int s, int backlog) {
    if (listen(s, backlog) == -1) {
        close(s);
        return -1;
    }
    return 0;
}

int make_listener(int backlog) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s == -1)
        return -1;
    if (listen_or_close(s, backlog) == -1)
        return -1;
    return s;
}

int fd_leak_after_success(int backlog) {
    int s = socket(AF_INET, SOCK_STREAM, 0); // expect: handle-leak
    if (s == -1)
        return -1;
    int dup_s = dup(s);
    if (dup_s < 0)
        return -1;
    close(dup_s);
    if (listen_or_close(s, backlog) == -1)
        return -1;
    return 0;
}

/*
 * check-name: a callee that releases its argument on failure only
 * check-description: make_listener is clean (the failure path was closed by the callee, the success path returns
 *   the socket); fd_leak_after_success leaks s when dup() fails, before the helper is ever called.
 */
