/* After the release, the name is given a new handle (or cleared) before it is used again. */
#include <stdio.h>
#include <unistd.h>

struct session {
    FILE *log;
    int fd;
};

void end_session(struct session *s, FILE *fallback, const char *why) {
    FILE *log = s->log;
    fclose(log);
    s->log = fallback;
    fprintf(s->log, "closed: %s\n", why);
}

int tee(const char *path, const char *path2, const char *text) {
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fputs(text, fp);
    fclose(fp);
    fp = fopen(path2, "w");
    if (!fp)
        return -1;
    fputs(text, fp);
    return fclose(fp);
}

int maybe_log(FILE *fp, const char *text) {
    fclose(fp);
    fp = NULL;
    if (fp)
        fputs(text, fp);
    return 0;
}

/*
 * check-name: name reassigned after release
 * check-description: end_session stores a different stream into s->log before writing; tee reopens fp before
 *   the second write; maybe_log clears fp, so the guarded fputs cannot run.
 */
