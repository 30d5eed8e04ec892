/* Each worker request is a copy of a template handle; the template has no timeout, so neither has any copy. */
#include <stdio.h>

#include "../include/curl/curl.h"

int fetch_all(const char *const *urls, int n, FILE *out) {
    int failures = 0;
    CURL *tmpl = curl_easy_init();
    if (!tmpl)
        return -1;
    curl_easy_setopt(tmpl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(tmpl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(tmpl, CURLOPT_NOSIGNAL, 1L);
    for (int i = 0; i < n; i++) {
        CURL *req = curl_easy_duphandle(tmpl);
        if (!req) {
            failures++;
            continue;
        }
        curl_easy_setopt(req, CURLOPT_URL, urls[i]);
        if (curl_easy_perform(req) != CURLE_OK) // expect: missing-timeout
            failures++;
        curl_easy_cleanup(req);
    }
    curl_easy_cleanup(tmpl);
    return failures;
}

/*
 * check-name: curl handle duplicated from a template without a timeout
 * check-description: curl_easy_duphandle copies the template's options; the template only has a connect timeout,
 *   so the copy's curl_easy_perform is unbounded and reported.
 */
