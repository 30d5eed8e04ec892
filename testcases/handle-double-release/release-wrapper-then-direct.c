/* A same-file release wrapper followed by a direct release of the same handle, and the reverse. */
#include <stdio.h>
#include <unistd.h>

static void close_file(FILE *f) {
    if (f)
        fclose(f);
}

static int close_conn(int fd) {
    return close(fd);
}

void done_with(FILE *fp) {
    close_file(fp);
    fclose(fp); // expect: handle-double-release
}

void hang_up(int fd) {
    close(fd);
    close_conn(fd); // expect: handle-double-release
}

/*
 * check-name: release wrapper and direct release of the same handle
 * check-description: close_file and close_conn release their parameter (summaries of this file's functions);
 *   done_with releases through the wrapper and then directly, hang_up the other way round. The finding is on
 *   the second release, which is the call to the wrapper in hang_up.
 */
