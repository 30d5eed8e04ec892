/* Fixed version of curl-duphandle-unbounded.c: the template carries the timeout, and every copy inherits it. */
#include <stdio.h>

#include "../include/curl/curl.h"

int fetch_all(const char *const *urls, int n, FILE *out) {
    int failures = 0;
    CURL *tmpl = curl_easy_init();
    if (!tmpl)
        return -1;
    curl_easy_setopt(tmpl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(tmpl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(tmpl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(tmpl, CURLOPT_NOSIGNAL, 1L);
    for (int i = 0; i < n; i++) {
        CURL *req = curl_easy_duphandle(tmpl);
        if (!req) {
            failures++;
            continue;
        }
        curl_easy_setopt(req, CURLOPT_URL, urls[i]);
        if (curl_easy_perform(req) != CURLE_OK)
            failures++;
        curl_easy_cleanup(req);
    }
    curl_easy_cleanup(tmpl);
    return failures;
}

/*
 * check-name: curl handle duplicated from a template with a timeout
 * check-description: the template has CURLOPT_TIMEOUT before it is duplicated, so each copy is bounded.
 */
