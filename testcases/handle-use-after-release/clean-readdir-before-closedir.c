/* Fixed version of readdir-after-closedir.c: the directory is closed after the last readdir. */
#include <dirent.h>
#include <stdio.h>

int first_entry(const char *path, char *out, size_t n) {
    int rc = -1;
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e = readdir(d);
    while (e != NULL && e->d_name[0] == '.')
        e = readdir(d);
    if (e != NULL) {
        snprintf(out, n, "%s", e->d_name);
        rc = 0;
    }
    closedir(d);
    return rc;
}

/*
 * check-name: readdir only while the directory is open
 * check-description: every readdir comes before closedir (the entry's name is copied out before the close).
 */
