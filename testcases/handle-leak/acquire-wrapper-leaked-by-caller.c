/* Acquire wrappers return the handle to their caller; a caller that leaks it is reported at its call to the
 * wrapper. */
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
    FILE *cfg = open_config(path); // expect: handle-leak
    if (!cfg)
        return -1;
    if (fgets(line, sizeof line, cfg) == NULL)
        return 0;
    fclose(cfg);
    return line[0] == '[';
}

int user_config_exists(const char *home) {
    FILE *cfg = open_user_config(home); // expect: handle-leak
    return cfg != NULL;
}

int log_line(const char *path, const char *msg, size_t len) {
    int fd = open_log(path); // expect: handle-leak
    if (fd < 0)
        return -1;
    return write(fd, msg, len) < 0 ? -1 : 0;
}

/*
 * check-name: handle from an acquire wrapper leaked by the caller
 * check-description: open_config and open_log return what they acquired (their own NULL / -1 paths hold
 *   nothing), and open_user_config returns what open_config returns: all three are acquire wrappers and have no
 *   finding. Their callers leak the result: config_has_header when fgets fails, user_config_exists and log_line
 *   always. The findings are on the calls to the wrappers.
 */
