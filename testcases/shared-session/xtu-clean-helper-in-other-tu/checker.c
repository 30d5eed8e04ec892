#include <pthread.h>
#include <stdio.h>

#include "page.h"

#define NPAGES 3

static void *check_page(void *arg) {
    struct page_fetch *f = arg;
    if (f->curl != NULL && fetch_page(f) == 0)
        printf("%s: %ld\n", f->url, f->status);
    return NULL;
}

void check_pages(const char *const urls[NPAGES]) {
    struct page_fetch f[NPAGES];
    pthread_t tids[NPAGES];
    int i;
    for (i = 0; i < NPAGES; i++) {
        f[i].url = urls[i];
        f[i].status = 0;
        f[i].curl = curl_easy_init();
        if (f[i].curl != NULL)
            curl_easy_setopt(f[i].curl, CURLOPT_TIMEOUT, 10L);
        pthread_create(&tids[i], NULL, check_page, &f[i]);
    }
    for (i = 0; i < NPAGES; i++) {
        pthread_join(tids[i], NULL);
        curl_easy_cleanup(f[i].curl);
    }
}
