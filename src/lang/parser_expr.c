/*
 * parser_expr.c -- the expression rules of CPython 3.11's grammar from
 * star_expressions down to atom (Grammar/python.gram, "EXPRESSIONS" to
 * "Primary elements"), written out as the generated parser runs them.
 *
 * Owns: the precedence levels (CPython's rules; the left-recursive ones
 * grown from a memoized seed as CPython grows them), boolean operators,
 * comparisons, unary and binary operators, power, await,
 * primaries and their trailers, slices, atoms and groups; the helpers the
 * other rule files share (left recursion, gathers, comma loops).
 */
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* BinOp(a, op, b). */
static py_expr *binop_node(py_parser *p, py_expr *a, py_operator op, py_expr *b, const py_pos *start)
{
    py_expr *e = py_parse_node(p, PY_BinOp_kind, start);
    if (!e) return NULL;
    e->v.BinOp.left = a;
    e->v.BinOp.op = op;
    e->v.BinOp.right = b;
    return e;
}

/* The loop of a left-recursive rule: grow the seed (CPython's
 * left-recursion support). */
py_expr *py_parse_left_recursive(py_parser *p, int memo, py_expr *(*raw)(py_parser *))
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, memo, &res)) RET(res);
    int mark = p->mark, resmark = p->mark;
    for (;;) {
        if (py_parse_update_memo(p, mark, memo, res) < 0) RET(res);
        p->mark = mark;
        py_expr *r = raw(p);
        if (p->error_indicator) RET(NULL);
        if (!r || p->mark <= resmark) break;
        resmark = p->mark;
        res = r;
    }
    p->mark = resmark;
    RET(res);
}

/* _gather: sep.elem+ into a vec (1 if at least one). */
int py_parse_gather(py_parser *p, void *(*elem)(py_parser *), py_vec *v)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark, ok = 0;
    void *e;
    if (!p->error_indicator && (e = elem(p)) && py_vec_push(p, v, e) == 0) {
        /* _loop0: (',' elem)* */
        if (!py_parse_enter(p)) {
            int lmark = p->mark;
            while (!p->error_indicator && TOK(PY_TOK_COMMA) && (e = elem(p))) {
                if (py_vec_push(p, v, e) < 0) break;
                lmark = p->mark;
            }
            p->mark = lmark;
            p->level--;
            ok = NOERR;
        }
    }
    if (!ok) p->mark = mark;
    p->level--;
    return ok;
}

/* ====================================================================== */
/* expressions, expression, yield                                          */
/* ====================================================================== */

/* (',' elem)+ or *: the loop over a _tmp, into v; count or -1. */
int py_parse_loop_comma(py_parser *p, py_expr *(*elem)(py_parser *), py_vec *v, int min)
{
    if (py_parse_enter(p)) return -1;
    int mark = p->mark;
    for (;;) {
        if (p->error_indicator) break;
        /* _tmp: ',' elem */
        if (py_parse_enter(p)) break;
        int tmark = p->mark;
        py_expr *c = NULL;
        if (!(TOK(PY_TOK_COMMA) && (c = elem(p)))) p->mark = tmark;
        p->level--;
        if (!c) break;
        if (py_vec_push(p, v, c) < 0) break;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return p->error_indicator || v->n < min ? -1 : v->n;
}

/* expressions / star_expressions:
 *     | elem (',' elem)+ [','] | elem ',' | elem */
static py_expr *tuple_of(py_parser *p, py_expr *(*elem)(py_parser *))
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        py_vec b = {0};
        if ((a = elem(p)) && py_vec_push(p, &b, a) == 0 && py_parse_loop_comma(p, elem, &b, 2) > 0 &&
            (TOK(PY_TOK_COMMA), NOERR)) {
            py_seq *elts = py_vec_seq(p, &b);
            ACTION_CHECK(elts);
            py_expr *e = py_parse_seq_node(p, PY_Tuple_kind, elts, PY_Load, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = elem(p)) && TOK(PY_TOK_COMMA)) {
            py_seq *elts = py_seq_singleton(p, a);
            ACTION_CHECK(elts);
            py_expr *e = py_parse_seq_node(p, PY_Tuple_kind, elts, PY_Load, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = elem(p))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

py_expr *py_rule_expressions(py_parser *p) { return tuple_of(p, py_rule_expression); }
py_expr *py_rule_star_expressions(py_parser *p) { return tuple_of(p, py_rule_star_expression); }

/* fstring: star_expressions */
py_expr *py_rule_fstring(py_parser *p)
{
    ENTER();
    py_expr *e = py_rule_star_expressions(p);
    RET(e);
}

/* disjunction 'if' disjunction 'else' expression | disjunction | lambdef:
 * the valid alternatives of expression (expression_without_invalid). */
static py_expr *expression_alts(py_parser *p, int mark, const py_pos *start, int *matched)
{
    *matched = 1;
    {
        if (p->error_indicator) return NULL;
        py_expr *a, *b, *c;
        if ((a = py_rule_disjunction(p)) && TOK(PY_KW_IF) && (b = py_rule_disjunction(p)) &&
            TOK(PY_KW_ELSE) && (c = py_rule_expression(p))) {
            py_expr *e = py_parse_node(p, PY_IfExp_kind, start);
            if (!e) return NULL;
            e->v.IfExp.test = b;
            e->v.IfExp.body = a;
            e->v.IfExp.orelse = c;
            return e;
        }
        p->mark = mark;
    }
    {
        if (p->error_indicator) return NULL;
        py_expr *a;
        if ((a = py_rule_disjunction(p))) return a;
        p->mark = mark;
    }
    {
        if (p->error_indicator) return NULL;
        py_expr *a;
        if ((a = py_rule_lambdef(p))) return a;
        p->mark = mark;
    }
    *matched = 0;
    return NULL;
}

/* expression (memo): invalid_expression | invalid_legacy_expression
 *     | disjunction 'if' disjunction 'else' expression | disjunction | lambdef */
py_expr *py_rule_expression(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_EXPRESSION, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if ((res = py_invalid_expression(p))) goto done;
        p->mark = mark;
        CHECK();
        if ((res = py_invalid_legacy_expression(p))) goto done;
        p->mark = mark;
    }
    int matched;
    res = expression_alts(p, mark, &start, &matched);
    if (p->error_indicator) RET(NULL);
done:
    py_parse_insert_memo(p, mark, PY_MEMO_EXPRESSION, res);
    RET(res);
}

/* expression_without_invalid: the same without any invalid_ rule below. */
py_expr *py_rule_expression_without_invalid(py_parser *p)
{
    int prev = p->call_invalid_rules;
    p->call_invalid_rules = 0;
    if (py_parse_enter(p)) {
        p->call_invalid_rules = prev;
        return NULL;
    }
    int mark = p->mark, matched;
    py_pos start;
    py_expr *res = NULL;
    if (py_parse_start(p, &start) == 0) res = expression_alts(p, mark, &start, &matched);
    if (p->error_indicator) res = NULL;
    p->call_invalid_rules = prev;
    RET(res);
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions] */
py_expr *py_rule_yield_expr(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_KW_YIELD) && TOK(PY_KW_FROM) && (a = py_rule_expression(p))) {
            py_expr *e = py_parse_node(p, PY_YieldFrom_kind, &start);
            ACTION_CHECK(e);
            e->v.YieldFrom.value = a;
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_KW_YIELD) && (a = py_rule_star_expressions(p), NOERR)) {
            py_expr *e = py_parse_node(p, PY_Yield_kind, &start);
            ACTION_CHECK(e);
            e->v.Yield.value = a;
            RET(e);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* '*' bitwise_or as a Starred. */
static py_expr *star_bitwise_or(py_parser *p, int mark, const py_pos *start)
{
    py_expr *a;
    if (TOK(PY_TOK_STAR) && (a = py_rule_bitwise_or(p))) {
        py_expr *e = py_parse_node(p, PY_Starred_kind, start);
        if (!e) return NULL;
        e->v.Starred.value = a;
        e->v.Starred.ctx = PY_Load;
        return e;
    }
    p->mark = mark;
    return NULL;
}

/* star_expression (memo): '*' bitwise_or | expression */
py_expr *py_rule_star_expression(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_STAR_EXPRESSION, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        if ((res = star_bitwise_or(p, mark, &start))) goto done;
        CHECK();
    }
    {
        CHECK();
        if ((res = py_rule_expression(p))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_STAR_EXPRESSION, res);
    RET(res);
}

/* star_named_expression: '*' bitwise_or | named_expression */
py_expr *py_rule_star_named_expression(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    py_expr *res;
    CHECK();
    if ((res = star_bitwise_or(p, mark, &start))) RET(res);
    CHECK();
    if ((res = py_rule_named_expression(p))) RET(res);
    p->mark = mark;
    RET(NULL);
}

static void *star_named_expression_elem(py_parser *p) { return py_rule_star_named_expression(p); }

/* star_named_expressions: ','.star_named_expression+ [','] */
py_seq *py_rule_star_named_expressions(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_vec v = {0};
    CHECK();
    if (py_parse_gather(p, star_named_expression_elem, &v) && (TOK(PY_TOK_COMMA), NOERR)) {
        py_seq *s = py_vec_seq(p, &v);
        ACTION_CHECK(s);
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* assignment_expression: NAME ':=' ~ expression */
py_expr *py_rule_assignment_expression(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *a, *b;
    int cut = 0;
    if ((a = py_parse_name_token(p)) && TOK(PY_TOK_COLONEQUAL) && (cut = 1) &&
        (b = py_rule_expression(p))) {
        py_expr *t = py_parse_set_expr_context(p, a, PY_Store);
        ACTION_CHECK(t);
        py_expr *e = py_parse_node(p, PY_NamedExpr_kind, &start);
        ACTION_CHECK(e);
        e->v.NamedExpr.target = t;
        e->v.NamedExpr.value = b;
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* named_expression: assignment_expression | invalid_named_expression
 *     | expression !':=' */
py_expr *py_rule_named_expression(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *res;
    CHECK();
    if ((res = py_rule_assignment_expression(p))) RET(res);
    p->mark = mark;
    if (p->call_invalid_rules) {
        CHECK();
        if ((res = py_invalid_named_expression(p))) RET(res);
        p->mark = mark;
    }
    CHECK();
    if ((res = py_rule_expression(p)) && !py_parse_peek(p, PY_TOK_COLONEQUAL) && NOERR) RET(res);
    p->mark = mark;
    RET(NULL);
}

/* ====================================================================== */
/* Boolean operators and comparisons                                       */
/* ====================================================================== */

/* _tmp: TOKEN operand (('or' conjunction), ('if' disjunction), '->' expression,
 * 'from' expression, ',' expression, ...): the operand. */
py_expr *py_parse_token_operand(py_parser *p, int token, py_expr *(*operand)(py_parser *))
{
    ENTER();
    int mark = p->mark;
    py_expr *c;
    if (!p->error_indicator && TOK(token) && (c = operand(p))) RET(c);
    p->mark = mark;
    RET(NULL);
}

static py_expr *conjunction(py_parser *p);
static py_expr *inversion(py_parser *p);

/* disjunction (memo): conjunction ('or' conjunction)+ | conjunction
 * conjunction (memo): inversion ('and' inversion)+ | inversion */
static py_expr *boolop_rule(py_parser *p, int memo, int keyword, py_boolop op,
                            py_expr *(*operand)(py_parser *))
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, memo, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        py_vec v = {0};
        int ok = 0;
        if ((a = operand(p)) && py_vec_push(p, &v, a) == 0 && !py_parse_enter(p)) {
            /* _loop1: (keyword operand)+ */
            int lmark = p->mark;
            py_expr *c;
            while (!p->error_indicator && (c = py_parse_token_operand(p, keyword, operand))) {
                if (py_vec_push(p, &v, c) < 0) break;
                lmark = p->mark;
            }
            p->mark = lmark;
            ok = v.n > 1 && NOERR;
            p->level--;
        }
        if (ok) {
            res = py_parse_node(p, PY_BoolOp_kind, &start);
            ACTION_CHECK(res);
            res->v.BoolOp.op = op;
            res->v.BoolOp.values = py_vec_seq(p, &v);
            ACTION_CHECK(res->v.BoolOp.values);
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = operand(p))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, memo, res);
    RET(res);
}

/* disjunction (memo): conjunction ('or' conjunction)+ | conjunction */
py_expr *py_rule_disjunction(py_parser *p)
{
    return boolop_rule(p, PY_MEMO_DISJUNCTION, PY_KW_OR, PY_Or, conjunction);
}

/* conjunction (memo): inversion ('and' inversion)+ | inversion */
static py_expr *conjunction(py_parser *p)
{
    return boolop_rule(p, PY_MEMO_CONJUNCTION, PY_KW_AND, PY_And, inversion);
}

static py_expr *comparison(py_parser *p);

/* inversion (memo): 'not' inversion | comparison */
static py_expr *inversion(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_INVERSION, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_KW_NOT) && (a = inversion(p))) {
            res = py_parse_node(p, PY_UnaryOp_kind, &start);
            ACTION_CHECK(res);
            res->v.UnaryOp.op = PY_Not;
            res->v.UnaryOp.operand = a;
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = comparison(p))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_INVERSION, res);
    RET(res);
}

/* One comparison operator and its operand (CmpopExprPair). */
typedef struct cmp_pair {
    py_cmpop op;
    py_expr *expr;
} cmp_pair;

/* eq_bitwise_or, noteq_bitwise_or, ...: tok1 [tok2] bitwise_or. */
static cmp_pair *cmp_op_rule(py_parser *p, int tok1, int tok2, py_cmpop op)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_token *t;
    py_expr *a;
    int ok;
    if (op == PY_NotEq) {
        /* (tok='!=' { _PyPegen_check_barry_as_flufl(p, tok) ? NULL : tok }) */
        p->level++;
        t = TOK(tok1);
        ok = t && t->len == 2 && memcmp(t->start, "!=", 2) == 0;
        if (!t) p->mark = mark;
        p->level--;
    } else {
        ok = TOK(tok1) && (tok2 < 0 || TOK(tok2));
    }
    if (ok && (a = py_rule_bitwise_or(p))) {
        cmp_pair *c = py_arena_alloc(p->tmp, sizeof *c);
        if (!c) RET(py_parse_nomem(p));
        c->op = op;
        c->expr = a;
        RET(c);
    }
    p->mark = mark;
    RET(NULL);
}

/* compare_op_bitwise_or_pair */
static cmp_pair *compare_op_bitwise_or_pair(py_parser *p)
{
    static const struct { int t1, t2; py_cmpop op; } alts[] = {
        {PY_TOK_EQEQUAL, -1, PY_Eq}, {PY_TOK_NOTEQUAL, -1, PY_NotEq},
        {PY_TOK_LESSEQUAL, -1, PY_LtE}, {PY_TOK_LESS, -1, PY_Lt},
        {PY_TOK_GREATEREQUAL, -1, PY_GtE}, {PY_TOK_GREATER, -1, PY_Gt},
        {PY_KW_NOT, PY_KW_IN, PY_NotIn}, {PY_KW_IN, -1, PY_In},
        {PY_KW_IS, PY_KW_NOT, PY_IsNot}, {PY_KW_IS, -1, PY_Is}};
    ENTER();
    int mark = p->mark;
    for (size_t i = 0; i < sizeof alts / sizeof alts[0]; i++) {
        CHECK();
        cmp_pair *c;
        if ((c = cmp_op_rule(p, alts[i].t1, alts[i].t2, alts[i].op))) RET(c);
        p->mark = mark;
    }
    RET(NULL);
}

/* comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or */
static py_expr *comparison(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        py_vec v = {0};
        int ok = 0;
        if ((a = py_rule_bitwise_or(p)) && !py_parse_enter(p)) {
            int lmark = p->mark;
            cmp_pair *c;
            while (!p->error_indicator && (c = compare_op_bitwise_or_pair(p))) {
                if (py_vec_push(p, &v, c) < 0) break;
                lmark = p->mark;
            }
            p->mark = lmark;
            ok = v.n > 0 && NOERR;
            p->level--;
        }
        if (ok) {
            py_expr *e = py_parse_node(p, PY_Compare_kind, &start);
            ACTION_CHECK(e);
            py_int_seq *ops = py_parse_alloc(p, sizeof *ops + (size_t)v.n * sizeof(int));
            py_seq *cmps = py_parse_seq(p, v.n);
            ACTION_CHECK(ops && cmps);
            ops->size = v.n;
            for (int i = 0; i < v.n; i++) {
                ops->items[i] = (int)((cmp_pair *)v.items[i])->op;
                cmps->items[i] = ((cmp_pair *)v.items[i])->expr;
            }
            e->v.Compare.left = a;
            e->v.Compare.ops = ops;
            e->v.Compare.comparators = cmps;
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_bitwise_or(p))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* Binary operators                                                        */
/* ====================================================================== */

/* One level of binary operators (the _raw of a left-recursive rule):
 * self tok next | ... | next */
static py_expr *binop_raw(py_parser *p, py_expr *(*self)(py_parser *), const int *toks,
                          const py_operator *ops, int n, py_expr *(*next)(py_parser *))
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    for (int i = 0; i < n; i++) {
        CHECK();
        py_expr *a, *b;
        if ((a = self(p)) && TOK(toks[i]) && (b = next(p))) {
            py_expr *e = binop_node(p, a, ops[i], b, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = next(p))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

static py_expr *bitwise_xor(py_parser *p);
static py_expr *bitwise_and(py_parser *p);
static py_expr *shift_expr(py_parser *p);
static py_expr *sum(py_parser *p);
static py_expr *term(py_parser *p);
static py_expr *factor(py_parser *p);

/* bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor */
static py_expr *bitwise_or_raw(py_parser *p)
{
    static const int toks[] = {PY_TOK_VBAR};
    static const py_operator ops[] = {PY_BitOr};
    return binop_raw(p, py_rule_bitwise_or, toks, ops, 1, bitwise_xor);
}

py_expr *py_rule_bitwise_or(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_BITWISE_OR, bitwise_or_raw); }

/* bitwise_xor: bitwise_xor '^' bitwise_and | bitwise_and */
static py_expr *bitwise_xor_raw(py_parser *p)
{
    static const int toks[] = {PY_TOK_CIRCUMFLEX};
    static const py_operator ops[] = {PY_BitXor};
    return binop_raw(p, bitwise_xor, toks, ops, 1, bitwise_and);
}

static py_expr *bitwise_xor(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_BITWISE_XOR, bitwise_xor_raw); }

/* bitwise_and: bitwise_and '&' shift_expr | shift_expr */
static py_expr *bitwise_and_raw(py_parser *p)
{
    static const int toks[] = {PY_TOK_AMPER};
    static const py_operator ops[] = {PY_BitAnd};
    return binop_raw(p, bitwise_and, toks, ops, 1, shift_expr);
}

static py_expr *bitwise_and(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_BITWISE_AND, bitwise_and_raw); }

/* shift_expr: shift_expr ('<<' | '>>') sum | sum */
static py_expr *shift_expr_raw(py_parser *p)
{
    static const int toks[] = {PY_TOK_LEFTSHIFT, PY_TOK_RIGHTSHIFT};
    static const py_operator ops[] = {PY_LShift, PY_RShift};
    return binop_raw(p, shift_expr, toks, ops, 2, sum);
}

static py_expr *shift_expr(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_SHIFT_EXPR, shift_expr_raw); }

/* sum: sum ('+' | '-') term | term */
static py_expr *sum_raw(py_parser *p)
{
    static const int toks[] = {PY_TOK_PLUS, PY_TOK_MINUS};
    static const py_operator ops[] = {PY_Add, PY_Sub};
    return binop_raw(p, sum, toks, ops, 2, term);
}

static py_expr *sum(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_SUM, sum_raw); }

/* term: term ('*' | '/' | '//' | '%' | '@') factor | factor */
static py_expr *term_raw(py_parser *p)
{
    static const int toks[] = {PY_TOK_STAR, PY_TOK_SLASH, PY_TOK_DOUBLESLASH, PY_TOK_PERCENT, PY_TOK_AT};
    static const py_operator ops[] = {PY_Mult, PY_Div, PY_FloorDiv, PY_Mod, PY_MatMult};
    return binop_raw(p, term, toks, ops, 5, factor);
}

static py_expr *term(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_TERM, term_raw); }

static py_expr *power(py_parser *p);

/* factor (memo): '+' factor | '-' factor | '~' factor | power */
static py_expr *factor(py_parser *p)
{
    static const struct { int tok; py_unaryop op; } alts[] = {
        {PY_TOK_PLUS, PY_UAdd}, {PY_TOK_MINUS, PY_USub}, {PY_TOK_TILDE, PY_Invert}};
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_FACTOR, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    for (int i = 0; i < 3; i++) {
        CHECK();
        py_expr *a;
        if (TOK(alts[i].tok) && (a = factor(p))) {
            res = py_parse_node(p, PY_UnaryOp_kind, &start);
            ACTION_CHECK(res);
            res->v.UnaryOp.op = alts[i].op;
            res->v.UnaryOp.operand = a;
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = power(p))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_FACTOR, res);
    RET(res);
}

static py_expr *await_primary(py_parser *p);

/* power: await_primary '**' factor | await_primary */
static py_expr *power(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a, *b;
        if ((a = await_primary(p)) && TOK(PY_TOK_DOUBLESTAR) && (b = factor(p))) {
            py_expr *e = binop_node(p, a, PY_Pow, b, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = await_primary(p))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

/* await_primary (memo): AWAIT primary | primary */
static py_expr *await_primary(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_AWAIT_PRIMARY, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_TOK_AWAIT) && (a = py_rule_primary(p))) {
            res = py_parse_node(p, PY_Await_kind, &start);
            ACTION_CHECK(res);
            res->v.Await.value = a;
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = py_rule_primary(p))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_AWAIT_PRIMARY, res);
    RET(res);
}

/* ====================================================================== */
/* primary, slices, atom                                                   */
/* ====================================================================== */

/* Call(func, args, keywords) from an arguments Call (or NULL). */
static py_expr *call_node(py_parser *p, py_expr *func, py_expr *args, const py_pos *start)
{
    py_expr *e = py_parse_node(p, PY_Call_kind, start);
    if (!e) return NULL;
    e->v.Call.func = func;
    e->v.Call.args = args ? args->v.Call.args : NULL;
    e->v.Call.keywords = args ? args->v.Call.keywords : NULL;
    return e;
}

/* The trailers shared by primary and t_primary:
 *     | self '.' NAME | self genexp | self '(' [arguments] ')' | self '[' slices ']'
 * ctx: the context of Attribute and Subscript; need_lookahead: 1 &t_lookahead
 * (t_primary), 0 none (primary). */
py_expr *py_parse_trailers(py_parser *p, py_expr *(*self)(py_parser *), int mark,
                             const py_pos *start, int t_primary_order)
{
    py_expr *a, *b;
    /* self '.' NAME */
    if (p->error_indicator) return NULL;
    if ((a = self(p)) && TOK(PY_TOK_DOT) && (b = py_parse_name_token(p)) &&
        (!t_primary_order || (py_parse_peek(p, PY_TOK_LPAR) || py_parse_peek(p, PY_TOK_LSQB) ||
                              py_parse_peek(p, PY_TOK_DOT)))) {
        py_expr *e = py_parse_node(p, PY_Attribute_kind, start);
        if (!e) return NULL;
        e->v.Attribute.value = a;
        e->v.Attribute.attr = b->v.Name.id;
        e->v.Attribute.ctx = PY_Load;
        return e;
    }
    p->mark = mark;
    for (int alt = 0; alt < 3; alt++) {
        /* primary: genexp, call, subscript; t_primary: subscript, genexp, call */
        int which = t_primary_order ? (alt == 0 ? 2 : alt - 1) : alt;
        if (p->error_indicator) return NULL;
        py_expr *e = NULL;
        if (which == 0) {
            if ((a = self(p)) && (b = py_rule_genexp(p))) {
                py_seq *args = py_seq_singleton(p, b);
                if (!args) return NULL;
                e = py_parse_node(p, PY_Call_kind, start);
                if (!e) return NULL;
                e->v.Call.func = a;
                e->v.Call.args = args;
            }
        } else if (which == 1) {
            if ((a = self(p)) && TOK(PY_TOK_LPAR) && (b = py_rule_arguments(p), NOERR) && TOK(PY_TOK_RPAR)) {
                e = call_node(p, a, b, start);
                if (!e) return NULL;
            }
        } else {
            if ((a = self(p)) && TOK(PY_TOK_LSQB) && (b = py_rule_slices(p)) && TOK(PY_TOK_RSQB)) {
                e = py_parse_node(p, PY_Subscript_kind, start);
                if (!e) return NULL;
                e->v.Subscript.value = a;
                e->v.Subscript.slice = b;
                e->v.Subscript.ctx = PY_Load;
            }
        }
        if (e && t_primary_order &&
            !(py_parse_peek(p, PY_TOK_LPAR) || py_parse_peek(p, PY_TOK_LSQB) || py_parse_peek(p, PY_TOK_DOT)))
            e = NULL;
        if (e) return e;
        p->mark = mark;
    }
    return NULL;
}

/* primary_raw: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
 *     | primary '[' slices ']' | atom */
static py_expr *primary_raw(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    py_expr *e = py_parse_trailers(p, py_rule_primary, mark, &start, 0);
    if (e) RET(e);
    CHECK();
    p->mark = mark;
    if ((e = py_rule_atom(p))) RET(e);
    p->mark = mark;
    RET(NULL);
}

py_expr *py_rule_primary(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_PRIMARY, primary_raw); }

/* starred_expression: '*' expression */
py_expr *py_rule_starred_expression(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *a;
    if (TOK(PY_TOK_STAR) && (a = py_rule_expression(p))) {
        py_expr *e = py_parse_node(p, PY_Starred_kind, &start);
        ACTION_CHECK(e);
        e->v.Starred.value = a;
        e->v.Starred.ctx = PY_Load;
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* _tmp: ':' [expression] */
static py_expr *tmp_colon_expression(py_parser *p, int *matched)
{
    ENTER();
    int mark = p->mark;
    py_expr *d;
    *matched = 0;
    if (!p->error_indicator && TOK(PY_TOK_COLON) && (d = py_rule_expression(p), NOERR)) {
        *matched = 1;
        RET(d);
    }
    p->mark = mark;
    RET(NULL);
}

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static py_expr *slice(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a, *b, *c;
        int matched;
        if ((a = py_rule_expression(p), NOERR) && TOK(PY_TOK_COLON) && (b = py_rule_expression(p), NOERR) &&
            (c = tmp_colon_expression(p, &matched), NOERR)) {
            py_expr *e = py_parse_node(p, PY_Slice_kind, &start);
            ACTION_CHECK(e);
            e->v.Slice.lower = a;
            e->v.Slice.upper = b;
            e->v.Slice.step = c;
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_named_expression(p))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

/* _tmp: slice | starred_expression */
static void *slice_or_starred(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *e;
    if (!p->error_indicator && (e = slice(p))) RET(e);
    p->mark = mark;
    if (!p->error_indicator && (e = py_rule_starred_expression(p))) RET(e);
    p->mark = mark;
    RET(NULL);
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
py_expr *py_rule_slices(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        if ((a = slice(p)) && !py_parse_peek(p, PY_TOK_COMMA) && NOERR) RET(a);
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0};
        if (py_parse_gather(p, slice_or_starred, &v) && (TOK(PY_TOK_COMMA), NOERR)) {
            py_seq *elts = py_vec_seq(p, &v);
            ACTION_CHECK(elts);
            py_expr *e = py_parse_seq_node(p, PY_Tuple_kind, elts, PY_Load, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    RET(NULL);
}

static py_expr *group(py_parser *p);

/* _tmp: first of up to four rules that matches. */
static py_expr *tmp_alternatives(py_parser *p, py_expr *(*const *rules)(py_parser *), int n)
{
    ENTER();
    int mark = p->mark;
    for (int i = 0; i < n; i++) {
        CHECK();
        py_expr *e;
        if ((e = rules[i](p))) RET(e);
        p->mark = mark;
    }
    RET(NULL);
}

/* atom: NAME | 'True' | 'False' | 'None' | &STRING strings | NUMBER
 *     | &'(' (tuple | group | genexp) | &'[' (list | py_rule_listcomp)
 *     | &'{' (dict | set | py_rule_dictcomp | py_rule_setcomp) | '...' */
py_expr *py_rule_atom(py_parser *p)
{
    static py_expr *(*const paren[])(py_parser *) = {py_rule_tuple, group, py_rule_genexp};
    static py_expr *(*const bracket[])(py_parser *) = {py_rule_list, py_rule_listcomp};
    static py_expr *(*const brace[])(py_parser *) = {py_rule_dict, py_rule_set, py_rule_dictcomp, py_rule_setcomp};
    static const struct { int tok; py_const_kind kind; } consts[] = {
        {PY_KW_TRUE, PY_CONST_TRUE}, {PY_KW_FALSE, PY_CONST_FALSE}, {PY_KW_NONE, PY_CONST_NONE}};
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    py_expr *e;
    CHECK();
    if ((e = py_parse_name_token(p))) RET(e);
    p->mark = mark;
    for (int i = 0; i < 3; i++) {
        CHECK();
        if (TOK(consts[i].tok)) {
            py_pos pos = EXTRA(start);
            e = py_parse_constant(p, consts[i].kind, &pos);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    CHECK();
    if (py_parse_peek(p, PY_TOK_STRING) && (e = py_rule_strings(p))) RET(e);
    p->mark = mark;
    CHECK();
    if ((e = py_parse_number_token(p))) RET(e);
    p->mark = mark;
    CHECK();
    if (py_parse_peek(p, PY_TOK_LPAR) && (e = tmp_alternatives(p, paren, 3))) RET(e);
    p->mark = mark;
    CHECK();
    if (py_parse_peek(p, PY_TOK_LSQB) && (e = tmp_alternatives(p, bracket, 2))) RET(e);
    p->mark = mark;
    CHECK();
    if (py_parse_peek(p, PY_TOK_LBRACE) && (e = tmp_alternatives(p, brace, 4))) RET(e);
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_ELLIPSIS)) {
        py_pos pos = EXTRA(start);
        e = py_parse_constant(p, PY_CONST_ELLIPSIS, &pos);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* group: '(' (yield_expr | named_expression) ')' | invalid_group */
static py_expr *group(py_parser *p)
{
    static py_expr *(*const inner[])(py_parser *) = {py_rule_yield_expr, py_rule_named_expression};
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_TOK_LPAR) && (a = tmp_alternatives(p, inner, 2)) && TOK(PY_TOK_RPAR)) RET(a);
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_group(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}
