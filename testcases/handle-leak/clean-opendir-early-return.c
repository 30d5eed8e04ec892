/* Fixed version of opendir-early-return.c. */
#include <dirent.h>
#include <string.h>

int dir_contains(const char *dir, const char *name) {
    struct dirent *e;
    int found = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, name) == 0) {
            found = 1;
            break;
        }
    }
    closedir(d);
    return found;
}

int count_entries(const char *dir) {
    int n = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/*
 * check-name: opendir stream closed after the loop
 * check-description: the search breaks out of the loop instead of returning, so closedir runs on every path.
 */
