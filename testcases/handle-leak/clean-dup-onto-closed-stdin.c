/* Redirecting stdin in a child: close(0) frees descriptor 0, so the dup() that follows returns 0 — the new standard
 * input, which the process keeps on purpose (libuv's test-pipe-close-stdout-read-stdin.c). */
#include <unistd.h>

int make_stdin(int fds[2]) {
    close(fds[1]);
    close(0);
    int r = dup(fds[0]);
    if (r == -1)
        return -1;
    close(fds[0]);
    return 0;
}

/*
 * check-name: dup onto a just-closed standard descriptor
 * check-description: POSIX gives the lowest free number to the next descriptor, so after close(0) the dup()
 *   result is stdin; standard streams are never reported.
 */
