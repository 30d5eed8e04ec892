/* The three-file cycle of wrappers: each passes the handle round to the next file until hops runs out. */
#ifndef RING_H
#define RING_H
#include <stdio.h>

FILE *ring_open_a(const char *path, int hops);
FILE *ring_open_b(const char *path, int hops);
FILE *ring_open_c(const char *path, int hops);
void ring_close_a(FILE *fp, int hops);
void ring_close_b(FILE *fp, int hops);
void ring_close_c(FILE *fp, int hops);
int ring_pass_a(FILE *fp, int hops);
int ring_pass_b(FILE *fp, int hops);

#endif
