/* A mapping released with free() instead of munmap(). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int scratch(size_t len) {
    char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED)
        return -1;
    buf[0] = 'x';
    free(buf); // expect: handle-mismatched-release
    return 0;
}

/*
 * check-name: mmap region released with free
 * check-description: free() on memory that malloc did not return corrupts the heap; the mapping needs munmap.
 *   Assumes the models list free as the release of a (non-reported) memory kind, so that free on a mapping is a
 *   release of the wrong kind.
 */
