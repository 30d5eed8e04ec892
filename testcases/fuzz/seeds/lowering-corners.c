/* Seed for fuzz_source: deep nesting, unusual control flow, errors clang recovers from. */
#include <stdio.h>
#include <unistd.h>
#include <sys/socket.h>

typedef struct { int fd; FILE *f; } res;
int more(void);

res *leaky(res *out, int n) {
    for (int i = 0; i < n; i++)
        for (;;) {
            do {
                if (more()) continue;
                else if (more()) break;
                while (more()) { if (i) goto done; }
            } while (more());
            if (more()) break;
        }
done:
    out->fd = socket(AF_INET, SOCK_STREAM, 0);
    out->f = fdopen(out->fd, "r");
    return n ? out : (res *)0;
}

int comma_and_cond(int a, int b) {
    int fd = (a ? open_it() : -1), x = (b, fd);  /* undeclared function: clang recovers */
    return a && b || x ? close(fd) : (fd = dup(fd), fd);
}

int recurse(int n) { return n ? recurse(n - 1) + recurse(n / 2) : 0; }

void unterminated(int x) {
    int arr[4] = {[3] = 1, [0 ... 2] = x};
    char *s = "str" "cat";
    int *p = &arr[x]
    if (p) *p = *s;
}
