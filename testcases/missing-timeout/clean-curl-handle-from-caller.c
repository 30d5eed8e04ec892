/* Handles that come from a parameter or a global: this function cannot know whether a timeout was set. */
#include <stdio.h>

#include "../include/curl/curl.h"

static CURL *g_session;

int refresh_token(CURL *h, const char *url) {
    curl_easy_setopt(h, CURLOPT_URL, url);
    return curl_easy_perform(h) == CURLE_OK ? 0 : -1;
}

int poll_status(const char *url) {
    if (!g_session)
        return -1;
    curl_easy_setopt(g_session, CURLOPT_URL, url);
    return curl_easy_perform(g_session) == CURLE_OK ? 0 : -1;
}

/*
 * check-name: curl handles from a parameter and a global
 * check-description: neither handle was created in the function, so its options are unknown: no finding. (A caller
 *   passing refresh_token an unbounded handle it created would be reported at the call.)
 */
