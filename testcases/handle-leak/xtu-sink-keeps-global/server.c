#include <unistd.h>

#include "logger.h"

#define MAX_CLIENTS 32

int g_clients[MAX_CLIENTS];
int g_nclients;

int server_add_client(int fd) {
    if (g_nclients >= MAX_CLIENTS) {
        close(fd);
        return -1;
    }
    g_clients[g_nclients++] = fd;
    return 0;
}
