/* Handles inside a struct passed to a same-file function that releases only one of them. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

struct job {
    FILE *out;
    int lock_fd;
};

static void job_finish(struct job *j) {
    fclose(j->out);
}

int run_job(const char *out_path, const char *lock_path) {
    struct job j;
    j.lock_fd = open(lock_path, O_RDWR | O_CREAT, 0600); // expect: handle-leak
    if (j.lock_fd < 0)
        return -1;
    j.out = fopen(out_path, "w");
    if (j.out == NULL) {
        close(j.lock_fd);
        return -1;
    }
    fputs("started\n", j.out);
    job_finish(&j);
    return 0;
}

/*
 * check-name: struct of handles passed to a function that releases only one
 * check-description: job_finish closes j->out but not j->lock_fd; j is a local, so the descriptor is leaked by
 *   run_job when it returns. The finding is on the open that acquired lock_fd.
 */
