/* A switch where one case forgets to close. */
#include <stdio.h>

enum mode { MODE_READ, MODE_APPEND, MODE_CHECK };

int run_mode(const char *path, enum mode m, char *buf, int n) {
    FILE *fp = fopen(path, m == MODE_APPEND ? "a" : "r"); // expect: handle-leak
    if (!fp)
        return -1;
    switch (m) {
    case MODE_READ:
        fgets(buf, n, fp);
        fclose(fp);
        break;
    case MODE_APPEND:
        fputs(buf, fp);
        break;
    default:
        fclose(fp);
        break;
    }
    return 0;
}

void constant_switch(const char *path) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (fp == NULL)
        return;
    switch (6) {
    case 6:
        break;
    default:
        fclose(fp);
        break;
    }
}

/*
 * check-name: switch case that does not close
 * check-description: in run_mode the MODE_APPEND case breaks out without fclose; in constant_switch the switch
 *   on a constant always takes case 6, which skips the only fclose.
 */
