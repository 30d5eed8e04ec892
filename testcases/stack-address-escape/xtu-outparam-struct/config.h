#ifndef CONFIG_H
#define CONFIG_H

struct config {
    const char *name;
    int port;
};

/* Stores the name pointer (not a copy) in *c. */
void config_set_name(struct config *c, const char *name);
int config_print(const struct config *c);

#endif
