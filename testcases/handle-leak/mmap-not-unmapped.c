/* A mapping leaks when validating its contents fails. MAP_FAILED, not NULL, is mmap's failure value. */
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

int checksum_file(int fd, size_t len, uint32_t *out) {
    const unsigned char *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0); // expect: handle-leak
    uint32_t sum = 0;
    if (p == MAP_FAILED)
        return -1;
    if (len < 4 || p[0] != 0x7f)
        return -1;
    for (size_t i = 0; i < len; i++)
        sum = sum * 31u + p[i];
    munmap((void *)p, len);
    *out = sum;
    return 0;
}

/*
 * check-name: mmap region not unmapped on an error path
 * check-description: the bad-magic path returns without munmap. The MAP_FAILED path holds no mapping; fd is a
 *   parameter and is not tracked.
 */
