/*
 * ast_unparse.c -- an expression back to source text (CPython 3.11's
 * Python/ast_unparse.c), for `from __future__ import annotations`: the
 * compiler stores each annotation as the string this makes.
 *
 * Same precedence levels and parentheses as 3.11, constants by repr (with
 * 1e309 for infinities), f-strings rebuilt as f'...'.  Works on trees
 * before or after constant folding (literals or objects).
 */
#include "lang/compile.h"

#include <string.h>

#include "os/os.h"

enum { PR_TUPLE, PR_TEST, PR_OR, PR_AND, PR_NOT, PR_CMP, PR_EXPR, PR_BOR = PR_EXPR, PR_BXOR, PR_BAND, PR_SHIFT,
       PR_ARITH, PR_TERM, PR_FACTOR, PR_POWER, PR_AWAIT, PR_ATOM };

typedef struct {
    char *s;
    size_t n, cap;
    int err;
} ubuf;

/* Append n bytes (sets err when out of memory). */
static void put_n(ubuf *b, const char *s, size_t n)
{
    if (b->err) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *p = rg_os_realloc(b->s, cap);
        if (p == NULL) {
            b->err = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Append a C string. */
static void put(ubuf *b, const char *s) { put_n(b, s, strlen(s)); }
/* Append s when cond holds. */
static void put_if(ubuf *b, int cond, const char *s)
{
    if (cond) put(b, s);
}

static void expr(ubuf *b, py_expr *e, int level);

/* A constant's object (new reference). */
static py_obj *const_object(py_expr *e) { return pyc_literal_object(&e->v.Constant.value); }

/* repr(o) with "inf" written 1e309 in floats and complexes (as 3.11's unparser). */
static void put_repr(ubuf *b, py_obj *o)
{
    py_obj *r = py_object_repr(o);
    if (r == NULL) {
        b->err = 1;
        return;
    }
    const char *s = py_unicode_as_utf8(r);
    if (s == NULL) {
        b->err = 1;
    } else if (py_float_check(o) || py_complex_check(o)) {
        for (const char *p = s; *p;) {
            if (strncmp(p, "inf", 3) == 0) {
                put(b, "1e309");
                p += 3;
            } else {
                put_n(b, p++, 1);
            }
        }
    } else {
        put(b, s);
    }
    rg_decref(r);
}

/* A constant as 3.11 writes it (repr, ..., u prefix). */
static void put_constant(ubuf *b, py_expr *e)
{
    py_obj *o = const_object(e);
    if (o == NULL) {
        b->err = 1;
        return;
    }
    if (o == py_ellipsis) {
        put(b, "...");
    } else {
        if (e->v.Constant.kind && e->v.Constant.kind[0] == 'u') put(b, "u");
        put_repr(b, o);
    }
    rg_decref(o);
}

/* Expressions separated by ", ". */
static void seq(ubuf *b, py_seq *s, int level)
{
    for (int i = 0; i < PY_SEQ_LEN(s); i++) {
        put_if(b, i > 0, ", ");
        expr(b, PY_SEQ_GET(s, i), level);
    }
}

/* A parameter with its annotation. */
static void arg(ubuf *b, py_arg *a)
{
    put(b, a->arg);
    if (a->annotation) {
        put(b, ": ");
        expr(b, a->annotation, PR_TEST);
    }
}

/* A lambda's parameter list. */
static void args(ubuf *b, py_arguments *a)
{
    int first = 1;
    int npos = PY_SEQ_LEN(a->posonlyargs) + PY_SEQ_LEN(a->args);
    int ndef = PY_SEQ_LEN(a->defaults);
    for (int i = 0; i < npos; i++) {
        if (!first) put(b, ", ");
        first = 0;
        int np = PY_SEQ_LEN(a->posonlyargs);
        arg(b, i < np ? PY_SEQ_GET(a->posonlyargs, i) : PY_SEQ_GET(a->args, i - np));
        int di = i - (npos - ndef);
        if (di >= 0) {
            put(b, "=");
            expr(b, PY_SEQ_GET(a->defaults, di), PR_TEST);
        }
        if (np > 0 && i + 1 == np) put(b, ", /");
    }
    if (a->vararg || PY_SEQ_LEN(a->kwonlyargs)) {
        if (!first) put(b, ", ");
        first = 0;
        put(b, "*");
        if (a->vararg) arg(b, a->vararg);
    }
    for (int i = 0; i < PY_SEQ_LEN(a->kwonlyargs); i++) {
        put(b, ", ");
        arg(b, PY_SEQ_GET(a->kwonlyargs, i));
        py_expr *d = PY_SEQ_GET(a->kw_defaults, i);
        if (d) {
            put(b, "=");
            expr(b, d, PR_TEST);
        }
    }
    if (a->kwarg) {
        if (!first) put(b, ", ");
        put(b, "**");
        arg(b, a->kwarg);
    }
}

/* The for/if clauses of a comprehension. */
static void comprehensions(ubuf *b, py_seq *gens)
{
    for (int i = 0; i < PY_SEQ_LEN(gens); i++) {
        py_comprehension *g = PY_SEQ_GET(gens, i);
        put(b, g->is_async ? " async for " : " for ");
        expr(b, g->target, PR_TUPLE);
        put(b, " in ");
        expr(b, g->iter, PR_TEST + 1);
        for (int j = 0; j < PY_SEQ_LEN(g->ifs); j++) {
            put(b, " if ");
            expr(b, PY_SEQ_GET(g->ifs, j), PR_TEST + 1);
        }
    }
}

/* The body of an f-string: literal parts with braces doubled, {expr!c:spec}. */
static void fstring_body(ubuf *b, py_expr *e, int is_spec)
{
    py_seq *values = e->kind == PY_JoinedStr_kind ? e->v.JoinedStr.values : NULL;
    int n = values ? PY_SEQ_LEN(values) : 1;
    for (int i = 0; i < n; i++) {
        py_expr *v = values ? PY_SEQ_GET(values, i) : e;
        if (v->kind == PY_Constant_kind) {
            py_obj *o = const_object(v);
            const char *s = o ? py_unicode_as_utf8(o) : NULL;
            if (s == NULL) {
                b->err = 1;
                rg_xdecref(o);
                return;
            }
            for (const char *p = s; *p; p++) {
                if (*p == '{') put(b, "{{");
                else if (*p == '}') put(b, "}}");
                else put_n(b, p, 1);
            }
            rg_decref(o);
        } else if (v->kind == PY_FormattedValue_kind) {
            ubuf inner = {0};
            expr(&inner, v->v.FormattedValue.value, PR_TEST + 1);
            if (inner.err) {
                b->err = 1;
                rg_os_free(inner.s);
                return;
            }
            put(b, inner.s && inner.s[0] == '{' ? "{ " : "{");
            put(b, inner.s ? inner.s : "");
            rg_os_free(inner.s);
            int conv = v->v.FormattedValue.conversion;
            if (conv == 's' || conv == 'r' || conv == 'a') {
                char c[3] = {'!', (char)conv, 0};
                put(b, c);
            }
            if (v->v.FormattedValue.format_spec) {
                put(b, ":");
                fstring_body(b, v->v.FormattedValue.format_spec, 1);
            }
            put(b, "}");
        } else if (v->kind == PY_JoinedStr_kind) {
            fstring_body(b, v, is_spec);
        }
    }
}

/* An f-string as f'...'. */
static void joined_str(ubuf *b, py_expr *e)
{
    ubuf body = {0};
    fstring_body(&body, e, 0);
    if (body.err) {
        b->err = 1;
        rg_os_free(body.s);
        return;
    }
    py_obj *s = py_unicode_from_string(body.s ? body.s : "");
    rg_os_free(body.s);
    if (s == NULL) {
        b->err = 1;
        return;
    }
    put(b, "f");
    put_repr(b, s);
    rg_decref(s);
}

/* e at precedence level (parenthesized when its own is lower). */
static void expr(ubuf *b, py_expr *e, int level)
{
    switch (e->kind) {
    case PY_BoolOp_kind: {
        int pr = e->v.BoolOp.op == PY_And ? PR_AND : PR_OR;
        put_if(b, level > pr, "(");
        for (int i = 0; i < PY_SEQ_LEN(e->v.BoolOp.values); i++) {
            put_if(b, i > 0, pr == PR_AND ? " and " : " or ");
            expr(b, PY_SEQ_GET(e->v.BoolOp.values, i), pr + 1);
        }
        put_if(b, level > pr, ")");
        return;
    }
    case PY_BinOp_kind: {
        static const struct {
            const char *op;
            int pr;
        } ops[] = {[PY_Add] = {" + ", PR_ARITH},     [PY_Sub] = {" - ", PR_ARITH},      [PY_Mult] = {" * ", PR_TERM},
                   [PY_MatMult] = {" @ ", PR_TERM},  [PY_Div] = {" / ", PR_TERM},       [PY_Mod] = {" % ", PR_TERM},
                   [PY_LShift] = {" << ", PR_SHIFT}, [PY_RShift] = {" >> ", PR_SHIFT},  [PY_BitOr] = {" | ", PR_BOR},
                   [PY_BitXor] = {" ^ ", PR_BXOR},   [PY_BitAnd] = {" & ", PR_BAND},    [PY_FloorDiv] = {" // ", PR_TERM},
                   [PY_Pow] = {" ** ", PR_POWER}};
        int pr = ops[e->v.BinOp.op].pr, rassoc = e->v.BinOp.op == PY_Pow;
        put_if(b, level > pr, "(");
        expr(b, e->v.BinOp.left, pr + rassoc);
        put(b, ops[e->v.BinOp.op].op);
        expr(b, e->v.BinOp.right, pr + !rassoc);
        put_if(b, level > pr, ")");
        return;
    }
    case PY_UnaryOp_kind: {
        const char *op = e->v.UnaryOp.op == PY_Invert ? "~"
                         : e->v.UnaryOp.op == PY_Not  ? "not "
                         : e->v.UnaryOp.op == PY_UAdd ? "+"
                                                      : "-";
        int pr = e->v.UnaryOp.op == PY_Not ? PR_NOT : PR_FACTOR;
        put_if(b, level > pr, "(");
        put(b, op);
        expr(b, e->v.UnaryOp.operand, pr);
        put_if(b, level > pr, ")");
        return;
    }
    case PY_Lambda_kind: {
        py_arguments *a = e->v.Lambda.args;
        int any = PY_SEQ_LEN(a->posonlyargs) + PY_SEQ_LEN(a->args) + PY_SEQ_LEN(a->kwonlyargs) || a->vararg ||
                  a->kwarg;
        put_if(b, level > PR_TEST, "(");
        put(b, any ? "lambda " : "lambda");
        args(b, a);
        put(b, ": ");
        expr(b, e->v.Lambda.body, PR_TEST);
        put_if(b, level > PR_TEST, ")");
        return;
    }
    case PY_IfExp_kind:
        put_if(b, level > PR_TEST, "(");
        expr(b, e->v.IfExp.body, PR_TEST + 1);
        put(b, " if ");
        expr(b, e->v.IfExp.test, PR_TEST + 1);
        put(b, " else ");
        expr(b, e->v.IfExp.orelse, PR_TEST);
        put_if(b, level > PR_TEST, ")");
        return;
    case PY_Dict_kind:
        put(b, "{");
        for (int i = 0; i < PY_SEQ_LEN(e->v.Dict.values); i++) {
            put_if(b, i > 0, ", ");
            py_expr *k = PY_SEQ_GET(e->v.Dict.keys, i);
            if (k) {
                expr(b, k, PR_TEST);
                put(b, ": ");
                expr(b, PY_SEQ_GET(e->v.Dict.values, i), PR_TEST);
            } else {
                put(b, "**");
                expr(b, PY_SEQ_GET(e->v.Dict.values, i), PR_EXPR);
            }
        }
        put(b, "}");
        return;
    case PY_Set_kind:
        put(b, "{");
        seq(b, e->v.Set.elts, PR_TEST);
        put(b, "}");
        return;
    case PY_GeneratorExp_kind:
    case PY_ListComp_kind:
    case PY_SetComp_kind:
        put(b, e->kind == PY_GeneratorExp_kind ? "(" : e->kind == PY_ListComp_kind ? "[" : "{");
        expr(b, e->v.ListComp.elt, PR_TEST);
        comprehensions(b, e->v.ListComp.generators);
        put(b, e->kind == PY_GeneratorExp_kind ? ")" : e->kind == PY_ListComp_kind ? "]" : "}");
        return;
    case PY_DictComp_kind:
        put(b, "{");
        expr(b, e->v.DictComp.key, PR_TEST);
        put(b, ": ");
        expr(b, e->v.DictComp.value, PR_TEST);
        comprehensions(b, e->v.DictComp.generators);
        put(b, "}");
        return;
    case PY_Yield_kind:
        put(b, e->v.Yield.value ? "(yield " : "(yield");
        if (e->v.Yield.value) expr(b, e->v.Yield.value, PR_TEST);
        put(b, ")");
        return;
    case PY_YieldFrom_kind:
        put(b, "(yield from ");
        expr(b, e->v.YieldFrom.value, PR_TEST);
        put(b, ")");
        return;
    case PY_Await_kind:
        put_if(b, level > PR_AWAIT, "(");
        put(b, "await ");
        expr(b, e->v.Await.value, PR_ATOM);
        put_if(b, level > PR_AWAIT, ")");
        return;
    case PY_Compare_kind: {
        static const char *const ops[] = {[PY_Eq] = " == ",  [PY_NotEq] = " != ", [PY_Lt] = " < ",
                                          [PY_LtE] = " <= ", [PY_Gt] = " > ",     [PY_GtE] = " >= ",
                                          [PY_Is] = " is ",  [PY_IsNot] = " is not ", [PY_In] = " in ",
                                          [PY_NotIn] = " not in "};
        put_if(b, level > PR_CMP, "(");
        expr(b, e->v.Compare.left, PR_CMP + 1);
        for (int i = 0; i < e->v.Compare.ops->size; i++) {
            put(b, ops[e->v.Compare.ops->items[i]]);
            expr(b, PY_SEQ_GET(e->v.Compare.comparators, i), PR_CMP + 1);
        }
        put_if(b, level > PR_CMP, ")");
        return;
    }
    case PY_Call_kind: {
        expr(b, e->v.Call.func, PR_ATOM);
        py_seq *a = e->v.Call.args, *k = e->v.Call.keywords;
        if (PY_SEQ_LEN(a) == 1 && PY_SEQ_LEN(k) == 0 && ((py_expr *)PY_SEQ_GET(a, 0))->kind == PY_GeneratorExp_kind) {
            expr(b, PY_SEQ_GET(a, 0), PR_TEST);
            return;
        }
        put(b, "(");
        int first = 1;
        for (int i = 0; i < PY_SEQ_LEN(a); i++) {
            put_if(b, !first, ", ");
            first = 0;
            expr(b, PY_SEQ_GET(a, i), PR_TEST);
        }
        for (int i = 0; i < PY_SEQ_LEN(k); i++) {
            py_keyword *kw = PY_SEQ_GET(k, i);
            put_if(b, !first, ", ");
            first = 0;
            if (kw->arg) {
                put(b, kw->arg);
                put(b, "=");
            } else {
                put(b, "**");
            }
            expr(b, kw->value, PR_TEST);
        }
        put(b, ")");
        return;
    }
    case PY_Constant_kind: put_constant(b, e); return;
    case PY_JoinedStr_kind:
    case PY_FormattedValue_kind: joined_str(b, e); return;
    case PY_Attribute_kind: {
        py_expr *v = e->v.Attribute.value;
        int int_const = 0;
        if (v->kind == PY_Constant_kind) {
            py_obj *o = const_object(v);
            int_const = o && py_long_check_exact(o);
            rg_xdecref(o);
        }
        expr(b, v, PR_ATOM);
        put(b, int_const ? " ." : ".");
        put(b, e->v.Attribute.attr);
        return;
    }
    case PY_Subscript_kind:
        expr(b, e->v.Subscript.value, PR_ATOM);
        put(b, "[");
        expr(b, e->v.Subscript.slice, PR_TUPLE);
        put(b, "]");
        return;
    case PY_Starred_kind:
        put(b, "*");
        expr(b, e->v.Starred.value, PR_EXPR);
        return;
    case PY_Slice_kind:
        if (e->v.Slice.lower) expr(b, e->v.Slice.lower, PR_TEST);
        put(b, ":");
        if (e->v.Slice.upper) expr(b, e->v.Slice.upper, PR_TEST);
        if (e->v.Slice.step) {
            put(b, ":");
            expr(b, e->v.Slice.step, PR_TEST);
        }
        return;
    case PY_Name_kind: put(b, e->v.Name.id); return;
    case PY_List_kind:
        put(b, "[");
        seq(b, e->v.List.elts, PR_TEST);
        put(b, "]");
        return;
    case PY_Tuple_kind: {
        int n = PY_SEQ_LEN(e->v.List.elts);
        if (n == 0) {
            put(b, "()");
            return;
        }
        put_if(b, level > PR_TUPLE, "(");
        seq(b, e->v.List.elts, PR_TEST);
        put_if(b, n == 1, ",");
        put_if(b, level > PR_TUPLE, ")");
        return;
    }
    case PY_NamedExpr_kind:
        put_if(b, level > PR_TUPLE, "(");
        expr(b, e->v.NamedExpr.target, PR_ATOM);
        put(b, " := ");
        expr(b, e->v.NamedExpr.value, PR_ATOM);
        put_if(b, level > PR_TUPLE, ")");
        return;
    default: b->err = 1; return;
    }
}

/* The source text of an annotation (see compile.h). */
py_obj *pyc_unparse_annotation(py_expr *e)
{
    ubuf b = {0};
    expr(&b, e, PR_TEST);
    if (b.err) {
        rg_os_free(b.s);
        if (!py_err_occurred()) py_err_no_memory();
        return NULL;
    }
    py_obj *s = py_unicode_from_string(b.s ? b.s : "");
    rg_os_free(b.s);
    return s;
}
