#include <stdio.h>

#include "config.h"

int config_first_line(const char *path, char *buf, int n) {
    FILE *cfg = open_config(path); // expect: handle-leak
    if (cfg == NULL)
        return -1;
    if (fgets(buf, n, cfg) == NULL)
        return -1;
    fclose(cfg);
    return 0;
}

int config_exists(const char *path) {
    FILE *cfg = open_config(path);
    if (!cfg)
        return 0;
    fclose(cfg);
    return 1;
}
