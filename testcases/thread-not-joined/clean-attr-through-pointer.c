/* The attribute object reaches the creation through a pointer, after a helper without a body in the run had it. */
#include <pthread.h>
#include <stddef.h>

static void *work(void *arg) {
    return arg;
}

void setup_attr(pthread_attr_t *a); /* configured elsewhere: may set PTHREAD_CREATE_DETACHED */

int start(void) {
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_t *pa = &a;
    pthread_attr_init(pa);
    setup_attr(pa);
    return pthread_create(&t, pa, work, NULL);
}

/*
 * check-name: attribute configured by an unknown helper through a pointer
 * check-description: setup_attr may make the attribute detached; which it does is not known, so the thread is not
 *   followed (precision first), whether the attribute is passed as &a or through pa.
 */
