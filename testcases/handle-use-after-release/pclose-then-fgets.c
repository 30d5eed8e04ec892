/* A popen stream read after pclose. */
#include <stdio.h>

int run(const char *cmd, char *buf, int n) {
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    int status = pclose(p);
    if (status != 0 && fgets(buf, n, p) != NULL) // expect: handle-use-after-release
        return -1;
    return status;
}

/*
 * check-name: popen stream used after pclose
 * check-description: fgets reads from p after pclose released it. The model must list stdio reads as uses of a
 *   popen stream too (it is a FILE* of another kind).
 */
