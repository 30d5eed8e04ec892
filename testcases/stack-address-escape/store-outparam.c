/* Storing the address of a local through an out-parameter or into a field or element reached from a parameter:
 * that memory belongs to the caller and outlives the callee. */

struct config {
    const char *name;
    int *limit;
    const char *tags[4];
};

void get_default(int **out) {
    int value = 42;
    *out = &value; // expect: stack-address-escape
}

void get_name(const char **out) {
    char name[16] = "default";
    *out = name; // expect: stack-address-escape
}

void init_config(struct config *c) {
    char name[16] = "node";
    c->name = name; // expect: stack-address-escape
}

void add_tag(struct config *c, int i) {
    char tag[8] = "t";
    c->tags[i & 3] = tag; // expect: stack-address-escape
}

void set_limit(struct config *c) {
    int limit = 10;
    c->limit = &limit; // expect: stack-address-escape
}

void nested_out(struct config **pc) {
    int v = 1;
    (*pc)->limit = &v; // expect: stack-address-escape
}

void array_out(char **argv_out) {
    char arg[8] = "-v";
    argv_out[1] = arg; // expect: stack-address-escape
}

/*
 * check-name: storing the address of a local through an out-parameter
 * check-description: *out, c->name, c->tags[i], c->limit, (*pc)->limit and argv_out[1] are the caller's memory;
 *   each store leaves it pointing into the callee's dead frame.
 */
