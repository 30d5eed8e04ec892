#ifndef ACME_H
#define ACME_H

#include <stddef.h>

/* A vendor library known only by its declarations; models/acme.yaml says what the functions do. */
typedef struct acme_conn acme_conn;

acme_conn *acme_open(const char *device);
int acme_send(acme_conn *c, const void *buf, size_t len);
void acme_close(acme_conn *c);

#endif
