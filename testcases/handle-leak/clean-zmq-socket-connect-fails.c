/* Fixed version of zmq-socket-connect-fails.c. */
#include <stdio.h>

#include "../include/zmq.h"

void *open_push(void *zctx, const char *endpoint) {
    int linger = 0;
    void *sock = zmq_socket(zctx, ZMQ_PUSH);
    if (sock == NULL)
        return NULL;
    zmq_setsockopt(sock, ZMQ_LINGER, &linger, sizeof linger);
    if (zmq_connect(sock, endpoint) != 0) {
        fprintf(stderr, "zmq_connect %s: %s\n", endpoint, zmq_strerror(zmq_errno()));
        zmq_close(sock);
        return NULL;
    }
    return sock;
}

/*
 * check-name: zmq socket closed when zmq_connect fails
 * check-description: the failure path calls zmq_close; success returns the socket.
 */
