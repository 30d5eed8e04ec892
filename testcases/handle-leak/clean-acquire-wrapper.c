/* Fixed version of acquire-wrapper-leaked-by-caller.c: callers release what the wrappers return. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static FILE *open_config(const char *path) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        perror(path);
    return fp;
}

static FILE *open_user_config(const char *home) {
    char path[256];
    snprintf(path, sizeof path, "%s/.apprc", home);
    return open_config(path);
}

static int open_log(const char *path) {
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    return fd;
}

int config_has_header(const char *path) {
    char line[64];
    int rc = 0;
    FILE *cfg = open_config(path);
    if (!cfg)
        return -1;
    if (fgets(line, sizeof line, cfg) != NULL)
        rc = line[0] == '[';
    fclose(cfg);
    return rc;
}

int user_config_exists(const char *home) {
    FILE *cfg = open_user_config(home);
    if (cfg == NULL)
        return 0;
    fclose(cfg);
    return 1;
}

int log_line(const char *path, const char *msg, size_t len) {
    int rc;
    int fd = open_log(path);
    if (fd < 0)
        return -1;
    rc = write(fd, msg, len) < 0 ? -1 : 0;
    close(fd);
    return rc;
}

/*
 * check-name: handles from acquire wrappers released by the callers
 * check-description: the wrappers return their handles (no finding in them); each caller treats the wrapper's
 *   NULL / negative result as failure and closes the handle on every other path.
 */
