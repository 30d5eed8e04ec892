#ifndef CONFIG_H
#define CONFIG_H

#include <stdio.h>

/* Opens the configuration file for reading; NULL when it cannot. The caller closes the stream. */
FILE *open_config(const char *path);

#endif
