/* Fixed versions of store-outparam.c and store-heap-from-param.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void get_name(char **out) {
    char buf[16];
    snprintf(buf, sizeof buf, "node-%d", 1);
    *out = strdup(buf);
}

void get_default(const char **out) {
    *out = "default";
}

struct node {
    int v;
    struct node *next;
};

static struct node s_sentinel;

void terminate(struct node *tail) {
    tail->next = &s_sentinel;
}

void copy_value(int *out) {
    int v = 3;
    *out = v;
}

void forward(int **out, int *p) {
    *out = p;
}

void fill_buffer(char *out, size_t n) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "value-%d", 7);
    snprintf(out, n, "%s", tmp);
}

/*
 * check-name: out-parameters that receive heap, static or caller memory
 * check-description: a strdup'd copy, a literal, a static sentinel, a plain value, the caller's own pointer,
 *   and the contents (not the address) of a local buffer.
 */
