/*
 * parser.c -- the parser's machinery: tokens, memos, the two passes, the
 * errors, the entry point; node construction and the action helpers.
 *
 * The parser is CPython 3.11.7's PEG parser (Parser/parser.c, generated
 * from Grammar/python.gram) written out by hand, rule for rule and in the
 * grammar's order: parser_stmt.c (simple statements, imports),
 * parser_compound.c (blocks, def, class, if, for, while, with, try),
 * parser_params.c (def and lambda parameters), parser_expr.c (expressions
 * down to atom), parser_display.c (lambdef, displays, comprehensions),
 * parser_target.c (call arguments, targets); the invalid_ rules of the
 * second pass in parser_invalid.c (and next to the rules they need);
 * literals and f-strings in parser_string.c.
 *
 * Keeping CPython's rules, their order, lookaheads and memos is what makes
 * the errors land where CPython's do: a generic "invalid syntax" points at
 * the furthest token the first pass fetched, a specific message comes
 * from the first invalid_ rule that matches in the second pass, a
 * tokenizer error met further on replaces a parser error
 * (_PyPegen_tokenize_full_source_to_check_for_errors), and rule nesting
 * deeper than MAXSTACK (6000 rule calls, CPython's generated helper rules
 * included) is a MemoryError.
 *
 * NOT SUPPORTED (each a SyntaxError whose message says "not supported by
 * refgc"):
 *   - match statements ("'match' statements are not supported by refgc",
 *     at the header, once its ':' NEWLINE INDENT are seen);
 *   - async def / async for / async with ("'async def' is not supported
 *     by refgc"), async comprehensions, await: parsed as CPython parses
 *     them (AsyncFunctionDef, Await, ...), so that a file with a syntax
 *     error gets CPython's error, then refused once the file has parsed,
 *     at the first one in source order;
 *   - non-ASCII identifiers that NFKC normalization would change;
 *   - source encodings other than UTF-8 and Latin-1 (py_tok_prepare;
 *     an unknown name gets CPython's "encoding problem: X").
 * Type comments and the feature_version checks are absent (ast.parse's
 * defaults), warnings are not reported.
 */
#ifdef __EMSCRIPTEN__
#include <emscripten/stack.h>
#else
#include <pthread.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/token.h"
#include "os/os.h"

/* ====================================================================== */
/* Errors                                                                  */
/* ====================================================================== */

/* Is an exception set ("PyErr_Occurred")? */
static int err_occurred(py_parser *p) { return p->err->type != PY_ERR_NONE; }

/* Is it a SyntaxError (or a subclass)? */
static int err_is_syntax(py_parser *p)
{
    return p->err->type == PY_ERR_SYNTAX || p->err->type == PY_ERR_INDENTATION ||
           p->err->type == PY_ERR_TAB;
}

/* Drop the current exception. */
static void err_clear(py_parser *p) { py_parse_error_clear(p->err); }

/* MemoryError (PyErr_NoMemory): replaces any current exception. */
void *py_parse_nomem(py_parser *p)
{
    err_clear(p);
    p->err->type = PY_ERR_MEMORY;
    p->error_indicator = 1;
    return NULL;
}

/* Copy [s, s+n) as the error's text. */
static void err_set_text(py_parser *p, const char *s, size_t n)
{
    rg_os_free(p->err->text);
    p->err->text = NULL;
    p->err->text_len = 0;
    if (!s) return;
    /* Python holds the text as a str: invalid UTF-8 was replaced. */
    char *t = rg_os_malloc(n * 3 + 1);
    if (!t) return;
    n = py_tok_utf8_replace(s, n, t);
    t[n] = '\0';
    p->err->text = t;
    p->err->text_len = n;
}

/* The tokenizer raised a SyntaxError itself: make it the exception. */
static void err_from_tokenizer(py_parser *p)
{
    py_tok_error *te = &p->tok->err;
    err_clear(p);
    p->err->type = (py_error_type)te->type;
    snprintf(p->err->msg, sizeof p->err->msg, "%s", te->msg);
    p->err->located = te->located;
    p->err->lineno = te->lineno;
    p->err->offset = te->offset;
    p->err->end_lineno = te->end_lineno;
    p->err->end_offset = te->end_offset;
    err_set_text(p, te->text, te->text_len);
    te->set = 0;
}

/* The text CPython's err_programtext gives for line lineno of the file:
 * the line with its '\n', read by fgets in chunks of 999 bytes (so only
 * the last chunk of a long line), as a C string (up to a NUL), decoded
 * strictly without a declared encoding (NULL if that fails) and with
 * "replace" with one.  A malloc'd copy in *text, or NULL. */
static char *source_line(py_parser *p, int lineno, size_t *n)
{
    if (!p->src || lineno < 1) return NULL;
    const char *q = p->src, *end = p->src + p->src_len;
    for (int i = 1; i < lineno; i++) {
        q = memchr(q, '\n', (size_t)(end - q));
        if (!q) return NULL;
        q++;
    }
    if (q >= end) return NULL;
    const char *e = memchr(q, '\n', (size_t)(end - q));
    e = e ? e + 1 : end;
    if (e == end && p->added_newline) e--; /* the file has no final newline */
    size_t bom = (p->bom && lineno == 1) ? 3 : 0;
    size_t len = bom + (size_t)(e - q);
    char *line = rg_os_malloc(len * 3 + 1);
    if (!line) return NULL;
    memcpy(line, "\xEF\xBB\xBF", bom);
    memcpy(line + bom, q, (size_t)(e - q));
    size_t start = len ? 999 * ((len - 1) / 999) : 0;
    size_t k = len - start;
    memmove(line, line + start, k);
    const char *nul = memchr(line, '\0', k);
    if (nul) k = (size_t)(nul - line);
    char msg[8];
    if (py_tok_utf8_error(line, line + k, msg, sizeof msg)) {
        if (!p->tok->encoding_declared) {
            rg_os_free(line);
            return NULL;
        }
        char *fixed = rg_os_malloc(k * 3 + 1);
        if (!fixed) {
            rg_os_free(line);
            return NULL;
        }
        k = py_tok_utf8_replace(line, k, fixed);
        rg_os_free(line);
        line = fixed;
    }
    line[k] = '\0';
    *n = k;
    return line;
}

/* _PyPegen_byte_offset_to_character_offset over the error's text: the
 * characters in its first col_offset bytes -- of the text decoded with
 * "replace" and encoded again, as CPython counts. */
static int byte_to_char_offset(const char *text, size_t len, int col_offset)
{
    if (col_offset < 0) return col_offset;
    char msg[8];
    char *fixed = NULL;
    if (py_tok_utf8_error(text, text + len, msg, sizeof msg)) {
        fixed = rg_os_malloc(len * 3 + 1);
        if (fixed) {
            len = py_tok_utf8_replace(text, len, fixed);
            text = fixed;
        }
    }
    size_t c = (size_t)col_offset;
    int r;
    if (c > len + 1) c = len + 1;
    if (c == len + 1) r = (int)py_tok_utf8_chars(text, len) + 1; /* the NUL */
    else r = (int)py_tok_utf8_chars(text, c);
    rg_os_free(fixed);
    return r;
}

/* _PyPegen_raise_error_known_location: the columns are 1-based (or the
 * raw values CPython passes through: 0, -1, CURRENT_POS). */
static void *raise_known_va(py_parser *p, py_error_type type, int lineno, int col_offset,
                            int end_lineno, int end_col_offset, const char *fmt, va_list ap)
{
    if (p->error_indicator && err_occurred(p)) return NULL;
    p->error_indicator = 1;
    py_tok_state *tok = p->tok;
    if (end_lineno == PY_CURRENT_POS) end_lineno = tok->lineno;
    if (end_col_offset == PY_CURRENT_POS) end_col_offset = (int)(tok->cur - tok->line_start);
    err_clear(p);
    py_parse_error *e = p->err;
    e->type = type;
    size_t prefix = 0;
    if (p->start_rule == PY_FSTRING_INPUT) {
        memcpy(e->msg, "f-string: ", 10);
        prefix = 10;
    }
    vsnprintf(e->msg + prefix, sizeof e->msg - prefix, fmt, ap);
    /* The error line: the file's line, or the tokenizer's buffers. */
    const char *text = NULL;
    size_t text_len = 0;
    char *file_text = NULL;
    if (p->start_rule == PY_FILE_INPUT && (file_text = source_line(p, lineno, &text_len))) {
        text = file_text;
    } else if (tok->lineno <= lineno && tok->inp > tok->buf) {
        text = tok->buf;
        text_len = (size_t)(tok->inp - text);
    } else if (p->start_rule == PY_FSTRING_INPUT) {
        /* get_error_line_from_tokenizer_buffers */
        int rel = p->starting_lineno ? lineno - p->starting_lineno + 1 : lineno;
        const char *q = tok->src, *end = tok->src_end;
        for (int i = 0; i < rel - 1; i++) {
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            if (!nl || nl + 1 >= end) break;
            q = nl + 1;
        }
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        text = q;
        text_len = (size_t)((nl ? nl : end) - q);
    } else {
        text = "";
    }
    if (p->start_rule == PY_FSTRING_INPUT) {
        col_offset -= p->starting_col_offset;
        end_col_offset -= p->starting_col_offset;
    }
    int col_number = col_offset, end_col_number = end_col_offset;
    if (p->start_rule == PY_FILE_INPUT && tok->encoding_declared) {
        col_number = byte_to_char_offset(text, text_len, col_offset);
        if (end_col_offset > 0) end_col_number = byte_to_char_offset(text, text_len, end_col_offset);
    }
    e->located = 1;
    e->lineno = lineno;
    e->offset = col_number;
    e->end_lineno = end_lineno;
    e->end_offset = end_col_number;
    err_set_text(p, text, text_len);
    rg_os_free(file_text);
    return NULL;
}

/* RAISE_ERROR_KNOWN_LOCATION: 0-based columns (CURRENT_POS kept). */
void *py_parse_raise_known(py_parser *p, py_error_type type, int lineno, int col_offset,
                           int end_lineno, int end_col_offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int c = col_offset == PY_CURRENT_POS ? PY_CURRENT_POS : col_offset + 1;
    int ec = end_col_offset == PY_CURRENT_POS ? PY_CURRENT_POS : end_col_offset + 1;
    raise_known_va(p, type, lineno, c, end_lineno, ec, fmt, ap);
    va_end(ap);
    return NULL;
}

/* RAISE_SYNTAX_ERROR_KNOWN_LOCATION / _KNOWN_RANGE: from a to b (b may be
 * a itself). */
void *py_parse_raise_node(py_parser *p, const py_pos *a, const py_pos *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    raise_known_va(p, PY_ERR_SYNTAX, a->lineno, a->col_offset + 1, b->end_lineno,
                   b->end_col_offset + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

/* RAISE_SYNTAX_ERROR_STARTING_FROM: from a to the tokenizer's cursor. */
void *py_parse_raise_starting_from(py_parser *p, const py_pos *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    raise_known_va(p, PY_ERR_SYNTAX, a->lineno, a->col_offset + 1, PY_CURRENT_POS,
                   PY_CURRENT_POS, fmt, ap);
    va_end(ap);
    return NULL;
}

/* _PyPegen_raise_error: at the last token fetched (or at mark). */
void *py_parse_raise(py_parser *p, py_error_type type, int use_mark, const char *fmt, ...)
{
    va_list ap;
    if (p->error_indicator && err_occurred(p)) return NULL;
    va_start(ap, fmt);
    if (p->fill == 0) {
        raise_known_va(p, type, 0, 0, 0, -1, fmt, ap);
        va_end(ap);
        return NULL;
    }
    if (use_mark && p->mark == p->fill && py_parse_fill_token(p) < 0) {
        p->error_indicator = 1;
        va_end(ap);
        return NULL;
    }
    py_token *t = p->known_err_token ? p->known_err_token
                                     : p->tokens[use_mark ? p->mark : p->fill - 1];
    int col_offset, end_col_offset = -1;
    if (t->col_offset == -1) {
        if (p->tok->cur == p->tok->buf) col_offset = 0;
        else col_offset = (int)(p->tok->cur - p->tok->line_start);
    } else {
        col_offset = t->col_offset + 1;
    }
    if (t->end_col_offset != -1) end_col_offset = t->end_col_offset + 1;
    raise_known_va(p, type, t->lineno, col_offset, t->end_lineno, end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

/* raise_unclosed_parentheses_error. */
static void raise_unclosed_paren(py_parser *p)
{
    py_tok_state *tok = p->tok;
    int lineno = tok->parenlinenostack[tok->level - 1];
    int col = tok->parencolstack[tok->level - 1];
    py_parse_raise_known(p, PY_ERR_SYNTAX, lineno, col, lineno, -1, "'%c' was never closed",
                         tok->parenstack[tok->level - 1]);
}

/* tokenizer_error: the tokenizer returned ERRORTOKEN. */
static int tokenizer_error(py_parser *p)
{
    py_tok_state *tok = p->tok;
    if (tok->err.set && tok->err.type == PY_ERR_UNICODE_DECODE) {
        /* raise_decode_error: "(unicode error) ..." at the last token. */
        char msg[sizeof tok->err.msg];
        memcpy(msg, tok->err.msg, sizeof msg);
        tok->err.set = 0;
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "(unicode error) %s", msg);
        return -1;
    }
    if (tok->err.set) {
        err_from_tokenizer(p);
        p->error_indicator = 1;
        return -1;
    }
    if (err_occurred(p)) return -1;
    const char *msg;
    py_error_type type = PY_ERR_SYNTAX;
    int col_offset = -1;
    switch (tok->done) {
    case PY_E_TOKEN: msg = "invalid token"; break;
    case PY_E_EOF:
        if (tok->level) raise_unclosed_paren(p);
        else py_parse_raise(p, PY_ERR_SYNTAX, 0, "unexpected EOF while parsing");
        return -1;
    case PY_E_DEDENT:
        py_parse_raise(p, PY_ERR_INDENTATION, 0, "unindent does not match any outer indentation level");
        return -1;
    case PY_E_NOMEM: py_parse_nomem(p); return -1;
    case PY_E_TABSPACE:
        type = PY_ERR_TAB;
        msg = "inconsistent use of tabs and spaces in indentation";
        break;
    case PY_E_TOODEEP:
        type = PY_ERR_INDENTATION;
        msg = "too many levels of indentation";
        break;
    case PY_E_LINECONT:
        col_offset = (int)(tok->cur - tok->buf - 1);
        msg = "unexpected character after line continuation character";
        break;
    default: msg = "unknown parsing error"; break;
    }
    py_parse_raise_known(p, type, tok->lineno, col_offset >= 0 ? col_offset : 0, tok->lineno, -1,
                         "%s", msg);
    return -1;
}

/* ====================================================================== */
/* Tokens                                                                  */
/* ====================================================================== */

/* _PyPegen_fill_token: fetch one more token. */
int py_parse_fill_token(py_parser *p)
{
    const char *start, *end;
    py_tok_state *tok = p->tok;
    int type = py_tok_get(tok, &start, &end);
    if (p->fill == p->size) {
        int size = p->size ? p->size * 2 : 256;
        py_token **nt = rg_os_realloc(p->tokens, (size_t)size * sizeof *nt);
        if (!nt) {
            py_parse_nomem(p);
            return -1;
        }
        p->tokens = nt;
        p->size = size;
    }
    py_token *t = py_arena_alloc(p->tmp, sizeof *t);
    if (!t) {
        py_parse_nomem(p);
        return -1;
    }
    t->start = start;
    t->len = start && end ? (int)(end - start) : 0;
    t->type = type == PY_TOK_NAME ? py_tok_keyword_or_name(start, t->len) : type;
    t->level = tok->level;
    const char *line_start = type == PY_TOK_STRING ? tok->multi_line_start : tok->line_start;
    int lineno = type == PY_TOK_STRING ? tok->first_lineno : tok->lineno;
    int col = start && start >= line_start ? (int)(start - line_start) : -1;
    int end_col = end && end >= tok->line_start ? (int)(end - tok->line_start) : -1;
    int shift = tok->lineno == p->starting_lineno;
    t->lineno = lineno;
    t->col_offset = shift ? p->starting_col_offset + col : col;
    t->end_lineno = tok->lineno;
    t->end_col_offset = shift ? p->starting_col_offset + end_col : end_col;
    p->tokens[p->fill++] = t;
    if (type == PY_TOK_ERRORTOKEN) {
        p->error_indicator = 1;
        return tokenizer_error(p);
    }
    return 0;
}

/* _PyPegen_expect_token. */
py_token *py_parse_expect(py_parser *p, int type)
{
    if (p->mark == p->fill && py_parse_fill_token(p) < 0) {
        p->error_indicator = 1;
        return NULL;
    }
    py_token *t = p->tokens[p->mark];
    if (t->type != type) return NULL;
    p->mark++;
    return t;
}

/* The token at mark (fetched if needed), or NULL on error. */
py_token *py_parse_peek_token(py_parser *p)
{
    if (p->mark == p->fill && py_parse_fill_token(p) < 0) {
        p->error_indicator = 1;
        return NULL;
    }
    return p->tokens[p->mark];
}

/* _PyPegen_lookahead_with_int(1, _PyPegen_expect_token, p, type). */
int py_parse_peek(py_parser *p, int type)
{
    py_token *t = py_parse_peek_token(p);
    return t && t->type == type;
}

/* _PyPegen_expect_forced_token: "expected 'x'" at once if missing. */
py_token *py_parse_expect_forced(py_parser *p, int type, const char *expected)
{
    if (p->error_indicator) return NULL;
    py_token *t = py_parse_peek_token(p);
    if (!t) return NULL;
    if (t->type != type) {
        py_pos pos = py_token_pos(t);
        py_parse_raise_node(p, &pos, &pos, "expected '%s'", expected);
        return NULL;
    }
    p->mark++;
    return t;
}

/* _PyPegen_expect_soft_keyword: a NAME spelled keyword, as a Name. */
py_expr *py_parse_expect_soft_keyword(py_parser *p, const char *keyword)
{
    py_token *t = py_parse_peek_token(p);
    if (!t || t->type != PY_TOK_NAME) return NULL;
    if ((size_t)t->len != strlen(keyword) || memcmp(t->start, keyword, (size_t)t->len) != 0)
        return NULL;
    return py_parse_name_token(p);
}

/* _PyPegen_get_last_nonnwhitespace_token. */
py_token *py_parse_last_nonwhitespace(py_parser *p)
{
    py_token *t = NULL;
    for (int m = p->mark - 1; m >= 0; m--) {
        t = p->tokens[m];
        if (t->type != PY_TOK_ENDMARKER && (t->type < PY_TOK_NEWLINE || t->type > PY_TOK_DEDENT))
            break;
    }
    return t;
}

/* A token's position. */
py_pos py_token_pos(const py_token *t)
{
    return (py_pos){t->lineno, t->col_offset, t->end_lineno, t->end_col_offset};
}

/* An expression's position. */
py_pos py_expr_pos(const py_expr *e)
{
    return (py_pos){e->lineno, e->col_offset, e->end_lineno, e->end_col_offset};
}

/* ====================================================================== */
/* Rules: entering, positions, memos                                       */
/* ====================================================================== */

/* The caller's frame address (in wasm: the shadow stack pointer, where
 * a frame-less function's __builtin_frame_address means nothing). */
#ifdef __EMSCRIPTEN__
#define C_STACK_HERE() ((const char *)emscripten_stack_get_current())
#else
#define C_STACK_HERE() ((const char *)__builtin_frame_address(0))
#endif

/* How much C stack the parsers use now. */
static size_t c_stack_used(py_parser *p)
{
    const char *here = C_STACK_HERE();
    return p->c_stack_base > here ? (size_t)(p->c_stack_base - here) : 0;
}

/* How much C stack the parse may use from here: PY_PARSER_C_STACK, or
 * less if the thread's stack (its size as glibc reports it, the rlimit
 * for the main thread) has less room, keeping some for the caller.  Under
 * Emscripten: the shadow stack's room (emscripten/stack.h), and at most
 * PY_PARSER_WASM_C_STACK (the engine's native stack is the real limit). */
static size_t c_stack_budget(const char *here)
{
    size_t budget = PY_PARSER_C_STACK;
#ifdef __EMSCRIPTEN__
    const char *lo = (const char *)emscripten_stack_get_end();
    if (here > lo) {
        size_t room = (size_t)(here - lo);
        size_t usable = room > (512u << 10) ? room - (256u << 10) : room / 2;
        if (usable < budget) budget = usable;
    }
    if (PY_PARSER_WASM_C_STACK < budget) budget = PY_PARSER_WASM_C_STACK;
#elif defined(__GLIBC__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *addr;
        size_t size;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0 && here > (const char *)addr) {
            size_t room = (size_t)(here - (const char *)addr);
            size_t usable = room > (512u << 10) ? room - (256u << 10) : room / 2;
            if (usable < budget) budget = usable;
        }
        pthread_attr_destroy(&attr);
    }
#endif
    return budget;
}

/* Every rule's prologue: p->level++ with the MAXSTACK check; 1 means the
 * rule must return NULL at once (level already restored).  A C stack
 * nearly used up is a MemoryError too (a safety net under MAXSTACK: the
 * f-string sub-parsers count their levels from 0 again). */
int py_parse_enter(py_parser *p)
{
    if (p->level++ == PY_PARSER_DEPTH_LIMIT ||
        (!p->error_indicator && c_stack_used(p) > p->c_stack_budget))
        py_parse_nomem(p);
    if (p->error_indicator) {
        p->level--;
        return 1;
    }
    return 0;
}

/* The start of a rule with a position: fetch the token at mark. */
int py_parse_start(py_parser *p, py_pos *start)
{
    if (p->mark == p->fill && py_parse_fill_token(p) < 0) {
        p->error_indicator = 1;
        return -1;
    }
    start->lineno = p->tokens[p->mark]->lineno;
    start->col_offset = p->tokens[p->mark]->col_offset;
    return 0;
}

/* EXTRA: from the rule's start to the last non-whitespace token. */
py_pos py_parse_extra(py_parser *p, const py_pos *start)
{
    py_token *t = py_parse_last_nonwhitespace(p);
    py_pos pos = *start;
    pos.end_lineno = t ? t->end_lineno : start->lineno;
    pos.end_col_offset = t ? t->end_col_offset : start->col_offset;
    return pos;
}

/* _PyPegen_is_memoized: 1 and *pres if this rule ran at mark. */
int py_parse_is_memoized(py_parser *p, int type, void *pres)
{
    if (p->mark == p->fill && py_parse_fill_token(p) < 0) {
        p->error_indicator = 1;
        return -1;
    }
    for (py_memo *m = p->tokens[p->mark]->memo; m; m = m->next) {
        if (m->type == type) {
            p->mark = m->mark;
            *(void **)pres = m->node;
            return 1;
        }
    }
    return 0;
}

/* _PyPegen_insert_memo. */
int py_parse_insert_memo(py_parser *p, int mark, int type, void *node)
{
    py_memo *m = py_arena_alloc(p->tmp, sizeof *m);
    if (!m) {
        py_parse_nomem(p);
        return -1;
    }
    m->type = type;
    m->node = node;
    m->mark = p->mark;
    m->next = p->tokens[mark]->memo;
    p->tokens[mark]->memo = m;
    return 0;
}

/* _PyPegen_update_memo. */
int py_parse_update_memo(py_parser *p, int mark, int type, void *node)
{
    for (py_memo *m = p->tokens[mark]->memo; m; m = m->next) {
        if (m->type == type) {
            m->node = node;
            m->mark = p->mark;
            return 0;
        }
    }
    return py_parse_insert_memo(p, mark, type, node);
}

/* ====================================================================== */
/* Nodes                                                                   */
/* ====================================================================== */

/* size zeroed bytes of the tree's arena (MemoryError if none). */
void *py_parse_alloc(py_parser *p, size_t size)
{
    void *r = py_arena_alloc(p->arena, size);
    if (!r) py_parse_nomem(p);
    return r;
}

/* A sequence of n (zeroed) items. */
py_seq *py_parse_seq(py_parser *p, int n)
{
    py_seq *s = py_parse_alloc(p, sizeof *s + (size_t)n * sizeof(void *));
    if (s) s->size = n;
    return s;
}

/* An identifier from a NAME token (_PyPegen_new_identifier, without
 * NFKC: a non-ASCII name NFKC could change is refused). */
static const char *token_identifier(py_parser *p, py_token *t)
{
    const unsigned char *s = (const unsigned char *)t->start, *end = s + t->len;
    for (const unsigned char *q = s; q < end;) {
        uint32_t ch;
        int n = *q < 0x80 ? (ch = *q, 1) : py_tok_utf8_decode(q, end, &ch);
        if (n == 0) break;
        if (py_tok_nfkc_unstable(ch)) {
            py_pos pos = py_token_pos(t);
            return py_parse_raise_node(p, &pos, &pos,
                                       "identifier '%.*s' needs NFKC normalization, which is not "
                                       "supported by refgc",
                                       t->len, t->start);
        }
        q += n;
    }
    char *id = py_parse_alloc(p, (size_t)t->len + 1);
    if (!id) return NULL;
    memcpy(id, t->start, (size_t)t->len);
    id[t->len] = '\0';
    return id;
}

/* An expression node (fields zeroed). */
py_expr *py_parse_new_expr(py_parser *p, py_expr_kind kind, const py_pos *pos)
{
    py_expr *e = py_parse_alloc(p, sizeof *e);
    if (!e) return NULL;
    e->kind = kind;
    e->lineno = pos->lineno;
    e->col_offset = pos->col_offset;
    e->end_lineno = pos->end_lineno;
    e->end_col_offset = pos->end_col_offset;
    return e;
}

/* A statement node (fields zeroed). */
py_stmt *py_parse_new_stmt(py_parser *p, py_stmt_kind kind, const py_pos *pos)
{
    py_stmt *s = py_parse_alloc(p, sizeof *s);
    if (!s) return NULL;
    s->kind = kind;
    s->lineno = pos->lineno;
    s->col_offset = pos->col_offset;
    s->end_lineno = pos->end_lineno;
    s->end_col_offset = pos->end_col_offset;
    return s;
}

/* A Constant without text (None, True, False, Ellipsis). */
py_expr *py_parse_constant(py_parser *p, py_const_kind kind, const py_pos *pos)
{
    py_expr *e = py_parse_new_expr(p, PY_Constant_kind, pos);
    if (e) e->v.Constant.value.kind = kind;
    return e;
}

/* _PyPegen_name_from_token. */
py_expr *py_parse_name_from_token(py_parser *p, py_token *t)
{
    if (!t) return NULL;
    const char *id = token_identifier(p, t);
    if (!id) return NULL;
    py_pos pos = py_token_pos(t);
    py_expr *e = py_parse_new_expr(p, PY_Name_kind, &pos);
    if (!e) return NULL;
    e->v.Name.id = id;
    e->v.Name.ctx = PY_Load;
    return e;
}

/* _PyPegen_name_token: NAME as a Name node. */
py_expr *py_parse_name_token(py_parser *p)
{
    return py_parse_name_from_token(p, py_parse_expect(p, PY_TOK_NAME));
}

/* ====================================================================== */
/* Sequences and shared node helpers                                       */
/* ====================================================================== */

/* Append to a vec (storage in the temporary arena). */
int py_vec_push(py_parser *p, py_vec *v, void *item)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 8;
        void **ni = py_arena_alloc(p->tmp, (size_t)cap * sizeof *ni);
        if (!ni) {
            py_parse_nomem(p);
            return -1;
        }
        if (v->n) memcpy(ni, v->items, (size_t)v->n * sizeof *ni);
        v->items = ni;
        v->cap = cap;
    }
    v->items[v->n++] = item;
    return 0;
}

/* The vec's items as a sequence of the tree. */
py_seq *py_vec_seq(py_parser *p, const py_vec *v)
{
    py_seq *s = py_parse_seq(p, v->n);
    if (s && v->n) memcpy(s->items, v->items, (size_t)v->n * sizeof(void *));
    return s;
}

/* _PyPegen_seq_insert_in_front. */
py_seq *py_seq_insert_in_front(py_parser *p, void *a, py_seq *seq)
{
    int n = PY_SEQ_LEN(seq);
    py_seq *s = py_parse_seq(p, n + 1);
    if (!s) return NULL;
    s->items[0] = a;
    for (int i = 0; i < n; i++) s->items[i + 1] = seq->items[i];
    return s;
}

/* _PyPegen_singleton_seq. */
py_seq *py_seq_singleton(py_parser *p, void *a)
{
    py_seq *s = py_parse_seq(p, 1);
    if (s) s->items[0] = a;
    return s;
}

/* A new expression node placed from start to the last token consumed
 * (CPython's EXTRA). */
py_expr *py_parse_node(py_parser *p, py_expr_kind kind, const py_pos *start)
{
    py_pos pos = py_parse_extra(p, start);
    return py_parse_new_expr(p, kind, &pos);
}

/* Tuple or List(elts, ctx) with EXTRA's position. */
py_expr *py_parse_seq_node(py_parser *p, py_expr_kind kind, py_seq *elts, py_expr_context ctx,
                           const py_pos *start)
{
    py_expr *e = py_parse_node(p, kind, start);
    if (!e) return NULL;
    e->v.List.elts = elts;
    e->v.List.ctx = ctx;
    return e;
}

/* RAISE_SYNTAX_ERROR_KNOWN_LOCATION at a token. */
void *py_parse_raise_at_token(py_parser *p, py_token *t, const char *msg)
{
    py_pos pos = py_token_pos(t);
    return py_parse_raise_node(p, &pos, &pos, "%s", msg);
}

/* An arg node's position. */
py_pos py_arg_pos(const py_arg *a)
{
    return (py_pos){a->lineno, a->col_offset, a->end_lineno, a->end_col_offset};
}

/* A lookahead for one of up to three token types (-1: none), counted as
 * the _tmp rule CPython generates for it. */
int py_parse_peek_any(py_parser *p, int a, int b, int c)
{
    p->level++;
    int r = py_parse_peek(p, a) || (b >= 0 && py_parse_peek(p, b)) || (c >= 0 && py_parse_peek(p, c));
    p->level--;
    return r;
}

/* ====================================================================== */
/* Action helpers                                                          */
/* ====================================================================== */

/* A copy of a sequence of expressions with the context set. */
static py_seq *set_seq_context(py_parser *p, py_seq *seq, py_expr_context ctx)
{
    if (!seq) return NULL;
    py_seq *n = py_parse_seq(p, seq->size);
    if (!n) return NULL;
    for (int i = 0; i < seq->size; i++) {
        n->items[i] = py_parse_set_expr_context(p, seq->items[i], ctx);
        if (!n->items[i]) return NULL;
    }
    return n;
}

/* _PyPegen_set_expr_context: a copy of e with ctx (Name, Tuple, List,
 * Subscript, Attribute, Starred; anything else is returned as is). */
py_expr *py_parse_set_expr_context(py_parser *p, py_expr *e, py_expr_context ctx)
{
    py_expr *n;
    py_pos pos = py_expr_pos(e);
    switch (e->kind) {
    case PY_Name_kind:
        n = py_parse_new_expr(p, PY_Name_kind, &pos);
        if (!n) return NULL;
        n->v.Name.id = e->v.Name.id;
        n->v.Name.ctx = ctx;
        return n;
    case PY_Tuple_kind:
    case PY_List_kind: {
        py_seq *elts = set_seq_context(p, e->v.List.elts, ctx);
        if (!elts && e->v.List.elts) return NULL;
        n = py_parse_new_expr(p, e->kind, &pos);
        if (!n) return NULL;
        n->v.List.elts = elts;
        n->v.List.ctx = ctx;
        return n;
    }
    case PY_Subscript_kind:
        n = py_parse_new_expr(p, PY_Subscript_kind, &pos);
        if (!n) return NULL;
        n->v.Subscript = e->v.Subscript;
        n->v.Subscript.ctx = ctx;
        return n;
    case PY_Attribute_kind:
        n = py_parse_new_expr(p, PY_Attribute_kind, &pos);
        if (!n) return NULL;
        n->v.Attribute = e->v.Attribute;
        n->v.Attribute.ctx = ctx;
        return n;
    case PY_Starred_kind: {
        py_expr *value = py_parse_set_expr_context(p, e->v.Starred.value, ctx);
        if (!value) return NULL;
        n = py_parse_new_expr(p, PY_Starred_kind, &pos);
        if (!n) return NULL;
        n->v.Starred.value = value;
        n->v.Starred.ctx = ctx;
        return n;
    }
    default:
        return e;
    }
}

/* _PyPegen_get_expr_name: how error messages name an expression. */
const char *py_parse_expr_name(const py_expr *e)
{
    switch (e->kind) {
    case PY_Attribute_kind: return "attribute";
    case PY_Subscript_kind: return "subscript";
    case PY_Starred_kind: return "starred";
    case PY_Name_kind: return "name";
    case PY_List_kind: return "list";
    case PY_Tuple_kind: return "tuple";
    case PY_Lambda_kind: return "lambda";
    case PY_Call_kind: return "function call";
    case PY_BoolOp_kind:
    case PY_BinOp_kind:
    case PY_UnaryOp_kind: return "expression";
    case PY_GeneratorExp_kind: return "generator expression";
    case PY_Yield_kind:
    case PY_YieldFrom_kind: return "yield expression";
    case PY_Await_kind: return "await expression";
    case PY_ListComp_kind: return "list comprehension";
    case PY_SetComp_kind: return "set comprehension";
    case PY_DictComp_kind: return "dict comprehension";
    case PY_Dict_kind: return "dict literal";
    case PY_Set_kind: return "set display";
    case PY_JoinedStr_kind:
    case PY_FormattedValue_kind: return "f-string expression";
    case PY_Constant_kind:
        switch (e->v.Constant.value.kind) {
        case PY_CONST_NONE: return "None";
        case PY_CONST_FALSE: return "False";
        case PY_CONST_TRUE: return "True";
        case PY_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case PY_Compare_kind: return "comparison";
    case PY_IfExp_kind: return "conditional expression";
    case PY_NamedExpr_kind: return "named expression";
    default: return "expression";
    }
}

/* _PyPegen_get_invalid_target: the part of e that cannot be a target. */
py_expr *py_parse_invalid_target(py_expr *e, int targets_type)
{
    if (!e) return NULL;
    switch (e->kind) {
    case PY_List_kind:
    case PY_Tuple_kind:
        for (int i = 0; i < PY_SEQ_LEN(e->v.List.elts); i++) {
            py_expr *child = py_parse_invalid_target(e->v.List.elts->items[i], targets_type);
            if (child) return child;
        }
        return NULL;
    case PY_Starred_kind:
        if (targets_type == PY_DEL_TARGETS) return e;
        return py_parse_invalid_target(e->v.Starred.value, targets_type);
    case PY_Compare_kind:
        if (targets_type == PY_FOR_TARGETS) {
            if (e->v.Compare.ops->items[0] == PY_In)
                return py_parse_invalid_target(e->v.Compare.left, targets_type);
            return NULL;
        }
        return e;
    case PY_Name_kind:
    case PY_Subscript_kind:
    case PY_Attribute_kind: return NULL;
    default: return e;
    }
}

/* RAISE_SYNTAX_ERROR_INVALID_TARGET. */
void *py_parse_raise_invalid_target(py_parser *p, int targets_type, py_expr *e)
{
    py_expr *t = py_parse_invalid_target(e, targets_type);
    if (!t) return NULL;
    py_pos pos = py_expr_pos(t);
    return py_parse_raise_node(p, &pos, &pos,
                               targets_type == PY_DEL_TARGETS ? "cannot delete %s" : "cannot assign to %s",
                               py_parse_expr_name(t));
}

/* _PyPegen_check_legacy_stmt: print or exec. */
int py_parse_check_legacy_stmt(py_parser *p, py_expr *name)
{
    (void)p;
    if (name->kind != PY_Name_kind) return 0;
    return strcmp(name->v.Name.id, "print") == 0 || strcmp(name->v.Name.id, "exec") == 0;
}

/* ====================================================================== */
/* The two passes                                                          */
/* ====================================================================== */

/* _PyPegen_tokenize_full_source_to_check_for_errors: a tokenizer error
 * further on replaces the current error; so does an unclosed bracket
 * opened on an earlier line than the error's token. */
static void tokenize_full_source(py_parser *p)
{
    py_parse_error saved = *p->err;
    memset(p->err, 0, sizeof *p->err);
    py_token *cur = p->known_err_token ? p->known_err_token : p->tokens[p->fill - 1];
    int current_err_line = cur->lineno;
    int saved_indicator = p->error_indicator;
    p->error_indicator = 0;
    for (;;) {
        const char *s, *e;
        int type = py_tok_get(p->tok, &s, &e);
        if (type == PY_TOK_ERRORTOKEN) {
            if (p->tok->err.set) {
                err_from_tokenizer(p);
                break;
            }
            if (p->tok->level != 0) {
                int error_lineno = p->tok->parenlinenostack[p->tok->level - 1];
                if (current_err_line > error_lineno) raise_unclosed_paren(p);
            }
            break;
        }
        if (type == PY_TOK_ENDMARKER) break;
    }
    p->error_indicator = saved_indicator;
    if (err_occurred(p)) {
        rg_os_free(saved.text);
    } else {
        *p->err = saved;
    }
}

/* _Pypegen_set_syntax_error: the error after a failed second pass. */
static void set_syntax_error(py_parser *p, py_token *last_token)
{
    if (err_occurred(p)) {
        int is_tok_ok = p->tok->done == PY_E_DONE || p->tok->done == PY_E_OK;
        if (is_tok_ok && err_is_syntax(p)) tokenize_full_source(p);
        return;
    }
    if (p->fill == 0) {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "error at start before reading any input");
        return;
    }
    if (last_token->type == PY_TOK_ERRORTOKEN && p->tok->done == PY_E_EOF) {
        if (p->tok->level) raise_unclosed_paren(p);
        else py_parse_raise(p, PY_ERR_SYNTAX, 0, "unexpected EOF while parsing");
        return;
    }
    if (last_token->type == PY_TOK_INDENT || last_token->type == PY_TOK_DEDENT) {
        py_parse_raise(p, PY_ERR_INDENTATION, 0,
                       last_token->type == PY_TOK_INDENT ? "unexpected indent" : "unexpected unindent");
        return;
    }
    py_pos pos = py_token_pos(last_token);
    py_parse_raise_node(p, &pos, &pos, "invalid syntax");
    tokenize_full_source(p);
}

/* The start rule. */
static void *parse(py_parser *p)
{
    if (p->start_rule == PY_FSTRING_INPUT) return py_rule_fstring(p);
    return py_rule_file(p);
}

/* _PyPegen_run_parser: the first pass; if it fails, the second pass
 * with the invalid_ rules, then the error. */
static void *run_parser(py_parser *p)
{
    void *res = parse(p);
    RG_ASSERT(p->level == 0);
    if (res) return res;
    if (err_occurred(p) && !err_is_syntax(p)) return NULL;
    py_token *last_token = p->tokens[p->fill - 1];
    for (int i = 0; i < p->fill; i++) p->tokens[i]->memo = NULL;
    p->mark = 0;
    p->call_invalid_rules = 1;
    parse(p);
    RG_ASSERT(p->level == 0);
    set_syntax_error(p, last_token);
    if (!err_occurred(p)) py_parse_nomem(p); /* cannot happen */
    return NULL;
}

/* Set up a parser over a tokenizer. */
static int parser_init(py_parser *p, py_tok_state *tok, int start_rule, py_arena *arena,
                       py_parse_error *err)
{
    memset(p, 0, sizeof *p);
    p->tok = tok;
    p->start_rule = start_rule;
    p->arena = arena;
    p->err = err;
    p->tmp = py_arena_new();
    if (!p->tmp) return -1;
    return 0;
}

/* Free what the parser itself holds (not the tree). */
static void parser_free(py_parser *p)
{
    rg_os_free(p->tokens);
    py_arena_free(p->tmp);
}

/* fstring_compile_expr's sub-parser: parse "(expr)" at the given place. */
py_expr *py_parse_fstring_expr(py_parser *p, const char *str, size_t len, int lineno,
                               int col_offset, int starting_lineno, int starting_col_offset)
{
    (void)col_offset;
    py_tok_state *tok = rg_os_malloc(sizeof *tok);
    if (!tok) return py_parse_nomem(p);
    py_tok_init(tok, str, len, 0, p->filename);
    tok->lineno = lineno;
    py_parser p2;
    if (parser_init(&p2, tok, PY_FSTRING_INPUT, p->arena, p->err) < 0) {
        rg_os_free(tok);
        return py_parse_nomem(p);
    }
    p2.filename = p->filename;
    p2.starting_lineno = starting_lineno;
    p2.starting_col_offset = starting_col_offset;
    p2.c_stack_base = p->c_stack_base;
    p2.c_stack_budget = p->c_stack_budget;
    py_expr *e = run_parser(&p2);
    parser_free(&p2);
    rg_os_free(tok);
    if (!e) p->error_indicator = 1;
    return e;
}

/* ====================================================================== */
/* Entry point                                                             */
/* ====================================================================== */

/* Fill err from a tokenizer error record (py_tok_prepare's). */
static void error_from_tok_record(py_parse_error *err, const py_tok_error *te)
{
    memset(err, 0, sizeof *err);
    err->type = (py_error_type)te->type;
    snprintf(err->msg, sizeof err->msg, "%s", te->msg);
    err->located = te->located;
    err->lineno = te->lineno;
    err->offset = te->offset;
    err->end_lineno = te->end_lineno;
    err->end_offset = te->end_offset;
}

/* Parse a file. */
py_mod *py_parse_file(const char *data, size_t len, const char *filename, py_arena *arena, int flags,
                      py_parse_error *err)
{
    memset(err, 0, sizeof *err);
    py_tok_error te;
    int encoding_line;
    size_t src_len;
    if (len > (size_t)INT32_MAX) {
        err->type = PY_ERR_MEMORY;
        snprintf(err->msg, sizeof err->msg, "source of %zu bytes is too large for refgc", len);
        return NULL;
    }
    char *src = py_tok_prepare(data, len, filename, &encoding_line, &src_len, &te);
    if (!src) {
        if (te.set) error_from_tok_record(err, &te);
        else err->type = PY_ERR_MEMORY;
        return NULL;
    }
    py_tok_state *tok = rg_os_malloc(sizeof *tok);
    py_parser p;
    py_mod *mod = NULL;
    if (!tok || parser_init(&p, tok, PY_FILE_INPUT, arena, err) < 0) {
        rg_os_free(tok);
        rg_os_free(src);
        err->type = PY_ERR_MEMORY;
        return NULL;
    }
    py_tok_init(tok, src, src_len, 1, filename);
    tok->encoding_declared = encoding_line >= 0;
    tok->encoding_line = encoding_line;
    p.filename = filename;
    p.src = src;
    p.src_len = src_len;
    p.bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    p.added_newline = src_len > 0 && data[len - 1] != '\n' && data[len - 1] != '\r';
    p.c_stack_base = C_STACK_HERE();
    p.c_stack_budget = c_stack_budget(p.c_stack_base);
    py_seq *body = run_parser(&p);
    if (body && !(flags & PY_PARSE_ALLOW_ASYNC)) {
        /* async and await parse as in CPython (so that a file with an
         * error elsewhere gets CPython's error), then are refused. */
        py_mod tmp_mod = {PY_Module_kind, body, NULL};
        py_async_use use;
        int found = py_ast_first_async(&tmp_mod, &use);
        static const char *const what[] = {"", "'async def' is", "'async for' is", "'async with' is",
                                           "'await' expressions are", "'async' comprehensions are"};
        if (found < 0) {
            py_parse_nomem(&p);
            body = NULL;
        } else if (found) {
            py_parse_raise_known(&p, PY_ERR_SYNTAX, use.lineno, use.col_offset, use.lineno,
                                 use.col_offset + 5, "%s not supported by refgc", what[use.kind]);
            body = NULL;
        }
    }
    if (body) {
        mod = py_parse_alloc(&p, sizeof *mod);
        if (mod) {
            mod->kind = PY_Module_kind;
            mod->body = body->size ? body : NULL;
            mod->type_ignores = NULL;
        }
    }
    parser_free(&p);
    rg_os_free(tok);
    rg_os_free(src);
    if (mod && (flags & PY_PARSE_CHECK_DEPTH)) {
        int deep = py_ast_too_deep(mod, PY_AST_MAX_DEPTH);
        if (deep) {
            memset(err, 0, sizeof *err);
            err->type = deep < 0 ? PY_ERR_MEMORY : PY_ERR_RECURSION;
            if (deep > 0)
                snprintf(err->msg, sizeof err->msg,
                         "maximum recursion depth exceeded during compilation");
            return NULL;
        }
    }
    if (!mod && err->type == PY_ERR_NONE) err->type = PY_ERR_MEMORY;
    return mod;
}
