/* __attribute__((cleanup(f))) passes the address of the variable to f at scope end; here f does not keep it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void free_charp(char **pp) {
    free(*pp);
}

size_t copy_len(const char *s) {
    char *copy __attribute__((cleanup(free_charp))) = strdup(s);
    if (!copy)
        return 0;
    return strlen(copy);
}

static void log_depth(int *depth) {
    printf("leaving depth %d\n", *depth);
}

int nested(int n) {
    int depth __attribute__((cleanup(log_depth))) = n;
    return depth * 2;
}

/*
 * check-name: cleanup attribute whose function does not keep the address
 * check-description: free_charp receives &copy and log_depth &depth at scope end; they only read through the
 *   pointer, so nothing escapes.
 */
