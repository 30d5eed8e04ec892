#ifndef NETUTIL_H
#define NETUTIL_H

/* Waits until fd is readable: 1 when it is, 0 on timeout or error. */
int net_wait_readable(int fd, int timeout_ms);

/* Waits until fd is readable, however long that takes. */
int net_wait_forever(int fd);

#endif
