/*
 * parser_string.c -- literals: numbers, strings, bytes and 3.11's
 * f-strings (CPython's Parser/string_parser.c and the string and number
 * actions of action_helpers.c).
 *
 * Owns: NUMBER tokens as Constants (the source text is kept; a decimal
 * int over 4300 digits is the SyntaxError 3.11.7 raises), the decoding
 * of string and bytes literals with their escapes (errors named and
 * positioned as CPython's codecs do: "(unicode error) 'unicodeescape'
 * codec can't decode bytes in position 0-2: truncated \xXX escape"),
 * implicit concatenation, and f-strings the 3.11 way: the token is cut
 * into literal parts and {expression!conversion:format_spec} fields, each
 * expression parsed by a sub-parser over "(expression)" whose positions
 * are shifted as fstring_find_expr_location shifts them (quirks
 * included), format specs parsed recursively (two levels at most).
 *
 * \N{name} escapes look the name up with py_uname_lookup (types/unicodename.c).
 */
#include <stdio.h>
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"
#include "types/unicodename.h"

/* ====================================================================== */
/* Byte buffers                                                            */
/* ====================================================================== */

/* A growing byte string in the parser's temporary arena. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

/* Append n bytes; -1 (MemoryError set) if out of memory. */
static int sbuf_add(py_parser *p, sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *ns = py_arena_alloc(p->tmp, cap);
        if (!ns) {
            py_parse_nomem(p);
            return -1;
        }
        if (b->len) memcpy(ns, b->s, b->len);
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

/* Append one code point in (generalized) UTF-8. */
static int sbuf_put(py_parser *p, sbuf *b, uint32_t ch)
{
    char u[4];
    int n;
    if (ch < 0x80) {
        u[0] = (char)ch;
        n = 1;
    } else if (ch < 0x800) {
        u[0] = (char)(0xC0 | (ch >> 6));
        u[1] = (char)(0x80 | (ch & 0x3F));
        n = 2;
    } else if (ch < 0x10000) {
        u[0] = (char)(0xE0 | (ch >> 12));
        u[1] = (char)(0x80 | ((ch >> 6) & 0x3F));
        u[2] = (char)(0x80 | (ch & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (ch >> 18));
        u[1] = (char)(0x80 | ((ch >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((ch >> 6) & 0x3F));
        u[3] = (char)(0x80 | (ch & 0x3F));
        n = 4;
    }
    return sbuf_add(p, b, u, (size_t)n);
}

/* A copy of [s, s+n) in the tree's arena, NUL-terminated. */
static char *arena_copy(py_parser *p, const char *s, size_t n)
{
    char *c = py_parse_alloc(p, n + 1);
    if (!c) return NULL;
    if (n) memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/* ====================================================================== */
/* Numbers                                                                 */
/* ====================================================================== */

/* _PyPegen_number_token: NUMBER as a Constant (int, float or complex by
 * parsenumber's rules). */
py_expr *py_parse_number_token(py_parser *p)
{
    py_token *t = py_parse_expect(p, PY_TOK_NUMBER);
    if (!t) return NULL;
    const char *s = t->start;
    int n = t->len;
    py_const_kind kind;
    char last = s[n - 1];
    int is_int = 1, base = 10;
    if (n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' ||
                                 s[1] == 'b' || s[1] == 'B'))
        base = 16;
    for (int i = 0; i < n && base == 10; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '_')) is_int = 0;
    if (last == 'j' || last == 'J') kind = PY_CONST_COMPLEX;
    else if (is_int) kind = PY_CONST_INT;
    else kind = PY_CONST_FLOAT;
    if (kind == PY_CONST_INT && base == 10) {
        /* PyLong_FromString's limit on decimal digits (3.11.7). */
        int digits = 0;
        for (int i = 0; i < n; i++) digits += s[i] != '_';
        if (digits > 4300)
            return py_parse_raise_known(p, PY_ERR_SYNTAX, t->lineno, -1, t->end_lineno, -1,
                                        "Exceeds the limit (4300 digits) for integer string conversion: "
                                        "value has %d digits; use sys.set_int_max_str_digits() to increase "
                                        "the limit - Consider hexadecimal for huge integer literals to avoid "
                                        "decimal conversion limits.",
                                        digits);
    }
    py_pos pos = py_token_pos(t);
    py_expr *e = py_parse_constant(p, kind, &pos);
    if (!e) return NULL;
    e->v.Constant.value.text = arena_copy(p, s, (size_t)n);
    e->v.Constant.value.len = (size_t)n;
    return e->v.Constant.value.text ? e : NULL;
}

/* ====================================================================== */
/* Escapes                                                                 */
/* ====================================================================== */

/* _Pypegen_raise_decode_error for a codec error: "(unicode error) ..."
 * at the last token. */
static void *decode_error(py_parser *p, const char *obj, size_t start, size_t end, const char *reason)
{
    char msg[300];
    if (end == start + 1)
        snprintf(msg, sizeof msg, "'unicodeescape' codec can't decode byte 0x%02x in position %zu: %s",
                 (unsigned char)obj[start], start, reason);
    else
        snprintf(msg, sizeof msg, "'unicodeescape' codec can't decode bytes in position %zu-%zu: %s", start,
                 end - 1, reason);
    return py_parse_raise(p, PY_ERR_SYNTAX, 0, "(unicode error) %s", msg);
}

/* A hex digit's value, or -1. */
static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* PyUnicode_DecodeUTF8 of a raw piece into out: "(unicode error) ..." on
 * invalid UTF-8 (possible only after a BOM or a coding spec). */
static int decode_utf8(py_parser *p, const char *s, size_t len, sbuf *out)
{
    char msg[256];
    if (py_tok_utf8_error(s, s + len, msg, sizeof msg)) {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "(unicode error) %s", msg);
        return -1;
    }
    return sbuf_add(p, out, s, len);
}

/* _PyUnicode_DecodeUnicodeEscape over an ASCII buffer into out. */
static int unicode_escape(py_parser *p, const char *buf, size_t len, sbuf *out)
{
    const char *s = buf, *end = buf + len;
    while (s < end) {
        if (*s != '\\') {
            if (sbuf_add(p, out, s, 1) < 0) return -1;
            s++;
            continue;
        }
        size_t startinpos = (size_t)(s - buf);
        const char *message = "\\ at end of string";
        s++;
        if (s >= end) goto error;
        int c = (unsigned char)*s++;
        uint32_t ch;
        int count;
        switch (c) {
        case '\n': continue;
        case '\\': ch = '\\'; break;
        case '\'': ch = '\''; break;
        case '"': ch = '"'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\014'; break;
        case 't': ch = '\t'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 'v': ch = '\013'; break;
        case 'a': ch = '\007'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            ch = (uint32_t)(c - '0');
            if (s < end && *s >= '0' && *s <= '7') {
                ch = (ch << 3) + (uint32_t)(*s++ - '0');
                if (s < end && *s >= '0' && *s <= '7') ch = (ch << 3) + (uint32_t)(*s++ - '0');
            }
            break;
        case 'x':
            count = 2;
            message = "truncated \\xXX escape";
            goto hexescape;
        case 'u':
            count = 4;
            message = "truncated \\uXXXX escape";
            goto hexescape;
        case 'U':
            count = 8;
            message = "truncated \\UXXXXXXXX escape";
        hexescape:
            for (ch = 0; count; ++s, --count) {
                if (s >= end) goto error;
                int d = hexval((unsigned char)*s);
                if (d < 0) goto error;
                ch = (ch << 4) + (uint32_t)d;
            }
            if (ch > 0x10FFFF) {
                message = "illegal Unicode character";
                goto error;
            }
            break;
        case 'N':
            message = "malformed \\N character escape";
            if (s >= end) goto error;
            if (*s == '{') {
                const char *name = ++s;
                while (s < end && *s != '}') s++;
                if (s >= end) goto error;
                if (s > name) {
                    /* A name: looked up in the Unicode name table. */
                    size_t namelen = (size_t)(s - name);
                    s++;
                    if (py_uname_lookup(name, namelen, &ch)) break;
                    message = "unknown Unicode character name";
                }
            }
            goto error;
        default:
            /* An invalid escape (DeprecationWarning): kept as is. */
            if (sbuf_add(p, out, "\\", 1) < 0) return -1;
            ch = (uint32_t)c;
            break;
        }
        if (sbuf_put(p, out, ch) < 0) return -1;
        continue;
    error:
        decode_error(p, buf, startinpos, (size_t)(s - buf), message);
        return -1;
    }
    return 0;
}

/* decode_unicode_with_escapes: non-ASCII characters become \U escapes
 * (a backslash before one, \u005c), then the unicode-escape codec runs
 * over that (its error positions count in this form, as CPython's do). */
static int decode_unicode_with_escapes(py_parser *p, const char *s, size_t len, sbuf *out)
{
    sbuf u = {0};
    const char *end = s + len;
    if (len > SIZE_MAX / 6) {
        py_parse_nomem(p);
        return -1;
    }
    while (s < end) {
        if (*s == '\\') {
            if (sbuf_add(p, &u, s++, 1) < 0) return -1;
            if (s >= end || (*s & 0x80)) {
                if (sbuf_add(p, &u, "u005c", 5) < 0) return -1;
                if (s >= end) break;
            }
        }
        if (*s & 0x80) {
            /* decode_utf8: the run of non-ASCII bytes must be UTF-8. */
            const char *run = s;
            while (run < end && (*run & 0x80)) run++;
            char msg[256];
            if (py_tok_utf8_error(s, run, msg, sizeof msg)) {
                py_parse_raise(p, PY_ERR_SYNTAX, 0, "(unicode error) %s", msg);
                return -1;
            }
            while (s < end && (*s & 0x80)) {
                uint32_t ch;
                int n = py_tok_utf8_decode((const unsigned char *)s, (const unsigned char *)end, &ch);
                char esc[12];
                snprintf(esc, sizeof esc, "\\U%08x", (unsigned)ch);
                if (sbuf_add(p, &u, esc, 10) < 0) return -1;
                s += n;
            }
        } else {
            if (sbuf_add(p, &u, s++, 1) < 0) return -1;
        }
    }
    return unicode_escape(p, u.s ? u.s : "", u.len, out);
}

/* _PyBytes_DecodeEscape. */
static int decode_bytes_with_escapes(py_parser *p, const char *buf, size_t len, sbuf *out)
{
    const char *s = buf, *end = buf + len;
    while (s < end) {
        if (*s != '\\') {
            if (sbuf_add(p, out, s++, 1) < 0) return -1;
            continue;
        }
        s++;
        if (s == end) {
            py_parse_raise(p, PY_ERR_SYNTAX, 0, "(value error) Trailing \\ in string");
            return -1;
        }
        int c = (unsigned char)*s++;
        char b;
        switch (c) {
        case '\n': continue;
        case '\\': b = '\\'; break;
        case '\'': b = '\''; break;
        case '"': b = '"'; break;
        case 'b': b = '\b'; break;
        case 'f': b = '\014'; break;
        case 't': b = '\t'; break;
        case 'n': b = '\n'; break;
        case 'r': b = '\r'; break;
        case 'v': b = '\013'; break;
        case 'a': b = '\007'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = c - '0';
            if (s < end && *s >= '0' && *s <= '7') {
                v = (v << 3) + (*s++ - '0');
                if (s < end && *s >= '0' && *s <= '7') v = (v << 3) + (*s++ - '0');
            }
            b = (char)(v & 0xFF);
            break;
        }
        case 'x':
            if (s + 1 < end && hexval((unsigned char)s[0]) >= 0 && hexval((unsigned char)s[1]) >= 0) {
                b = (char)((hexval((unsigned char)s[0]) << 4) + hexval((unsigned char)s[1]));
                s += 2;
                break;
            }
            py_parse_raise(p, PY_ERR_SYNTAX, 0, "(value error) invalid \\x escape at position %zu",
                           (size_t)(s - 2 - buf));
            return -1;
        default:
            if (sbuf_add(p, out, "\\", 1) < 0) return -1;
            s--;
            continue;
        }
        if (sbuf_add(p, out, &b, 1) < 0) return -1;
    }
    return 0;
}

/* ====================================================================== */
/* One string token                                                        */
/* ====================================================================== */

typedef struct strinfo {
    int bytesmode, rawmode, fmode;
    const char *body; /* between the quotes */
    size_t len;
} strinfo;

/* The prefix, quotes and body of a STRING token (_PyPegen_parsestr's
 * first half). */
static void string_parts(const py_token *t, strinfo *si)
{
    const char *s = t->start, *end = t->start + t->len;
    memset(si, 0, sizeof *si);
    for (;; s++) {
        char c = *s;
        if (c == 'b' || c == 'B') si->bytesmode = 1;
        else if (c == 'r' || c == 'R') si->rawmode = 1;
        else if (c == 'f' || c == 'F') si->fmode = 1;
        else if (c != 'u' && c != 'U') break;
    }
    char quote = *s++;
    end--; /* the closing quote */
    if (end - s >= 4 && s[0] == quote && s[1] == quote) {
        s += 2;
        end -= 2;
    }
    si->body = s;
    si->len = (size_t)(end - s);
}

/* _PyPegen_parsestr for a non-f-string: the value into out. */
static int parse_plain_string(py_parser *p, py_token *t, const strinfo *si, sbuf *out)
{
    int raw = si->rawmode || memchr(si->body, '\\', si->len) == NULL;
    if (si->bytesmode) {
        for (size_t i = 0; i < si->len; i++) {
            if ((unsigned char)si->body[i] >= 0x80) {
                py_pos pos = py_token_pos(t);
                py_parse_raise_node(p, &pos, &pos, "bytes can only contain ASCII literal characters");
                return -1;
            }
        }
        if (raw) return sbuf_add(p, out, si->body, si->len);
        return decode_bytes_with_escapes(p, si->body, si->len, out);
    }
    if (raw) return decode_utf8(p, si->body, si->len, out);
    return decode_unicode_with_escapes(p, si->body, si->len, out);
}

/* ====================================================================== */
/* f-strings                                                               */
/* ====================================================================== */

/* FstringParser: the pending literal and the values so far. */
typedef struct fstate {
    sbuf last_str;
    int has_last;
    py_vec exprs;
    int fmode;
} fstate;

/* ConcatAndDel: add a literal (empty ones are dropped). */
static int fstate_add(py_parser *p, fstate *st, const char *s, size_t n)
{
    if (n == 0) return 0;
    st->has_last = 1;
    return sbuf_add(p, &st->last_str, s, n);
}

/* make_str_node_and_del: the pending literal as a Constant placed over
 * first..last; kind 'u' if the first token starts with a lowercase u. */
static py_expr *make_str_node(py_parser *p, fstate *st, py_token *first, py_token *last)
{
    py_pos pos = {first->lineno, first->col_offset, last->end_lineno, last->end_col_offset};
    py_expr *e = py_parse_constant(p, PY_CONST_STR, &pos);
    if (!e) return NULL;
    e->v.Constant.value.text = arena_copy(p, st->last_str.s ? st->last_str.s : "", st->last_str.len);
    if (!e->v.Constant.value.text) return NULL;
    e->v.Constant.value.len = st->last_str.len;
    if (first->start[0] == 'u') e->v.Constant.kind = "u";
    st->last_str.len = 0;
    st->has_last = 0;
    return e;
}

/* fstring_find_expr_location: how many lines and columns to shift the
 * expression starting at expr_start (its '{') by. */
static void find_expr_location(py_token *parent, const char *expr_start, int *p_lines, int *p_cols)
{
    *p_lines = 0;
    *p_cols = 0;
    const char *parent_str = parent->start;
    int newline_after_brace = 1;
    const char *start = expr_start + 1;
    while (*start != '}' && *start != '\n') {
        if (*start != ' ' && *start != '\t' && *start != '\f') {
            newline_after_brace = 0;
            break;
        }
        start++;
    }
    if (!newline_after_brace) {
        start = expr_start;
        while (start > parent_str && *start != '\n') start--;
        *p_cols += (int)(expr_start - start);
        if (*start == '\n') *p_cols -= 1;
    }
    for (const char *q = parent_str; q < expr_start; q++)
        if (*q == '\n') (*p_lines)++;
}

/* fstring_compile_expr: parse the expression [expr_start, expr_end). */
static py_expr *compile_expr(py_parser *p, const char *expr_start, const char *expr_end, py_token *t)
{
    const char *s;
    for (s = expr_start; s != expr_end; s++) {
        char c = *s;
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\f')) break;
    }
    if (s == expr_end) {
        if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=')
            return py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: expression required before '%c'", *expr_end);
        return py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: empty expression not allowed");
    }
    size_t len = (size_t)(expr_end - expr_start);
    char *str = py_arena_alloc(p->tmp, len + 4);
    if (!str) return py_parse_nomem(p);
    int lines, cols;
    find_expr_location(t, expr_start - 1, &lines, &cols);
    str[0] = '(';
    memcpy(str + 1, expr_start, len);
    str[len + 1] = ')';
    str[len + 2] = '\n';
    str[len + 3] = '\0';
    return py_parse_fstring_expr(p, str, len + 3, t->lineno + lines - 1, 0, t->lineno + lines,
                                 lines != 0 ? cols : t->col_offset + cols);
}

static py_expr *fstring_parse(py_parser *p, const char **str, const char *end, int raw, int recurse_lvl,
                              py_token *first, py_token *t, py_token *last);

/* fstring_find_literal: the literal up to an undoubled brace; 1 if it
 * stopped at a doubled brace (scan on), 0 otherwise, -1 on error. */
static int find_literal(py_parser *p, const char **str, const char *end, int raw, int recurse_lvl,
                        sbuf *literal)
{
    const char *s = *str, *literal_start = s;
    int result = 0;
    while (s < end) {
        char ch = *s++;
        if (!raw && ch == '\\' && s < end) {
            ch = *s++;
            if (ch == 'N') {
                if (s < end && *s++ == '{') {
                    while (s < end && *s++ != '}') {
                    }
                    continue;
                }
                continue;
            }
        }
        if (ch == '{' || ch == '}') {
            if (recurse_lvl == 0) {
                if (s < end && *s == ch) {
                    *str = s + 1;
                    result = 1;
                    goto done;
                }
                if (ch == '}') {
                    *str = s - 1;
                    py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: single '}' is not allowed");
                    return -1;
                }
            }
            s--;
            break;
        }
    }
    *str = s;
done:
    if (literal_start != s) {
        if (raw) {
            if (decode_utf8(p, literal_start, (size_t)(s - literal_start), literal) < 0) return -1;
        } else if (decode_unicode_with_escapes(p, literal_start, (size_t)(s - literal_start), literal) < 0) {
            return -1;
        }
    }
    return result;
}

/* fstring_find_expr: one {expression[=][!c][:spec]} field. */
static int find_expr(py_parser *p, const char **str, const char *end, int raw, int recurse_lvl,
                     sbuf *expr_text, int *has_text, py_expr **expression, py_token *first, py_token *t,
                     py_token *last)
{
    char quote_char = 0;
    int string_type = 0, nested_depth = 0, conversion = -1;
    char parenstack[PY_TOK_MAXLEVEL];
    py_expr *format_spec = NULL;
    *has_text = 0;
    if (recurse_lvl >= 2) {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: expressions nested too deeply");
        return -1;
    }
    *str += 1;
    const char *expr_start = *str;
    for (; *str < end; (*str)++) {
        char ch = **str;
        if (ch == '\\') {
            py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string expression part cannot include a backslash");
            return -1;
        }
        if (quote_char) {
            if (ch == quote_char) {
                if (string_type == 3) {
                    if (*str + 2 < end && *(*str + 1) == ch && *(*str + 2) == ch) {
                        *str += 2;
                        string_type = 0;
                        quote_char = 0;
                        continue;
                    }
                } else {
                    quote_char = 0;
                    string_type = 0;
                    continue;
                }
            }
        } else if (ch == '\'' || ch == '"') {
            if (*str + 2 < end && *(*str + 1) == ch && *(*str + 2) == ch) {
                string_type = 3;
                *str += 2;
            } else {
                string_type = 1;
            }
            quote_char = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (nested_depth >= PY_TOK_MAXLEVEL) {
                py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: too many nested parenthesis");
                return -1;
            }
            parenstack[nested_depth++] = ch;
        } else if (ch == '#') {
            py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string expression part cannot include '#'");
            return -1;
        } else if (nested_depth == 0 && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            if (*str + 1 < end) {
                char next = *(*str + 1);
                if ((ch == '!' && next == '=') || (ch == '=' && next == '=') || (ch == '<' && next == '=') ||
                    (ch == '>' && next == '=')) {
                    *str += 1;
                    continue;
                }
            }
            if (ch == '>' || ch == '<') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (!nested_depth) {
                py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: unmatched '%c'", ch);
                return -1;
            }
            nested_depth--;
            int opening = (unsigned char)parenstack[nested_depth];
            if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') || (opening == '{' && ch == '}'))) {
                py_parse_raise(p, PY_ERR_SYNTAX, 0,
                               "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", ch,
                               opening);
                return -1;
            }
        }
    }
    const char *expr_end = *str;
    if (quote_char) {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: unterminated string");
        return -1;
    }
    if (nested_depth) {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: unmatched '%c'", parenstack[nested_depth - 1]);
        return -1;
    }
    if (*str >= end) goto unexpected_end;
    py_expr *simple = compile_expr(p, expr_start, expr_end, t);
    if (!simple) return -1;
    if (**str == '=') {
        *str += 1;
        while (**str == ' ' || (**str >= '\t' && **str <= '\r')) *str += 1;
        if (*str >= end) goto unexpected_end;
        if (sbuf_add(p, expr_text, expr_start, (size_t)(*str - expr_start)) < 0) return -1;
        *has_text = 1;
    }
    if (**str == '!') {
        *str += 1;
        if (*str >= end) goto unexpected_end;
        conversion = (unsigned char)**str;
        *str += 1;
        if (!(conversion == 's' || conversion == 'r' || conversion == 'a')) {
            py_parse_raise(p, PY_ERR_SYNTAX, 0,
                           "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            return -1;
        }
    }
    if (*str >= end) goto unexpected_end;
    if (**str == ':') {
        *str += 1;
        if (*str >= end) goto unexpected_end;
        format_spec = fstring_parse(p, str, end, raw, recurse_lvl + 1, first, t, last);
        if (!format_spec) return -1;
    }
    if (*str >= end || **str != '}') {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: expecting '}'");
        return -1;
    }
    *str += 1;
    if (*has_text && !format_spec && conversion == -1) conversion = 'r';
    py_pos pos = {first->lineno, first->col_offset, last->end_lineno, last->end_col_offset};
    py_expr *e = py_parse_new_expr(p, PY_FormattedValue_kind, &pos);
    if (!e) return -1;
    e->v.FormattedValue.value = simple;
    e->v.FormattedValue.conversion = conversion;
    e->v.FormattedValue.format_spec = format_spec;
    *expression = e;
    return 0;
unexpected_end:
    py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: expecting '}'");
    return -1;
}

/* _PyPegen_FstringParser_ConcatFstring: the pieces of one f-string token
 * (or format spec) into st. */
static int concat_fstring(py_parser *p, fstate *st, const char **str, const char *end, int raw, int recurse_lvl,
                          py_token *first, py_token *t, py_token *last)
{
    st->fmode = 1;
    for (;;) {
        sbuf literal = {0}, expr_text = {0};
        int has_text = 0;
        py_expr *expression = NULL;
        /* fstring_find_literal_and_expr */
        int result = find_literal(p, str, end, raw, recurse_lvl, &literal);
        if (result < 0) return -1;
        if (result == 0 && !(*str >= end || **str == '}')) {
            if (find_expr(p, str, end, raw, recurse_lvl, &expr_text, &has_text, &expression, first, t, last) < 0)
                return -1;
        }
        if (fstate_add(p, st, literal.s, literal.len) < 0) return -1;
        if (has_text && fstate_add(p, st, expr_text.s, expr_text.len) < 0) return -1;
        if (result == 1) continue;
        if (!expression) break;
        if (st->has_last) {
            py_expr *s = make_str_node(p, st, first, last);
            if (!s || py_vec_push(p, &st->exprs, s) < 0) return -1;
        }
        if (py_vec_push(p, &st->exprs, expression) < 0) return -1;
    }
    if (recurse_lvl == 0 && *str < end - 1) {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: unexpected end of string");
        return -1;
    }
    if (recurse_lvl != 0 && **str != '}') {
        py_parse_raise(p, PY_ERR_SYNTAX, 0, "f-string: expecting '}'");
        return -1;
    }
    return 0;
}

/* _PyPegen_FstringParser_Finish: a Constant, or a JoinedStr. */
static py_expr *fstate_finish(py_parser *p, fstate *st, py_token *first, py_token *last)
{
    if (!st->fmode) return make_str_node(p, st, first, last);
    if (st->has_last) {
        py_expr *s = make_str_node(p, st, first, last);
        if (!s || py_vec_push(p, &st->exprs, s) < 0) return NULL;
    }
    py_pos pos = {first->lineno, first->col_offset, last->end_lineno, last->end_col_offset};
    py_expr *e = py_parse_new_expr(p, PY_JoinedStr_kind, &pos);
    if (!e) return NULL;
    e->v.JoinedStr.values = py_vec_seq(p, &st->exprs);
    return e->v.JoinedStr.values ? e : NULL;
}

/* fstring_parse: a format spec, as its own JoinedStr (placed over t). */
static py_expr *fstring_parse(py_parser *p, const char **str, const char *end, int raw, int recurse_lvl,
                              py_token *first, py_token *t, py_token *last)
{
    fstate st;
    memset(&st, 0, sizeof st);
    if (concat_fstring(p, &st, str, end, raw, recurse_lvl, first, t, last) < 0) return NULL;
    return fstate_finish(p, &st, t, t);
}

/* ====================================================================== */
/* Concatenation                                                           */
/* ====================================================================== */

/* _PyPegen_concatenate_strings: adjacent STRING tokens as one Constant
 * or JoinedStr. */
py_expr *py_parse_concatenate_strings(py_parser *p, py_token **tokens, int n)
{
    py_token *first = tokens[0], *last = tokens[n - 1];
    int bytesmode = 0;
    sbuf bytes = {0};
    fstate st;
    memset(&st, 0, sizeof st);
    for (int i = 0; i < n; i++) {
        py_token *t = tokens[i];
        strinfo si;
        sbuf value = {0};
        string_parts(t, &si);
        /* _PyPegen_parsestr decodes a plain literal before the mixing
         * check (an f-string is parsed after it). */
        if (!si.fmode && parse_plain_string(p, t, &si, &value) < 0) return NULL;
        if (i != 0 && bytesmode != si.bytesmode) {
            py_parse_raise(p, PY_ERR_SYNTAX, 0, "cannot mix bytes and nonbytes literals");
            return NULL;
        }
        bytesmode = si.bytesmode;
        if (si.fmode) {
            const char *s = si.body;
            if (concat_fstring(p, &st, &s, si.body + si.len, si.rawmode, 0, first, t, last) < 0) return NULL;
        } else if (bytesmode) {
            if (sbuf_add(p, &bytes, value.s ? value.s : "", value.len) < 0) return NULL;
        } else {
            if (fstate_add(p, &st, value.s, value.len) < 0) return NULL;
        }
    }
    if (bytesmode) {
        py_pos pos = {first->lineno, first->col_offset, last->end_lineno, last->end_col_offset};
        py_expr *e = py_parse_constant(p, PY_CONST_BYTES, &pos);
        if (!e) return NULL;
        e->v.Constant.value.text = arena_copy(p, bytes.s ? bytes.s : "", bytes.len);
        e->v.Constant.value.len = bytes.len;
        return e->v.Constant.value.text ? e : NULL;
    }
    return fstate_finish(p, &st, first, last);
}
