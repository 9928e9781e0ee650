/*
 * token.h -- the front end's tokenizer, and the parser's internal state.
 *
 * Owns: token types (CPython 3.11's Grammar/Tokens numbering, keywords
 * after them), the tokenizer state and its one entry point py_tok_get --
 * a port of CPython 3.11's Parser/tokenizer.c reading a file
 * ("file mode": lines are read one at a time, checked for NUL bytes and
 * UTF-8 when read, and the buffer restarts at each line read outside a
 * token) or a string (the f-string sub-parsers) -- and the Unicode
 * predicates the front end needs (identifier characters, printable).
 * The tokenizer is three files: tokenizer.c (the scanner, the Unicode
 * tables), source.c (py_tok_prepare, reading lines, UTF-8), token.c (the
 * operators' and keywords' spellings).
 *
 * The second half declares the parser's state and the functions its files
 * (parser.c, parser_*.c) share; nothing outside src/lang/parser*.c and
 * the tests should use it.  The public interface of the front end is
 * ast.h.
 *
 * Must not: allocate objects on refgc's heap (the front end runs on plain
 * malloc'd memory; parsing leaves the collector's counts alone).
 */
#ifndef PY_LANG_TOKEN_H
#define PY_LANG_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "types/utf8.h" /* py_utf8_put */

#include "os/assert.h"

/* ====================================================================== */
/* Token types                                                             */
/* ====================================================================== */

enum {
    PY_TOK_ENDMARKER, PY_TOK_NAME, PY_TOK_NUMBER, PY_TOK_STRING, PY_TOK_NEWLINE,
    PY_TOK_INDENT, PY_TOK_DEDENT, PY_TOK_LPAR, PY_TOK_RPAR, PY_TOK_LSQB,
    PY_TOK_RSQB, PY_TOK_COLON, PY_TOK_COMMA, PY_TOK_SEMI, PY_TOK_PLUS,
    PY_TOK_MINUS, PY_TOK_STAR, PY_TOK_SLASH, PY_TOK_VBAR, PY_TOK_AMPER,
    PY_TOK_LESS, PY_TOK_GREATER, PY_TOK_EQUAL, PY_TOK_DOT, PY_TOK_PERCENT,
    PY_TOK_LBRACE, PY_TOK_RBRACE, PY_TOK_EQEQUAL, PY_TOK_NOTEQUAL,
    PY_TOK_LESSEQUAL, PY_TOK_GREATEREQUAL, PY_TOK_TILDE, PY_TOK_CIRCUMFLEX,
    PY_TOK_LEFTSHIFT, PY_TOK_RIGHTSHIFT, PY_TOK_DOUBLESTAR, PY_TOK_PLUSEQUAL,
    PY_TOK_MINEQUAL, PY_TOK_STAREQUAL, PY_TOK_SLASHEQUAL, PY_TOK_PERCENTEQUAL,
    PY_TOK_AMPEREQUAL, PY_TOK_VBAREQUAL, PY_TOK_CIRCUMFLEXEQUAL,
    PY_TOK_LEFTSHIFTEQUAL, PY_TOK_RIGHTSHIFTEQUAL, PY_TOK_DOUBLESTAREQUAL,
    PY_TOK_DOUBLESLASH, PY_TOK_DOUBLESLASHEQUAL, PY_TOK_AT, PY_TOK_ATEQUAL,
    PY_TOK_RARROW, PY_TOK_ELLIPSIS, PY_TOK_COLONEQUAL, PY_TOK_OP,
    PY_TOK_AWAIT, PY_TOK_ASYNC, PY_TOK_TYPE_IGNORE, PY_TOK_TYPE_COMMENT,
    PY_TOK_SOFT_KEYWORD, PY_TOK_ERRORTOKEN,
    /* Keywords: NAME tokens the parser retypes (CPython does it in
     * _get_keyword_or_name_type).  Soft keywords stay NAME. */
    PY_KW_FIRST = 100,
    PY_KW_FALSE = PY_KW_FIRST, PY_KW_NONE, PY_KW_TRUE, PY_KW_AND, PY_KW_AS,
    PY_KW_ASSERT, PY_KW_ASYNC, PY_KW_AWAIT, PY_KW_BREAK, PY_KW_CLASS,
    PY_KW_CONTINUE, PY_KW_DEF, PY_KW_DEL, PY_KW_ELIF, PY_KW_ELSE,
    PY_KW_EXCEPT, PY_KW_FINALLY, PY_KW_FOR, PY_KW_FROM, PY_KW_GLOBAL,
    PY_KW_IF, PY_KW_IMPORT, PY_KW_IN, PY_KW_IS, PY_KW_LAMBDA,
    PY_KW_NONLOCAL, PY_KW_NOT, PY_KW_OR, PY_KW_PASS, PY_KW_RAISE,
    PY_KW_RETURN, PY_KW_TRY, PY_KW_WHILE, PY_KW_WITH, PY_KW_YIELD,
    PY_KW_END
};

/* ====================================================================== */
/* Tokenizer state                                                         */
/* ====================================================================== */

#define PY_TOK_MAXINDENT 100 /* CPython's MAXINDENT */
#define PY_TOK_MAXLEVEL 200  /* CPython's MAXLEVEL: bracket nesting */

/* tok->done: CPython's errcode.h values that matter here. */
enum {
    PY_E_OK = 10, PY_E_EOF = 11, PY_E_TOKEN = 13, PY_E_NOMEM = 15,
    PY_E_ERROR = 17, PY_E_TABSPACE = 18, PY_E_TOODEEP = 20, PY_E_DEDENT = 21,
    PY_E_DECODE = 22, PY_E_LINECONT = 25, PY_E_DONE = 29
};

/* A SyntaxError the tokenizer raised itself (CPython's syntaxerror()
 * sets the exception at once, with its own position). */
typedef struct py_tok_error {
    int set;
    int type;          /* py_error_type */
    int located;       /* 0: lineno etc. are None */
    int lineno, offset, end_lineno, end_offset;
    char msg[512];
    const char *text;  /* the line (not NUL-terminated) */
    size_t text_len;
} py_tok_error;

typedef struct py_tok_state {
    /* Input: the whole source, newlines translated, ending with '\n'. */
    const char *src, *src_end;
    int file_mode;        /* 1: CPython's file reader; 0: string input */
    int encoding_declared;/* a BOM or a coding spec: errors count chars */
    int encoding_line;    /* the spec's line (1 or 2; lines before it are still
                           * checked for UTF-8), 0 for a BOM */
    const char *filename;
    /* CPython's buffer pointers, into src. */
    const char *buf, *cur, *inp;
    const char *start;    /* start of the current token, or NULL */
    const char *line_start;
    const char *multi_line_start;
    int lineno, first_lineno;
    int done;
    int level;            /* () [] {} nesting */
    char parenstack[PY_TOK_MAXLEVEL];
    int parenlinenostack[PY_TOK_MAXLEVEL];
    int parencolstack[PY_TOK_MAXLEVEL];
    int indent;
    int indstack[PY_TOK_MAXINDENT];
    int altindstack[PY_TOK_MAXINDENT];
    int atbol, pendin, cont_line;
    int decoding_erred;   /* a line failed its UTF-8 check */
    py_tok_error err;     /* set with done = PY_E_ERROR/PY_E_DECODE */
} py_tok_state;

/* Start tokenizing [src, src+len): the caller has already translated the
 * newlines and made sure the text ends with '\n' (py_tok_prepare does
 * both for a file). */
void py_tok_init(py_tok_state *tok, const char *src, size_t len, int file_mode,
                 const char *filename);

/* The next token: its type (PY_TOK_*; NAME for keywords too, ERRORTOKEN
 * on error with tok->done saying which) and its bytes in [*start, *end)
 * (both NULL for INDENT, DEDENT, ENDMARKER and errors, as in CPython). */
int py_tok_get(py_tok_state *tok, const char **start, const char **end);

/* Prepare a file's bytes for the tokenizer: skip a UTF-8 BOM, honour a
 * coding spec on the first two lines (utf-8 and latin-1 only), translate
 * \r\n and \r, add a final '\n'.  Returns a malloc'd buffer (*out_len
 * bytes) or NULL with err set (or with err unset: out of memory).
 * *encoding_line: -1 no declaration, 0 a BOM, 1 or 2 the spec's line. */
char *py_tok_prepare(const char *data, size_t len, const char *filename,
                     int *encoding_line, size_t *out_len, py_tok_error *err);

/* Unicode predicates (CPython 3.11's tables, Unicode 14.0). */
int py_tok_isprintable(uint32_t ch);
int py_tok_is_xid_start(uint32_t ch);
int py_tok_is_xid_continue(uint32_t ch);
int py_tok_nfkc_unstable(uint32_t ch);

/* Decode one UTF-8 sequence at s (< end); returns its length and sets *ch,
 * or 0 if it is not strict UTF-8. */
int py_tok_utf8_decode(const unsigned char *s, const unsigned char *end, uint32_t *ch);

/* The UnicodeDecodeError message of Python's UTF-8 codec for the first
 * invalid sequence of [s, end) ("'utf-8' codec can't decode byte 0xed in
 * position 3: invalid continuation byte"); 0 if all is valid. */
int py_tok_utf8_error(const char *s, const char *end, char *msg, size_t size);

/* [s, s+n) with each invalid UTF-8 piece replaced by U+FFFD (Python's
 * "replace"), into out (3n bytes of room); returns the new length. */
size_t py_tok_utf8_replace(const char *s, size_t n, char *out);

/* How many characters the UTF-8 text [s, s+n) holds (an invalid byte
 * counts as one, like the "replace" error handler). */
size_t py_tok_utf8_chars(const char *s, size_t n);

/* -- between the tokenizer's files --------------------------------------- */

/* source.c: read the next line -- [inp, next '\n'] -- with CPython's
 * checks of a line read; 0 at the end of the input or on a decoding error
 * (tok->done and tok->err say which). */
int py_tok_underflow(py_tok_state *tok);

/* token.c: an operator's type for one, two or three characters (PY_TOK_OP
 * if none), a NAME's type (a PY_KW_* or PY_TOK_NAME). */
int py_tok_one_char(int c);
int py_tok_two_chars(int c1, int c2);
int py_tok_three_chars(int c1, int c2, int c3);
int py_tok_keyword_or_name(const char *s, int n);

/* ====================================================================== */
/* Parser internals (src/lang/parser*.c only)                              */
/* ====================================================================== */

/* CPython 3.11's MAXSTACK: rule calls nested deeper than this raise
 * MemoryError ("Parser stack overflowed", shown as a bare MemoryError). */
#define PY_PARSER_MAXSTACK 6000

/* The most C stack the parser uses (less if the thread has less), a
 * safety net under MAXSTACK (the f-string sub-parsers start their own
 * count). */
#define PY_PARSER_C_STACK (6u << 20)
/* Under Emscripten: the most shadow stack the parser may use (V8's native
 * stack, about 1 MiB, is the real limit there: parser.c c_stack_budget). */
#define PY_PARSER_WASM_C_STACK (512u << 10)
/* Under Emscripten the rule depth that fits V8's native stack (about
 * 1 MiB; most rule functions use no shadow stack at all, so the byte
 * budget cannot see it): 100,000 `not`s overflowed it past ~5,300 levels
 * in node 20; half of that keeps a margin for fatter rules. */
#ifdef __EMSCRIPTEN__
#define PY_PARSER_DEPTH_LIMIT 2500
#else
#define PY_PARSER_DEPTH_LIMIT PY_PARSER_MAXSTACK
#endif

/* Start rules. */
enum { PY_FILE_INPUT = 1, PY_FSTRING_INPUT = 2 };

typedef struct py_memo {
    int type;
    int mark;
    void *node;
    struct py_memo *next;
} py_memo;

typedef struct py_token {
    int type;            /* PY_TOK_* or PY_KW_* */
    const char *start;   /* its bytes in the tokenizer's buffer (or NULL) */
    int len;
    int level;           /* bracket nesting after it */
    int lineno, col_offset, end_lineno, end_col_offset;
    py_memo *memo;
} py_token;

typedef struct py_parser {
    py_tok_state *tok;
    py_token **tokens;
    int fill, size, mark;
    int level;
    int error_indicator;
    int call_invalid_rules;
    int start_rule;
    int starting_lineno, starting_col_offset;
    py_token *known_err_token;
    py_arena *arena;          /* the tree */
    py_arena *tmp;            /* tokens and memos: freed after the parse */
    py_parse_error *err;      /* "the current exception", shared with sub-parsers */
    const char *filename;
    const char *src;          /* the file's prepared text (main parser) */
    size_t src_len;
    int bom;                  /* the file began with a UTF-8 BOM */
    int added_newline;        /* src's final '\n' is not in the file */
    const char *c_stack_base; /* where the outermost parser's frames start */
    size_t c_stack_budget;    /* how far below it the parsers may go */
} py_parser;

/* Positions of a node: CPython's EXTRA. */
typedef struct py_pos {
    int lineno, col_offset, end_lineno, end_col_offset;
} py_pos;

/* -- parser.c: tokens, memo, errors, entry ------------------------------ */

int py_parse_fill_token(py_parser *p);
py_token *py_parse_expect(py_parser *p, int type);
py_token *py_parse_expect_forced(py_parser *p, int type, const char *expected);
py_expr *py_parse_expect_soft_keyword(py_parser *p, const char *keyword);
int py_parse_peek(py_parser *p, int type);          /* lookahead without moving */
py_token *py_parse_peek_token(py_parser *p);        /* the token at mark */
py_token *py_parse_last_nonwhitespace(py_parser *p);
int py_parse_enter(py_parser *p);                   /* level++, overflow; 1: bail out */
int py_parse_start(py_parser *p, py_pos *start);    /* fill the token at mark */
py_pos py_parse_extra(py_parser *p, const py_pos *start);
int py_parse_is_memoized(py_parser *p, int type, void *pres);
int py_parse_insert_memo(py_parser *p, int mark, int type, void *node);
int py_parse_update_memo(py_parser *p, int mark, int type, void *node);
void *py_parse_nomem(py_parser *p);

#define PY_CURRENT_POS (-5)
void *py_parse_raise_known(py_parser *p, py_error_type type, int lineno, int col_offset,
                           int end_lineno, int end_col_offset, const char *fmt, ...);
void *py_parse_raise(py_parser *p, py_error_type type, int use_mark, const char *fmt, ...);
void *py_parse_raise_node(py_parser *p, const py_pos *a, const py_pos *b, const char *fmt, ...);
void *py_parse_raise_starting_from(py_parser *p, const py_pos *a, const char *fmt, ...);

/* The position of a node of any kind that has one. */
py_pos py_expr_pos(const py_expr *e);
py_pos py_token_pos(const py_token *t);

/* Run a sub-parser over an f-string expression "(...)" (parser.c). */
py_expr *py_parse_fstring_expr(py_parser *p, const char *str, size_t len, int lineno,
                               int col_offset, int starting_lineno, int starting_col_offset);

/* -- parser.c: nodes and action helpers -------------------------------- */

void *py_parse_alloc(py_parser *p, size_t size);
py_seq *py_parse_seq(py_parser *p, int n);
py_expr *py_parse_new_expr(py_parser *p, py_expr_kind kind, const py_pos *pos);
py_stmt *py_parse_new_stmt(py_parser *p, py_stmt_kind kind, const py_pos *pos);
py_expr *py_parse_name_token(py_parser *p);
py_expr *py_parse_name_from_token(py_parser *p, py_token *t);
py_expr *py_parse_constant(py_parser *p, py_const_kind kind, const py_pos *pos);
py_expr *py_parse_set_expr_context(py_parser *p, py_expr *e, py_expr_context ctx);
const char *py_parse_expr_name(const py_expr *e);
enum { PY_STAR_TARGETS, PY_DEL_TARGETS, PY_FOR_TARGETS };
py_expr *py_parse_invalid_target(py_expr *e, int targets_type);
void *py_parse_raise_invalid_target(py_parser *p, int targets_type, py_expr *e);
int py_parse_check_legacy_stmt(py_parser *p, py_expr *name);

/* A growing list of items (in the parser's temporary arena). */
typedef struct py_vec {
    void **items;
    int n, cap;
} py_vec;
int py_vec_push(py_parser *p, py_vec *v, void *item); /* -1: MemoryError set */
py_seq *py_vec_seq(py_parser *p, const py_vec *v);    /* into the tree's arena */
py_seq *py_seq_insert_in_front(py_parser *p, void *a, py_seq *seq);
py_seq *py_seq_singleton(py_parser *p, void *a);

/* Memoized rules (CPython's (memo) rules and the left-recursive ones). */
enum {
    PY_MEMO_SIMPLE_STMT = 1, PY_MEMO_BLOCK, PY_MEMO_EXPRESSION, PY_MEMO_STAR_EXPRESSION,
    PY_MEMO_DISJUNCTION, PY_MEMO_CONJUNCTION, PY_MEMO_INVERSION, PY_MEMO_FACTOR,
    PY_MEMO_AWAIT_PRIMARY, PY_MEMO_STRINGS, PY_MEMO_ARGUMENTS, PY_MEMO_STAR_TARGET,
    PY_MEMO_TARGET_WITH_STAR_ATOM, PY_MEMO_DEL_TARGET, PY_MEMO_INVALID_NAMED_EXPRESSION,
    PY_MEMO_DOTTED_NAME, PY_MEMO_BITWISE_OR, PY_MEMO_BITWISE_XOR, PY_MEMO_BITWISE_AND,
    PY_MEMO_SHIFT_EXPR, PY_MEMO_SUM, PY_MEMO_TERM, PY_MEMO_PRIMARY, PY_MEMO_T_PRIMARY
};

/* The rule files' shorthand (CPython's generated code, condensed). */
#ifdef PY_PARSER_RULES
#define ENTER() do { if (py_parse_enter(p)) return NULL; } while (0)
#define RET(x) do { p->level--; return (x); } while (0)
#define CHECK() do { if (p->error_indicator) RET(NULL); } while (0)
#define START(pos) do { if (py_parse_start(p, &(pos))) RET(NULL); } while (0)
#define TOK(type) py_parse_expect(p, (type))
#define NOERR (!p->error_indicator)
#define EXTRA(start) py_parse_extra(p, &(start))
/* An action that may fail: leave the rule with the error. */
#define ACTION_CHECK(x) do { if (!(x)) { p->error_indicator = 1; RET(NULL); } } while (0)
#endif

/* Shared helpers of the rule files (parser.c, parser_expr.c,
 * parser_stmt.c; _tmp: the helper rules CPython generates). */
py_expr *py_parse_node(py_parser *p, py_expr_kind kind, const py_pos *start);
py_expr *py_parse_seq_node(py_parser *p, py_expr_kind kind, py_seq *elts, py_expr_context ctx,
                           const py_pos *start);
void *py_parse_raise_at_token(py_parser *p, py_token *t, const char *msg);
py_pos py_arg_pos(const py_arg *a);
int py_parse_peek_any(py_parser *p, int a, int b, int c);
py_expr *py_parse_left_recursive(py_parser *p, int memo, py_expr *(*raw)(py_parser *));
int py_parse_gather(py_parser *p, void *(*elem)(py_parser *), py_vec *v);
py_seq *py_parse_gather_seq(py_parser *p, int sep, void *(*elem)(py_parser *));
int py_parse_loop_comma(py_parser *p, py_expr *(*elem)(py_parser *), py_vec *v, int min);
py_expr *py_parse_token_operand(py_parser *p, int token, py_expr *(*operand)(py_parser *)); /* _tmp */
py_expr *py_parse_tmp_as_name(py_parser *p);                      /* _tmp: 'as' NAME */
py_expr *py_parse_tmp_yield_or_star_expressions(py_parser *p);    /* _tmp: yield_expr | star_expressions */
py_expr *py_parse_trailers(py_parser *p, py_expr *(*self)(py_parser *), int mark, const py_pos *start,
                           int t_primary_order);
py_expr *py_parse_genexp_elt(py_parser *p);
py_token *py_parse_kwargs_then_star(py_parser *p);

/* -- parser_string.c ---------------------------------------------------- */

py_expr *py_parse_number_token(py_parser *p);
py_expr *py_parse_concatenate_strings(py_parser *p, py_token **tokens, int n);

/* -- the rules (parser_stmt.c, parser_expr.c, parser_invalid.c) --------- */

py_seq *py_rule_file(py_parser *p);
py_expr *py_rule_fstring(py_parser *p);
py_seq *py_rule_block(py_parser *p);
py_seq *py_rule_statements(py_parser *p);
py_seq *py_rule_simple_stmts(py_parser *p);
py_stmt *py_rule_simple_stmt(py_parser *p);
py_seq *py_rule_decorators(py_parser *p);
py_arguments *py_rule_params(py_parser *p);
py_arguments *py_rule_lambda_params(py_parser *p);
py_expr *py_rule_expressions(py_parser *p);
py_expr *py_rule_expression(py_parser *p);
py_expr *py_rule_expression_without_invalid(py_parser *p);
py_expr *py_rule_yield_expr(py_parser *p);
py_expr *py_rule_star_expressions(py_parser *p);
py_expr *py_rule_star_expression(py_parser *p);
py_seq *py_rule_star_named_expressions(py_parser *p);
py_expr *py_rule_star_named_expression(py_parser *p);
py_expr *py_rule_assignment_expression(py_parser *p);
py_expr *py_rule_named_expression(py_parser *p);
py_expr *py_rule_disjunction(py_parser *p);
py_expr *py_rule_bitwise_or(py_parser *p);
py_expr *py_rule_primary(py_parser *p);
py_expr *py_rule_slices(py_parser *p);
py_expr *py_rule_atom(py_parser *p);
py_expr *py_rule_list(py_parser *p);
py_expr *py_rule_tuple(py_parser *p);
py_expr *py_rule_genexp(py_parser *p);
py_expr *py_rule_lambdef(py_parser *p);
py_expr *py_rule_strings(py_parser *p);
py_expr *py_rule_set(py_parser *p);
py_expr *py_rule_dict(py_parser *p);
py_expr *py_rule_listcomp(py_parser *p);
py_expr *py_rule_setcomp(py_parser *p);
py_expr *py_rule_dictcomp(py_parser *p);
py_stmt *py_rule_function_def(py_parser *p);
py_stmt *py_rule_if_stmt(py_parser *p);
py_stmt *py_rule_class_def(py_parser *p);
py_stmt *py_rule_with_stmt(py_parser *p);
py_stmt *py_rule_for_stmt(py_parser *p);
py_stmt *py_rule_try_stmt(py_parser *p);
py_stmt *py_rule_while_stmt(py_parser *p);
py_stmt *py_rule_match_stmt(py_parser *p);
py_seq *py_rule_for_if_clauses(py_parser *p);
py_expr *py_rule_arguments(py_parser *p);
py_expr *py_rule_args(py_parser *p);
py_expr *py_rule_starred_expression(py_parser *p);
py_expr *py_rule_kvpair(py_parser *p, py_expr **value);
py_expr *py_rule_star_targets(py_parser *p);
py_expr *py_rule_star_target(py_parser *p);
py_expr *py_rule_single_target(py_parser *p);
py_expr *py_rule_single_subscript_attribute_target(py_parser *p);
py_expr *py_rule_t_primary(py_parser *p);
py_seq *py_rule_del_targets(py_parser *p);

/* invalid_* rules (second pass only) */
void *py_invalid_arguments(py_parser *p);
void *py_invalid_kwarg(py_parser *p);
void *py_invalid_expression(py_parser *p);
void *py_invalid_legacy_expression(py_parser *p);
void *py_invalid_named_expression(py_parser *p);
void *py_invalid_assignment(py_parser *p);
void *py_invalid_del_stmt(py_parser *p);
void *py_invalid_block(py_parser *p);
void *py_invalid_comprehension(py_parser *p);
void *py_invalid_dict_comprehension(py_parser *p);
void *py_invalid_with_item(py_parser *p);
void *py_invalid_for_target(py_parser *p);
void *py_invalid_group(py_parser *p);
void *py_invalid_import_from_targets(py_parser *p);
void *py_invalid_with_stmt(py_parser *p);
void *py_invalid_with_stmt_indent(py_parser *p);
void *py_invalid_try_stmt(py_parser *p);
void *py_invalid_except_stmt(py_parser *p);
void *py_invalid_finally_stmt(py_parser *p);
void *py_invalid_except_stmt_indent(py_parser *p);
void *py_invalid_except_star_stmt_indent(py_parser *p);
void *py_invalid_if_stmt(py_parser *p);
void *py_invalid_elif_stmt(py_parser *p);
void *py_invalid_else_stmt(py_parser *p);
void *py_invalid_while_stmt(py_parser *p);
void *py_invalid_for_stmt(py_parser *p);
void *py_invalid_def_raw(py_parser *p);
void *py_invalid_class_def_raw(py_parser *p);
void *py_invalid_double_starred_kvpairs(py_parser *p);
void *py_invalid_kvpair(py_parser *p);

#endif /* PY_LANG_TOKEN_H */
