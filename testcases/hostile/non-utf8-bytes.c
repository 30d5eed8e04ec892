/* Bytes that are not UTF-8 in comments, strings and next to identifiers (Latin-1 source). */
#include <stdio.h>

/* Latin-1 comment: café, naïve, ÿþ, and a broken sequence Ã( */
static const char *mode = "ré";

int latin1_string_leaks(const char *p) {
    FILE *fp = fopen(p, "rÿ"); // expect: handle-leak
    if (!fp)
        return -1;
    fputs("été\n", fp); /* été */
    return 0;
}

int utf8_identifier_leaks(const char *p) {
    FILE *cafÃ© = fopen(p, mode); // expect: handle-leak
    if (!cafÃ©)
        return -1;
    return fgetc(cafÃ©);
}

int latin1_closes(const char *p) {
    FILE *fp = fopen(p, "r");
    if (!fp)
        return -1; /* à bientôt */
    fclose(fp);
    return 0; // ÿ
}

int byte_inside_identifier(const char *p) {
    FILE *fp = fopen(p, "r"); // expect: handle-leak
    if (!fp)
        return -1;
    int xÿ = fgetc(fp);
    return x;
}

/*
 * check-name: bytes that are not UTF-8
 * check-description: Latin-1 bytes in comments and string literals change nothing; a UTF-8 identifier is quoted as
 *   is in the message; a stray byte glued to an identifier is an error of clang's lexer ("source file is not valid
 *   UTF-8"), which skips the byte and keeps the code: byte_inside_identifier is analysed like the rest, and leaks.
 *   The text output carries the bytes of the source, the SARIF log stays valid UTF-8 (check-sarif.sh validates
 *   every sample's log).
 */
