/* Fixed version of switch-case-leaks.c: every case closes, through fallthrough or after the switch. */
#include <stdio.h>

enum mode { MODE_READ, MODE_APPEND, MODE_CHECK };

int run_mode(const char *path, enum mode m, char *buf, int n) {
    FILE *fp = fopen(path, m == MODE_APPEND ? "a" : "r");
    if (!fp)
        return -1;
    switch (m) {
    case MODE_READ:
        fgets(buf, n, fp);
        fclose(fp);
        break;
    case MODE_APPEND:
        fputs(buf, fp);
        /* fall through */
    default:
        fclose(fp);
        break;
    }
    return 0;
}

void constant_switch(const char *path) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return;
    switch (6) {
    case 6:
        fclose(fp);
        break;
    default:
        break;
    }
}

int no_default(const char *path, int kind) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    switch (kind) {
    case 1:
        fputs("one\n", stderr);
        break;
    case 2:
        fputs("two\n", stderr);
        break;
    }
    fclose(fp);
    return 0;
}

/*
 * check-name: switch whose cases all close
 * check-description: MODE_APPEND falls through into default, which closes; the constant switch always takes
 *   case 6 (the default that would leak is infeasible); no_default closes after a switch without default.
 */
