/* C11 threads: thrd_create's argument is the address of a local, the thread is detached or left unjoined. */
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
    return 0;
}

int mail_async(const char *to, const char *subject) {
    struct mail m;
    thrd_t t;
    snprintf(m.to, sizeof m.to, "%s", to);
    snprintf(m.subject, sizeof m.subject, "%s", subject);
    if (thrd_create(&t, send_mail, &m) != thrd_success) // expect: thread-stack-arg
        return -1;
    thrd_detach(t);
    return 0;
}

int mail_checked(const char *to, const char *subject) {
    struct mail m;
    thrd_t t;
    int res;
    snprintf(m.to, sizeof m.to, "%s", to);
    snprintf(m.subject, sizeof m.subject, "%s", subject);
    if (thrd_create(&t, send_mail, &m) != thrd_success) // expect: thread-not-joined, thread-stack-arg
        return -1;
    if (strchr(m.to, '@') == NULL)
        return -1;
    thrd_join(t, &res);
    return res;
}

/*
 * check-name: C11 thread given the address of a local
 * check-description: mail_async detaches the thread that reads m (thread-stack-arg only). mail_checked returns
 *   -1 on a bad address after the thread was started and before thrd_join: the thread is unjoined and still
 *   reads m (both rules); its joined path is fine.
 */
