/* Addresses of fields and elements of objects that a pointer parameter designates. */

struct item {
    int id;
    char name[16];
    struct item *next;
};

int *id_of(struct item *it) {
    return &it->id;
}

char *name_of(struct item *it) {
    return it->name;
}

struct item *next_of(struct item *it) {
    return it->next;
}

struct item *second(struct item *arr) {
    return &arr[1];
}

char *name_at(struct item **items, int i) {
    return items[i]->name + 1;
}

/*
 * check-name: returning the address of a field reached through a pointer parameter
 * check-description: &it->id and it->name live in the caller's object, not in the callee's frame. Compare
 *   return-parameter-address.c, where the struct parameter is passed by value.
 */
