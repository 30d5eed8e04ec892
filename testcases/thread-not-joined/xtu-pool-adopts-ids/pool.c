#include "pool.h"

int pool_adopt(struct pool *p, pthread_t t) {
    if (p->count == POOL_MAX) {
        pthread_join(t, NULL);
        return -1;
    }
    p->threads[p->count++] = t;
    return 0;
}

void pool_join_all(struct pool *p) {
    p->stopping = 1;
    while (p->count > 0)
        pthread_join(p->threads[--p->count], NULL);
}
