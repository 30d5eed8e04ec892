/* A DIR* read after closedir: the loop that skips dot entries runs after the directory was closed. */
#include <dirent.h>
#include <stdio.h>

int first_entry(const char *path, char *out, size_t n) {
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e = readdir(d);
    closedir(d);
    while (e != NULL && e->d_name[0] == '.')
        e = readdir(d); // expect: handle-use-after-release
    if (e == NULL)
        return -1;
    snprintf(out, n, "%s", e->d_name);
    return 0;
}

/*
 * check-name: readdir after closedir
 * check-description: d is closed right after the first readdir; the loop that skips "." and ".." reads from it
 *   again.
 */
