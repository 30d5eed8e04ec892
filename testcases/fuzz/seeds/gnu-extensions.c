/* Seed for fuzz_source: GNU C and C11 constructs the samples rarely use. */
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <setjmp.h>

struct node { int *p; struct node *next; int bits : 3; int arr[]; };
static void closep(FILE **f) { if (*f) fclose(*f); }
static jmp_buf env;
int *g;

int stmt_expr(int x) {
    int y = ({ int t = x * 2; t + 1; });
    __auto_type z = y;
    return z;
}

void *computed_goto(int i) {
    static void *tbl[] = {&&a, &&b};
    int local = i;
    goto *tbl[i & 1];
a:
    return &local;
b:
    return NULL;
}

int case_ranges(int c) {
    switch (c) {
    case 'a' ... 'z': return 1;
    case 0: { FILE *f = fopen("x", "r"); if (!f) return 0; } /* fallthrough */
    default: break;
    }
    return _Generic(c, int: 2, default: 3);
}

void vla_and_literals(int n) {
    int v[n];
    int *q = (int[]){1, 2, 3};
    struct node s = {.p = v, .next = &(struct node){0}};
    g = __builtin_choose_expr(1, q, v);
    (void)s;
}

void cleanup_attr(void) {
    __attribute__((cleanup(closep))) FILE *f = fopen("y", "r");
    if (setjmp(env)) return;
    char *buf = __builtin_alloca(16);
    g = (int *)buf;
}

static void *routine(void *arg) { return arg; }
int threads(void) {
    pthread_t t;
    int local = 0;
    if (pthread_create(&t, NULL, routine, &local) != 0) return -1;
    return 0;
}

int asm_and_atomics(int *p) {
    _Atomic int a = 0;
    __asm__ volatile("" ::: "memory");
    __atomic_store_n(p, 1, __ATOMIC_SEQ_CST);
    return a + (p ? *p : 0) ?: 1;
}

_Noreturn void die(void) { longjmp(env, 1); }
