/* A call through a function pointer is a call to an unknown function: a handle passed to it is handed off.
 * Here the handle leaks on a path that never reaches that call. */
#include <stdio.h>

typedef void (*stream_sink)(FILE *);

int process(const char *path, stream_sink sink, int dry_run) {
    FILE *fp = fopen(path, "r"); // expect: handle-leak
    if (fp == NULL)
        return -1;
    if (dry_run)
        return 0;
    sink(fp);
    return 0;
}

/*
 * check-name: handle leaked before it reaches a function-pointer sink
 * check-description: the call sink(fp) goes to a function the analysis cannot know, so it may take ownership
 *   (handed off, no finding on that path); the dry_run path returns before it with the stream open.
 */
