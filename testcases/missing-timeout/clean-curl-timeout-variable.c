/* The timeout comes from the configuration: a value the analysis cannot know counts as a timeout. */
#include <stdio.h>

#include "../include/curl/curl.h"

struct client_config {
    const char *base_url;
    long timeout_s;
    long timeout_ms;
};

int fetch_config(const struct client_config *cfg, FILE *out) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, cfg->base_url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, cfg->timeout_s);
    rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

int fetch_with_budget(const char *url, long budget_ms) {
    CURLcode rc;
    CURL *curl = curl_easy_init();
    if (!curl)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, budget_ms);
    rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl timeout taken from a variable
 * check-description: CURLOPT_TIMEOUT / CURLOPT_TIMEOUT_MS set from a struct field or a parameter counts as set (the
 *   value is not a literal 0).
 */
