/* Fixed version of iconv-open-convert-fails.c. */
#include <iconv.h>
#include <string.h>

int latin1_to_utf8(char *in, size_t inlen, char *out, size_t outlen) {
    int rc = 0;
    iconv_t cd = iconv_open("UTF-8", "ISO-8859-1");
    if (cd == (iconv_t)-1)
        return -1;
    if (iconv(cd, &in, &inlen, &out, &outlen) == (size_t)-1)
        rc = -1;
    iconv_close(cd);
    return rc;
}

/*
 * check-name: iconv_open descriptor closed on every path
 * check-description: the conversion result only sets rc; iconv_close runs on both paths.
 */
