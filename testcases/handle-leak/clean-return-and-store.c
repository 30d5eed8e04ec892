/* Handles returned to the caller or stored into memory the caller can reach. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct ctx {
    FILE *fp;
    int fds[4];
};

struct node {
    int fd;
    struct node *next;
};

FILE *open_or_null(const char *path) {
    return fopen(path, "r");
}

int ctx_open(struct ctx *ctx, const char *path) {
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    ctx->fp = fp;
    return 0;
}

int ctx_add_fd(struct ctx *ctx, int i, const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ctx->fds[i & 3] = fd;
    return 0;
}

int open_out(const char *path, FILE **out) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    *out = fp;
    return 0;
}

void fill_array(int *fds, int n, const char *path) {
    for (int i = 0; i < n; i++)
        fds[i] = open(path, O_RDONLY);
}

struct node *push_fd(struct node *head, const char *path) {
    struct node *n = malloc(sizeof *n);
    if (!n)
        return head;
    n->fd = open(path, O_RDONLY);
    if (n->fd < 0) {
        free(n);
        return head;
    }
    n->next = head;
    return n;
}

struct ctx *ctx_new(const char *path) {
    struct ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->fp = fopen(path, "r");
    return c;
}

/*
 * check-name: handles returned or stored where they outlive the function
 * check-description: returned directly, stored into a struct or an array reached from a parameter, through an
 *   out-parameter, and into heap objects (a list node returned to the caller, a calloc'd context). None of these
 *   is a leak.
 */
