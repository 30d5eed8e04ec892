/* Escapes inside loops: a store in a for loop body, a return after a while loop, a result picked inside a
 * do-while and returned after it. */
#include <stddef.h>

int *g_slots[4];

void fill(int n) {
    int v = n;
    for (int i = 0; i < n && i < 4; i++)
        g_slots[i] = &v; // expect: stack-address-escape
}

const char *first_word(const char *s) {
    char w[32];
    size_t i = 0;
    while (s[i] && s[i] != ' ' && i < sizeof w - 1) {
        w[i] = s[i];
        i++;
    }
    w[i] = '\0';
    return w; // expect: stack-address-escape
}

int *find(const int *vals, int n, int key) {
    int found = -1;
    int *result = NULL;
    int i = 0;
    do {
        if (i < n && vals[i] == key) {
            found = i;
            result = &found;
            break;
        }
        i++;
    } while (i < n);
    return result; // expect: stack-address-escape
}

/*
 * check-name: escaping from inside or after a loop
 * check-description: the loop bodies run on some inputs, so g_slots[i] = &v escapes; w is returned after the
 *   loop; result is &found on the paths that break out of the do-while.
 */
