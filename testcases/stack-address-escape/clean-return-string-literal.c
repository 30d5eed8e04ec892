/* String literals (and __func__) have static storage duration. */

const char *level_name(int level) {
    switch (level) {
    case 0:
        return "debug";
    case 1:
        return "info";
    default:
        return "error";
    }
}

const char *pick(int c) {
    const char *s = "yes";
    return c ? s : "no";
}

char *literal_tail(void) {
    char *s = "literal";
    return s + 2;
}

const char *name_from_local_table(int i) {
    const char *names[] = {"zero", "one", "two"};
    return names[i % 3];
}

const char *function_name(void) {
    return __func__;
}

/*
 * check-name: returning a string literal
 * check-description: the returned pointers designate string literals or __func__, which live for the whole
 *   program. name_from_local_table returns an element loaded from a local array, not the array's address.
 */
