/* Returning a local array (it decays to a pointer to its first element), an element of it, or a row of a local
 * two-dimensional array. */
#include <stdio.h>

char *format_id(int id) {
    char buf[32];
    snprintf(buf, sizeof buf, "id-%d", id);
    return buf; // expect: stack-address-escape
}

const char *first_element(void) {
    char name[8] = "abc";
    return &name[0]; // expect: stack-address-escape
}

int *row_of(int r) {
    int grid[4][4] = {{0}};
    grid[r & 3][0] = r;
    return grid[r & 3]; // expect: stack-address-escape
}

/*
 * check-name: returning the address of a local array
 * check-description: buf, name and grid live in the frame of the function; the pointer the caller receives
 *   points into a dead frame, whatever element it designates.
 */
