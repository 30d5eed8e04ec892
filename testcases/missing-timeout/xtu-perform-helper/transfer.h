#ifndef TRANSFER_H
#define TRANSFER_H

#include "../../include/curl/curl.h"

/* Runs the transfer configured on h and logs a failure; the caller keeps (and cleans up) the handle. */
int transfer_run(CURL *h, const char *what);

#endif
