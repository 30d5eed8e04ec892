#include <pthread.h>
#include <stdio.h>

#include "page.h"

static void *check_page(void *arg) {
    struct page_fetch *f = arg;
    if (fetch_page(f) == 0)
        printf("%s: %ld\n", f->url, f->status);
    return NULL;
}

int check_site(const char *url) {
    struct page_fetch f = {NULL, url, 0};
    pthread_t first, retry;
    f.curl = curl_easy_init();
    if (f.curl == NULL)
        return -1;
    curl_easy_setopt(f.curl, CURLOPT_TIMEOUT, 10L);
    pthread_create(&first, NULL, check_page, &f);
    pthread_create(&retry, NULL, check_page, &f); // expect: shared-session
    pthread_join(first, NULL);
    pthread_join(retry, NULL);
    curl_easy_cleanup(f.curl);
    return 0;
}
