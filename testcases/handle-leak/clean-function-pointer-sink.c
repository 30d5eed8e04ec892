/* A handle passed to a call through a function pointer is handed off (the target is unknown). */
#include <stdio.h>

typedef void (*stream_sink)(FILE *);

static void close_sink(FILE *f) {
    fclose(f);
}

static const stream_sink default_sink = close_sink;

int process(const char *path, stream_sink sink) {
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return -1;
    sink(fp);
    return 0;
}

int process_default(const char *path) {
    void (*fn)(FILE *) = default_sink;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    fn(fp);
    return 0;
}

/*
 * check-name: handle passed through a function pointer
 * check-description: policy: an indirect call is a call to an unknown function, which may take ownership of a
 *   handle passed to it, so passing fp to sink or fn hands it off and nothing is reported (here both targets
 *   happen to close it). An analysis that resolves fn to close_sink reaches the same verdict.
 */
