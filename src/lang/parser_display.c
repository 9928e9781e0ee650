/*
 * parser_display.c -- lambdas, literals and displays, comprehensions: the
 * rules of CPython 3.11's grammar from "Lambda functions" to
 * "Comprehensions & Generators", written out as the generated parser runs
 * them.
 *
 * Owns: lambdef (its parameters are parser_params.c's), the strings rule
 * (concatenation is parser_string.c's), list/tuple/set/dict displays, the
 * four kinds of comprehension and their for/if clauses (async ones too),
 * and the invalid_ rules over dict displays.
 */
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* ====================================================================== */
/* Lambdas                                                                 */
/* ====================================================================== */

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
                while (!p->error_indicator && (z = py_parse_token_operand(p, PY_KW_IF, py_rule_disjunction))) {
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
/* invalid_ rules over dict displays                                      */
/* ====================================================================== */

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
