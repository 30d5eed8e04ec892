/* Fixed version of curl-acquire-wrapper-unbounded.c: the wrapper sets the timeout on every handle it makes. */
#include <stdio.h>

#include "../include/curl/curl.h"

static CURL *new_api_handle(const char *path) {
    char url[256];
    CURL *h = curl_easy_init();
    if (!h)
        return NULL;
    snprintf(url, sizeof url, "https://api.example.com%s", path);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    return h;
}

int api_get(const char *path, FILE *out) {
    CURLcode rc;
    CURL *h = new_api_handle(path);
    if (!h)
        return -1;
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl handle from an acquire wrapper with a timeout
 * check-description: new_api_handle sets CURLOPT_TIMEOUT before returning the handle: api_get's transfer is bounded.
 */
