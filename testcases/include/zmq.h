/* Stub of <zmq.h> for lifeline's samples: only what they use, with libzmq's signatures and values. */
#ifndef LIFELINE_STUB_ZMQ_H
#define LIFELINE_STUB_ZMQ_H
#pragma GCC system_header

#include <stddef.h>

#define ZMQ_PAIR 0
#define ZMQ_PUB 1
#define ZMQ_SUB 2
#define ZMQ_REQ 3
#define ZMQ_REP 4
#define ZMQ_PULL 7
#define ZMQ_PUSH 8

#define ZMQ_LINGER 17
#define ZMQ_SNDTIMEO 28
#define ZMQ_RCVTIMEO 27

#define ZMQ_DONTWAIT 1

void *zmq_ctx_new(void);
int zmq_ctx_term(void *context);
int zmq_ctx_destroy(void *context);

void *zmq_socket(void *, int type);
int zmq_close(void *s);
int zmq_setsockopt(void *s, int option, const void *optval, size_t optvallen);
int zmq_bind(void *s, const char *addr);
int zmq_connect(void *s, const char *addr);
int zmq_send(void *s, const void *buf, size_t len, int flags);
int zmq_recv(void *s, void *buf, size_t len, int flags);
int zmq_errno(void);
const char *zmq_strerror(int errnum);

#endif
