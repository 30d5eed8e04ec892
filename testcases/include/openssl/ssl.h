/* Stub of <openssl/ssl.h> for lifeline's samples: only what they use, with OpenSSL's signatures. */
#ifndef LIFELINE_STUB_OPENSSL_SSL_H
#define LIFELINE_STUB_OPENSSL_SSL_H
#pragma GCC system_header

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

SSL *SSL_new(SSL_CTX *ctx);
void SSL_free(SSL *ssl);
int SSL_set_fd(SSL *s, int fd);
int SSL_set_tlsext_host_name(SSL *s, const char *name); /* a macro over SSL_ctrl in OpenSSL; a function here */
int SSL_shutdown(SSL *s);
int SSL_get_error(const SSL *s, int ret_code);

#endif
