/* A connection accepted while the client table is full is dropped without being closed. */
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 64

static int g_clients[MAX_CLIENTS];
static int g_nclients;

int accept_client(int listen_fd) {
    int c = accept(listen_fd, NULL, NULL); // expect: handle-leak
    if (c < 0)
        return -1;
    if (g_nclients >= MAX_CLIENTS)
        return -1;
    g_clients[g_nclients++] = c;
    return 0;
}

/*
 * check-name: accepted connection dropped when the table is full
 * check-description: storing c into the global array keeps it, but when g_nclients >= MAX_CLIENTS the function
 *   returns with the accepted descriptor open and reachable from nowhere. listen_fd is a parameter: not tracked.
 */
