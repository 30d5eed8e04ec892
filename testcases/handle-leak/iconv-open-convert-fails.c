/* An iconv descriptor leaks when the conversion fails. (iconv_t)-1 is iconv_open's failure value. */
#include <iconv.h>
#include <string.h>

int latin1_to_utf8(char *in, size_t inlen, char *out, size_t outlen) {
    iconv_t cd = iconv_open("UTF-8", "ISO-8859-1"); // expect: handle-leak
    if (cd == (iconv_t)-1)
        return -1;
    if (iconv(cd, &in, &inlen, &out, &outlen) == (size_t)-1)
        return -1;
    iconv_close(cd);
    return 0;
}

/*
 * check-name: iconv_open descriptor not closed when iconv fails
 * check-description: the (iconv_t)-1 path holds nothing; the conversion-failure path returns with cd open.
 */
