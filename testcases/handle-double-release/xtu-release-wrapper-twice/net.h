#ifndef NET_H
#define NET_H

#include <stdio.h>

int conn_close(int fd);
void stream_close(FILE *f);

#endif
