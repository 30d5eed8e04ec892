/* __attribute__((cleanup)) on another variable does not change the verdict: the local buffer is still returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void free_charp(char **pp) {
    free(*pp);
}

char *normalise(const char *s) {
    char *tmp __attribute__((cleanup(free_charp))) = strdup(s);
    char out[32];
    snprintf(out, sizeof out, "%s", tmp ? tmp : "");
    return out; // expect: stack-address-escape
}

/*
 * check-name: returning a local buffer from a function with a cleanup variable
 * check-description: free_charp receives &tmp at scope end and only frees *tmp; it is irrelevant here. out is
 *   still a local array returned to the caller.
 */
