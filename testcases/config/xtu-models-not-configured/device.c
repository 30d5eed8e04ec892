#include "acme.h"

int device_ping(const char *dev) {
    acme_conn *c = acme_open(dev);
    if (!c)
        return -1;
    if (acme_send(c, "ping", 4) < 0)
        return -1;
    acme_close(c);
    return 0;
}

int device_ping_clean(const char *dev) {
    acme_conn *c = acme_open(dev);
    if (!c)
        return -1;
    int rc = acme_send(c, "ping", 4);
    acme_close(c);
    return rc < 0 ? -1 : 0;
}

void device_reset(acme_conn *c, int failed) {
    if (failed)
        acme_close(c);
    acme_close(c);
}
