/* A goto cleanup ladder where one error path jumps one label too far and skips a close. */
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
    out = fopen(dst, "w"); // expect: handle-leak
    if (!out)
        goto close_in;
    if (fgets(buf, sizeof buf, in) == NULL)
        goto close_in;
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
    log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT, 0644); // expect: handle-leak
    if (log_fd < 0)
        goto out;
    d = opendir(dir);
    if (d == NULL)
        goto out;
    while ((e = readdir(d)) != NULL)
        dprintf(log_fd, "%s\n", e->d_name);
    rc = 0;
    closedir(d);
    close(log_fd);
out:
    return rc;
}

/*
 * check-name: goto cleanup ladder that skips a label
 * check-description: in copy_first_line the fgets failure jumps to close_in instead of close_out, so out stays
 *   open; in snapshot the opendir failure jumps to out, past the close of log_fd. The findings are on the
 *   acquisitions of the leaked handles.
 */
