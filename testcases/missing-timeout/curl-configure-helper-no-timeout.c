/* Look-alike of clean-curl-configure-helper.c whose helper sets everything but a total timeout. */
#include <stdio.h>

#include "../include/curl/curl.h"

static void configure_defaults(CURL *h, FILE *out) {
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
}

int fetch_report(const char *url, FILE *out) {
    CURLcode rc;
    CURL *h = curl_easy_init();
    if (!h)
        return -1;
    configure_defaults(h, out);
    curl_easy_setopt(h, CURLOPT_URL, url);
    rc = curl_easy_perform(h); // expect: missing-timeout
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: helper configures the handle without a timeout
 * check-description: configure_defaults sets only a connect timeout; the transfer in fetch_report stays unbounded
 *   and is reported there (the helper performs nothing).
 */
