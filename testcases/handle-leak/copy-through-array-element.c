/* The handle is stored into an element of a local array and leaked from there. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int from_slot(const char *path) {
    FILE *slots[4] = {NULL};
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    slots[2] = fp;
    return slots[2] != NULL;
}

int first_byte(const char *path) {
    int fds[1];
    unsigned char c;
    fds[0] = open(path, O_RDONLY); // expect: handle-leak
    if (fds[0] < 0)
        return -1;
    if (read(fds[0], &c, 1) != 1)
        return -1;
    close(fds[0]);
    return c;
}

/*
 * check-name: handle kept in a local array element and leaked
 * check-description: from_slot copies fp into a local array that dies with the frame; first_byte acquires
 *   straight into an array element and returns without closing it when read fails. A local array is not storage
 *   that outlives the function. One handle per array here; see two-array-elements-leak.c for two.
 */
