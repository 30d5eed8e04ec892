/* Fixed version of socketpair-child-end-leaked.c: both ends go to the caller, or both are closed. */
#include <sys/socket.h>
#include <unistd.h>

int make_channel(int *parent_end, int *child_end) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        return -1;
    *parent_end = sv[0];
    *child_end = sv[1];
    return 0;
}

int channel_works(void) {
    int sv[2];
    char c = 'x';
    int ok;
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 0;
    ok = write(sv[0], &c, 1) == 1 && read(sv[1], &c, 1) == 1;
    close(sv[0]);
    close(sv[1]);
    return ok;
}

/*
 * check-name: both ends of a socketpair kept or closed
 * check-description: make_channel stores both descriptors through out-parameters; channel_works closes both.
 */
