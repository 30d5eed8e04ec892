#include "workers.h"

#include <stdio.h>

void log_thread(const char *what, pthread_t t) {
    printf("%s: thread %lu\n", what, (unsigned long)t);
}

void release_worker(pthread_t t, int wait) {
    if (wait)
        pthread_join(t, NULL);
    else
        pthread_detach(t);
}
