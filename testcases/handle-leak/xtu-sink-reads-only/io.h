#ifndef IO_H
#define IO_H

#include <stdio.h>

int dump_stream(FILE *in, FILE *out);
int send_banner(int fd);

#endif
