#ifndef PICK_H
#define PICK_H

/* Returns whichever of a and b points at the larger value. */
int *pick_max(int *a, int *b);
/* Returns the larger value. */
int max_value(const int *a, const int *b);

#endif
