/* Fixed version of dlopen-missing-symbol.c; a plugin that stays loaded is kept in a static. */
#include <dlfcn.h>
#include <stdio.h>

typedef int (*plugin_init_fn)(void);

static void *s_resident;

int load_plugin(const char *path) {
    int rc = -1;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "%s\n", dlerror());
        return -1;
    }
    plugin_init_fn init = (plugin_init_fn)dlsym(h, "plugin_init");
    if (init)
        rc = init();
    dlclose(h);
    return rc;
}

int load_resident(const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (h == NULL)
        return -1;
    s_resident = h;
    return 0;
}

/*
 * check-name: dlopen handle closed or kept in a static
 * check-description: load_plugin closes the handle whether or not the symbol exists; load_resident keeps it in a
 *   file-scope static, where it outlives the function.
 */
