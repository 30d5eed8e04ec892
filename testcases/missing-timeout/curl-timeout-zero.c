/* CURLOPT_TIMEOUT 0 is libcurl's "no timeout": writing it explicitly does not bound the transfer. */
#include <stdio.h>

#include "../include/curl/curl.h"

int fetch_feed(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L); /* large feeds take a while */
    rc = curl_easy_perform(curl); // expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int fetch_feed_ms(const char *url, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 0L);
    rc = curl_easy_perform(curl); // expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl timeout set to a literal zero
 * check-description: a literal 0 for CURLOPT_TIMEOUT / CURLOPT_TIMEOUT_MS means "never time out", so it does not
 *   count as a timeout; both transfers are reported.
 */
