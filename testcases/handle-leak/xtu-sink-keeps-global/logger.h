#ifndef LOGGER_H
#define LOGGER_H

#include <stdio.h>

/* Takes ownership of out: it is closed by log_shutdown. */
void log_set_output(FILE *out);
void log_shutdown(void);
int server_add_client(int fd);

#endif
