/* The timeout is only set when the configuration has one: with timeout_s == 0 the transfer is unbounded. */
#include <stdio.h>

#include "../include/curl/curl.h"

struct fetch_opts {
    const char *url;
    long timeout_s; /* 0: not configured */
    int verbose;
};

int fetch(const struct fetch_opts *o, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, o->url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    if (o->timeout_s)
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, o->timeout_s);
    rc = curl_easy_perform(curl); // expect: missing-timeout
    if (rc != CURLE_OK && o->verbose)
        fprintf(stderr, "%s: %s\n", o->url, curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl timeout set on one branch only
 * check-description: on the path where o->timeout_s is 0, curl_easy_perform runs with no timeout: reported.
 */
