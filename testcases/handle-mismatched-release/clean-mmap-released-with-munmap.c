/* Fixed version of mmap-released-with-free.c; heap memory next to it is freed with free. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int scratch(size_t len) {
    char *copy;
    char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED)
        return -1;
    buf[0] = 'x';
    copy = malloc(len);
    if (copy != NULL) {
        copy[0] = buf[0];
        free(copy);
    }
    munmap(buf, len);
    return 0;
}

/*
 * check-name: mmap region released with munmap, heap memory with free
 * check-description: each allocation is released by its own function.
 */
