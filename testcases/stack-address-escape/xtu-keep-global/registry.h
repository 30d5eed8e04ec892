#ifndef REGISTRY_H
#define REGISTRY_H

/* Remembers p until the next call: the pointer must stay valid that long. */
void registry_keep(int *p);
int registry_peek(void);

#endif
