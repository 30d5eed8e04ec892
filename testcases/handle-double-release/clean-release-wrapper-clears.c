/* A wrapper that releases and clears the caller's variable, so a later guarded release does nothing. */
#include <stdio.h>
#include <unistd.h>

static void close_and_clear(FILE **pf) {
    if (*pf) {
        fclose(*pf);
        *pf = NULL;
    }
}

static void close_fd(int *fd) {
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

int twice_guarded(const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    close_and_clear(&fp);
    close_and_clear(&fp);
    if (fp)
        fclose(fp);
    return 0;
}

void hang_up(int fd) {
    int conn = fd;
    close_fd(&conn);
    close_fd(&conn);
}

/*
 * check-name: release wrappers that clear the variable
 * check-description: close_and_clear and close_fd release *p and then reset it to NULL / -1, so calling them
 *   again, or testing fp before fclose, does not release twice.
 */
