#include "io.h"

#include <string.h>
#include <unistd.h>

int dump_stream(FILE *in, FILE *out) {
    char line[256];
    int n = 0;
    while (fgets(line, sizeof line, in)) {
        fputs(line, out);
        n++;
    }
    return n;
}

int send_banner(int fd) {
    static const char banner[] = "report v1\n";
    return write(fd, banner, strlen(banner)) < 0 ? -1 : 0;
}
