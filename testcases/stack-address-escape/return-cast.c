/* Casts change the pointer type, not where it points. */

char *as_bytes(void) {
    int x = 0x01020304;
    return (char *)&x; // expect: stack-address-escape
}

void *opaque(void) {
    double d = 1.0;
    return (void *)&d; // expect: stack-address-escape
}

const unsigned char *view(void) {
    long l = 7;
    const void *v = &l;
    return (const unsigned char *)v; // expect: stack-address-escape
}

/*
 * check-name: returning the address of a local through a cast
 * check-description: (char *)&x, (void *)&d and a cast of a copied void pointer still designate the callee's
 *   locals.
 */
