/* Handles inside a struct passed to a same-file function that releases all of them. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

struct job {
    FILE *out;
    int lock_fd;
};

static void job_finish(struct job *j) {
    fclose(j->out);
    close(j->lock_fd);
}

int run_job(const char *out_path, const char *lock_path) {
    struct job j;
    j.lock_fd = open(lock_path, O_RDWR | O_CREAT, 0600);
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
 * check-name: struct of handles released by a same-file function
 * check-description: job_finish releases both handles reached through its parameter.
 */
