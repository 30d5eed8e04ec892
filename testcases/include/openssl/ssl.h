/* Stub of <openssl/ssl.h> for lifeline's samples: only what they use, with OpenSSL's signatures. */
#ifndef LIFELINE_STUB_OPENSSL_SSL_H
#define LIFELINE_STUB_OPENSSL_SSL_H
#pragma GCC system_header

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_method_st SSL_METHOD;

const SSL_METHOD *TLS_method(void);
const SSL_METHOD *TLS_client_method(void);
const SSL_METHOD *TLS_server_method(void);
SSL_CTX *SSL_CTX_new(const SSL_METHOD *method);
void SSL_CTX_free(SSL_CTX *ctx);
int SSL_CTX_use_certificate_file(SSL_CTX *ctx, const char *file, int type);
int SSL_CTX_use_PrivateKey_file(SSL_CTX *ctx, const char *file, int type);
int SSL_CTX_set_default_verify_paths(SSL_CTX *ctx);

#define SSL_FILETYPE_PEM 1

SSL *SSL_new(SSL_CTX *ctx);
void SSL_free(SSL *ssl);
int SSL_set_fd(SSL *s, int fd);
int SSL_set_tlsext_host_name(SSL *s, const char *name); /* a macro over SSL_ctrl in OpenSSL; a function here */
int SSL_connect(SSL *ssl);
int SSL_accept(SSL *ssl);
int SSL_read(SSL *ssl, void *buf, int num);
int SSL_write(SSL *ssl, const void *buf, int num);
int SSL_shutdown(SSL *s);
int SSL_get_error(const SSL *s, int ret_code);

#endif
