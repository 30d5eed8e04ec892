/* new_api_handle() creates and pre-configures every API handle, but forgets the timeout: each caller's transfer is
 * unbounded. */
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
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    return h;
}

int api_get(const char *path, FILE *out) {
    CURLcode rc;
    CURL *h = new_api_handle(path);
    if (!h)
        return -1;
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    rc = curl_easy_perform(h); // expect: missing-timeout
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl handle from an acquire wrapper without a timeout
 * check-description: new_api_handle returns a handle it created with only a connect timeout, so its callers know
 *   the handle's history: api_get's curl_easy_perform is reported. The wrapper itself performs nothing.
 */
