/*
 * parser_display.c -- lambdas, literals and displays, comprehensions: the
 * rules of CPython 3.11's grammar from "Lambda functions" to
 * "Comprehensions & Generators", written out as the generated parser runs
 * them.
 *
 * Owns: lambdef and its parameters, the strings rule (concatenation is
 * parser_string.c's), list/tuple/set/dict displays, the four kinds of
 * comprehension and their for/if clauses (async ones too), and the
 * invalid_ rules over lambda parameters and dict displays.
 */
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* ====================================================================== */
/* Lambdas                                                                 */
/* ====================================================================== */

typedef struct lname_default {
    py_arg *arg;
    py_expr *value;
} lname_default;

/* lambda_param: NAME */
static py_arg *lambda_param(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *a;
    if ((a = py_parse_name_token(p))) {
        py_pos pos = EXTRA(start);
        py_arg *r = py_parse_alloc(p, sizeof *r);
        ACTION_CHECK(r);
        r->arg = a->v.Name.id;
        r->lineno = pos.lineno;
        r->col_offset = pos.col_offset;
        r->end_lineno = pos.end_lineno;
        r->end_col_offset = pos.end_col_offset;
        RET(r);
    }
    p->mark = mark;
    RET(NULL);
}

/* lambda_param_no_default: lambda_param ',' | lambda_param &':' */
static py_arg *lambda_param_no_default(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_arg *a;
    CHECK();
    if ((a = lambda_param(p)) && TOK(PY_TOK_COMMA)) RET(a);
    p->mark = mark;
    CHECK();
    if ((a = lambda_param(p)) && py_parse_peek(p, PY_TOK_COLON)) RET(a);
    p->mark = mark;
    RET(NULL);
}

/* default: '=' expression | invalid_default */
static py_expr *lambda_default(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_TOK_EQUAL) && (a = py_rule_expression(p))) RET(a);
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_default(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* lambda_param_with_default / lambda_param_maybe_default:
 *     lambda_param default[?] ',' | lambda_param default[?] &':' */
static lname_default *lambda_param_with_default(py_parser *p, int maybe)
{
    ENTER();
    int mark = p->mark;
    for (int alt = 0; alt < 2; alt++) {
        CHECK();
        py_arg *a;
        py_expr *c = NULL;
        if ((a = lambda_param(p)) && (maybe ? ((c = lambda_default(p)), NOERR) : (c = lambda_default(p)) != NULL) &&
            (alt == 0 ? TOK(PY_TOK_COMMA) != NULL : py_parse_peek(p, PY_TOK_COLON))) {
            lname_default *nd = py_arena_alloc(p->tmp, sizeof *nd);
            if (!nd) RET(py_parse_nomem(p));
            nd->arg = a;
            nd->value = c;
            RET(nd);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* lambda_param_no_default* / + */
static int loop_lambda_no_default(py_parser *p, py_vec *v, int min)
{
    if (py_parse_enter(p)) return -1;
    int mark = p->mark;
    py_arg *a;
    while (!p->error_indicator && (a = lambda_param_no_default(p))) {
        if (py_vec_push(p, v, a) < 0) break;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return p->error_indicator || v->n < min ? -1 : v->n;
}

/* lambda_param_with_default* / + (or maybe_default) */
static int loop_lambda_with_default(py_parser *p, py_vec *v, int min, int maybe)
{
    if (py_parse_enter(p)) return -1;
    int mark = p->mark;
    lname_default *nd;
    while (!p->error_indicator && (nd = lambda_param_with_default(p, maybe))) {
        if (py_vec_push(p, v, nd) < 0) break;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return p->error_indicator || v->n < min ? -1 : v->n;
}

/* lambda_kwds: invalid_lambda_kwds | '**' lambda_param_no_default */
static py_arg *lambda_kwds(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_lambda_kwds(p)) RET(NULL);
        p->mark = mark;
    }
    CHECK();
    py_arg *a;
    if (TOK(PY_TOK_DOUBLESTAR) && (a = lambda_param_no_default(p))) RET(a);
    p->mark = mark;
    RET(NULL);
}

typedef struct lstar_etc {
    py_arg *vararg;
    py_vec kwonly;
    py_arg *kwarg;
} lstar_etc;

/* lambda_star_etc: invalid_lambda_star_etc
 *     | '*' lambda_param_no_default lambda_param_maybe_default* [lambda_kwds]
 *     | '*' ',' lambda_param_maybe_default+ [lambda_kwds]
 *     | lambda_kwds */
static lstar_etc *lambda_star_etc(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    lstar_etc *se = py_arena_alloc(p->tmp, sizeof *se);
    if (!se) RET(py_parse_nomem(p));
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_lambda_star_etc(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *a, *c;
        py_vec b = {0};
        if (TOK(PY_TOK_STAR) && (a = lambda_param_no_default(p)) && loop_lambda_with_default(p, &b, 0, 1) >= 0 &&
            (c = lambda_kwds(p), NOERR)) {
            se->vararg = a;
            se->kwonly = b;
            se->kwarg = c;
            RET(se);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *c;
        py_vec b = {0};
        if (TOK(PY_TOK_STAR) && TOK(PY_TOK_COMMA) && loop_lambda_with_default(p, &b, 1, 1) > 0 &&
            (c = lambda_kwds(p), NOERR)) {
            se->kwonly = b;
            se->kwarg = c;
            RET(se);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *a;
        if ((a = lambda_kwds(p))) {
            se->kwarg = a;
            RET(se);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* Split name/default pairs into v_names and v_values. */
static int lsplit(py_parser *p, const py_vec *v, py_vec *names, py_vec *values)
{
    for (int i = 0; i < v->n; i++) {
        lname_default *nd = v->items[i];
        if ((names && py_vec_push(p, names, nd->arg) < 0) ||
            (values && py_vec_push(p, values, nd->value) < 0))
            return -1;
    }
    return 0;
}

/* _PyPegen_make_arguments for lambdas. */
static py_arguments *lambda_arguments(py_parser *p, const py_vec *slash_nd, const py_vec *swd_plain,
                                      const py_vec *swd_defaults, const py_vec *plain,
                                      const py_vec *with_default, const lstar_etc *se)
{
    py_vec posonly = {0}, args = {0}, defaults = {0}, kwonly = {0}, kwdefaults = {0};
    if (slash_nd) {
        posonly = *slash_nd;
    } else if (swd_plain) {
        for (int i = 0; i < swd_plain->n; i++)
            if (py_vec_push(p, &posonly, swd_plain->items[i]) < 0) return NULL;
        if (lsplit(p, swd_defaults, &posonly, &defaults) < 0) return NULL;
    }
    if (plain)
        for (int i = 0; i < plain->n; i++)
            if (py_vec_push(p, &args, plain->items[i]) < 0) return NULL;
    if (with_default && lsplit(p, with_default, &args, &defaults) < 0) return NULL;
    if (se && lsplit(p, &se->kwonly, &kwonly, &kwdefaults) < 0) return NULL;
    py_arguments *a = py_parse_alloc(p, sizeof *a);
    if (!a) return NULL;
    if (!(a->posonlyargs = py_vec_seq(p, &posonly)) || !(a->args = py_vec_seq(p, &args)) ||
        !(a->kwonlyargs = py_vec_seq(p, &kwonly)) || !(a->kw_defaults = py_vec_seq(p, &kwdefaults)) ||
        !(a->defaults = py_vec_seq(p, &defaults)))
        return NULL;
    a->vararg = se ? se->vararg : NULL;
    a->kwarg = se ? se->kwarg : NULL;
    return a;
}

/* lambda_slash_no_default: lambda_param_no_default+ '/' ',' | ... '/' &':' */
static int lambda_slash_no_default(py_parser *p, py_vec *out)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    for (int alt = 0; alt < 2; alt++) {
        if (p->error_indicator) break;
        py_vec v = {0};
        if (loop_lambda_no_default(p, &v, 1) > 0 && TOK(PY_TOK_SLASH) &&
            (alt == 0 ? TOK(PY_TOK_COMMA) != NULL : py_parse_peek(p, PY_TOK_COLON))) {
            *out = v;
            p->level--;
            return 1;
        }
        p->mark = mark;
    }
    p->level--;
    return 0;
}

/* lambda_slash_with_default: lambda_param_no_default* lambda_param_with_default+ '/' ','
 *     | ... '/' &':' */
static int lambda_slash_with_default(py_parser *p, py_vec *plain, py_vec *with_default)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    for (int alt = 0; alt < 2; alt++) {
        if (p->error_indicator) break;
        py_vec a = {0}, b = {0};
        if (loop_lambda_no_default(p, &a, 0) >= 0 && loop_lambda_with_default(p, &b, 1, 0) > 0 &&
            TOK(PY_TOK_SLASH) && (alt == 0 ? TOK(PY_TOK_COMMA) != NULL : py_parse_peek(p, PY_TOK_COLON))) {
            *plain = a;
            *with_default = b;
            p->level--;
            return 1;
        }
        p->mark = mark;
    }
    p->level--;
    return 0;
}

/* lambda_parameters (the five forms of parameters) */
static py_arguments *lambda_parameters(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_arguments *res;
    {
        CHECK();
        py_vec a = {0}, b = {0}, c = {0};
        lstar_etc *d;
        if (lambda_slash_no_default(p, &a) && loop_lambda_no_default(p, &b, 0) >= 0 &&
            loop_lambda_with_default(p, &c, 0, 0) >= 0 && (d = lambda_star_etc(p), NOERR)) {
            res = lambda_arguments(p, &a, NULL, NULL, &b, &c, d);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec a1 = {0}, a2 = {0}, b = {0};
        lstar_etc *c;
        if (lambda_slash_with_default(p, &a1, &a2) && loop_lambda_with_default(p, &b, 0, 0) >= 0 &&
            (c = lambda_star_etc(p), NOERR)) {
            res = lambda_arguments(p, NULL, &a1, &a2, NULL, &b, c);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec a = {0}, b = {0};
        lstar_etc *c;
        if (loop_lambda_no_default(p, &a, 1) > 0 && loop_lambda_with_default(p, &b, 0, 0) >= 0 &&
            (c = lambda_star_etc(p), NOERR)) {
            res = lambda_arguments(p, NULL, NULL, NULL, &a, &b, c);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec a = {0};
        lstar_etc *b;
        if (loop_lambda_with_default(p, &a, 1, 0) > 0 && (b = lambda_star_etc(p), NOERR)) {
            res = lambda_arguments(p, NULL, NULL, NULL, NULL, &a, b);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        lstar_etc *a;
        if ((a = lambda_star_etc(p))) {
            res = lambda_arguments(p, NULL, NULL, NULL, NULL, NULL, a);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* lambda_params: invalid_lambda_parameters | lambda_parameters */
py_arguments *py_rule_lambda_params(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_lambda_parameters(p)) RET(NULL);
        p->mark = mark;
    }
    CHECK();
    py_arguments *a;
    if ((a = lambda_parameters(p))) RET(a);
    p->mark = mark;
    RET(NULL);
}

/* lambdef: 'lambda' [lambda_params] ':' expression */
py_expr *py_rule_lambdef(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_arguments *a;
    py_expr *b;
    if (TOK(PY_KW_LAMBDA) && (a = py_rule_lambda_params(p), NOERR) && TOK(PY_TOK_COLON) &&
        (b = py_rule_expression(p))) {
        if (!a) {
            a = py_parse_alloc(p, sizeof *a);
            ACTION_CHECK(a);
        }
        py_expr *e = py_parse_node(p, PY_Lambda_kind, &start);
        ACTION_CHECK(e);
        e->v.Lambda.args = a;
        e->v.Lambda.body = b;
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* ====================================================================== */
/* Literals and displays                                                   */
/* ====================================================================== */

/* strings (memo): STRING+ */
py_expr *py_rule_strings(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_STRINGS, &res)) RET(res);
    int mark = p->mark;
    {
        CHECK();
        py_vec v = {0};
        if (!py_parse_enter(p)) { /* _loop1 */
            int lmark = p->mark;
            py_token *t;
            while (!p->error_indicator && (t = TOK(PY_TOK_STRING))) {
                if (py_vec_push(p, &v, t) < 0) break;
                lmark = p->mark;
            }
            p->mark = lmark;
            p->level--;
        }
        if (v.n > 0 && NOERR) {
            res = py_parse_concatenate_strings(p, (py_token **)v.items, v.n);
            if (!res) {
                p->error_indicator = 1;
                RET(NULL);
            }
            goto done;
        }
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_STRINGS, res);
    RET(res);
}

/* list: '[' [star_named_expressions] ']' */
py_expr *py_rule_list(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_seq *a;
    if (TOK(PY_TOK_LSQB) && (a = py_rule_star_named_expressions(p), NOERR) && TOK(PY_TOK_RSQB)) {
        py_expr *e = py_parse_seq_node(p, PY_List_kind, a, PY_Load, &start);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* _tmp: star_named_expression ',' [star_named_expressions] */
static py_seq *tmp_tuple_items(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *y;
    py_seq *z;
    if (!p->error_indicator && (y = py_rule_star_named_expression(p)) && TOK(PY_TOK_COMMA) &&
        (z = py_rule_star_named_expressions(p), NOERR)) {
        py_seq *s = py_seq_insert_in_front(p, y, z);
        ACTION_CHECK(s);
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* tuple: '(' [star_named_expression ',' [star_named_expressions]] ')' */
py_expr *py_rule_tuple(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_seq *a;
    if (TOK(PY_TOK_LPAR) && (a = tmp_tuple_items(p), NOERR) && TOK(PY_TOK_RPAR)) {
        py_expr *e = py_parse_seq_node(p, PY_Tuple_kind, a, PY_Load, &start);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* set: '{' star_named_expressions '}' */
py_expr *py_rule_set(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_seq *a;
    if (TOK(PY_TOK_LBRACE) && (a = py_rule_star_named_expressions(p)) && TOK(PY_TOK_RBRACE)) {
        py_expr *e = py_parse_node(p, PY_Set_kind, &start);
        ACTION_CHECK(e);
        e->v.Set.elts = a;
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* A key/value pair (KeyValuePair); key NULL for **value. */
typedef struct kv_pair {
    py_expr *key, *value;
} kv_pair;

/* kvpair: expression ':' expression  (returns the key, *value the value) */
py_expr *py_rule_kvpair(py_parser *p, py_expr **value)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_expr *a, *b;
    if ((a = py_rule_expression(p)) && TOK(PY_TOK_COLON) && (b = py_rule_expression(p))) {
        *value = b;
        RET(a);
    }
    p->mark = mark;
    RET(NULL);
}

/* double_starred_kvpair: '**' bitwise_or | kvpair */
static void *double_starred_kvpair(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_TOK_DOUBLESTAR) && (a = py_rule_bitwise_or(p))) {
            kv_pair *kv = py_arena_alloc(p->tmp, sizeof *kv);
            if (!kv) RET(py_parse_nomem(p));
            kv->value = a;
            RET(kv);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *k, *v;
        if ((k = py_rule_kvpair(p, &v))) {
            kv_pair *kv = py_arena_alloc(p->tmp, sizeof *kv);
            if (!kv) RET(py_parse_nomem(p));
            kv->key = k;
            kv->value = v;
            RET(kv);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* double_starred_kvpairs: ','.double_starred_kvpair+ [','] */
static int double_starred_kvpairs(py_parser *p, py_vec *v)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    if (!p->error_indicator && py_parse_gather(p, double_starred_kvpair, v) && (TOK(PY_TOK_COMMA), NOERR)) {
        p->level--;
        return 1;
    }
    p->mark = mark;
    p->level--;
    return 0;
}

/* dict: '{' [double_starred_kvpairs] '}' | '{' invalid_double_starred_kvpairs '}' */
py_expr *py_rule_dict(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_vec v = {0};
        if (TOK(PY_TOK_LBRACE) && (double_starred_kvpairs(p, &v), NOERR) && TOK(PY_TOK_RBRACE)) {
            py_expr *e = py_parse_node(p, PY_Dict_kind, &start);
            ACTION_CHECK(e);
            py_seq *keys = py_parse_seq(p, v.n), *values = py_parse_seq(p, v.n);
            ACTION_CHECK(keys && values);
            for (int i = 0; i < v.n; i++) {
                keys->items[i] = ((kv_pair *)v.items[i])->key;
                values->items[i] = ((kv_pair *)v.items[i])->value;
            }
            e->v.Dict.keys = keys;
            e->v.Dict.values = values;
            RET(e);
        }
        p->mark = mark;
    }
    {
        /* Not guarded by call_invalid_rules: CPython's generator guards
         * only alternatives made of a lone invalid_ rule, so this one runs
         * in the first pass too. */
        CHECK();
        if (TOK(PY_TOK_LBRACE) && py_invalid_double_starred_kvpairs(p) && TOK(PY_TOK_RBRACE)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* Comprehensions                                                          */
/* ====================================================================== */

/* for_if_clause:
 *     | ASYNC 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
 *     | 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
 *     | invalid_for_target */
static void *for_if_clause(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    for (int is_async = 1; is_async >= 0; is_async--) {
        CHECK();
        int cut = 0;
        py_token *at = NULL;
        py_expr *a, *b;
        py_vec c = {0};
        int ok = 0;
        if ((!is_async || (at = TOK(PY_TOK_ASYNC))) && TOK(PY_KW_FOR) && (a = py_rule_star_targets(p)) &&
            TOK(PY_KW_IN) && (cut = 1) && (b = py_rule_disjunction(p))) {
            if (!py_parse_enter(p)) { /* _loop0: ('if' disjunction)* */
                int lmark = p->mark;
                py_expr *z;
                while (!p->error_indicator && (z = py_parse_keyword_operand(p, PY_KW_IF, py_rule_disjunction))) {
                    if (py_vec_push(p, &c, z) < 0) break;
                    lmark = p->mark;
                }
                p->mark = lmark;
                ok = NOERR;
                p->level--;
            }
            if (ok) {
                py_comprehension *comp = py_parse_alloc(p, sizeof *comp);
                ACTION_CHECK(comp);
                comp->target = a;
                comp->iter = b;
                comp->ifs = py_vec_seq(p, &c);
                ACTION_CHECK(comp->ifs);
                comp->is_async = is_async;
                if (at) {
                    comp->async_lineno = at->lineno;
                    comp->async_col_offset = at->col_offset;
                }
                RET(comp);
            }
        }
        p->mark = mark;
        if (cut) RET(NULL);
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_for_target(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* for_if_clauses: for_if_clause+ */
py_seq *py_rule_for_if_clauses(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_vec v = {0};
    if (!py_parse_enter(p)) { /* _loop1 */
        int lmark = p->mark;
        void *c;
        while (!p->error_indicator && (c = for_if_clause(p))) {
            if (py_vec_push(p, &v, c) < 0) break;
            lmark = p->mark;
        }
        p->mark = lmark;
        p->level--;
    }
    if (v.n > 0 && NOERR) {
        py_seq *s = py_vec_seq(p, &v);
        ACTION_CHECK(s);
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* py_rule_listcomp / py_rule_setcomp: open named_expression for_if_clauses close | invalid_comprehension */
static py_expr *comp_rule(py_parser *p, int open, int close, py_expr_kind kind)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        py_seq *b;
        if (TOK(open) && (a = py_rule_named_expression(p)) && (b = py_rule_for_if_clauses(p)) && TOK(close)) {
            py_expr *e = py_parse_node(p, kind, &start);
            ACTION_CHECK(e);
            e->v.ListComp.elt = a;
            e->v.ListComp.generators = b;
            RET(e);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_comprehension(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

py_expr *py_rule_listcomp(py_parser *p) { return comp_rule(p, PY_TOK_LSQB, PY_TOK_RSQB, PY_ListComp_kind); }
py_expr *py_rule_setcomp(py_parser *p) { return comp_rule(p, PY_TOK_LBRACE, PY_TOK_RBRACE, PY_SetComp_kind); }

/* _tmp: assignment_expression | expression !':=' */
py_expr *py_parse_genexp_elt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *e;
    if (!p->error_indicator && (e = py_rule_assignment_expression(p))) RET(e);
    p->mark = mark;
    if (!p->error_indicator && (e = py_rule_expression(p)) && !py_parse_peek(p, PY_TOK_COLONEQUAL) && NOERR)
        RET(e);
    p->mark = mark;
    RET(NULL);
}

/* genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')'
 *     | invalid_comprehension */
py_expr *py_rule_genexp(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        py_seq *b;
        if (TOK(PY_TOK_LPAR) && (a = py_parse_genexp_elt(p)) && (b = py_rule_for_if_clauses(p)) &&
            TOK(PY_TOK_RPAR)) {
            py_expr *e = py_parse_node(p, PY_GeneratorExp_kind, &start);
            ACTION_CHECK(e);
            e->v.ListComp.elt = a;
            e->v.ListComp.generators = b;
            RET(e);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_comprehension(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* py_rule_dictcomp: '{' kvpair for_if_clauses '}' | invalid_dict_comprehension */
py_expr *py_rule_dictcomp(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *k, *v;
        py_seq *b;
        if (TOK(PY_TOK_LBRACE) && (k = py_rule_kvpair(p, &v)) && (b = py_rule_for_if_clauses(p)) &&
            TOK(PY_TOK_RBRACE)) {
            py_expr *e = py_parse_node(p, PY_DictComp_kind, &start);
            ACTION_CHECK(e);
            e->v.DictComp.key = k;
            e->v.DictComp.value = v;
            e->v.DictComp.generators = b;
            RET(e);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_dict_comprehension(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* invalid_ rules over lambda parameters and dict displays                 */
/* ====================================================================== */

/* invalid_lambda_parameters_helper: lambda_slash_with_default | lambda_param_with_default+ */
static int invalid_lambda_parameters_helper(py_parser *p)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    py_vec a = {0}, b = {0};
    if (!p->error_indicator && lambda_slash_with_default(p, &a, &b)) {
        p->level--;
        return 1;
    }
    p->mark = mark;
    py_vec v = {0};
    if (!p->error_indicator && loop_lambda_with_default(p, &v, 1, 0) > 0) {
        p->level--;
        return 1;
    }
    p->mark = mark;
    p->level--;
    return 0;
}

/* (lambda_slash_no_default | lambda_slash_with_default) */
static int tmp_lambda_any_slash(py_parser *p)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    py_vec v = {0}, a = {0}, b = {0};
    int ok = lambda_slash_no_default(p, &v);
    if (!ok) {
        p->mark = mark;
        ok = NOERR && lambda_slash_with_default(p, &a, &b);
        if (!ok) p->mark = mark;
    }
    p->level--;
    return ok;
}

/* (',' | lambda_param_no_default) or (lambda_param_no_default | ',') */
static int tmp_lambda_comma_or_param(py_parser *p, int param_first)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark, ok;
    if (param_first) {
        ok = lambda_param_no_default(p) != NULL;
        if (!ok && NOERR) ok = TOK(PY_TOK_COMMA) != NULL;
    } else {
        ok = TOK(PY_TOK_COMMA) != NULL;
        if (!ok && NOERR) ok = lambda_param_no_default(p) != NULL;
    }
    if (!ok) p->mark = mark;
    p->level--;
    return ok;
}

static void *lambda_param_elem(py_parser *p) { return lambda_param(p); }

/* invalid_lambda_parameters: the invalid_parameters forms for lambdas */
void *py_invalid_lambda_parameters(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_vec v = {0};
        py_arg *a;
        if (loop_lambda_no_default(p, &v, 0) >= 0 && invalid_lambda_parameters_helper(p) &&
            (a = lambda_param_no_default(p))) {
            py_pos pos = py_arg_pos(a);
            RET(py_parse_raise_node(p, &pos, &pos, "non-default argument follows default argument"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0}, w = {0};
        py_token *a, *b;
        if (loop_lambda_no_default(p, &v, 0) >= 0 && (a = TOK(PY_TOK_LPAR)) && py_parse_gather(p, lambda_param_elem, &w) &&
            (TOK(PY_TOK_COMMA), NOERR) && (b = TOK(PY_TOK_RPAR))) {
            py_pos pa = py_token_pos(a), pb = py_token_pos(b);
            RET(py_parse_raise_node(p, &pa, &pb, "Lambda expression parameters cannot be parenthesized"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        if ((a = TOK(PY_TOK_SLASH)) && TOK(PY_TOK_COMMA)) RET(py_parse_raise_at_token(p, a, "at least one argument must precede /"));
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0};
        py_token *a;
        if (tmp_lambda_any_slash(p) && loop_lambda_with_default(p, &v, 0, 1) >= 0 && (a = TOK(PY_TOK_SLASH)))
            RET(py_parse_raise_at_token(p, a, "/ may appear only once"));
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0}, w = {0};
        py_token *a;
        if ((tmp_lambda_any_slash(p), NOERR) && loop_lambda_with_default(p, &v, 0, 1) >= 0 && TOK(PY_TOK_STAR) &&
            tmp_lambda_comma_or_param(p, 0) && loop_lambda_with_default(p, &w, 0, 1) >= 0 && (a = TOK(PY_TOK_SLASH)))
            RET(py_parse_raise_at_token(p, a, "/ must be ahead of *"));
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0};
        py_token *a;
        if (loop_lambda_with_default(p, &v, 1, 1) > 0 && TOK(PY_TOK_SLASH) && (a = TOK(PY_TOK_STAR)))
            RET(py_parse_raise_at_token(p, a, "expected comma between / and *"));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_lambda_star_etc:
 *     | '*' (':' | ',' (':' | '**'))
 *     | '*' lambda_param '='
 *     | '*' (lambda_param_no_default | ',') lambda_param_maybe_default* '*' (lambda_param_no_default | ',') */
void *py_invalid_lambda_star_etc(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        if (TOK(PY_TOK_STAR)) {
            p->level++;
            int m2 = p->mark;
            int ok = TOK(PY_TOK_COLON) != NULL;
            if (!ok && NOERR) {
                p->mark = m2;
                if (TOK(PY_TOK_COMMA)) {
                    p->level++;
                    ok = TOK(PY_TOK_COLON) != NULL;
                    if (!ok && NOERR) ok = TOK(PY_TOK_DOUBLESTAR) != NULL;
                    p->level--;
                }
            }
            p->level--;
            if (ok) RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "named arguments must follow bare *"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        if (TOK(PY_TOK_STAR) && lambda_param(p) && (a = TOK(PY_TOK_EQUAL)))
            RET(py_parse_raise_at_token(p, a, "var-positional argument cannot have default value"));
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0};
        py_token *a;
        if (TOK(PY_TOK_STAR) && tmp_lambda_comma_or_param(p, 1) && loop_lambda_with_default(p, &v, 0, 1) >= 0 &&
            (a = TOK(PY_TOK_STAR)) && tmp_lambda_comma_or_param(p, 1))
            RET(py_parse_raise_at_token(p, a, "* argument may appear only once"));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_lambda_kwds:
 *     | '**' lambda_param '='
 *     | '**' lambda_param ',' lambda_param
 *     | '**' lambda_param ',' ('*'|'**'|'/') */
void *py_invalid_lambda_kwds(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_token *a;
        if (TOK(PY_TOK_DOUBLESTAR) && lambda_param(p) && (a = TOK(PY_TOK_EQUAL)))
            RET(py_parse_raise_at_token(p, a, "var-keyword argument cannot have default value"));
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *a;
        if (TOK(PY_TOK_DOUBLESTAR) && lambda_param(p) && TOK(PY_TOK_COMMA) && (a = lambda_param(p))) {
            py_pos pos = py_arg_pos(a);
            RET(py_parse_raise_node(p, &pos, &pos, "arguments cannot follow var-keyword argument"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a = NULL;
        if (TOK(PY_TOK_DOUBLESTAR) && lambda_param(p) && TOK(PY_TOK_COMMA)) {
            p->level++;
            a = TOK(PY_TOK_STAR);
            if (!a && NOERR) a = TOK(PY_TOK_DOUBLESTAR);
            if (!a && NOERR) a = TOK(PY_TOK_SLASH);
            p->level--;
            if (a) RET(py_parse_raise_at_token(p, a, "arguments cannot follow var-keyword argument"));
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* expression ':' '*' bitwise_or | expression ':' &('}'|',') : the two
 * alternatives invalid_double_starred_kvpairs and invalid_kvpair share. */
static void *invalid_value_after_colon(py_parser *p, int mark)
{
    py_token *a;
    if (p->error_indicator) return NULL;
    if (py_rule_expression(p) && TOK(PY_TOK_COLON) && (a = TOK(PY_TOK_STAR)) && py_rule_bitwise_or(p)) {
        py_pos pos = py_token_pos(a);
        return py_parse_raise_starting_from(p, &pos, "cannot use a starred expression in a dictionary value");
    }
    p->mark = mark;
    if (p->error_indicator) return NULL;
    if (py_rule_expression(p) && (a = TOK(PY_TOK_COLON))) {
        p->level++;
        int la = py_parse_peek(p, PY_TOK_RBRACE) || py_parse_peek(p, PY_TOK_COMMA);
        p->level--;
        if (la) return py_parse_raise_at_token(p, a, "expression expected after dictionary key and ':'");
    }
    p->mark = mark;
    return NULL;
}

/* invalid_kvpair:
 *     | expression !(':')
 *     | expression ':' '*' bitwise_or
 *     | expression ':' &('}'|',') */
void *py_invalid_kvpair(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_expression(p)) && !py_parse_peek(p, PY_TOK_COLON) && NOERR)
            RET(py_parse_raise_known(p, PY_ERR_SYNTAX, a->lineno, a->end_col_offset - 1, a->end_lineno, -1,
                                     "':' expected after dictionary key"));
        p->mark = mark;
    }
    void *r = invalid_value_after_colon(p, mark);
    RET(r);
}

/* invalid_double_starred_kvpairs:
 *     | ','.double_starred_kvpair+ ',' invalid_kvpair
 *     | expression ':' '*' bitwise_or
 *     | expression ':' &('}'|',') */
void *py_invalid_double_starred_kvpairs(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_vec v = {0};
        void *r;
        if (py_parse_gather(p, double_starred_kvpair, &v) && TOK(PY_TOK_COMMA) && (r = py_invalid_kvpair(p))) RET(r);
        p->mark = mark;
    }
    void *r = invalid_value_after_colon(p, mark);
    RET(r);
}
