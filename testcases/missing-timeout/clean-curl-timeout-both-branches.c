/* Fixed version of curl-timeout-one-branch.c: an unconfigured timeout falls back to a default. */
#include <stdio.h>

#include "../include/curl/curl.h"

#define DEFAULT_TIMEOUT_S 30L

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
    else
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, DEFAULT_TIMEOUT_S);
    rc = curl_easy_perform(curl);
    if (rc != CURLE_OK && o->verbose)
        fprintf(stderr, "%s: %s\n", o->url, curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl timeout set on both branches
 * check-description: each path to curl_easy_perform sets CURLOPT_TIMEOUT (a variable or a non-zero constant).
 */
