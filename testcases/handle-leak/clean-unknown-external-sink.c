/* Handles passed to functions that are only declared here (defined elsewhere, not in a system header): they may
 * take ownership, so the handle is handed off. */
#include <stdio.h>
#include <sys/socket.h>

struct server;

void register_stream(FILE *f);
int server_adopt(struct server *srv, int fd);
void queue_for_close(void *handle);

int watch(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    register_stream(fp);
    return 0;
}

int adopt(struct server *srv) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return -1;
    return server_adopt(srv, s);
}

void later(const char *path) {
    FILE *fp = fopen(path, "r");
    if (fp != NULL)
        queue_for_close(fp);
}

/*
 * check-name: handles handed to unknown functions
 * check-description: register_stream, server_adopt and queue_for_close have no body in the program and are not
 *   from a system header. Policy: such a function may keep or release what it receives, so the handle is handed
 *   off and nothing is reported.
 */
