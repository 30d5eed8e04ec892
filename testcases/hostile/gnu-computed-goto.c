/* GNU computed goto: labels as values (&&label) and goto *p. */
#include <stdio.h>

int dispatch(const char *p, int op) {
    static void *const table[] = {&&do_read, &&do_close};
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1;
    goto *table[op & 1];
do_read:
    fgetc(fp);
do_close:
    fclose(fp);
    return 0;
}

int computed_exit_leaks(const char *p, int op) {
    void *where = op ? &&out : &&close_it;
    FILE *fp = fopen(p, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    goto *where;
close_it:
    fclose(fp);
    return 0;
out:
    return 1;
}

/* A threaded interpreter: a loop made only of computed gotos. */
int interpret(const char *p, const unsigned char *code) {
    static void *const ops[] = {&&op_halt, &&op_read, &&op_skip};
    FILE *fp = fopen(p, "r");
    int acc = 0;
    if (!fp)
        return -1;
    goto *ops[*code % 3];
op_read:
    acc += fgetc(fp);
    goto *ops[*++code % 3];
op_skip:
    goto *ops[*++code % 3];
op_halt:
    fclose(fp);
    return acc;
}

/*
 * check-name: GNU computed goto
 * check-description: `goto *p` may reach every label whose address is taken: dispatch closes on both targets;
 *   computed_exit_leaks has a target (out) that returns with the stream open; interpret loops through computed
 *   gotos only and closes at its one exit.
 */
