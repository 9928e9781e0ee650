/*
 * ast_opt.c -- the AST optimizer (CPython 3.11's Python/ast_opt.c at
 * optimize level 0): literals become objects, and constant expressions
 * are folded bottom-up with 3.11's limits (ints of at most 128 bits from
 * *, ** and <<, collections of 256 items, strings of 4096 characters, 1024
 * items in all), `not` folded into is/in comparisons, lists and sets of
 * constants that are iterated or tested with `in` made tuples and
 * frozensets, simple '%s' % (...) formats turned into f-strings, and
 * __debug__ made True.
 *
 * Owns: pyc_literal_object (the objects of literals), pyc_objlist, and
 * pyc_ast_optimize.  Every object it makes is appended to the caller's
 * list (released when compilation ends).
 */
#include "lang/compile.h"

#include <string.h>

#include "os/os.h"

/* ====================================================================== */
/* Objects                                                                 */
/* ====================================================================== */

int pyc_objlist_add(pyc_objlist *l, py_obj *o)
{
    if (o == NULL) return -1;
    if (l->n == l->cap) {
        int ncap = l->cap ? l->cap * 2 : 64;
        py_obj **p = rg_os_realloc(l->items, (size_t)ncap * sizeof(py_obj *));
        if (p == NULL) {
            rg_decref(o);
            py_err_no_memory();
            return -1;
        }
        l->items = p;
        l->cap = ncap;
    }
    l->items[l->n++] = o;
    return 0;
}

/* Release every reference (newest first) and the array. */
void pyc_objlist_clear(pyc_objlist *l)
{
    for (int i = l->n - 1; i >= 0; i--) rg_decref(l->items[i]);
    rg_os_free(l->items);
    memset(l, 0, sizeof *l);
}

/* The object of a literal (see compile.h). */
py_obj *pyc_literal_object(const py_constant *c)
{
    switch ((int)c->kind) {
    case PY_CONST_NONE: return py_new_ref(py_none);
    case PY_CONST_TRUE: return py_new_ref(py_true);
    case PY_CONST_FALSE: return py_new_ref(py_false);
    case PY_CONST_ELLIPSIS: return py_new_ref(py_ellipsis);
    case PY_CONST_INT: {
        uint64_t v;
        if (py_ast_int_value(c, &v) == 0) return py_long_from_unsigned_long_long((unsigned long long)v);
        py_obj *s = py_unicode_from_string_and_size(c->text, (py_ssize_t)c->len);
        if (s == NULL) return NULL;
        py_obj *r = py_long_from_unicode(s, 0);
        rg_decref(s);
        return r;
    }
    case PY_CONST_FLOAT:
    case PY_CONST_COMPLEX: {
        double v = py_ast_float_value(c);
        if (v < 0) return py_err_no_memory();
        return c->kind == PY_CONST_FLOAT ? py_float_from_double(v) : py_complex_from_doubles(0.0, v);
    }
    case PY_CONST_STR: {
        py_obj *s = py_unicode_from_string_and_size(c->text, (py_ssize_t)c->len);
        if (s == NULL) {
            py_err_clear();
            s = py_unicode_decode(c->text, (py_ssize_t)c->len, "utf-8", "surrogatepass");
        }
        return s;
    }
    case PY_CONST_BYTES: return py_bytes_from_string_and_size(c->text, (py_ssize_t)c->len);
    case PYC_CONST_OBJECT: return py_new_ref((py_obj *)(uintptr_t)c->text);
    default: return py_err_bad_internal_call();
    }
}

/* ====================================================================== */
/* Folding                                                                 */
/* ====================================================================== */

#define MAX_INT_SIZE 128 /* bits */
#define MAX_COLLECTION_SIZE 256
#define MAX_STR_SIZE 4096
#define MAX_TOTAL_ITEMS 1024

typedef struct {
    py_arena *arena;
    pyc_objlist *objs;
    int future_annotations; /* annotations stay as written */
} opt_state;

static int fold_expr(opt_state *st, py_expr *e);
static int fold_stmt(opt_state *st, py_stmt *s);

/* Make node the constant val (make_const): val NULL means "no folding"
 * (the error, if any, is dropped, except KeyboardInterrupt). */
static int make_const(opt_state *st, py_expr *node, py_obj *val)
{
    if (val == NULL) {
        if (py_err_occurred() && py_err_exception_matches(&py_exc_KeyboardInterrupt_info)) return -1;
        py_err_clear();
        return 0;
    }
    if (pyc_objlist_add(st->objs, val) < 0) return -1;
    pyc_set_const(node, val);
    return 0;
}

/* Turn a literal node into its object form. */
static int literal_to_object(opt_state *st, py_expr *e)
{
    if (e->v.Constant.value.kind == PYC_CONST_OBJECT) return 0;
    py_obj *o = pyc_literal_object(&e->v.Constant.value);
    if (o == NULL) return -1;
    const char *kind = e->v.Constant.kind;
    if (pyc_objlist_add(st->objs, o) < 0) return -1;
    pyc_set_const(e, o);
    e->v.Constant.kind = kind;
    return 0;
}

/* Does a sequence of expressions hold a *starred one? */
static int has_starred(py_seq *elts)
{
    for (int i = 0; i < PY_SEQ_LEN(elts); i++)
        if (((py_expr *)PY_SEQ_GET(elts, i))->kind == PY_Starred_kind) return 1;
    return 0;
}

/* A tuple of the elements if all are constants, else NULL (no error). */
static py_obj *make_const_tuple(py_seq *elts)
{
    for (int i = 0; i < PY_SEQ_LEN(elts); i++)
        if (((py_expr *)PY_SEQ_GET(elts, i))->kind != PY_Constant_kind) return NULL;
    py_obj *t = py_tuple_new(PY_SEQ_LEN(elts));
    if (t == NULL) return NULL;
    for (int i = 0; i < PY_SEQ_LEN(elts); i++) py_tuple_set(t, i, py_new_ref(pyc_const(PY_SEQ_GET(elts, i))));
    return t;
}

/* Bits of |v| (_PyLong_NumBits). */
static size_t long_num_bits(py_obj *v)
{
    py_ssize_t n = py_long_ndigits(v);
    if (n == 0) return 0;
    py_digit top = ((py_long_object *)v)->ob_digit[n - 1];
    size_t bits = (size_t)(n - 1) * PY_LONG_SHIFT;
    while (top) {
        bits++;
        top >>= 1;
    }
    return bits;
}

/* limit minus the items of nested constant tuples/frozensets (3.11's check_complexity). */
static py_ssize_t check_complexity(py_obj *obj, py_ssize_t limit)
{
    if (py_tuple_check(obj)) {
        limit -= py_tuple_size(obj);
        for (py_ssize_t i = 0; limit >= 0 && i < py_tuple_size(obj); i++)
            limit = check_complexity(py_tuple_get(obj, i), limit);
    } else if (py_frozenset_check_exact(obj)) {
        py_ssize_t pos = 0;
        py_obj *item;
        py_hash_t hash;
        limit -= py_set_size(obj);
        while (limit >= 0 && py_set_next_entry(obj, &pos, &item, &hash)) limit = check_complexity(item, limit);
    }
    return limit;
}

/* A tuple or frozenset? */
static int is_collection(py_obj *o) { return py_tuple_check(o) || py_frozenset_check_exact(o); }
/* A str or bytes? */
static int is_text(py_obj *o) { return py_unicode_check(o) || py_bytes_check(o); }

/* v * w unless the result would be too big to fold (NULL, no error). */
static py_obj *safe_multiply(py_obj *v, py_obj *w)
{
    if (py_long_check(v) && py_long_check(w) && py_long_sign(v) && py_long_sign(w)) {
        if (long_num_bits(v) + long_num_bits(w) > MAX_INT_SIZE) return NULL;
    } else if (py_long_check(v) && is_collection(w)) {
        py_ssize_t size = py_tuple_check(w) ? py_tuple_size(w) : py_set_size(w);
        if (size) {
            long n = py_long_as_long(v);
            if (n < 0 || n > MAX_COLLECTION_SIZE / size) return NULL;
            if (n && check_complexity(w, MAX_TOTAL_ITEMS / n) < 0) return NULL;
        }
    } else if (py_long_check(v) && is_text(w)) {
        py_ssize_t size = py_unicode_check(w) ? py_unicode_get_length(w) : py_bytes_size(w);
        if (size) {
            long n = py_long_as_long(v);
            if (n < 0 || n > MAX_STR_SIZE / size) return NULL;
        }
    } else if (py_long_check(w) && (is_collection(v) || is_text(v))) {
        return safe_multiply(w, v);
    }
    return py_number_multiply(v, w);
}

/* v ** w unless the result would be too big to fold. */
static py_obj *safe_power(py_obj *v, py_obj *w)
{
    if (py_long_check(v) && py_long_check(w) && py_long_sign(v) && py_long_sign(w) > 0) {
        size_t vbits = long_num_bits(v);
        py_ssize_t wbits = py_long_as_ssize_t(w);
        if (wbits < 0) return NULL;
        if (vbits > MAX_INT_SIZE / (size_t)wbits) return NULL;
    }
    return py_number_power(v, w, py_none);
}

/* v << w unless the result would be too big to fold. */
static py_obj *safe_lshift(py_obj *v, py_obj *w)
{
    if (py_long_check(v) && py_long_check(w) && py_long_sign(v) && py_long_sign(w)) {
        size_t vbits = long_num_bits(v);
        py_ssize_t wbits = py_long_as_ssize_t(w);
        if (wbits < 0) return NULL;
        if ((size_t)wbits > MAX_INT_SIZE || vbits > MAX_INT_SIZE - (size_t)wbits) return NULL;
    }
    return py_number_lshift(v, w);
}

/* v % w, except for str and bytes (formatting is not folded). */
static py_obj *safe_mod(py_obj *v, py_obj *w)
{
    if (is_text(v)) return NULL;
    return py_number_remainder(v, w);
}

/* ---- '%s' % (...) as an f-string (optimize_format) --------------------- */

/* A Constant node for a str (made here, kept in the list). */
static py_expr *new_str_constant(opt_state *st, py_obj *s)
{
    py_expr *e = py_arena_alloc(st->arena, sizeof *e);
    if (e == NULL) {
        rg_decref(s);
        py_err_no_memory();
        return NULL;
    }
    if (pyc_objlist_add(st->objs, s) < 0) return NULL;
    pyc_set_const(e, s);
    e->lineno = e->col_offset = e->end_lineno = e->end_col_offset = -1;
    return e;
}

/* The literal text from *pos up to the next lone '%' ('%%' made '%'),
 * or NULL (no error) when empty. */
static py_expr *parse_literal(opt_state *st, py_obj *fmt, py_ssize_t *ppos, int *err)
{
    py_ssize_t size = py_unicode_get_length(fmt), start = *ppos, pos = start;
    int has_percents = 0;
    while (pos < size) {
        if (py_unicode_read_char(fmt, pos) != '%') {
            pos++;
        } else if (pos + 1 < size && py_unicode_read_char(fmt, pos + 1) == '%') {
            has_percents = 1;
            pos += 2;
        } else {
            break;
        }
    }
    *ppos = pos;
    if (pos == start) return NULL;
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    for (py_ssize_t i = start; i < pos; i++) {
        py_ucs4 ch = py_unicode_read_char(fmt, i);
        if (has_percents && ch == '%') i++;
        if (py_unicode_writer_write_char(&w, ch) < 0) {
            py_unicode_writer_dealloc(&w);
            *err = 1;
            return NULL;
        }
    }
    py_obj *s = py_unicode_writer_finish(&w);
    if (s == NULL) {
        *err = 1;
        return NULL;
    }
    py_expr *e = new_str_constant(st, s);
    if (e == NULL) *err = 1;
    return e;
}

#define F_LJUST 1
#define MAXDIGITS 3

/* Parse %[flags][width][.prec]spec at *ppos (simple_format_arg_parse). */
static int simple_format_arg_parse(py_obj *fmt, py_ssize_t *ppos, int *spec, int *flags, int *width, int *prec)
{
    py_ssize_t pos = *ppos, len = py_unicode_get_length(fmt);
    py_ucs4 ch;
#define NEXTC                                                                                                  \
    do {                                                                                                       \
        if (pos >= len) return 0;                                                                              \
        ch = py_unicode_read_char(fmt, pos);                                                                   \
        pos++;                                                                                                 \
    } while (0)
    NEXTC;
    NEXTC;
    *flags = 0;
    for (;;) {
        if (ch == '-') *flags |= F_LJUST;
        else if (ch == '+' || ch == ' ' || ch == '#' || ch == '0') *flags |= 2;
        else break;
        NEXTC;
    }
    if (ch >= '0' && ch <= '9') {
        *width = 0;
        int digits = 0;
        while (ch >= '0' && ch <= '9') {
            if (++digits >= MAXDIGITS) return 0;
            *width = *width * 10 + (int)(ch - '0');
            NEXTC;
        }
    }
    if (ch == '.') {
        NEXTC;
        *prec = 0;
        int digits = 0;
        while (ch >= '0' && ch <= '9') {
            if (++digits >= MAXDIGITS) return 0;
            *prec = *prec * 10 + (int)(ch - '0');
            NEXTC;
        }
    }
#undef NEXTC
    *spec = (int)ch;
    *ppos = pos;
    return 1;
}

/* A FormattedValue for one conversion, NULL (no error) if unsupported. */
static py_expr *parse_format(opt_state *st, py_obj *fmt, py_ssize_t *ppos, py_expr *arg, int *err)
{
    int spec, flags, width = -1, prec = -1;
    if (!simple_format_arg_parse(fmt, ppos, &spec, &flags, &width, &prec)) return NULL;
    if (flags & ~F_LJUST) return NULL;
    if (spec != 's' && spec != 'r' && spec != 'a') return NULL;
    char buf[1 + MAXDIGITS + 1 + MAXDIGITS + 1 + 8], *p = buf;
    if (!(flags & F_LJUST) && width > 0) *p++ = '>';
    if (width >= 0) p += snprintf(p, 8, "%d", width);
    if (prec >= 0) p += snprintf(p, 8, ".%d", prec);
    py_expr *format_spec = NULL;
    if (p != buf) {
        py_obj *s = py_unicode_from_string_and_size(buf, p - buf);
        if (s == NULL || (format_spec = new_str_constant(st, s)) == NULL) {
            *err = 1;
            return NULL;
        }
    }
    py_expr *fv = py_arena_alloc(st->arena, sizeof *fv);
    if (fv == NULL) {
        py_err_no_memory();
        *err = 1;
        return NULL;
    }
    fv->kind = PY_FormattedValue_kind;
    fv->v.FormattedValue.value = arg;
    fv->v.FormattedValue.conversion = spec;
    fv->v.FormattedValue.format_spec = format_spec;
    fv->lineno = arg->lineno;
    fv->col_offset = arg->col_offset;
    fv->end_lineno = arg->end_lineno;
    fv->end_col_offset = arg->end_col_offset;
    return fv;
}

/* fmt % (args) with only %s/%r/%a as an f-string (3.11's optimize_format). */
static int optimize_format(opt_state *st, py_expr *node, py_obj *fmt, py_seq *elts)
{
    py_ssize_t pos = 0;
    int cnt = 0, err = 0, n = PY_SEQ_LEN(elts);
    py_seq *seq = py_arena_alloc(st->arena, sizeof(py_seq) + sizeof(void *) * (size_t)(n * 2 + 1));
    if (seq == NULL) {
        py_err_no_memory();
        return -1;
    }
    seq->size = 0;
    for (;;) {
        py_expr *lit = parse_literal(st, fmt, &pos, &err);
        if (err) return -1;
        if (lit) seq->items[seq->size++] = lit;
        if (pos >= py_unicode_get_length(fmt)) break;
        if (cnt >= n) return 0;
        py_expr *arg = PY_SEQ_GET(elts, cnt);
        cnt++;
        py_expr *formatted = parse_format(st, fmt, &pos, arg, &err);
        if (err) return -1;
        if (formatted == NULL) return 0;
        seq->items[seq->size++] = formatted;
    }
    if (cnt < n) return 0;
    node->kind = PY_JoinedStr_kind;
    node->v.JoinedStr.values = seq;
    return 0;
}

/* ---- the fold_* functions -------------------------------------------- */

static int fold_binop(opt_state *st, py_expr *node)
{
    py_expr *lhs = node->v.BinOp.left, *rhs = node->v.BinOp.right;
    if (lhs->kind != PY_Constant_kind) return 0;
    py_obj *lv = pyc_const(lhs);
    if (node->v.BinOp.op == PY_Mod && rhs->kind == PY_Tuple_kind && py_unicode_check(lv) &&
        !has_starred(rhs->v.List.elts))
        return optimize_format(st, node, lv, rhs->v.List.elts);
    if (rhs->kind != PY_Constant_kind) return 0;
    py_obj *rv = pyc_const(rhs), *r = NULL;
    switch (node->v.BinOp.op) {
    case PY_Add: r = py_number_add(lv, rv); break;
    case PY_Sub: r = py_number_subtract(lv, rv); break;
    case PY_Mult: r = safe_multiply(lv, rv); break;
    case PY_Div: r = py_number_true_divide(lv, rv); break;
    case PY_FloorDiv: r = py_number_floor_divide(lv, rv); break;
    case PY_Mod: r = safe_mod(lv, rv); break;
    case PY_Pow: r = safe_power(lv, rv); break;
    case PY_LShift: r = safe_lshift(lv, rv); break;
    case PY_RShift: r = py_number_rshift(lv, rv); break;
    case PY_BitOr: r = py_number_or(lv, rv); break;
    case PY_BitXor: r = py_number_xor(lv, rv); break;
    case PY_BitAnd: r = py_number_and(lv, rv); break;
    default: return 0;
    }
    return make_const(st, node, r);
}

/* Fold -c, +c, ~c, not c, and `not` into is/in comparisons. */
static int fold_unaryop(opt_state *st, py_expr *node)
{
    py_expr *arg = node->v.UnaryOp.operand;
    if (arg->kind != PY_Constant_kind) {
        if (node->v.UnaryOp.op == PY_Not && arg->kind == PY_Compare_kind && arg->v.Compare.ops->size == 1) {
            int op = arg->v.Compare.ops->items[0];
            switch (op) {
            case PY_Is: op = PY_IsNot; break;
            case PY_IsNot: op = PY_Is; break;
            case PY_In: op = PY_NotIn; break;
            case PY_NotIn: op = PY_In; break;
            default: op = 0; break;
            }
            if (op) {
                arg->v.Compare.ops->items[0] = op;
                *node = *arg;
            }
        }
        return 0;
    }
    py_obj *v = pyc_const(arg), *r = NULL;
    switch (node->v.UnaryOp.op) {
    case PY_Invert: r = py_number_invert(v); break;
    case PY_Not: {
        int t = py_object_not(v);
        r = t < 0 ? NULL : py_bool_from_long(t);
        break;
    }
    case PY_UAdd: r = py_number_positive(v); break;
    case PY_USub: r = py_number_negative(v); break;
    }
    return make_const(st, node, r);
}

/* A tuple display of constants becomes one constant. */
static int fold_tuple(opt_state *st, py_expr *node)
{
    if (node->v.List.ctx != PY_Load) return 0;
    return make_const(st, node, make_const_tuple(node->v.List.elts));
}

/* c[k] of constants is folded. */
static int fold_subscr(opt_state *st, py_expr *node)
{
    py_expr *arg = node->v.Subscript.value, *idx = node->v.Subscript.slice;
    if (node->v.Subscript.ctx != PY_Load || arg->kind != PY_Constant_kind || idx->kind != PY_Constant_kind) return 0;
    return make_const(st, node, py_object_get_item(pyc_const(arg), pyc_const(idx)));
}

/* A list that is iterated becomes a tuple, a set of constants a frozenset. */
static int fold_iter(opt_state *st, py_expr *arg)
{
    py_obj *newval;
    if (arg->kind == PY_List_kind) {
        if (has_starred(arg->v.List.elts)) return 0;
        arg->kind = PY_Tuple_kind;
        newval = make_const_tuple(arg->v.List.elts);
    } else if (arg->kind == PY_Set_kind) {
        newval = make_const_tuple(arg->v.Set.elts);
        if (newval) {
            py_obj *fs = py_frozenset_new(newval);
            rg_decref(newval);
            newval = fs;
        }
    } else {
        return 0;
    }
    return make_const(st, arg, newval);
}

/* The last `in`/`not in` operand is iterated: fold it as such. */
static int fold_compare(opt_state *st, py_expr *node)
{
    int i = node->v.Compare.ops->size - 1;
    int op = node->v.Compare.ops->items[i];
    if (op == PY_In || op == PY_NotIn) return fold_iter(st, PY_SEQ_GET(node->v.Compare.comparators, i));
    return 0;
}

/* ---- the walk --------------------------------------------------------- */

static int fold_exprs(opt_state *st, py_seq *seq)
{
    for (int i = 0; i < PY_SEQ_LEN(seq); i++) {
        py_expr *e = PY_SEQ_GET(seq, i);
        if (e != NULL && fold_expr(st, e) < 0) return -1;
    }
    return 0;
}

/* Fold an optional expression. */
static int fold_opt(opt_state *st, py_expr *e) { return e ? fold_expr(st, e) : 0; }

/* Fold keyword argument values. */
static int fold_keywords(opt_state *st, py_seq *seq)
{
    for (int i = 0; i < PY_SEQ_LEN(seq); i++)
        if (fold_expr(st, ((py_keyword *)PY_SEQ_GET(seq, i))->value) < 0) return -1;
    return 0;
}

/* Fold comprehension clauses (their iterators as iterated). */
static int fold_comprehensions(opt_state *st, py_seq *gens)
{
    for (int i = 0; i < PY_SEQ_LEN(gens); i++) {
        py_comprehension *g = PY_SEQ_GET(gens, i);
        if (fold_expr(st, g->target) < 0 || fold_expr(st, g->iter) < 0 || fold_exprs(st, g->ifs) < 0) return -1;
        if (fold_iter(st, g->iter) < 0) return -1;
    }
    return 0;
}

/* An annotation (left alone under `from __future__ import annotations`). */
static int fold_ann(opt_state *st, py_expr *e) { return st->future_annotations ? 0 : fold_opt(st, e); }

/* Fold parameter annotations (unless they stay as written). */
static int fold_args(opt_state *st, py_seq *args)
{
    if (st->future_annotations) return 0;
    for (int i = 0; i < PY_SEQ_LEN(args); i++)
        if (fold_opt(st, ((py_arg *)PY_SEQ_GET(args, i))->annotation) < 0) return -1;
    return 0;
}

/* Fold annotations and defaults of a parameter list. */
static int fold_arguments(opt_state *st, py_arguments *a)
{
    if (fold_args(st, a->posonlyargs) < 0 || fold_args(st, a->args) < 0) return -1;
    if (a->vararg && fold_ann(st, a->vararg->annotation) < 0) return -1;
    if (fold_args(st, a->kwonlyargs) < 0) return -1;
    if (fold_exprs(st, a->kw_defaults) < 0) return -1;
    if (a->kwarg && fold_ann(st, a->kwarg->annotation) < 0) return -1;
    return fold_exprs(st, a->defaults);
}

/* Fold bottom-up (3.11's astfold_expr). */
static int fold_expr(opt_state *st, py_expr *e)
{
    switch (e->kind) {
    case PY_BoolOp_kind: return fold_exprs(st, e->v.BoolOp.values);
    case PY_BinOp_kind:
        if (fold_expr(st, e->v.BinOp.left) < 0 || fold_expr(st, e->v.BinOp.right) < 0) return -1;
        return fold_binop(st, e);
    case PY_UnaryOp_kind:
        if (fold_expr(st, e->v.UnaryOp.operand) < 0) return -1;
        return fold_unaryop(st, e);
    case PY_Lambda_kind:
        if (fold_arguments(st, e->v.Lambda.args) < 0) return -1;
        return fold_expr(st, e->v.Lambda.body);
    case PY_IfExp_kind:
        if (fold_expr(st, e->v.IfExp.test) < 0 || fold_expr(st, e->v.IfExp.body) < 0) return -1;
        return fold_expr(st, e->v.IfExp.orelse);
    case PY_Dict_kind:
        if (fold_exprs(st, e->v.Dict.keys) < 0) return -1;
        return fold_exprs(st, e->v.Dict.values);
    case PY_Set_kind: return fold_exprs(st, e->v.Set.elts);
    case PY_ListComp_kind:
    case PY_SetComp_kind:
    case PY_GeneratorExp_kind:
        if (fold_expr(st, e->v.ListComp.elt) < 0) return -1;
        return fold_comprehensions(st, e->v.ListComp.generators);
    case PY_DictComp_kind:
        if (fold_expr(st, e->v.DictComp.key) < 0 || fold_expr(st, e->v.DictComp.value) < 0) return -1;
        return fold_comprehensions(st, e->v.DictComp.generators);
    case PY_Await_kind: return fold_expr(st, e->v.Await.value);
    case PY_Yield_kind: return fold_opt(st, e->v.Yield.value);
    case PY_YieldFrom_kind: return fold_expr(st, e->v.YieldFrom.value);
    case PY_Compare_kind:
        if (fold_expr(st, e->v.Compare.left) < 0 || fold_exprs(st, e->v.Compare.comparators) < 0) return -1;
        return fold_compare(st, e);
    case PY_Call_kind:
        if (fold_expr(st, e->v.Call.func) < 0 || fold_exprs(st, e->v.Call.args) < 0) return -1;
        return fold_keywords(st, e->v.Call.keywords);
    case PY_FormattedValue_kind:
        if (fold_expr(st, e->v.FormattedValue.value) < 0) return -1;
        return fold_opt(st, e->v.FormattedValue.format_spec);
    case PY_JoinedStr_kind: return fold_exprs(st, e->v.JoinedStr.values);
    case PY_Attribute_kind: return fold_expr(st, e->v.Attribute.value);
    case PY_Subscript_kind:
        if (fold_expr(st, e->v.Subscript.value) < 0 || fold_expr(st, e->v.Subscript.slice) < 0) return -1;
        return fold_subscr(st, e);
    case PY_Starred_kind: return fold_expr(st, e->v.Starred.value);
    case PY_Slice_kind:
        if (fold_opt(st, e->v.Slice.lower) < 0 || fold_opt(st, e->v.Slice.upper) < 0) return -1;
        return fold_opt(st, e->v.Slice.step);
    case PY_List_kind: return fold_exprs(st, e->v.List.elts);
    case PY_Tuple_kind:
        if (fold_exprs(st, e->v.List.elts) < 0) return -1;
        return fold_tuple(st, e);
    case PY_Name_kind:
        if (e->v.Name.ctx == PY_Load && strcmp(e->v.Name.id, "__debug__") == 0)
            return make_const(st, e, py_new_ref(py_true));
        return 0;
    case PY_NamedExpr_kind: return fold_expr(st, e->v.NamedExpr.value);
    case PY_Constant_kind: return literal_to_object(st, e);
    default: return 0;
    }
}

/* The docstring of a folded body (see compile.h). */
py_obj *pyc_docstring(py_seq *body)
{
    if (PY_SEQ_LEN(body) == 0) return NULL;
    py_stmt *s = PY_SEQ_GET(body, 0);
    if (s->kind != PY_Expr_kind) return NULL;
    py_expr *e = s->v.Expr.value;
    if (e->kind != PY_Constant_kind) return NULL;
    if (e->v.Constant.value.kind == PYC_CONST_OBJECT) return py_unicode_check(pyc_const(e)) ? pyc_const(e) : NULL;
    return NULL;
}

/* Whether the body starts with a str literal (before conversion). */
static int has_docstring(py_seq *body)
{
    if (PY_SEQ_LEN(body) == 0) return 0;
    py_stmt *s = PY_SEQ_GET(body, 0);
    if (s->kind != PY_Expr_kind || s->v.Expr.value->kind != PY_Constant_kind) return 0;
    py_constant *c = &s->v.Expr.value->v.Constant.value;
    if (c->kind == PYC_CONST_OBJECT) return py_unicode_check((py_obj *)(uintptr_t)c->text);
    return c->kind == PY_CONST_STR;
}

/* Fold a sequence of statements. */
static int fold_stmts(opt_state *st, py_seq *seq)
{
    for (int i = 0; i < PY_SEQ_LEN(seq); i++)
        if (fold_stmt(st, PY_SEQ_GET(seq, i)) < 0) return -1;
    return 0;
}

/* A body: a docstring made by folding is hidden in an f-string (astfold_body). */
static int fold_body(opt_state *st, py_seq *body)
{
    int docstring = has_docstring(body);
    if (fold_stmts(st, body) < 0) return -1;
    if (!docstring && pyc_docstring(body) != NULL) {
        py_stmt *s = PY_SEQ_GET(body, 0);
        py_seq *values = py_arena_alloc(st->arena, sizeof(py_seq) + sizeof(void *));
        py_expr *js = py_arena_alloc(st->arena, sizeof *js);
        if (values == NULL || js == NULL) {
            py_err_no_memory();
            return -1;
        }
        values->size = 1;
        values->items[0] = s->v.Expr.value;
        js->kind = PY_JoinedStr_kind;
        js->v.JoinedStr.values = values;
        js->lineno = s->lineno;
        js->col_offset = s->col_offset;
        js->end_lineno = s->end_lineno;
        js->end_col_offset = s->end_col_offset;
        s->v.Expr.value = js;
    }
    return 0;
}

/* Fold a statement's expressions and bodies (3.11's astfold_stmt). */
static int fold_stmt(opt_state *st, py_stmt *s)
{
    switch (s->kind) {
    case PY_FunctionDef_kind:
    case PY_AsyncFunctionDef_kind:
        if (fold_arguments(st, s->v.FunctionDef.args) < 0 || fold_body(st, s->v.FunctionDef.body) < 0) return -1;
        if (fold_exprs(st, s->v.FunctionDef.decorator_list) < 0) return -1;
        return fold_ann(st, s->v.FunctionDef.returns);
    case PY_ClassDef_kind:
        if (fold_exprs(st, s->v.ClassDef.bases) < 0 || fold_keywords(st, s->v.ClassDef.keywords) < 0) return -1;
        if (fold_body(st, s->v.ClassDef.body) < 0) return -1;
        return fold_exprs(st, s->v.ClassDef.decorator_list);
    case PY_Return_kind: return fold_opt(st, s->v.Return.value);
    case PY_Delete_kind: return fold_exprs(st, s->v.Delete.targets);
    case PY_Assign_kind:
        if (fold_exprs(st, s->v.Assign.targets) < 0) return -1;
        return fold_expr(st, s->v.Assign.value);
    case PY_AugAssign_kind:
        if (fold_expr(st, s->v.AugAssign.target) < 0) return -1;
        return fold_expr(st, s->v.AugAssign.value);
    case PY_AnnAssign_kind:
        if (fold_expr(st, s->v.AnnAssign.target) < 0 || fold_ann(st, s->v.AnnAssign.annotation) < 0) return -1;
        return fold_opt(st, s->v.AnnAssign.value);
    case PY_For_kind:
    case PY_AsyncFor_kind:
        if (fold_expr(st, s->v.For.target) < 0 || fold_expr(st, s->v.For.iter) < 0) return -1;
        if (fold_stmts(st, s->v.For.body) < 0 || fold_stmts(st, s->v.For.orelse) < 0) return -1;
        return fold_iter(st, s->v.For.iter);
    case PY_While_kind:
        if (fold_expr(st, s->v.While.test) < 0 || fold_stmts(st, s->v.While.body) < 0) return -1;
        return fold_stmts(st, s->v.While.orelse);
    case PY_If_kind:
        if (fold_expr(st, s->v.If.test) < 0 || fold_stmts(st, s->v.If.body) < 0) return -1;
        return fold_stmts(st, s->v.If.orelse);
    case PY_With_kind:
    case PY_AsyncWith_kind:
        for (int i = 0; i < PY_SEQ_LEN(s->v.With.items); i++) {
            py_withitem *w = PY_SEQ_GET(s->v.With.items, i);
            if (fold_expr(st, w->context_expr) < 0 || fold_opt(st, w->optional_vars) < 0) return -1;
        }
        return fold_stmts(st, s->v.With.body);
    case PY_Raise_kind:
        if (fold_opt(st, s->v.Raise.exc) < 0) return -1;
        return fold_opt(st, s->v.Raise.cause);
    case PY_Try_kind:
    case PY_TryStar_kind:
        if (fold_stmts(st, s->v.Try.body) < 0) return -1;
        for (int i = 0; i < PY_SEQ_LEN(s->v.Try.handlers); i++) {
            py_excepthandler *h = PY_SEQ_GET(s->v.Try.handlers, i);
            if (fold_opt(st, h->type) < 0 || fold_stmts(st, h->body) < 0) return -1;
        }
        if (fold_stmts(st, s->v.Try.orelse) < 0) return -1;
        return fold_stmts(st, s->v.Try.finalbody);
    case PY_Assert_kind:
        if (fold_expr(st, s->v.Assert.test) < 0) return -1;
        return fold_opt(st, s->v.Assert.msg);
    case PY_Expr_kind: return fold_expr(st, s->v.Expr.value);
    default: return 0;
    }
}

/* Fold a module (see compile.h). */
int pyc_ast_optimize(py_mod *mod, py_arena *arena, pyc_objlist *objs, int future_annotations)
{
    opt_state st = {arena, objs, future_annotations};
    return fold_body(&st, mod->body);
}
