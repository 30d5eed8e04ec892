/* A dlopen handle leaks when the plugin lacks its entry point. */
#include <dlfcn.h>
#include <stdio.h>

typedef int (*plugin_init_fn)(void);

int load_plugin(const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL); // expect: handle-leak
    if (!h) {
        fprintf(stderr, "%s\n", dlerror());
        return -1;
    }
    plugin_init_fn init = (plugin_init_fn)dlsym(h, "plugin_init");
    if (!init)
        return -1;
    int rc = init();
    dlclose(h);
    return rc;
}

/*
 * check-name: dlopen handle not closed when dlsym fails
 * check-description: the missing-symbol path returns without dlclose. dlsym is a system-header function that
 *   only looks into the handle, so it does not take it over.
 */
