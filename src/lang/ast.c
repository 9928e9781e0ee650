/*
 * ast.c -- the AST's arena, ast.dump's text, and the tree walks the
 * front end needs.
 *
 * Owns: py_arena (malloc'd blocks through the os layer's allocator, so
 * that a test can make them fail; freed at once); py_ast_dump, the exact
 * text of Python 3.11's ast.dump(tree) with its default arguments
 * (optional fields that are None are left out; ints in decimal, floats
 * and complex numbers as repr() writes them, strings and bytes as repr()
 * writes them); py_ast_too_deep, the compiler's recursion limit checked
 * without recursion; the numeric values of literals.
 *
 * Must not: touch refgc's object heap.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/token.h"
#include "os/os.h"

/* ====================================================================== */
/* Arena                                                                   */
/* ====================================================================== */

#define ARENA_BLOCK 65536

typedef struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[]; /* allocations are 8-byte aligned */
} arena_block;

struct py_arena {
    arena_block *head;  /* the block being filled */
    arena_block *large; /* blocks of one big allocation each */
    size_t total;
};

/* A new, empty arena. */
py_arena *py_arena_new(void)
{
    py_arena *a = rg_os_malloc(sizeof *a);
    if (!a) return NULL;
    a->head = a->large = NULL;
    a->total = sizeof *a;
    return a;
}

/* Free a chain of blocks. */
static void free_blocks(arena_block *b)
{
    while (b) {
        arena_block *next = b->next;
        rg_os_free(b);
        b = next;
    }
}

/* Free the arena and all it holds. */
void py_arena_free(py_arena *arena)
{
    if (!arena) return;
    free_blocks(arena->head);
    free_blocks(arena->large);
    rg_os_free(arena);
}

/* size zeroed bytes from the arena. */
void *py_arena_alloc(py_arena *arena, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (size == 0) size = 8;
    if (size > ARENA_BLOCK / 4) {
        if (size > SIZE_MAX - sizeof(arena_block)) return NULL;
        arena_block *b = rg_os_malloc(sizeof *b + size);
        if (!b) return NULL;
        b->size = b->used = size;
        b->next = arena->large;
        arena->large = b;
        arena->total += sizeof *b + size;
        memset(b->data, 0, size);
        return b->data;
    }
    arena_block *b = arena->head;
    if (!b || b->size - b->used < size) {
        b = rg_os_malloc(sizeof *b + ARENA_BLOCK);
        if (!b) return NULL;
        b->size = ARENA_BLOCK;
        b->used = 0;
        b->next = arena->head;
        arena->head = b;
        arena->total += sizeof *b + ARENA_BLOCK;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

/* Bytes taken from the system. */
size_t py_arena_size(const py_arena *arena) { return arena->total; }

/* ====================================================================== */
/* Errors                                                                  */
/* ====================================================================== */

/* The exception's name. */
const char *py_error_type_name(py_error_type type)
{
    switch (type) {
    case PY_ERR_SYNTAX: return "SyntaxError";
    case PY_ERR_INDENTATION: return "IndentationError";
    case PY_ERR_TAB: return "TabError";
    case PY_ERR_MEMORY: return "MemoryError";
    case PY_ERR_RECURSION: return "RecursionError";
    case PY_ERR_UNICODE_DECODE: return "UnicodeDecodeError";
    default: return "None";
    }
}

/* Free the error's text. */
void py_parse_error_clear(py_parse_error *err)
{
    rg_os_free(err->text);
    memset(err, 0, sizeof *err);
}

/* ====================================================================== */
/* Output buffer                                                           */
/* ====================================================================== */

typedef struct outbuf {
    char *s;
    size_t len, cap;
    int failed;
    int attributes; /* include_attributes=True */
} outbuf;

/* Room for n more bytes (and a NUL). */
static int out_reserve(char **s, size_t *len, size_t *cap, size_t n)
{
    if (*len + n + 1 <= *cap) return 0;
    size_t want = *cap ? *cap : 256;
    while (want < *len + n + 1) {
        if (want > SIZE_MAX / 2) return -1;
        want *= 2;
    }
    char *ns = rg_os_realloc(*s, want);
    if (!ns) return -1;
    *s = ns;
    *cap = want;
    return 0;
}

/* Append n bytes. */
static void out_write(outbuf *o, const char *s, size_t n)
{
    if (o->failed) return;
    if (out_reserve(&o->s, &o->len, &o->cap, n) < 0) {
        o->failed = 1;
        return;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = '\0';
}

/* Append a C string. */
static void out_puts(outbuf *o, const char *s) { out_write(o, s, strlen(s)); }

/* ====================================================================== */
/* repr of str and bytes                                                   */
/* ====================================================================== */

/* Decode one code point of generalized UTF-8 (surrogates allowed); an
 * invalid byte decodes as itself (never produced by the parser). */
static int gutf8_next(const unsigned char *s, const unsigned char *end, uint32_t *ch)
{
    unsigned c = s[0];
    int n;
    if (c < 0x80) { *ch = c; return 1; }
    if (c >= 0xC0 && c < 0xE0) { n = 2; *ch = c & 0x1F; }
    else if (c >= 0xE0 && c < 0xF0) { n = 3; *ch = c & 0x0F; }
    else if (c >= 0xF0 && c < 0xF8) { n = 4; *ch = c & 0x07; }
    else { *ch = c; return 1; }
    if (end - s < n) { *ch = c; return 1; }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) { *ch = c; return 1; }
        *ch = (*ch << 6) | (s[i] & 0x3F);
    }
    return n;
}

/* repr() of a str (UTF-8) or bytes value. */
int py_ast_repr_str(const char *s, size_t n, int bytes, char **buf, size_t *len, size_t *cap)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    int squote = 0, dquote = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') squote = 1;
        else if (s[i] == '"') dquote = 1;
    }
    char quote = (squote && !dquote) ? '"' : '\'';
    if (out_reserve(buf, len, cap, 3) < 0) return -1;
    if (bytes) (*buf)[(*len)++] = 'b';
    (*buf)[(*len)++] = quote;
    while (p < end) {
        uint32_t ch;
        int k = bytes ? (ch = *p, 1) : gutf8_next(p, end, &ch);
        char tmp[12];
        size_t t = 0;
        if (ch == (uint32_t)quote || ch == '\\') {
            tmp[t++] = '\\';
            tmp[t++] = (char)ch;
        } else if (ch == '\t') {
            tmp[t++] = '\\', tmp[t++] = 't';
        } else if (ch == '\n') {
            tmp[t++] = '\\', tmp[t++] = 'n';
        } else if (ch == '\r') {
            tmp[t++] = '\\', tmp[t++] = 'r';
        } else if (ch < ' ' || ch == 0x7F || (bytes && ch >= 0x7F)) {
            tmp[t++] = '\\', tmp[t++] = 'x';
            tmp[t++] = hex[(ch >> 4) & 0xF];
            tmp[t++] = hex[ch & 0xF];
        } else if (ch < 0x7F || py_tok_isprintable(ch)) {
            memcpy(tmp, p, (size_t)k);
            t = (size_t)k;
        } else {
            int digits = ch <= 0xFF ? 2 : ch <= 0xFFFF ? 4 : 8;
            tmp[t++] = '\\';
            tmp[t++] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
            for (int d = digits - 1; d >= 0; d--) tmp[t++] = hex[(ch >> (4 * d)) & 0xF];
        }
        if (out_reserve(buf, len, cap, t + 1) < 0) return -1;
        memcpy(*buf + *len, tmp, t);
        *len += t;
        p += k;
    }
    (*buf)[(*len)++] = quote;
    (*buf)[*len] = '\0';
    return 0;
}

/* Append repr() of a str or bytes value. */
static void out_repr(outbuf *o, const char *s, size_t n, int bytes)
{
    if (o->failed) return;
    if (py_ast_repr_str(s, n, bytes, &o->s, &o->len, &o->cap) < 0) o->failed = 1;
}

/* ====================================================================== */
/* Numbers                                                                 */
/* ====================================================================== */

/* The digits of a literal without its underscores (and its j), into a
 * malloc'd string. */
static char *strip_number(const py_constant *c)
{
    char *s = rg_os_malloc(c->len + 1);
    if (!s) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < c->len; i++)
        if (c->text[i] != '_' && c->text[i] != 'j' && c->text[i] != 'J') s[n++] = c->text[i];
    s[n] = '\0';
    return s;
}

/* The literal's base and where its digits start. */
static int number_base(const char *s, const char **digits)
{
    if (s[0] == '0' && s[1]) {
        switch (s[1]) {
        case 'x': case 'X': *digits = s + 2; return 16;
        case 'o': case 'O': *digits = s + 2; return 8;
        case 'b': case 'B': *digits = s + 2; return 2;
        default: break;
        }
    }
    *digits = s;
    return 10;
}

/* A digit's value. */
static int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

/* The value of an int literal, if below 2**64. */
int py_ast_int_value(const py_constant *c, uint64_t *value)
{
    const char *d;
    char *s = strip_number(c);
    if (!s) return -1;
    int base = number_base(s, &d);
    uint64_t v = 0;
    int ok = 0;
    for (; *d; d++) {
        uint64_t dv = (uint64_t)digit_value(*d);
        if (v > (UINT64_MAX - dv) / (uint64_t)base) goto out;
        v = v * (uint64_t)base + dv;
    }
    ok = 1;
    *value = v;
out:
    rg_os_free(s);
    return ok ? 0 : -1;
}

/* Append an int literal's value in decimal (any size). */
static void out_int(outbuf *o, const py_constant *c)
{
    const char *d;
    char *s = strip_number(c);
    if (!s) {
        o->failed = 1;
        return;
    }
    int base = number_base(s, &d);
    if (base == 10) {
        while (d[0] == '0' && d[1]) d++;
        out_puts(o, d);
        rg_os_free(s);
        return;
    }
    /* Base conversion in limbs of 10**9, least significant first, taking
     * the digits a few at a time (at most 4 bits each: 1.21 decimal
     * digits, 0.135 limbs). */
    size_t nd = strlen(d), cap = nd * 4 / 29 + 3, n = 1;
    uint32_t *limb = rg_os_calloc(cap, sizeof *limb);
    if (!limb) {
        rg_os_free(s);
        o->failed = 1;
        return;
    }
    while (*d) {
        uint64_t mul = 1, carry = 0;
        for (int k = 0; k < 7 && *d; k++, d++) {
            mul *= (uint64_t)base;
            carry = carry * (uint64_t)base + (uint64_t)digit_value(*d);
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t x = (uint64_t)limb[i] * mul + carry;
            limb[i] = (uint32_t)(x % 1000000000u);
            carry = x / 1000000000u;
        }
        while (carry) {
            limb[n++] = (uint32_t)(carry % 1000000000u);
            carry /= 1000000000u;
        }
    }
    char part[16];
    snprintf(part, sizeof part, "%u", (unsigned)limb[n - 1]);
    out_puts(o, part);
    for (size_t i = n - 1; i-- > 0;) {
        snprintf(part, sizeof part, "%09u", (unsigned)limb[i]);
        out_puts(o, part);
    }
    rg_os_free(limb);
    rg_os_free(s);
}

/* The value of a float or imaginary literal; -1.0 (never a literal's
 * value: the sign is an operator) when out of memory. */
double py_ast_float_value(const py_constant *c)
{
    char small[128];
    char *s = small;
    if (c->len < sizeof small) {
        size_t n = 0;
        for (size_t i = 0; i < c->len; i++)
            if (c->text[i] != '_' && c->text[i] != 'j' && c->text[i] != 'J') small[n++] = c->text[i];
        small[n] = '\0';
    } else if ((s = strip_number(c)) == NULL) {
        return -1.0;
    }
    double v = strtod(s, NULL);
    if (s != small) rg_os_free(s);
    return v;
}

/* repr(x) of a finite or infinite non-negative double ('r' format);
 * add_dot_0: float's repr (1.0), not complex's (1j). */
static void out_double(outbuf *o, double x, int add_dot_0)
{
    if (isinf(x)) {
        out_puts(o, x > 0 ? "inf" : "-inf");
        return;
    }
    /* The shortest digits that read back as x. */
    char buf[40];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
        if (strtod(buf, NULL) == x) break;
    }
    char digits[24];
    int nd = 0;
    const char *p = buf;
    if (*p == '-') {
        out_puts(o, "-");
        p++;
    }
    for (; *p && *p != 'e'; p++)
        if (*p != '.') digits[nd++] = *p;
    int exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = '\0';
    int decpt = exp10 + 1;
    char out[64];
    int k = 0;
    if (x == 0.0) {
        decpt = 1;
        nd = 1;
        digits[0] = '0';
    }
    if (decpt <= -4 || decpt > 16) {
        out[k++] = digits[0];
        if (nd > 1) {
            out[k++] = '.';
            for (int i = 1; i < nd; i++) out[k++] = digits[i];
        }
        k += snprintf(out + k, sizeof out - (size_t)k, "e%+.02d", decpt - 1);
    } else if (decpt <= 0) {
        out[k++] = '0';
        out[k++] = '.';
        for (int i = decpt; i < 0; i++) out[k++] = '0';
        for (int i = 0; i < nd; i++) out[k++] = digits[i];
    } else {
        for (int i = 0; i < decpt; i++) out[k++] = i < nd ? digits[i] : '0';
        if (nd > decpt) {
            out[k++] = '.';
            for (int i = decpt; i < nd; i++) out[k++] = digits[i];
        } else if (add_dot_0) {
            out[k++] = '.';
            out[k++] = '0';
        }
    }
    out_write(o, out, (size_t)k);
}

/* Append a constant's repr(). */
static void out_constant(outbuf *o, const py_constant *c)
{
    switch (c->kind) {
    case PY_CONST_NONE: out_puts(o, "None"); break;
    case PY_CONST_TRUE: out_puts(o, "True"); break;
    case PY_CONST_FALSE: out_puts(o, "False"); break;
    case PY_CONST_ELLIPSIS: out_puts(o, "Ellipsis"); break;
    case PY_CONST_INT: out_int(o, c); break;
    case PY_CONST_FLOAT: out_double(o, py_ast_float_value(c), 1); break;
    case PY_CONST_COMPLEX:
        out_double(o, py_ast_float_value(c), 0);
        out_puts(o, "j");
        break;
    case PY_CONST_STR: out_repr(o, c->text, c->len, 0); break;
    case PY_CONST_BYTES: out_repr(o, c->text, c->len, 1); break;
    }
}

/* ====================================================================== */
/* ast.dump                                                                */
/* ====================================================================== */

static void dump_expr(outbuf *o, const py_expr *e);
static void dump_stmt(outbuf *o, const py_stmt *s);

/* What a sequence holds. */
enum { SEQ_EXPR, SEQ_STMT, SEQ_KEYWORD, SEQ_ALIAS, SEQ_WITHITEM, SEQ_HANDLER, SEQ_COMP,
       SEQ_ARG, SEQ_IDENT };

static void dump_seq(outbuf *o, const py_seq *s, int what);

static const char *const operator_names[] = {
    "", "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift",
    "BitOr", "BitXor", "BitAnd", "FloorDiv"};
static const char *const unaryop_names[] = {"", "Invert", "Not", "UAdd", "USub"};
static const char *const cmpop_names[] = {"", "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE",
                                          "Is", "IsNot", "In", "NotIn"};
static const char *const ctx_names[] = {"", "Load", "Store", "Del"};

/* ", name=" (or "name=" first in the node). */
static void field(outbuf *o, int *first, const char *name)
{
    if (!*first) out_puts(o, ", ");
    *first = 0;
    out_puts(o, name);
    out_puts(o, "=");
}

/* An identifier field (left out when optional and NULL). */
static void f_ident(outbuf *o, int *first, const char *name, const char *id, int optional)
{
    if (!id && optional) return;
    field(o, first, name);
    if (id) out_repr(o, id, strlen(id), 0);
    else out_puts(o, "None");
}

/* An expr field. */
static void f_expr(outbuf *o, int *first, const char *name, const py_expr *e, int optional)
{
    if (!e && optional) return;
    field(o, first, name);
    if (e) dump_expr(o, e);
    else out_puts(o, "None");
}

/* A sequence field. */
static void f_seq(outbuf *o, int *first, const char *name, const py_seq *s, int what)
{
    field(o, first, name);
    dump_seq(o, s, what);
}

/* An int field. */
static void f_int(outbuf *o, int *first, const char *name, int v)
{
    char buf[16];
    field(o, first, name);
    snprintf(buf, sizeof buf, "%d", v);
    out_puts(o, buf);
}

/* A field holding a singleton node such as Load() or Add(). */
static void f_enum(outbuf *o, int *first, const char *name, const char *value)
{
    field(o, first, name);
    out_puts(o, value);
    out_puts(o, "()");
}

/* The position attributes, if asked for (include_attributes=True). */
static void f_pos(outbuf *o, int *first, int lineno, int col_offset, int end_lineno, int end_col_offset)
{
    if (!o->attributes) return;
    f_int(o, first, "lineno", lineno);
    f_int(o, first, "col_offset", col_offset);
    f_int(o, first, "end_lineno", end_lineno);
    f_int(o, first, "end_col_offset", end_col_offset);
}

#define F_POS(o, first, n) f_pos((o), (first), (n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset)

/* arg(...). */
static void dump_arg(outbuf *o, const py_arg *a)
{
    int first = 1;
    out_puts(o, "arg(");
    f_ident(o, &first, "arg", a->arg, 0);
    f_expr(o, &first, "annotation", a->annotation, 1);
    f_ident(o, &first, "type_comment", a->type_comment, 1);
    F_POS(o, &first, a);
    out_puts(o, ")");
}

/* arguments(...). */
static void dump_arguments(outbuf *o, const py_arguments *a)
{
    int first = 1;
    out_puts(o, "arguments(");
    f_seq(o, &first, "posonlyargs", a->posonlyargs, SEQ_ARG);
    f_seq(o, &first, "args", a->args, SEQ_ARG);
    if (a->vararg) {
        field(o, &first, "vararg");
        dump_arg(o, a->vararg);
    }
    f_seq(o, &first, "kwonlyargs", a->kwonlyargs, SEQ_ARG);
    f_seq(o, &first, "kw_defaults", a->kw_defaults, SEQ_EXPR);
    if (a->kwarg) {
        field(o, &first, "kwarg");
        dump_arg(o, a->kwarg);
    }
    f_seq(o, &first, "defaults", a->defaults, SEQ_EXPR);
    out_puts(o, ")");
}

/* One sequence item. */
static void dump_item(outbuf *o, const void *item, int what)
{
    int first = 1;
    switch (what) {
    case SEQ_EXPR:
        if (item) dump_expr(o, item);
        else out_puts(o, "None");
        break;
    case SEQ_STMT: dump_stmt(o, item); break;
    case SEQ_ARG: dump_arg(o, item); break;
    case SEQ_IDENT: out_repr(o, item, strlen(item), 0); break;
    case SEQ_KEYWORD: {
        const py_keyword *k = item;
        out_puts(o, "keyword(");
        f_ident(o, &first, "arg", k->arg, 1);
        f_expr(o, &first, "value", k->value, 0);
        F_POS(o, &first, k);
        out_puts(o, ")");
        break;
    }
    case SEQ_ALIAS: {
        const py_alias *a = item;
        out_puts(o, "alias(");
        f_ident(o, &first, "name", a->name, 0);
        f_ident(o, &first, "asname", a->asname, 1);
        F_POS(o, &first, a);
        out_puts(o, ")");
        break;
    }
    case SEQ_WITHITEM: {
        const py_withitem *w = item;
        out_puts(o, "withitem(");
        f_expr(o, &first, "context_expr", w->context_expr, 0);
        f_expr(o, &first, "optional_vars", w->optional_vars, 1);
        out_puts(o, ")");
        break;
    }
    case SEQ_HANDLER: {
        const py_excepthandler *h = item;
        out_puts(o, "ExceptHandler(");
        f_expr(o, &first, "type", h->type, 1);
        f_ident(o, &first, "name", h->name, 1);
        f_seq(o, &first, "body", h->body, SEQ_STMT);
        F_POS(o, &first, h);
        out_puts(o, ")");
        break;
    }
    case SEQ_COMP: {
        const py_comprehension *c = item;
        out_puts(o, "comprehension(");
        f_expr(o, &first, "target", c->target, 0);
        f_expr(o, &first, "iter", c->iter, 0);
        f_seq(o, &first, "ifs", c->ifs, SEQ_EXPR);
        f_int(o, &first, "is_async", c->is_async);
        out_puts(o, ")");
        break;
    }
    default: break;
    }
}

/* [item, item, ...]. */
static void dump_seq(outbuf *o, const py_seq *s, int what)
{
    out_puts(o, "[");
    for (int i = 0; i < PY_SEQ_LEN(s); i++) {
        if (i) out_puts(o, ", ");
        dump_item(o, s->items[i], what);
    }
    out_puts(o, "]");
}

/* A comprehension node: ListComp, SetComp, GeneratorExp. */
static void dump_comp(outbuf *o, int *first, const py_expr *e)
{
    f_expr(o, first, "elt", e->v.ListComp.elt, 0);
    f_seq(o, first, "generators", e->v.ListComp.generators, SEQ_COMP);
}

/* An expression. */
static void dump_expr(outbuf *o, const py_expr *e)
{
    static const char *const names[] = {
        "", "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda", "IfExp", "Dict", "Set",
        "ListComp", "SetComp", "DictComp", "GeneratorExp", "Await", "Yield", "YieldFrom",
        "Compare", "Call", "FormattedValue", "JoinedStr", "Constant", "Attribute",
        "Subscript", "Starred", "Name", "List", "Tuple", "Slice"};
    int first = 1;
    if (o->failed) return;
    out_puts(o, names[e->kind]);
    out_puts(o, "(");
    switch (e->kind) {
    case PY_BoolOp_kind:
        f_enum(o, &first, "op", e->v.BoolOp.op == PY_And ? "And" : "Or");
        f_seq(o, &first, "values", e->v.BoolOp.values, SEQ_EXPR);
        break;
    case PY_NamedExpr_kind:
        f_expr(o, &first, "target", e->v.NamedExpr.target, 0);
        f_expr(o, &first, "value", e->v.NamedExpr.value, 0);
        break;
    case PY_BinOp_kind:
        f_expr(o, &first, "left", e->v.BinOp.left, 0);
        f_enum(o, &first, "op", operator_names[e->v.BinOp.op]);
        f_expr(o, &first, "right", e->v.BinOp.right, 0);
        break;
    case PY_UnaryOp_kind:
        f_enum(o, &first, "op", unaryop_names[e->v.UnaryOp.op]);
        f_expr(o, &first, "operand", e->v.UnaryOp.operand, 0);
        break;
    case PY_Lambda_kind:
        field(o, &first, "args");
        dump_arguments(o, e->v.Lambda.args);
        f_expr(o, &first, "body", e->v.Lambda.body, 0);
        break;
    case PY_IfExp_kind:
        f_expr(o, &first, "test", e->v.IfExp.test, 0);
        f_expr(o, &first, "body", e->v.IfExp.body, 0);
        f_expr(o, &first, "orelse", e->v.IfExp.orelse, 0);
        break;
    case PY_Dict_kind:
        f_seq(o, &first, "keys", e->v.Dict.keys, SEQ_EXPR);
        f_seq(o, &first, "values", e->v.Dict.values, SEQ_EXPR);
        break;
    case PY_Set_kind: f_seq(o, &first, "elts", e->v.Set.elts, SEQ_EXPR); break;
    case PY_ListComp_kind:
    case PY_SetComp_kind:
    case PY_GeneratorExp_kind: dump_comp(o, &first, e); break;
    case PY_DictComp_kind:
        f_expr(o, &first, "key", e->v.DictComp.key, 0);
        f_expr(o, &first, "value", e->v.DictComp.value, 0);
        f_seq(o, &first, "generators", e->v.DictComp.generators, SEQ_COMP);
        break;
    case PY_Await_kind: f_expr(o, &first, "value", e->v.Await.value, 0); break;
    case PY_Yield_kind: f_expr(o, &first, "value", e->v.Yield.value, 1); break;
    case PY_YieldFrom_kind: f_expr(o, &first, "value", e->v.YieldFrom.value, 0); break;
    case PY_Compare_kind: {
        f_expr(o, &first, "left", e->v.Compare.left, 0);
        field(o, &first, "ops");
        out_puts(o, "[");
        const py_int_seq *ops = e->v.Compare.ops;
        for (int i = 0; ops && i < ops->size; i++) {
            if (i) out_puts(o, ", ");
            out_puts(o, cmpop_names[ops->items[i]]);
            out_puts(o, "()");
        }
        out_puts(o, "]");
        f_seq(o, &first, "comparators", e->v.Compare.comparators, SEQ_EXPR);
        break;
    }
    case PY_Call_kind:
        f_expr(o, &first, "func", e->v.Call.func, 0);
        f_seq(o, &first, "args", e->v.Call.args, SEQ_EXPR);
        f_seq(o, &first, "keywords", e->v.Call.keywords, SEQ_KEYWORD);
        break;
    case PY_FormattedValue_kind:
        f_expr(o, &first, "value", e->v.FormattedValue.value, 0);
        f_int(o, &first, "conversion", e->v.FormattedValue.conversion);
        f_expr(o, &first, "format_spec", e->v.FormattedValue.format_spec, 1);
        break;
    case PY_JoinedStr_kind: f_seq(o, &first, "values", e->v.JoinedStr.values, SEQ_EXPR); break;
    case PY_Constant_kind:
        field(o, &first, "value");
        out_constant(o, &e->v.Constant.value);
        f_ident(o, &first, "kind", e->v.Constant.kind, 1);
        break;
    case PY_Attribute_kind:
        f_expr(o, &first, "value", e->v.Attribute.value, 0);
        f_ident(o, &first, "attr", e->v.Attribute.attr, 0);
        f_enum(o, &first, "ctx", ctx_names[e->v.Attribute.ctx]);
        break;
    case PY_Subscript_kind:
        f_expr(o, &first, "value", e->v.Subscript.value, 0);
        f_expr(o, &first, "slice", e->v.Subscript.slice, 0);
        f_enum(o, &first, "ctx", ctx_names[e->v.Subscript.ctx]);
        break;
    case PY_Starred_kind:
        f_expr(o, &first, "value", e->v.Starred.value, 0);
        f_enum(o, &first, "ctx", ctx_names[e->v.Starred.ctx]);
        break;
    case PY_Name_kind:
        f_ident(o, &first, "id", e->v.Name.id, 0);
        f_enum(o, &first, "ctx", ctx_names[e->v.Name.ctx]);
        break;
    case PY_List_kind:
    case PY_Tuple_kind:
        f_seq(o, &first, "elts", e->v.List.elts, SEQ_EXPR);
        f_enum(o, &first, "ctx", ctx_names[e->v.List.ctx]);
        break;
    case PY_Slice_kind:
        f_expr(o, &first, "lower", e->v.Slice.lower, 1);
        f_expr(o, &first, "upper", e->v.Slice.upper, 1);
        f_expr(o, &first, "step", e->v.Slice.step, 1);
        break;
    }
    F_POS(o, &first, e);
    out_puts(o, ")");
}

/* A statement. */
static void dump_stmt(outbuf *o, const py_stmt *s)
{
    static const char *const names[] = {
        "", "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign",
        "AugAssign", "AnnAssign", "For", "AsyncFor", "While", "If", "With", "AsyncWith",
        "Match", "Raise", "Try", "TryStar", "Assert", "Import", "ImportFrom", "Global",
        "Nonlocal", "Expr", "Pass", "Break", "Continue"};
    int first = 1;
    if (o->failed) return;
    out_puts(o, names[s->kind]);
    out_puts(o, "(");
    switch (s->kind) {
    case PY_FunctionDef_kind:
    case PY_AsyncFunctionDef_kind:
        f_ident(o, &first, "name", s->v.FunctionDef.name, 0);
        field(o, &first, "args");
        dump_arguments(o, s->v.FunctionDef.args);
        f_seq(o, &first, "body", s->v.FunctionDef.body, SEQ_STMT);
        f_seq(o, &first, "decorator_list", s->v.FunctionDef.decorator_list, SEQ_EXPR);
        f_expr(o, &first, "returns", s->v.FunctionDef.returns, 1);
        f_ident(o, &first, "type_comment", s->v.FunctionDef.type_comment, 1);
        break;
    case PY_ClassDef_kind:
        f_ident(o, &first, "name", s->v.ClassDef.name, 0);
        f_seq(o, &first, "bases", s->v.ClassDef.bases, SEQ_EXPR);
        f_seq(o, &first, "keywords", s->v.ClassDef.keywords, SEQ_KEYWORD);
        f_seq(o, &first, "body", s->v.ClassDef.body, SEQ_STMT);
        f_seq(o, &first, "decorator_list", s->v.ClassDef.decorator_list, SEQ_EXPR);
        break;
    case PY_Return_kind: f_expr(o, &first, "value", s->v.Return.value, 1); break;
    case PY_Delete_kind: f_seq(o, &first, "targets", s->v.Delete.targets, SEQ_EXPR); break;
    case PY_Assign_kind:
        f_seq(o, &first, "targets", s->v.Assign.targets, SEQ_EXPR);
        f_expr(o, &first, "value", s->v.Assign.value, 0);
        f_ident(o, &first, "type_comment", s->v.Assign.type_comment, 1);
        break;
    case PY_AugAssign_kind:
        f_expr(o, &first, "target", s->v.AugAssign.target, 0);
        f_enum(o, &first, "op", operator_names[s->v.AugAssign.op]);
        f_expr(o, &first, "value", s->v.AugAssign.value, 0);
        break;
    case PY_AnnAssign_kind:
        f_expr(o, &first, "target", s->v.AnnAssign.target, 0);
        f_expr(o, &first, "annotation", s->v.AnnAssign.annotation, 0);
        f_expr(o, &first, "value", s->v.AnnAssign.value, 1);
        f_int(o, &first, "simple", s->v.AnnAssign.simple);
        break;
    case PY_For_kind:
    case PY_AsyncFor_kind:
        f_expr(o, &first, "target", s->v.For.target, 0);
        f_expr(o, &first, "iter", s->v.For.iter, 0);
        f_seq(o, &first, "body", s->v.For.body, SEQ_STMT);
        f_seq(o, &first, "orelse", s->v.For.orelse, SEQ_STMT);
        f_ident(o, &first, "type_comment", s->v.For.type_comment, 1);
        break;
    case PY_While_kind:
        f_expr(o, &first, "test", s->v.While.test, 0);
        f_seq(o, &first, "body", s->v.While.body, SEQ_STMT);
        f_seq(o, &first, "orelse", s->v.While.orelse, SEQ_STMT);
        break;
    case PY_If_kind:
        f_expr(o, &first, "test", s->v.If.test, 0);
        f_seq(o, &first, "body", s->v.If.body, SEQ_STMT);
        f_seq(o, &first, "orelse", s->v.If.orelse, SEQ_STMT);
        break;
    case PY_With_kind:
    case PY_AsyncWith_kind:
        f_seq(o, &first, "items", s->v.With.items, SEQ_WITHITEM);
        f_seq(o, &first, "body", s->v.With.body, SEQ_STMT);
        f_ident(o, &first, "type_comment", s->v.With.type_comment, 1);
        break;
    case PY_Raise_kind:
        f_expr(o, &first, "exc", s->v.Raise.exc, 1);
        f_expr(o, &first, "cause", s->v.Raise.cause, 1);
        break;
    case PY_Try_kind:
    case PY_TryStar_kind:
        f_seq(o, &first, "body", s->v.Try.body, SEQ_STMT);
        f_seq(o, &first, "handlers", s->v.Try.handlers, SEQ_HANDLER);
        f_seq(o, &first, "orelse", s->v.Try.orelse, SEQ_STMT);
        f_seq(o, &first, "finalbody", s->v.Try.finalbody, SEQ_STMT);
        break;
    case PY_Assert_kind:
        f_expr(o, &first, "test", s->v.Assert.test, 0);
        f_expr(o, &first, "msg", s->v.Assert.msg, 1);
        break;
    case PY_Import_kind: f_seq(o, &first, "names", s->v.Import.names, SEQ_ALIAS); break;
    case PY_ImportFrom_kind:
        f_ident(o, &first, "module", s->v.ImportFrom.module, 1);
        f_seq(o, &first, "names", s->v.ImportFrom.names, SEQ_ALIAS);
        f_int(o, &first, "level", s->v.ImportFrom.level);
        break;
    case PY_Global_kind: f_seq(o, &first, "names", s->v.Global.names, SEQ_IDENT); break;
    case PY_Nonlocal_kind: f_seq(o, &first, "names", s->v.Nonlocal.names, SEQ_IDENT); break;
    case PY_Expr_kind: f_expr(o, &first, "value", s->v.Expr.value, 0); break;
    default: break;
    }
    F_POS(o, &first, s);
    out_puts(o, ")");
}

/* ast.dump(tree[, include_attributes=True]). */
char *py_ast_dump(const py_mod *mod, int include_attributes, size_t *len)
{
    outbuf o = {NULL, 0, 0, 0, include_attributes};
    int first = 1;
    out_puts(&o, "Module(");
    f_seq(&o, &first, "body", mod->body, SEQ_STMT);
    f_seq(&o, &first, "type_ignores", mod->type_ignores, SEQ_EXPR);
    out_puts(&o, ")");
    if (o.failed) {
        rg_os_free(o.s);
        return NULL;
    }
    if (len) *len = o.len;
    return o.s;
}

/* ====================================================================== */
/* Depth                                                                   */
/* ====================================================================== */

/* A node waiting in the walk: what it is and how deep it is. */
typedef struct walk_item {
    const void *node;
    int what; /* SEQ_* */
    int depth;
} walk_item;

typedef struct walk {
    walk_item *items;
    size_t n, cap;
    int failed;
} walk;

/* Queue a node (NULL is skipped). */
static void walk_push(walk *w, const void *node, int what, int depth)
{
    if (!node || w->failed) return;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        walk_item *ni = rg_os_realloc(w->items, cap * sizeof *ni);
        if (!ni) {
            w->failed = 1;
            return;
        }
        w->items = ni;
        w->cap = cap;
    }
    w->items[w->n++] = (walk_item){node, what, depth};
}

/* Queue a sequence's items. */
static void walk_seq(walk *w, const py_seq *s, int what, int depth)
{
    for (int i = 0; i < PY_SEQ_LEN(s); i++) walk_push(w, s->items[i], what, depth);
}

/* Queue the nodes of an arguments record. */
static void walk_arguments(walk *w, const py_arguments *a, int depth)
{
    walk_seq(w, a->posonlyargs, SEQ_ARG, depth);
    walk_seq(w, a->args, SEQ_ARG, depth);
    walk_push(w, a->vararg, SEQ_ARG, depth);
    walk_seq(w, a->kwonlyargs, SEQ_ARG, depth);
    walk_seq(w, a->kw_defaults, SEQ_EXPR, depth);
    walk_push(w, a->kwarg, SEQ_ARG, depth);
    walk_seq(w, a->defaults, SEQ_EXPR, depth);
}

/* Queue the children of an expression at depth d. */
static void walk_expr(walk *w, const py_expr *e, int d)
{
    switch (e->kind) {
    case PY_BoolOp_kind: walk_seq(w, e->v.BoolOp.values, SEQ_EXPR, d); break;
    case PY_NamedExpr_kind:
        walk_push(w, e->v.NamedExpr.target, SEQ_EXPR, d);
        walk_push(w, e->v.NamedExpr.value, SEQ_EXPR, d);
        break;
    case PY_BinOp_kind:
        walk_push(w, e->v.BinOp.left, SEQ_EXPR, d);
        walk_push(w, e->v.BinOp.right, SEQ_EXPR, d);
        break;
    case PY_UnaryOp_kind: walk_push(w, e->v.UnaryOp.operand, SEQ_EXPR, d); break;
    case PY_Lambda_kind:
        walk_arguments(w, e->v.Lambda.args, d);
        walk_push(w, e->v.Lambda.body, SEQ_EXPR, d);
        break;
    case PY_IfExp_kind:
        walk_push(w, e->v.IfExp.test, SEQ_EXPR, d);
        walk_push(w, e->v.IfExp.body, SEQ_EXPR, d);
        walk_push(w, e->v.IfExp.orelse, SEQ_EXPR, d);
        break;
    case PY_Dict_kind:
        walk_seq(w, e->v.Dict.keys, SEQ_EXPR, d);
        walk_seq(w, e->v.Dict.values, SEQ_EXPR, d);
        break;
    case PY_Set_kind: walk_seq(w, e->v.Set.elts, SEQ_EXPR, d); break;
    case PY_ListComp_kind:
    case PY_SetComp_kind:
    case PY_GeneratorExp_kind:
        walk_push(w, e->v.ListComp.elt, SEQ_EXPR, d);
        walk_seq(w, e->v.ListComp.generators, SEQ_COMP, d);
        break;
    case PY_DictComp_kind:
        walk_push(w, e->v.DictComp.key, SEQ_EXPR, d);
        walk_push(w, e->v.DictComp.value, SEQ_EXPR, d);
        walk_seq(w, e->v.DictComp.generators, SEQ_COMP, d);
        break;
    case PY_Await_kind:
    case PY_Yield_kind:
    case PY_YieldFrom_kind: walk_push(w, e->v.Await.value, SEQ_EXPR, d); break;
    case PY_Compare_kind:
        walk_push(w, e->v.Compare.left, SEQ_EXPR, d);
        walk_seq(w, e->v.Compare.comparators, SEQ_EXPR, d);
        break;
    case PY_Call_kind:
        walk_push(w, e->v.Call.func, SEQ_EXPR, d);
        walk_seq(w, e->v.Call.args, SEQ_EXPR, d);
        walk_seq(w, e->v.Call.keywords, SEQ_KEYWORD, d);
        break;
    case PY_FormattedValue_kind:
        walk_push(w, e->v.FormattedValue.value, SEQ_EXPR, d);
        walk_push(w, e->v.FormattedValue.format_spec, SEQ_EXPR, d);
        break;
    case PY_JoinedStr_kind: walk_seq(w, e->v.JoinedStr.values, SEQ_EXPR, d); break;
    case PY_Attribute_kind: walk_push(w, e->v.Attribute.value, SEQ_EXPR, d); break;
    case PY_Subscript_kind:
        walk_push(w, e->v.Subscript.value, SEQ_EXPR, d);
        walk_push(w, e->v.Subscript.slice, SEQ_EXPR, d);
        break;
    case PY_Starred_kind: walk_push(w, e->v.Starred.value, SEQ_EXPR, d); break;
    case PY_List_kind:
    case PY_Tuple_kind: walk_seq(w, e->v.List.elts, SEQ_EXPR, d); break;
    case PY_Slice_kind:
        walk_push(w, e->v.Slice.lower, SEQ_EXPR, d);
        walk_push(w, e->v.Slice.upper, SEQ_EXPR, d);
        walk_push(w, e->v.Slice.step, SEQ_EXPR, d);
        break;
    default: break;
    }
}

/* Queue the children of a statement at depth d. */
static void walk_stmt(walk *w, const py_stmt *s, int d)
{
    switch (s->kind) {
    case PY_FunctionDef_kind:
    case PY_AsyncFunctionDef_kind:
        walk_arguments(w, s->v.FunctionDef.args, d);
        walk_seq(w, s->v.FunctionDef.body, SEQ_STMT, d);
        walk_seq(w, s->v.FunctionDef.decorator_list, SEQ_EXPR, d);
        walk_push(w, s->v.FunctionDef.returns, SEQ_EXPR, d);
        break;
    case PY_ClassDef_kind:
        walk_seq(w, s->v.ClassDef.bases, SEQ_EXPR, d);
        walk_seq(w, s->v.ClassDef.keywords, SEQ_KEYWORD, d);
        walk_seq(w, s->v.ClassDef.body, SEQ_STMT, d);
        walk_seq(w, s->v.ClassDef.decorator_list, SEQ_EXPR, d);
        break;
    case PY_Return_kind: walk_push(w, s->v.Return.value, SEQ_EXPR, d); break;
    case PY_Delete_kind: walk_seq(w, s->v.Delete.targets, SEQ_EXPR, d); break;
    case PY_Assign_kind:
        walk_seq(w, s->v.Assign.targets, SEQ_EXPR, d);
        walk_push(w, s->v.Assign.value, SEQ_EXPR, d);
        break;
    case PY_AugAssign_kind:
        walk_push(w, s->v.AugAssign.target, SEQ_EXPR, d);
        walk_push(w, s->v.AugAssign.value, SEQ_EXPR, d);
        break;
    case PY_AnnAssign_kind:
        walk_push(w, s->v.AnnAssign.target, SEQ_EXPR, d);
        walk_push(w, s->v.AnnAssign.annotation, SEQ_EXPR, d);
        walk_push(w, s->v.AnnAssign.value, SEQ_EXPR, d);
        break;
    case PY_For_kind:
    case PY_AsyncFor_kind:
        walk_push(w, s->v.For.target, SEQ_EXPR, d);
        walk_push(w, s->v.For.iter, SEQ_EXPR, d);
        walk_seq(w, s->v.For.body, SEQ_STMT, d);
        walk_seq(w, s->v.For.orelse, SEQ_STMT, d);
        break;
    case PY_While_kind:
    case PY_If_kind:
        walk_push(w, s->v.If.test, SEQ_EXPR, d);
        walk_seq(w, s->v.If.body, SEQ_STMT, d);
        walk_seq(w, s->v.If.orelse, SEQ_STMT, d);
        break;
    case PY_With_kind:
    case PY_AsyncWith_kind:
        walk_seq(w, s->v.With.items, SEQ_WITHITEM, d);
        walk_seq(w, s->v.With.body, SEQ_STMT, d);
        break;
    case PY_Raise_kind:
        walk_push(w, s->v.Raise.exc, SEQ_EXPR, d);
        walk_push(w, s->v.Raise.cause, SEQ_EXPR, d);
        break;
    case PY_Try_kind:
    case PY_TryStar_kind:
        walk_seq(w, s->v.Try.body, SEQ_STMT, d);
        walk_seq(w, s->v.Try.handlers, SEQ_HANDLER, d);
        walk_seq(w, s->v.Try.orelse, SEQ_STMT, d);
        walk_seq(w, s->v.Try.finalbody, SEQ_STMT, d);
        break;
    case PY_Assert_kind:
        walk_push(w, s->v.Assert.test, SEQ_EXPR, d);
        walk_push(w, s->v.Assert.msg, SEQ_EXPR, d);
        break;
    case PY_Expr_kind: walk_push(w, s->v.Expr.value, SEQ_EXPR, d); break;
    default: break;
    }
}

/* Note an async construct at (lineno, col) if it comes first so far. */
static void async_candidate(py_async_use *first, int kind, int lineno, int col)
{
    if (!first->kind || lineno < first->lineno || (lineno == first->lineno && col < first->col_offset)) {
        first->kind = kind;
        first->lineno = lineno;
        first->col_offset = col;
    }
}

/* Walk the whole tree: the depth limit (limit > 0) or the first async
 * construct (first != NULL). */
static int walk_tree(const py_mod *mod, int limit, py_async_use *first)
{
    walk w = {NULL, 0, 0, 0};
    int result = 0;
    walk_seq(&w, mod->body, SEQ_STMT, 0);
    while (w.n && !w.failed) {
        walk_item it = w.items[--w.n];
        int d = it.depth;
        switch (it.what) {
        case SEQ_STMT:
        case SEQ_EXPR:
            if (limit > 0 && ++d > limit) {
                result = 1;
                goto out;
            }
            if (it.what == SEQ_STMT) {
                const py_stmt *s = it.node;
                if (first && s->kind == PY_AsyncFunctionDef_kind)
                    async_candidate(first, PY_ASYNC_DEF, s->lineno, s->col_offset);
                if (first && s->kind == PY_AsyncFor_kind) async_candidate(first, PY_ASYNC_FOR, s->lineno, s->col_offset);
                if (first && s->kind == PY_AsyncWith_kind)
                    async_candidate(first, PY_ASYNC_WITH, s->lineno, s->col_offset);
                walk_stmt(&w, s, d);
            } else {
                const py_expr *e = it.node;
                if (first && e->kind == PY_Await_kind) async_candidate(first, PY_ASYNC_AWAIT, e->lineno, e->col_offset);
                walk_expr(&w, e, d);
            }
            break;
        case SEQ_ARG: walk_push(&w, ((const py_arg *)it.node)->annotation, SEQ_EXPR, d); break;
        case SEQ_KEYWORD: walk_push(&w, ((const py_keyword *)it.node)->value, SEQ_EXPR, d); break;
        case SEQ_WITHITEM: {
            const py_withitem *wi = it.node;
            walk_push(&w, wi->context_expr, SEQ_EXPR, d);
            walk_push(&w, wi->optional_vars, SEQ_EXPR, d);
            break;
        }
        case SEQ_HANDLER: {
            const py_excepthandler *h = it.node;
            walk_push(&w, h->type, SEQ_EXPR, d);
            walk_seq(&w, h->body, SEQ_STMT, d);
            break;
        }
        case SEQ_COMP: {
            const py_comprehension *c = it.node;
            if (first && c->is_async)
                async_candidate(first, PY_ASYNC_COMPREHENSION, c->async_lineno, c->async_col_offset);
            walk_push(&w, c->target, SEQ_EXPR, d);
            walk_push(&w, c->iter, SEQ_EXPR, d);
            walk_seq(&w, c->ifs, SEQ_EXPR, d);
            break;
        }
        default: break;
        }
    }
out:
    if (w.failed) result = -1;
    rg_os_free(w.items);
    return result;
}

/* Is any path deeper than limit?  stmt and expr nodes count one each
 * (ast_opt.c's astfold_stmt/astfold_expr); the others count nothing. */
int py_ast_too_deep(const py_mod *mod, int limit)
{
    return walk_tree(mod, limit, NULL);
}

/* The first async construct of the tree, in source order. */
int py_ast_first_async(const py_mod *mod, py_async_use *first)
{
    memset(first, 0, sizeof *first);
    if (walk_tree(mod, 0, first) < 0) return -1;
    return first->kind != 0;
}
