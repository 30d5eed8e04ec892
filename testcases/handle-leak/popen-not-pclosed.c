/* A popen stream that is not closed on some path (the child process is never reaped either). */
#include <stdio.h>
#include <string.h>

int first_line(const char *cmd, char *out, size_t n) {
    FILE *p = popen(cmd, "r"); // expect: handle-leak
    if (p == NULL)
        return -1;
    if (!fgets(out, (int)n, p))
        return -1;
    out[strcspn(out, "\n")] = '\0';
    return pclose(p);
}

/*
 * check-name: popen stream not closed when the command prints nothing
 * check-description: when fgets returns NULL the function returns without pclose.
 */
