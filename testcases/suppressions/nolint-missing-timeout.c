/* nolint on missing-timeout findings: on the perform line, or on the call of a helper that performs. */
#include <stdio.h>

#include "../include/curl/curl.h"

static int fetch(CURL *curl, const char *url, FILE *out) {
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    return curl_easy_perform(curl) == CURLE_OK ? 0 : -1; // NOLINT(lifeline-missing-timeout): no finding here anyway
}

int fetch_mirror(const char *url, FILE *out) {
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    CURLcode rc = curl_easy_perform(curl); // NOLINT(lifeline-missing-timeout): local mirror, always answers
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int fetch_local(const char *url, FILE *out) {
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    // NOLINTNEXTLINE(lifeline-missing-*)
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int fetch_remote(const char *url, FILE *out) {
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    CURLcode rc = curl_easy_perform(curl); // NOLINT(lifeline-handle-*) expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int fetch_via_helper(const char *url, FILE *out) {
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    int rc = fetch(curl, url, out); // expect: missing-timeout
    curl_easy_cleanup(curl);
    return rc;
}

int fetch_via_helper_quiet(const char *url, FILE *out) {
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    int rc = fetch(curl, url, out); // NOLINT(lifeline-missing-timeout)
    curl_easy_cleanup(curl);
    return rc;
}

/*
 * check-name: nolint on missing-timeout
 * check-description: no transfer sets a timeout. fetch_mirror's perform line names the rule, fetch_local's is
 *   covered by a next-line glob: suppressed. fetch_remote's names only the handle rules: reported. fetch performs
 *   on a handle it is given, so it has no finding of its own; the finding is on its callers' call lines:
 *   fetch_via_helper is reported although fetch's perform line carries a nolint (a directive covers the finding's
 *   line, not the lines its explanation passes through), fetch_via_helper_quiet's call line carries one.
 */
