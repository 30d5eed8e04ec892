#ifndef UTIL_H
#define UTIL_H

#include <stdio.h>

void close_file(FILE *f);
int conn_close(int fd);

#endif
