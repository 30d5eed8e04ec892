/* config.c — loads `key = value` lines (listen, port, root, max_clients, debug). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies the trimmed text of s into dst (at most dstsz - 1 characters). */
static void copy_trimmed(char *dst, size_t dstsz, const char *s) {
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= dstsz)
        n = dstsz - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* Splits "key = value" into key and value; returns -1 for comments, blank and malformed lines. */
static int split_line(const char *line, char *key, size_t keysz, char *value, size_t valuesz) {
    const char *eq = strchr(line, '=');
    if (line[0] == '#' || !eq)
        return -1;
    char left[64];
    size_t n = (size_t)(eq - line);
    if (n >= sizeof left)
        return -1;
    memcpy(left, line, n);
    left[n] = '\0';
    copy_trimmed(key, keysz, left);
    copy_trimmed(value, valuesz, eq + 1);
    return key[0] ? 0 : -1;
}

int config_load(const char *path, struct server_config *cfg) {
    char addr[64] = "0.0.0.0";
    char line[256];
    FILE *f = fopen(path, "r"); // expect: handle-leak
    if (!f)
        return -1;
    cfg->port = 8080;
    cfg->max_clients = 16;
    cfg->debug = 0;
    cfg->doc_root = NULL;
    while (fgets(line, sizeof line, f)) {
        char key[32], value[192];
        if (split_line(line, key, sizeof key, value, sizeof value) != 0)
            continue;
        if (strcmp(key, "listen") == 0) {
            snprintf(addr, sizeof addr, "%.63s", value);
        } else if (strcmp(key, "port") == 0) {
            cfg->port = atoi(value);
            /* Bug: the early return skips fclose(f); every reload with a bad port leaks a FILE. */
            if (cfg->port <= 0 || cfg->port > 65535)
                return -1;
        } else if (strcmp(key, "root") == 0) {
            free(cfg->doc_root);
            cfg->doc_root = strdup(value);
        } else if (strcmp(key, "max_clients") == 0) {
            cfg->max_clients = atoi(value);
        } else if (strcmp(key, "debug") == 0) {
            cfg->debug = atoi(value) != 0;
        }
    }
    fclose(f);
    /* Bug: addr is this function's local buffer; the caller's config keeps pointing at it. */
    cfg->listen_addr = addr; // expect: stack-address-escape
    return 0;
}

const char *config_describe(const struct server_config *cfg) {
    static char text[160];
    snprintf(text, sizeof text, "listen %s:%d, root %s, %d clients%s", cfg->listen_addr ? cfg->listen_addr : "*",
             cfg->port, cfg->doc_root ? cfg->doc_root : "(none)", cfg->max_clients, cfg->debug ? ", debug" : "");
    return text;
}

void config_free(struct server_config *cfg) {
    free(cfg->doc_root);
    cfg->doc_root = NULL;
    cfg->listen_addr = NULL;
}
