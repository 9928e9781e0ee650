/*
 * parser_target.c -- call arguments and targets: the rules of CPython
 * 3.11's grammar from "FUNCTION CALL ARGUMENTS" to "Targets for del
 * statements", written out as the generated parser runs them.
 *
 * Owns: arguments/args/kwargs (and the dummy Call that carries them),
 * star_targets and their atoms, single targets, t_primary (left-recursive,
 * with its lookahead), del targets.
 */
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* ====================================================================== */
/* Call arguments                                                          */
/* ====================================================================== */

/* KeywordOrStarred. */
typedef struct kw_or_starred {
    void *element;
    int is_keyword;
} kw_or_starred;

/* A keyword node. */
static py_keyword *new_keyword(py_parser *p, const char *arg, py_expr *value, const py_pos *pos)
{
    py_keyword *k = py_parse_alloc(p, sizeof *k);
    if (!k) return NULL;
    k->arg = arg;
    k->value = value;
    k->lineno = pos->lineno;
    k->col_offset = pos->col_offset;
    k->end_lineno = pos->end_lineno;
    k->end_col_offset = pos->end_col_offset;
    return k;
}

/* A KeywordOrStarred in the temporary arena. */
static kw_or_starred *kos(py_parser *p, void *element, int is_keyword)
{
    kw_or_starred *k = py_arena_alloc(p->tmp, sizeof *k);
    if (!k) return py_parse_nomem(p);
    k->element = element;
    k->is_keyword = is_keyword;
    return k;
}

/* kwarg_or_starred: invalid_kwarg | NAME '=' expression | starred_expression
 * kwarg_or_double_starred: invalid_kwarg | NAME '=' expression | '**' expression */
static void *kwarg_rule(py_parser *p, int double_starred)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_kwarg(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a, *b;
        if ((a = py_parse_name_token(p)) && TOK(PY_TOK_EQUAL) && (b = py_rule_expression(p))) {
            py_pos pos = EXTRA(start);
            py_keyword *k = new_keyword(p, a->v.Name.id, b, &pos);
            ACTION_CHECK(k);
            RET(kos(p, k, 1));
        }
        p->mark = mark;
    }
    if (!double_starred) {
        CHECK();
        py_expr *a;
        if ((a = py_rule_starred_expression(p))) RET(kos(p, a, 0));
        p->mark = mark;
    } else {
        CHECK();
        py_expr *a;
        if (TOK(PY_TOK_DOUBLESTAR) && (a = py_rule_expression(p))) {
            py_pos pos = EXTRA(start);
            py_keyword *k = new_keyword(p, NULL, a, &pos);
            ACTION_CHECK(k);
            RET(kos(p, k, 1));
        }
        p->mark = mark;
    }
    RET(NULL);
}

static void *kwarg_or_starred(py_parser *p) { return kwarg_rule(p, 0); }
static void *kwarg_or_double_starred(py_parser *p) { return kwarg_rule(p, 1); }

/* kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+
 *     | ','.kwarg_or_starred+ | ','.kwarg_or_double_starred+ */
static int kwargs(py_parser *p, py_vec *out)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    {
        py_vec a = {0}, b = {0};
        if (!p->error_indicator && py_parse_gather(p, kwarg_or_starred, &a) && TOK(PY_TOK_COMMA) &&
            py_parse_gather(p, kwarg_or_double_starred, &b)) {
            for (int i = 0; i < b.n; i++)
                if (py_vec_push(p, &a, b.items[i]) < 0) break;
            *out = a;
            p->level--;
            return NOERR;
        }
        p->mark = mark;
    }
    {
        py_vec a = {0};
        if (!p->error_indicator && py_parse_gather(p, kwarg_or_starred, &a)) {
            *out = a;
            p->level--;
            return 1;
        }
        p->mark = mark;
    }
    {
        py_vec a = {0};
        if (!p->error_indicator && py_parse_gather(p, kwarg_or_double_starred, &a)) {
            *out = a;
            p->level--;
            return 1;
        }
        p->mark = mark;
    }
    p->level--;
    return 0;
}

/* _tmp: ',' kwargs */
static int tmp_comma_kwargs(py_parser *p, py_vec *out)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    if (!p->error_indicator && TOK(PY_TOK_COMMA) && kwargs(p, out)) {
        p->level--;
        return 1;
    }
    p->mark = mark;
    p->level--;
    return 0;
}

/* _tmp: assignment_expression | expression !':=' , then !'=' */
static void *positional_arg(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *e;
    if (!p->error_indicator && (e = py_rule_starred_expression(p))) RET(e);
    p->mark = mark;
    if (!p->error_indicator && (e = py_parse_genexp_elt(p)) && !py_parse_peek(p, PY_TOK_EQUAL) && NOERR) RET(e);
    p->mark = mark;
    RET(NULL);
}

/* The starred expressions (0) or the keywords (1) of a kwargs list, NULL
 * if there are none (_PyPegen_seq_extract_starred_exprs and
 * _PyPegen_seq_delete_starred_exprs). */
static int split_kwargs(py_parser *p, const py_vec *kw, int keywords, py_seq **out)
{
    int n = 0;
    for (int i = 0; i < kw->n; i++) n += ((kw_or_starred *)kw->items[i])->is_keyword == keywords;
    *out = NULL;
    if (!n) return 0;
    py_seq *s = py_parse_seq(p, n);
    if (!s) return -1;
    n = 0;
    for (int i = 0; i < kw->n; i++) {
        kw_or_starred *k = kw->items[i];
        if (k->is_keyword == keywords) s->items[n++] = k->element;
    }
    *out = s;
    return 0;
}

/* The head of invalid_arguments' first alternative in 3.11.7:
 * ((','.(starred_expression | (assignment_expression | expression !':=') !'=')+ ',' kwargs)
 *  | kwargs) ',' '*'
 * -- the '*' token, or NULL (mark restored). */
py_token *py_parse_kwargs_then_star(py_parser *p)
{
    if (py_parse_enter(p)) return NULL;
    int mark = p->mark, ok = 0;
    if (!py_parse_enter(p)) { /* _tmp */
        py_vec a = {0}, k = {0};
        ok = py_parse_gather(p, positional_arg, &a) && TOK(PY_TOK_COMMA) && kwargs(p, &k);
        if (!ok) {
            p->mark = mark;
            py_vec k2 = {0};
            ok = NOERR && kwargs(p, &k2);
            if (!ok) p->mark = mark;
        }
        p->level--;
    }
    py_token *star = NULL;
    if (ok && TOK(PY_TOK_COMMA)) star = TOK(PY_TOK_STAR);
    if (!star) p->mark = mark;
    p->level--;
    return star;
}

/* A dummy Call holding args and keywords (the func is a placeholder). */
static py_expr *args_call(py_parser *p, py_seq *args, py_seq *keywords, const py_pos *start)
{
    py_expr *e = py_parse_node(p, PY_Call_kind, start);
    if (!e) return NULL;
    e->v.Call.args = args;
    e->v.Call.keywords = keywords;
    return e;
}

/* args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs]
 *     | kwargs */
py_expr *py_rule_args(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_vec a = {0}, b = {0};
        int has_b = 0;
        if (py_parse_gather(p, positional_arg, &a) && ((has_b = tmp_comma_kwargs(p, &b)), NOERR)) {
            py_seq *starreds = NULL, *keywords = NULL;
            if (has_b && (split_kwargs(p, &b, 0, &starreds) < 0 || split_kwargs(p, &b, 1, &keywords) < 0))
                RET(NULL);
            py_seq *args = py_parse_seq(p, a.n + PY_SEQ_LEN(starreds));
            ACTION_CHECK(args);
            for (int i = 0; i < a.n; i++) args->items[i] = a.items[i];
            for (int i = 0; i < PY_SEQ_LEN(starreds); i++) args->items[a.n + i] = starreds->items[i];
            py_expr *e = args_call(p, args, keywords, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec a = {0};
        if (kwargs(p, &a)) {
            py_seq *starreds, *keywords;
            if (split_kwargs(p, &a, 0, &starreds) < 0 || split_kwargs(p, &a, 1, &keywords) < 0) RET(NULL);
            py_expr *e = args_call(p, starreds, keywords, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* arguments (memo): args [','] &')' | invalid_arguments */
py_expr *py_rule_arguments(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_ARGUMENTS, &res)) RET(res);
    int mark = p->mark;
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_args(p)) && (TOK(PY_TOK_COMMA), NOERR) && py_parse_peek(p, PY_TOK_RPAR)) {
            res = a;
            goto done;
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if ((res = py_invalid_arguments(p))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_ARGUMENTS, res);
    RET(res);
}

/* ====================================================================== */
/* Assignment targets                                                      */
/* ====================================================================== */

/* t_lookahead: '(' | '[' | '.' */
static int t_lookahead(py_parser *p)
{
    if (py_parse_enter(p)) return 0;
    int r = py_parse_peek(p, PY_TOK_LPAR) || py_parse_peek(p, PY_TOK_LSQB) || py_parse_peek(p, PY_TOK_DOT);
    p->level--;
    return r && NOERR;
}

/* t_primary_raw: t_primary '.' NAME &t_lookahead | t_primary '[' slices ']' &t_lookahead
 *     | t_primary genexp &t_lookahead | t_primary '(' [arguments] ')' &t_lookahead
 *     | atom &t_lookahead */
static py_expr *t_primary_raw(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    py_expr *e = py_parse_trailers(p, py_rule_t_primary, mark, &start, 1);
    if (e) RET(e);
    CHECK();
    p->mark = mark;
    if ((e = py_rule_atom(p)) && t_lookahead(p)) RET(e);
    p->mark = mark;
    RET(NULL);
}

py_expr *py_rule_t_primary(py_parser *p) { return py_parse_left_recursive(p, PY_MEMO_T_PRIMARY, t_primary_raw); }

/* t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead,
 * with ctx (target_with_star_atom, single_subscript_attribute_target,
 * del_target). */
static py_expr *attr_or_subscript_target(py_parser *p, int mark, const py_pos *start, py_expr_context ctx)
{
    py_expr *a, *b;
    if (p->error_indicator) return NULL;
    if ((a = py_rule_t_primary(p)) && TOK(PY_TOK_DOT) && (b = py_parse_name_token(p)) && !t_lookahead(p) && NOERR) {
        py_expr *e = py_parse_node(p, PY_Attribute_kind, start);
        if (!e) return NULL;
        e->v.Attribute.value = a;
        e->v.Attribute.attr = b->v.Name.id;
        e->v.Attribute.ctx = ctx;
        return e;
    }
    p->mark = mark;
    if (p->error_indicator) return NULL;
    if ((a = py_rule_t_primary(p)) && TOK(PY_TOK_LSQB) && (b = py_rule_slices(p)) && TOK(PY_TOK_RSQB) &&
        !t_lookahead(p) && NOERR) {
        py_expr *e = py_parse_node(p, PY_Subscript_kind, start);
        if (!e) return NULL;
        e->v.Subscript.value = a;
        e->v.Subscript.slice = b;
        e->v.Subscript.ctx = ctx;
        return e;
    }
    p->mark = mark;
    return NULL;
}

/* single_subscript_attribute_target */
py_expr *py_rule_single_subscript_attribute_target(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    py_expr *e = attr_or_subscript_target(p, mark, &start, PY_Store);
    RET(e);
}

/* single_target: single_subscript_attribute_target | NAME | '(' single_target ')' */
py_expr *py_rule_single_target(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *a;
    CHECK();
    if ((a = py_rule_single_subscript_attribute_target(p))) RET(a);
    p->mark = mark;
    CHECK();
    if ((a = py_parse_name_token(p))) {
        py_expr *e = py_parse_set_expr_context(p, a, PY_Store);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LPAR) && (a = py_rule_single_target(p)) && TOK(PY_TOK_RPAR)) RET(a);
    p->mark = mark;
    RET(NULL);
}

static py_expr *target_with_star_atom(py_parser *p);

/* star_target as a gather element */
static void *star_target_elem(py_parser *p) { return py_rule_star_target(p); }

/* star_targets_tuple_seq: star_target (',' star_target)+ [','] | star_target ',' */
static py_seq *star_targets_tuple_seq(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *a;
        py_vec v = {0};
        if ((a = py_rule_star_target(p)) && py_vec_push(p, &v, a) == 0 &&
            py_parse_loop_comma(p, py_rule_star_target, &v, 2) > 0 && (TOK(PY_TOK_COMMA), NOERR)) {
            py_seq *s = py_vec_seq(p, &v);
            ACTION_CHECK(s);
            RET(s);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_star_target(p)) && TOK(PY_TOK_COMMA)) {
            py_seq *s = py_seq_singleton(p, a);
            ACTION_CHECK(s);
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* star_targets_list_seq: ','.star_target+ [','] */
static py_seq *star_targets_list_seq(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_vec v = {0};
    CHECK();
    if (py_parse_gather(p, star_target_elem, &v) && (TOK(PY_TOK_COMMA), NOERR)) {
        py_seq *s = py_vec_seq(p, &v);
        ACTION_CHECK(s);
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* star_atom: NAME | '(' target_with_star_atom ')' | '(' [star_targets_tuple_seq] ')'
 *     | '[' [star_targets_list_seq] ']' */
static py_expr *star_atom(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    py_expr *a;
    py_seq *s;
    CHECK();
    if ((a = py_parse_name_token(p))) {
        py_expr *e = py_parse_set_expr_context(p, a, PY_Store);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LPAR) && (a = target_with_star_atom(p)) && TOK(PY_TOK_RPAR)) {
        py_expr *e = py_parse_set_expr_context(p, a, PY_Store);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LPAR) && (s = star_targets_tuple_seq(p), NOERR) && TOK(PY_TOK_RPAR)) {
        py_expr *e = py_parse_seq_node(p, PY_Tuple_kind, s, PY_Store, &start);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LSQB) && (s = star_targets_list_seq(p), NOERR) && TOK(PY_TOK_RSQB)) {
        py_expr *e = py_parse_seq_node(p, PY_List_kind, s, PY_Store, &start);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* target_with_star_atom (memo): t_primary '.' NAME !t_lookahead
 *     | t_primary '[' slices ']' !t_lookahead | star_atom */
static py_expr *target_with_star_atom(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_TARGET_WITH_STAR_ATOM, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    res = attr_or_subscript_target(p, mark, &start, PY_Store);
    if (res) goto done;
    CHECK();
    if ((res = star_atom(p))) goto done;
    p->mark = mark;
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_TARGET_WITH_STAR_ATOM, res);
    RET(res);
}

/* _tmp: !'*' star_target */
static py_expr *tmp_not_star_target(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *a;
    if (!p->error_indicator && !py_parse_peek(p, PY_TOK_STAR) && NOERR && (a = py_rule_star_target(p))) RET(a);
    p->mark = mark;
    RET(NULL);
}

/* star_target (memo): '*' (!'*' star_target) | target_with_star_atom */
py_expr *py_rule_star_target(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_STAR_TARGET, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_TOK_STAR) && (a = tmp_not_star_target(p))) {
            py_expr *v = py_parse_set_expr_context(p, a, PY_Store);
            ACTION_CHECK(v);
            res = py_parse_node(p, PY_Starred_kind, &start);
            ACTION_CHECK(res);
            res->v.Starred.value = v;
            res->v.Starred.ctx = PY_Store;
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = target_with_star_atom(p))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_STAR_TARGET, res);
    RET(res);
}

/* star_targets: star_target !',' | star_target (',' star_target)* [','] */
py_expr *py_rule_star_targets(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_star_target(p)) && !py_parse_peek(p, PY_TOK_COMMA) && NOERR) RET(a);
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_vec v = {0};
        if ((a = py_rule_star_target(p)) && py_vec_push(p, &v, a) == 0 &&
            py_parse_loop_comma(p, py_rule_star_target, &v, 0) >= 0 && (TOK(PY_TOK_COMMA), NOERR)) {
            py_seq *elts = py_vec_seq(p, &v);
            ACTION_CHECK(elts);
            py_expr *e = py_parse_seq_node(p, PY_Tuple_kind, elts, PY_Store, &start);
            ACTION_CHECK(e);
            RET(e);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* del targets                                                             */
/* ====================================================================== */

static void *del_target(py_parser *p);

/* del_t_atom: NAME | '(' del_target ')' | '(' [del_targets] ')' | '[' [del_targets] ']' */
static py_expr *del_t_atom(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    py_expr *a;
    py_seq *s;
    CHECK();
    if ((a = py_parse_name_token(p))) {
        py_expr *e = py_parse_set_expr_context(p, a, PY_Del);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LPAR) && (a = del_target(p)) && TOK(PY_TOK_RPAR)) {
        py_expr *e = py_parse_set_expr_context(p, a, PY_Del);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LPAR) && (s = py_rule_del_targets(p), NOERR) && TOK(PY_TOK_RPAR)) {
        py_expr *e = py_parse_seq_node(p, PY_Tuple_kind, s, PY_Del, &start);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LSQB) && (s = py_rule_del_targets(p), NOERR) && TOK(PY_TOK_RSQB)) {
        py_expr *e = py_parse_seq_node(p, PY_List_kind, s, PY_Del, &start);
        ACTION_CHECK(e);
        RET(e);
    }
    p->mark = mark;
    RET(NULL);
}

/* del_target (memo): t_primary '.' NAME !t_lookahead
 *     | t_primary '[' slices ']' !t_lookahead | del_t_atom */
static void *del_target(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_DEL_TARGET, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    res = attr_or_subscript_target(p, mark, &start, PY_Del);
    if (res) goto done;
    CHECK();
    if ((res = del_t_atom(p))) goto done;
    p->mark = mark;
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_DEL_TARGET, res);
    RET(res);
}

/* del_targets: ','.del_target+ [','] */
py_seq *py_rule_del_targets(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_vec v = {0};
    CHECK();
    if (py_parse_gather(p, del_target, &v) && (TOK(PY_TOK_COMMA), NOERR)) {
        py_seq *s = py_vec_seq(p, &v);
        ACTION_CHECK(s);
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}
