/* Two handles in two elements of one local array; one of them leaks. */
#include <stdio.h>

int open_pair(const char *a, const char *b, char *buf, int n) {
    FILE *files[2];
    files[0] = fopen(a, "r");
    if (files[0] == NULL)
        return -1;
    files[1] = fopen(b, "r"); // expect: handle-leak
    if (files[1] == NULL) {
        fclose(files[0]);
        return -1;
    }
    if (fgets(buf, n, files[1]) == NULL) {
        fclose(files[0]);
        return -1;
    }
    fclose(files[0]);
    fclose(files[1]);
    return 0;
}

/*
 * check-name: one of two handles in a local array leaked
 * check-description: the fgets-failure path closes files[0] but not files[1]. Needs the constant indices 0 and
 *   1 kept apart: storing into files[1] must not overwrite the handle in files[0], and closing files[0] must
 *   not release files[1].
 */
