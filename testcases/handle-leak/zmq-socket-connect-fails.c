/* A ZeroMQ socket leaks when connecting it fails. */
#include <stdio.h>

#include "../include/zmq.h"

void *open_push(void *zctx, const char *endpoint) {
    int linger = 0;
    void *sock = zmq_socket(zctx, ZMQ_PUSH); // expect: handle-leak
    if (sock == NULL)
        return NULL;
    zmq_setsockopt(sock, ZMQ_LINGER, &linger, sizeof linger);
    if (zmq_connect(sock, endpoint) != 0) {
        fprintf(stderr, "zmq_connect %s: %s\n", endpoint, zmq_strerror(zmq_errno()));
        return NULL;
    }
    return sock;
}

/*
 * check-name: zmq socket not closed when zmq_connect fails
 * check-description: the connect-failure path returns NULL without zmq_close(sock). The context zctx is a
 *   parameter and is not tracked.
 */
