/* Fixed look-alike of thrd-detach-local-arg.c: C11 threads reading a local are joined on every path. */
#include <stdio.h>
#include <string.h>
#include <threads.h>

struct mail {
    char to[64];
    char subject[128];
};

static int send_mail(void *arg) {
    const struct mail *m = arg;
    printf("to %s: %s\n", m->to, m->subject);
    return strchr(m->to, '@') ? 0 : 1;
}

int mail_sync(const char *to, const char *subject) {
    struct mail m;
    thrd_t t;
    int res = -1;
    snprintf(m.to, sizeof m.to, "%s", to);
    snprintf(m.subject, sizeof m.subject, "%s", subject);
    if (thrd_create(&t, send_mail, &m) != thrd_success)
        return -1;
    thrd_join(t, &res);
    return res;
}

int mail_two(const char *a, const char *b) {
    struct mail ma = {"", "hello"}, mb = {"", "hello"};
    thrd_t ta, tb;
    int ra = 1, rb = 1;
    snprintf(ma.to, sizeof ma.to, "%s", a);
    snprintf(mb.to, sizeof mb.to, "%s", b);
    if (thrd_create(&ta, send_mail, &ma) != thrd_success)
        return -1;
    if (thrd_create(&tb, send_mail, &mb) != thrd_success) {
        thrd_join(ta, NULL);
        return -1;
    }
    thrd_join(ta, &ra);
    thrd_join(tb, &rb);
    return ra + rb;
}

/*
 * check-name: C11 threads with stack arguments, joined
 * check-description: mail_sync joins its thread before returning; mail_two joins the first thread when the
 *   second cannot be created and both otherwise. The locals m, ma, mb outlive every thread that reads them.
 */
