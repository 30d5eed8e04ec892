/* A multi transfer runs with the easy handle's limits: an easy handle with no timeout can stall the loop forever. */
#include <stdio.h>

#include "../include/curl/curl.h"

int fetch_two(const char *a, const char *b, FILE *out_a, FILE *out_b) {
    int running = 0;
    int rc = -1;
    CURLM *multi = curl_multi_init();
    if (!multi)
        return -1;
    CURL *ha = curl_easy_init();
    CURL *hb = curl_easy_init();
    if (!ha || !hb)
        goto out;
    curl_easy_setopt(ha, CURLOPT_URL, a);
    curl_easy_setopt(ha, CURLOPT_WRITEDATA, out_a);
    curl_easy_setopt(ha, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(hb, CURLOPT_URL, b);
    curl_easy_setopt(hb, CURLOPT_WRITEDATA, out_b);
    curl_multi_add_handle(multi, ha);
    curl_multi_add_handle(multi, hb); // expect: missing-timeout
    do {
        if (curl_multi_perform(multi, &running) != CURLM_OK)
            break;
        if (running)
            curl_multi_poll(multi, NULL, 0, 1000, NULL);
    } while (running);
    curl_multi_remove_handle(multi, ha);
    curl_multi_remove_handle(multi, hb);
    rc = 0;
out:
    if (ha)
        curl_easy_cleanup(ha);
    if (hb)
        curl_easy_cleanup(hb);
    curl_multi_cleanup(multi);
    return rc;
}

/*
 * check-name: easy handle without a timeout added to a multi handle
 * check-description: ha has CURLOPT_TIMEOUT, hb has none: the finding is on hb's curl_multi_add_handle. The
 *   curl_multi_poll timeout only paces the loop, it does not end a stalled transfer.
 */
