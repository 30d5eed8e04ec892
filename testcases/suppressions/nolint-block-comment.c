/* nolint directives inside block comments work like the line-comment ones, wherever the comment sits on the
 * line; nolint in a string literal is not a directive. */
#include <pthread.h>
#include <stdio.h>

static void *tick(void *arg) {
    (void)arg;
    puts("tick");
    return NULL;
}

void start_ticker(void) {
    pthread_t t;
    pthread_create(&t, NULL, tick, NULL); /* NOLINT */
}

void start_ticker_named(void) {
    pthread_t t;
    /* the directive may come first */ pthread_create(&t, NULL, tick, NULL); /* NOLINT(lifeline-thread-not-joined) */
}

void start_ticker_inline(void) {
    pthread_t t;
    pthread_create(/* NOLINT(lifeline-thread-*) */ &t, NULL, tick, NULL);
}

void start_ticker_multiline(void) {
    pthread_t t;
    /* a block comment over two lines; the directive counts on the line where it is written:
       NOLINT(lifeline-thread-not-joined) */ pthread_create(&t, NULL, tick, NULL);
}

void start_ticker_multiline_above(void) {
    pthread_t t;
    /* NOLINT(lifeline-thread-not-joined): the comment starts on this line but the directive is on its own line
     */ pthread_create(&t, NULL, tick, NULL); // expect: thread-not-joined
}

void start_ticker_string(void) {
    pthread_t t;
    pthread_create(&t, NULL, tick, "/* NOLINT */ // NOLINT"); // expect: thread-not-joined
}

void start_ticker_char(void) {
    pthread_t t;
    char quote = '"';
    pthread_create(&t, NULL, tick, NULL), (void)quote, (void)"// NOLINT"; // expect: thread-not-joined
}

/*
 * check-name: nolint in block comments, not in string literals
 * check-description: every function creates a joinable thread and returns without joining or detaching it
 *   (thread-not-joined, on the pthread_create line). A block comment holding nolint at the end of the line, in the
 *   middle of the call or after a leading comment suppresses it. A directive in a multi-line block comment
 *   applies to its own line: start_ticker_multiline's is on the call's line, start_ticker_multiline_above's on the
 *   line before. In start_ticker_string both "directives" are
 *   inside a string literal passed as the thread's argument, and start_ticker_char has one in a string after a
 *   character literal holding a double quote (the lexer must not take '"' for the start of a string): reported.
 */
