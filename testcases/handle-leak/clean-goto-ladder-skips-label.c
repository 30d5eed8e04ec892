/* Fixed version of goto-ladder-skips-label.c: each error path jumps to the label that undoes exactly what was
 * acquired so far. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int copy_first_line(const char *src, const char *dst) {
    char buf[256];
    int rc = -1;
    FILE *in, *out;
    in = fopen(src, "r");
    if (!in)
        goto done;
    out = fopen(dst, "w");
    if (!out)
        goto close_in;
    if (fgets(buf, sizeof buf, in) == NULL)
        goto close_out;
    if (fputs(buf, out) < 0)
        goto close_out;
    rc = 0;
close_out:
    fclose(out);
close_in:
    fclose(in);
done:
    return rc;
}

int snapshot(const char *dir, const char *log_path) {
    int rc = -1;
    int log_fd;
    DIR *d;
    struct dirent *e;
    log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (log_fd < 0)
        goto out;
    d = opendir(dir);
    if (d == NULL)
        goto close_log;
    while ((e = readdir(d)) != NULL)
        dprintf(log_fd, "%s\n", e->d_name);
    rc = 0;
    closedir(d);
close_log:
    close(log_fd);
out:
    return rc;
}

int single_exit(const char *a, const char *b) {
    FILE *fa = NULL, *fb = NULL;
    int rc = -1;
    fa = fopen(a, "r");
    if (fa == NULL)
        goto cleanup;
    fb = fopen(b, "r");
    if (fb == NULL)
        goto cleanup;
    rc = 0;
cleanup:
    if (fb)
        fclose(fb);
    if (fa)
        fclose(fa);
    return rc;
}

/*
 * check-name: goto cleanup ladders that release everything
 * check-description: the ladders release in reverse order of acquisition and every error path enters at the
 *   right rung; single_exit uses one label with NULL-guarded releases.
 */
