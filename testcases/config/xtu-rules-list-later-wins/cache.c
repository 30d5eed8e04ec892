#include <pthread.h>
#include <stdio.h>

static int *g_hint;

static void *refresher(void *arg) {
    (void)arg;
    return NULL;
}

int cache_load(const char *path) {
    int hint = 0;
    pthread_t t;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    g_hint = &hint; // expect: stack-address-escape
    if (fscanf(fp, "%d", &hint) != 1)
        return -1;
    fclose(fp);
    pthread_create(&t, NULL, refresher, NULL);
    return hint;
}

void cache_drop(FILE *fp) {
    fclose(fp);
    fclose(fp); // expect: handle-double-release
}
