#include <stdio.h>

#include "include/vendor_io.h"
#include "tmpfile_util.h"

int main(int argc, char **argv) {
    FILE *out = fopen("/tmp/out", "w"); // expect: handle-leak
    if (!out || argc < 2)
        return 1;
    fprintf(out, "%d\n", vendor_peek(argv[1]));
    return tmp_touch(argv[1]);
}
