#ifndef HTTP_H
#define HTTP_H

#include <stdio.h>

#include "../../include/curl/curl.h"

/* Applies the service's standard options, total timeout included. */
void http_configure(CURL *h, FILE *out);

/* Sets the URL and the output only. */
void http_set_target(CURL *h, const char *url, FILE *out);

#endif
