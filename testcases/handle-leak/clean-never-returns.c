/* A handle acquired before an endless loop is never leaked: no path returns. */
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static void handle_client(int c) {
    static const char msg[] = "hello\n";
    write(c, msg, sizeof msg - 1);
    close(c);
}

void serve_forever(const struct sockaddr_in *addr) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return;
    if (bind(s, (const struct sockaddr *)addr, sizeof *addr) < 0 || listen(s, 8) < 0) {
        close(s);
        return;
    }
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0)
            continue;
        handle_client(c);
    }
}

void tail_forever(const char *path) {
    char line[256];
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    while (1) {
        if (fgets(line, sizeof line, fp))
            fputs(line, stdout);
        else
            sleep(1);
    }
}

/*
 * check-name: handles held by functions that never return
 * check-description: serve_forever and tail_forever keep their handle for the life of the process: the loops
 *   have no exit, so no path returns with the handle open. Each accepted connection is released by
 *   handle_client.
 */
