/*
 * token.c -- how the token types are spelled: the operators (CPython
 * 3.11's generated Parser/token.c: PyToken_OneChar, PyToken_TwoChars,
 * PyToken_ThreeChars) and the keywords (the generated parser's keyword
 * list, which _get_keyword_or_name_type consults).
 *
 * Owns: the mapping from one, two or three characters to an operator's
 * token type (the tokenizer's), and from a NAME's bytes to a keyword's
 * type (the parser's, when it fetches a token).
 *
 * Invariants: keywords[] is in the order of the PY_KW_* values of token.h
 * (PY_KW_FIRST + i is keywords[i]); the answers are CPython 3.11's.
 *
 * Must not: know the soft keywords (match, case, _ stay NAME tokens: the
 * parser matches them by their spelling), or hold any state.
 */
#include <string.h>

#include "lang/token.h"

/* ====================================================================== */
/* Operators                                                               */
/* ====================================================================== */

/* The one-character operators (PyToken_OneChar); OP if none. */
int py_tok_one_char(int c)
{
    switch (c) {
    case '%': return PY_TOK_PERCENT;
    case '&': return PY_TOK_AMPER;
    case '(': return PY_TOK_LPAR;
    case ')': return PY_TOK_RPAR;
    case '*': return PY_TOK_STAR;
    case '+': return PY_TOK_PLUS;
    case ',': return PY_TOK_COMMA;
    case '-': return PY_TOK_MINUS;
    case '.': return PY_TOK_DOT;
    case '/': return PY_TOK_SLASH;
    case ':': return PY_TOK_COLON;
    case ';': return PY_TOK_SEMI;
    case '<': return PY_TOK_LESS;
    case '=': return PY_TOK_EQUAL;
    case '>': return PY_TOK_GREATER;
    case '@': return PY_TOK_AT;
    case '[': return PY_TOK_LSQB;
    case ']': return PY_TOK_RSQB;
    case '^': return PY_TOK_CIRCUMFLEX;
    case '{': return PY_TOK_LBRACE;
    case '|': return PY_TOK_VBAR;
    case '}': return PY_TOK_RBRACE;
    case '~': return PY_TOK_TILDE;
    default: return PY_TOK_OP;
    }
}

/* The two-character operators (PyToken_TwoChars); OP if none. */
int py_tok_two_chars(int c1, int c2)
{
    switch (c1) {
    case '!': if (c2 == '=') return PY_TOK_NOTEQUAL; break;
    case '%': if (c2 == '=') return PY_TOK_PERCENTEQUAL; break;
    case '&': if (c2 == '=') return PY_TOK_AMPEREQUAL; break;
    case '*':
        if (c2 == '*') return PY_TOK_DOUBLESTAR;
        if (c2 == '=') return PY_TOK_STAREQUAL;
        break;
    case '+': if (c2 == '=') return PY_TOK_PLUSEQUAL; break;
    case '-':
        if (c2 == '=') return PY_TOK_MINEQUAL;
        if (c2 == '>') return PY_TOK_RARROW;
        break;
    case '/':
        if (c2 == '/') return PY_TOK_DOUBLESLASH;
        if (c2 == '=') return PY_TOK_SLASHEQUAL;
        break;
    case ':': if (c2 == '=') return PY_TOK_COLONEQUAL; break;
    case '<':
        if (c2 == '<') return PY_TOK_LEFTSHIFT;
        if (c2 == '=') return PY_TOK_LESSEQUAL;
        if (c2 == '>') return PY_TOK_NOTEQUAL;
        break;
    case '=': if (c2 == '=') return PY_TOK_EQEQUAL; break;
    case '>':
        if (c2 == '=') return PY_TOK_GREATEREQUAL;
        if (c2 == '>') return PY_TOK_RIGHTSHIFT;
        break;
    case '@': if (c2 == '=') return PY_TOK_ATEQUAL; break;
    case '^': if (c2 == '=') return PY_TOK_CIRCUMFLEXEQUAL; break;
    case '|': if (c2 == '=') return PY_TOK_VBAREQUAL; break;
    default: break;
    }
    return PY_TOK_OP;
}

/* The three-character operators (PyToken_ThreeChars); OP if none. */
int py_tok_three_chars(int c1, int c2, int c3)
{
    if (c3 != '=') {
        if (c1 == '.' && c2 == '.' && c3 == '.') return PY_TOK_ELLIPSIS;
        return PY_TOK_OP;
    }
    if (c1 == '*' && c2 == '*') return PY_TOK_DOUBLESTAREQUAL;
    if (c1 == '/' && c2 == '/') return PY_TOK_DOUBLESLASHEQUAL;
    if (c1 == '<' && c2 == '<') return PY_TOK_LEFTSHIFTEQUAL;
    if (c1 == '>' && c2 == '>') return PY_TOK_RIGHTSHIFTEQUAL;
    return PY_TOK_OP;
}

/* ====================================================================== */
/* Keywords                                                                */
/* ====================================================================== */

static const char *const keywords[PY_KW_END - PY_KW_FIRST] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield"};

/* A NAME's type: a keyword's, or NAME (_get_keyword_or_name_type). */
int py_tok_keyword_or_name(const char *s, int n)
{
    if (n < 2 || n > 8) return PY_TOK_NAME;
    for (int i = 0; i < PY_KW_END - PY_KW_FIRST; i++)
        if ((int)strlen(keywords[i]) == n && memcmp(keywords[i], s, (size_t)n) == 0)
            return PY_KW_FIRST + i;
    return PY_TOK_NAME;
}
