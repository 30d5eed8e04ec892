/* Streams of both kinds, each closed with its own function. */
#include <stdio.h>

int save(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fputs(text, fp);
    return fclose(fp);
}

int save_and_sync(const char *path, const char *text) {
    FILE *fp = fopen(path, "w");
    FILE *sync = NULL;
    if (!fp)
        return -1;
    fputs(text, fp);
    fclose(fp);
    sync = popen("sync", "r");
    if (sync == NULL)
        return -1;
    return pclose(sync);
}

/*
 * check-name: fopen and popen streams each closed with their own function
 * check-description: fclose for the fopen stream, pclose for the popen stream.
 */
