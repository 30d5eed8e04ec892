/* socketpair(): one end is handed to the caller, the other is forgotten. */
#include <sys/socket.h>
#include <unistd.h>

int make_channel(int *parent_end) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) // expect: handle-leak
        return -1;
    *parent_end = sv[0];
    return 0;
}

/*
 * check-name: one end of a socketpair leaked
 * check-description: sv[0] is stored through the out-parameter (kept by the caller); sv[1] is neither closed nor
 *   stored, so the function leaks it. The finding is on the socketpair call.
 */
