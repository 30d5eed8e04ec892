/* A DIR* leaks when the search returns from inside the readdir loop. */
#include <dirent.h>
#include <string.h>

int dir_contains(const char *dir, const char *name) {
    struct dirent *e;
    DIR *d = opendir(dir); // expect: handle-leak
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, name) == 0)
            return 1;
    }
    closedir(d);
    return 0;
}

int count_entries(const char *dir) {
    int n = 0;
    DIR *d = opendir(dir); // expect: handle-leak
    if (d == NULL)
        return -1;
    while (readdir(d))
        n++;
    return n;
}

/*
 * check-name: opendir stream not closed
 * check-description: dir_contains returns 1 from inside the loop without closedir; count_entries never closes.
 */
