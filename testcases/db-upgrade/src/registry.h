/* registry.h — the fixture project of testcases/check-robust-db.sh (databases written by older lifelines). */
#ifndef REGISTRY_H
#define REGISTRY_H

void registry_keep(const char *name);
const char *registry_get(void);
void registry_bad(void);

#endif
