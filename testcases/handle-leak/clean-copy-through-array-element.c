/* Fixed version of copy-through-array-element.c: released through the array element. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int from_slot(const char *path) {
    FILE *slots[4] = {NULL};
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    slots[2] = fp;
    fclose(slots[2]);
    return 1;
}

int first_byte(const char *path) {
    int fds[1];
    unsigned char c;
    int rc;
    fds[0] = open(path, O_RDONLY);
    if (fds[0] < 0)
        return -1;
    rc = read(fds[0], &c, 1) == 1 ? c : -1;
    close(fds[0]);
    return rc;
}

/*
 * check-name: handle released through a local array element
 * check-description: from_slot releases fp through its copy in slots[2]; first_byte closes the element it
 *   acquired into on every path.
 */
