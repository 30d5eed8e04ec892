/* config.h — server settings read from a key=value file. */
#ifndef DEMO_CONFIG_H
#define DEMO_CONFIG_H

struct server_config {
    const char *listen_addr; /* address to bind, e.g. "127.0.0.1" */
    int port;
    char *doc_root; /* heap copy, released by config_free */
    int max_clients;
    int debug; /* enables the /debug route */
};

/* Fills *cfg from the file at path; returns 0 on success, -1 if the file cannot be read. */
int config_load(const char *path, struct server_config *cfg);
/* One-line summary for the start-up banner; the text stays valid until the next call. */
const char *config_describe(const struct server_config *cfg);
void config_free(struct server_config *cfg);

#endif
