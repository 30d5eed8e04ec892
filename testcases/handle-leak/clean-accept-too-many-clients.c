/* Fixed version of accept-too-many-clients.c: a connection that does not fit is closed. */
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 64

static int g_clients[MAX_CLIENTS];
static int g_nclients;

int accept_client(int listen_fd) {
    int c = accept(listen_fd, NULL, NULL);
    if (c < 0)
        return -1;
    if (g_nclients >= MAX_CLIENTS) {
        close(c);
        return -1;
    }
    g_clients[g_nclients++] = c;
    return 0;
}

/*
 * check-name: accepted connection stored in a global table or closed
 * check-description: the descriptor is either kept in a global array (it outlives the function) or closed.
 */
