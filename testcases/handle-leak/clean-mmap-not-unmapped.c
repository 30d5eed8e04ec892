/* Fixed version of mmap-not-unmapped.c, plus an anonymous mapping kept in a struct the caller passed. */
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

struct arena {
    void *base;
    size_t size;
};

int checksum_file(int fd, size_t len, uint32_t *out) {
    const unsigned char *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    uint32_t sum = 0;
    int rc = -1;
    if (p == MAP_FAILED)
        return -1;
    if (len >= 4 && p[0] == 0x7f) {
        for (size_t i = 0; i < len; i++)
            sum = sum * 31u + p[i];
        *out = sum;
        rc = 0;
    }
    munmap((void *)p, len);
    return rc;
}

int arena_init(struct arena *a, size_t size) {
    void *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        return -1;
    a->base = base;
    a->size = size;
    return 0;
}

/*
 * check-name: mmap region unmapped or stored in a parameter's struct
 * check-description: checksum_file unmaps on every path; arena_init stores the mapping into the struct its
 *   parameter points to, where it outlives the call.
 */
