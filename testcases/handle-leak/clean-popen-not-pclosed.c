/* Fixed version of popen-not-pclosed.c. */
#include <stdio.h>
#include <string.h>

int first_line(const char *cmd, char *out, size_t n) {
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    if (!fgets(out, (int)n, p)) {
        pclose(p);
        return -1;
    }
    out[strcspn(out, "\n")] = '\0';
    return pclose(p);
}

/*
 * check-name: popen stream closed with pclose on every path
 * check-description: both the empty-output path and the normal path call pclose.
 */
