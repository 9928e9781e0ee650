/*
 * parser_params.c -- parameter lists: the rules of CPython 3.11's grammar
 * under "Function parameters" and "Lambda functions" (lambda_params), written
 * out as the generated parser runs them.
 *
 * Owns: params and lambda_params with their five forms (positional-only,
 * plain, with defaults, *args and keyword-only, **kwargs), the records they
 * fill (_PyPegen_make_arguments), and the invalid_ rules over them.
 *
 * The grammar writes every rule twice, param_no_default and
 * lambda_param_no_default, invalid_star_etc and invalid_lambda_star_etc...;
 * here one function serves both, told which by a param_kind (DEF_PARAMS,
 * LAMBDA_PARAMS) holding the differences: a lambda's parameters have no
 * annotations and no type comments, end before ':' instead of ')', and a
 * few of its invalid_ alternatives are written differently (see
 * param_kind).
 *
 * Invariants: each function is one rule (or one of the _loop/_tmp helpers
 * CPython generates) and counts one level of p->level, as CPython's do; for
 * either kind it calls the same rules in the same order as the grammar's
 * rule for that kind, so the tokens fetched, the errors and the MAXSTACK
 * thresholds are those of the two written-out copies.
 *
 * Must not: add a call, a token fetch or a level to one kind for the
 * sake of the other (a lambda must not look for TYPE_COMMENT or an
 * annotation, as the generated lambda rules do not).
 */
#include <stdbool.h>
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* ====================================================================== */
/* The two kinds of parameter list                                         */
/* ====================================================================== */

typedef struct param_kind {
    /* The token a parameter list ends before: ')' for def, ':' for lambda
     * (the lookaheads &')' / &':' and invalid_star_etc's ')' / ':'). */
    int close;
    /* param: NAME annotation?, and star_etc's
     * '*' param_no_default_star_annotation (def only). */
    bool annotations;
    /* TYPE_COMMENT? after a parameter, and invalid_star_etc's
     * '*' ',' TYPE_COMMENT (def only). */
    bool type_comments;
    /* invalid_star_etc: "named arguments must follow bare *" at the '*'
     * (def: RAISE_SYNTAX_ERROR_KNOWN_LOCATION) or at the last token
     * fetched (lambda: RAISE_SYNTAX_ERROR). */
    bool bare_star_at_star;
    /* invalid_parameters: '(' param_no_default+ ','? ')' (def) or
     * '(' ','.lambda_param+ ','? ')' (lambda), and its message. */
    bool parenthesized_gather;
    const char *parenthesized;
    /* invalid_star_etc's '*' (x | ',') ... '*' (x | ','): x first as in
     * the grammar (lambda) or ',' first (the def rule's port; the same
     * matches, only the levels counted on the way differ). */
    bool star_group_param_first;
} param_kind;

static const param_kind DEF_PARAMS = {
    .close = PY_TOK_RPAR,
    .annotations = true,
    .type_comments = true,
    .bare_star_at_star = true,
    .parenthesized_gather = false,
    .parenthesized = "Function parameters cannot be parenthesized",
    .star_group_param_first = false,
};

static const param_kind LAMBDA_PARAMS = {
    .close = PY_TOK_COLON,
    .annotations = false,
    .type_comments = false,
    .bare_star_at_star = false,
    .parenthesized_gather = true,
    .parenthesized = "Lambda expression parameters cannot be parenthesized",
    .star_group_param_first = true,
};

static void *invalid_parameters(py_parser *p, const param_kind *k);
static void *invalid_default(py_parser *p);
static void *invalid_star_etc(py_parser *p, const param_kind *k);
static void *invalid_kwds(py_parser *p, const param_kind *k);

/* ====================================================================== */
/* Parameters                                                              */
/* ====================================================================== */

/* A name with its default (NameDefaultPair). */
typedef struct name_default {
    py_arg *arg;
    py_expr *value;
} name_default;

/* What star_etc found (StarEtc). */
typedef struct star_etc {
    py_arg *vararg;
    py_vec kwonlyargs; /* name_default* */
    py_arg *kwarg;
} star_etc;

/* SlashWithDefault. */
typedef struct slash_with_default {
    py_vec plain_names;        /* py_arg* */
    py_vec names_with_defaults; /* name_default* */
} slash_with_default;

/* An arg node. */
static py_arg *new_arg(py_parser *p, const char *name, py_expr *annotation, const py_pos *pos)
{
    py_arg *a = py_parse_alloc(p, sizeof *a);
    if (!a) return NULL;
    a->arg = name;
    a->annotation = annotation;
    a->lineno = pos->lineno;
    a->col_offset = pos->col_offset;
    a->end_lineno = pos->end_lineno;
    a->end_col_offset = pos->end_col_offset;
    return a;
}

/* param: NAME annotation?   param_star_annotation: NAME star_annotation
 * lambda_param: NAME
 * (annotation: ':' expression   star_annotation: ':' star_expression) */
static py_arg *param(py_parser *p, const param_kind *k, int star)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *a, *b = NULL;
    if ((a = py_parse_name_token(p)) &&
        (!k->annotations ||
         (star ? (b = py_parse_token_operand(p, PY_TOK_COLON, py_rule_star_expression)) != NULL
               : ((b = py_parse_token_operand(p, PY_TOK_COLON, py_rule_expression)), NOERR)))) {
        py_pos pos = EXTRA(start);
        py_arg *r = new_arg(p, a->v.Name.id, b, &pos);
        ACTION_CHECK(r);
        RET(r);
    }
    p->mark = mark;
    RET(NULL);
}

/* TYPE_COMMENT? (def only): 1 unless an error is set. */
static int type_comment(py_parser *p, const param_kind *k)
{
    return !k->type_comments || (TOK(PY_TOK_TYPE_COMMENT), NOERR);
}

/* default: '=' expression | invalid_default */
static py_expr *default_(py_parser *p)
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
        if (invalid_default(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* param_no_default: param ',' TYPE_COMMENT? | param TYPE_COMMENT? &')'
 * (star: param_no_default_star_annotation)
 * lambda_param_no_default: lambda_param ',' | lambda_param &':' */
static py_arg *param_no_default(py_parser *p, const param_kind *k, int star)
{
    ENTER();
    int mark = p->mark;
    py_arg *a;
    {
        CHECK();
        if ((a = param(p, k, star)) && TOK(PY_TOK_COMMA) && type_comment(p, k)) RET(a);
        p->mark = mark;
    }
    {
        CHECK();
        if ((a = param(p, k, star)) && type_comment(p, k) && py_parse_peek(p, k->close)) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

/* param_with_default: param default ',' TYPE_COMMENT? | param default TYPE_COMMENT? &')'
 * param_maybe_default: the same with default? (maybe)
 * lambda_param_with_default / lambda_param_maybe_default: without the
 * TYPE_COMMENT?, &':' */
static name_default *param_with_default(py_parser *p, const param_kind *k, int maybe)
{
    ENTER();
    int mark = p->mark;
    for (int alt = 0; alt < 2; alt++) {
        CHECK();
        py_arg *a;
        py_expr *c = NULL;
        if ((a = param(p, k, 0)) && (maybe ? ((c = default_(p)), NOERR) : (c = default_(p)) != NULL) &&
            (alt == 0 ? TOK(PY_TOK_COMMA) && type_comment(p, k)
                      : type_comment(p, k) && py_parse_peek(p, k->close))) {
            name_default *nd = py_arena_alloc(p->tmp, sizeof *nd);
            if (!nd) RET(py_parse_nomem(p));
            nd->arg = a;
            nd->value = c;
            RET(nd);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* param_no_default* / + : the args into v; -1 if fewer than min. */
static int loop_param_no_default(py_parser *p, const param_kind *k, py_vec *v, int min)
{
    if (py_parse_enter(p)) return -1;
    int mark = p->mark;
    py_arg *a;
    while (!p->error_indicator && (a = param_no_default(p, k, 0))) {
        if (py_vec_push(p, v, a) < 0) break;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return p->error_indicator || v->n < min ? -1 : v->n;
}

/* param_with_default* / + (or param_maybe_default). */
static int loop_param_with_default(py_parser *p, const param_kind *k, py_vec *v, int min, int maybe)
{
    if (py_parse_enter(p)) return -1;
    int mark = p->mark;
    name_default *nd;
    while (!p->error_indicator && (nd = param_with_default(p, k, maybe))) {
        if (py_vec_push(p, v, nd) < 0) break;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return p->error_indicator || v->n < min ? -1 : v->n;
}

/* slash_no_default: param_no_default+ '/' ',' | param_no_default+ '/' &')' */
static int slash_no_default(py_parser *p, const param_kind *k, py_vec *out)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    for (int alt = 0; alt < 2; alt++) {
        if (p->error_indicator) break;
        py_vec v = {0};
        if (loop_param_no_default(p, k, &v, 1) > 0 && TOK(PY_TOK_SLASH) &&
            (alt == 0 ? TOK(PY_TOK_COMMA) != NULL : py_parse_peek(p, k->close))) {
            *out = v;
            p->level--;
            return 1;
        }
        p->mark = mark;
    }
    p->level--;
    return 0;
}

/* slash_with_default: param_no_default* param_with_default+ '/' ','
 *     | param_no_default* param_with_default+ '/' &')' */
static int slash_with_default_rule(py_parser *p, const param_kind *k, slash_with_default *out)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    for (int alt = 0; alt < 2; alt++) {
        if (p->error_indicator) break;
        py_vec a = {0}, b = {0};
        if (loop_param_no_default(p, k, &a, 0) >= 0 && loop_param_with_default(p, k, &b, 1, 0) > 0 &&
            TOK(PY_TOK_SLASH) &&
            (alt == 0 ? TOK(PY_TOK_COMMA) != NULL : py_parse_peek(p, k->close))) {
            out->plain_names = a;
            out->names_with_defaults = b;
            p->level--;
            return 1;
        }
        p->mark = mark;
    }
    p->level--;
    return 0;
}

/* kwds: invalid_kwds | '**' param_no_default */
static py_arg *kwds(py_parser *p, const param_kind *k)
{
    ENTER();
    int mark = p->mark;
    if (p->call_invalid_rules) {
        CHECK();
        if (invalid_kwds(p, k)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *a;
        if (TOK(PY_TOK_DOUBLESTAR) && (a = param_no_default(p, k, 0))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

/* star_etc: invalid_star_etc
 *     | '*' param_no_default param_maybe_default* [kwds]
 *     | '*' param_no_default_star_annotation param_maybe_default* [kwds]  (def only)
 *     | '*' ',' param_maybe_default+ [kwds]
 *     | kwds */
static star_etc *star_etc_rule(py_parser *p, const param_kind *k)
{
    ENTER();
    int mark = p->mark;
    star_etc *se = py_arena_alloc(p->tmp, sizeof *se);
    if (!se) RET(py_parse_nomem(p));
    if (p->call_invalid_rules) {
        CHECK();
        if (invalid_star_etc(p, k)) RET(NULL);
        p->mark = mark;
    }
    for (int star = 0; star < (k->annotations ? 2 : 1); star++) {
        CHECK();
        py_arg *a, *c;
        py_vec b = {0};
        if (TOK(PY_TOK_STAR) && (a = param_no_default(p, k, star)) &&
            loop_param_with_default(p, k, &b, 0, 1) >= 0 && (c = kwds(p, k), NOERR)) {
            se->vararg = a;
            se->kwonlyargs = b;
            se->kwarg = c;
            RET(se);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *c;
        py_vec b = {0};
        if (TOK(PY_TOK_STAR) && TOK(PY_TOK_COMMA) && loop_param_with_default(p, k, &b, 1, 1) > 0 &&
            (c = kwds(p, k), NOERR)) {
            se->kwonlyargs = b;
            se->kwarg = c;
            RET(se);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *a;
        if ((a = kwds(p, k))) {
            se->kwarg = a;
            RET(se);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* A vec of name_default as its args and its defaults (appended). */
static int split_defaults(py_parser *p, const py_vec *v, py_vec *names, py_vec *values)
{
    for (int i = 0; i < v->n; i++) {
        name_default *nd = v->items[i];
        if (py_vec_push(p, names, nd->arg) < 0 || py_vec_push(p, values, nd->value) < 0) return -1;
    }
    return 0;
}

/* _PyPegen_make_arguments. */
static py_arguments *make_arguments(py_parser *p, const py_vec *slash_without_default,
                                    const slash_with_default *swd, const py_vec *plain_names,
                                    const py_vec *names_with_default, const star_etc *se)
{
    py_vec posonly = {0}, posargs = {0}, posdefaults = {0}, kwonly = {0}, kwdefaults = {0};
    if (slash_without_default) {
        posonly = *slash_without_default;
    } else if (swd) {
        for (int i = 0; i < swd->plain_names.n; i++)
            if (py_vec_push(p, &posonly, swd->plain_names.items[i]) < 0) return NULL;
        if (split_defaults(p, &swd->names_with_defaults, &posonly, &posdefaults) < 0) return NULL;
    }
    if (plain_names)
        for (int i = 0; i < plain_names->n; i++)
            if (py_vec_push(p, &posargs, plain_names->items[i]) < 0) return NULL;
    if (names_with_default && split_defaults(p, names_with_default, &posargs, &posdefaults) < 0)
        return NULL;
    if (se && split_defaults(p, &se->kwonlyargs, &kwonly, &kwdefaults) < 0) return NULL;
    py_arguments *a = py_parse_alloc(p, sizeof *a);
    if (!a) return NULL;
    if (!(a->posonlyargs = py_vec_seq(p, &posonly)) || !(a->args = py_vec_seq(p, &posargs)) ||
        !(a->kwonlyargs = py_vec_seq(p, &kwonly)) || !(a->kw_defaults = py_vec_seq(p, &kwdefaults)) ||
        !(a->defaults = py_vec_seq(p, &posdefaults)))
        return NULL;
    a->vararg = se ? se->vararg : NULL;
    a->kwarg = se ? se->kwarg : NULL;
    return a;
}

/* parameters:
 *     | slash_no_default param_no_default* param_with_default* [star_etc]
 *     | slash_with_default param_with_default* [star_etc]
 *     | param_no_default+ param_with_default* [star_etc]
 *     | param_with_default+ [star_etc]
 *     | star_etc */
static py_arguments *parameters(py_parser *p, const param_kind *k)
{
    ENTER();
    int mark = p->mark;
    py_arguments *res;
    {
        CHECK();
        py_vec a = {0}, b = {0}, c = {0};
        star_etc *d;
        if (slash_no_default(p, k, &a) && loop_param_no_default(p, k, &b, 0) >= 0 &&
            loop_param_with_default(p, k, &c, 0, 0) >= 0 && (d = star_etc_rule(p, k), NOERR)) {
            res = make_arguments(p, &a, NULL, &b, &c, d);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        slash_with_default a;
        py_vec b = {0};
        star_etc *c;
        if (slash_with_default_rule(p, k, &a) && loop_param_with_default(p, k, &b, 0, 0) >= 0 &&
            (c = star_etc_rule(p, k), NOERR)) {
            res = make_arguments(p, NULL, &a, NULL, &b, c);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec a = {0}, b = {0};
        star_etc *c;
        if (loop_param_no_default(p, k, &a, 1) > 0 && loop_param_with_default(p, k, &b, 0, 0) >= 0 &&
            (c = star_etc_rule(p, k), NOERR)) {
            res = make_arguments(p, NULL, NULL, &a, &b, c);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec a = {0};
        star_etc *b;
        if (loop_param_with_default(p, k, &a, 1, 0) > 0 && (b = star_etc_rule(p, k), NOERR)) {
            res = make_arguments(p, NULL, NULL, NULL, &a, b);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    {
        CHECK();
        star_etc *a;
        if ((a = star_etc_rule(p, k))) {
            res = make_arguments(p, NULL, NULL, NULL, NULL, a);
            ACTION_CHECK(res);
            RET(res);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* params: invalid_parameters | parameters
 * lambda_params: invalid_lambda_parameters | lambda_parameters */
static py_arguments *params(py_parser *p, const param_kind *k)
{
    ENTER();
    int mark = p->mark;
    if (p->call_invalid_rules) {
        CHECK();
        if (invalid_parameters(p, k)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_arguments *a;
        if ((a = parameters(p, k))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

py_arguments *py_rule_params(py_parser *p) { return params(p, &DEF_PARAMS); }

py_arguments *py_rule_lambda_params(py_parser *p) { return params(p, &LAMBDA_PARAMS); }

/* ====================================================================== */
/* invalid_ rules over parameters                                        */
/* ====================================================================== */

/* invalid_parameters_helper: slash_with_default | param_with_default+ */
static int invalid_parameters_helper(py_parser *p, const param_kind *k)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    slash_with_default a;
    if (!p->error_indicator && slash_with_default_rule(p, k, &a)) {
        p->level--;
        return 1;
    }
    p->mark = mark;
    py_vec v = {0};
    if (!p->error_indicator && loop_param_with_default(p, k, &v, 1, 0) > 0) {
        p->level--;
        return 1;
    }
    p->mark = mark;
    p->level--;
    return 0;
}

/* (slash_no_default | slash_with_default) as a _tmp. */
static int tmp_any_slash(py_parser *p, const param_kind *k)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    py_vec v = {0};
    slash_with_default s;
    int ok = slash_no_default(p, k, &v);
    if (!ok) {
        p->mark = mark;
        ok = NOERR && slash_with_default_rule(p, k, &s);
        if (!ok) p->mark = mark;
    }
    p->level--;
    return ok;
}

/* (',' | param_no_default), or (param_no_default | ',') if param_first,
 * as a _tmp. */
static int tmp_comma_or_param(py_parser *p, const param_kind *k, bool param_first)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark, ok;
    if (param_first) {
        ok = param_no_default(p, k, 0) != NULL;
        if (!ok && NOERR) ok = TOK(PY_TOK_COMMA) != NULL;
    } else {
        ok = TOK(PY_TOK_COMMA) != NULL;
        if (!ok && NOERR) ok = param_no_default(p, k, 0) != NULL;
    }
    if (!ok) p->mark = mark;
    p->level--;
    return ok;
}

/* lambda_param as a gather's element. */
static void *lambda_param_elem(py_parser *p) { return param(p, &LAMBDA_PARAMS, 0); }

/* invalid_parameters:
 *     | param_no_default* invalid_parameters_helper param_no_default
 *     | param_no_default* '(' param_no_default+ ','? ')'
 *       (lambda: lambda_param_no_default* '(' ','.lambda_param+ ','? ')')
 *     | '/' ','
 *     | (slash_no_default | slash_with_default) param_maybe_default* '/'
 *     | (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default)
 *       param_maybe_default* '/'
 *     | param_maybe_default+ '/' '*' */
static void *invalid_parameters(py_parser *p, const param_kind *k)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_vec v = {0};
        py_arg *a;
        if (loop_param_no_default(p, k, &v, 0) >= 0 && invalid_parameters_helper(p, k) &&
            (a = param_no_default(p, k, 0))) {
            py_pos pos = py_arg_pos(a);
            RET(py_parse_raise_node(p, &pos, &pos, "non-default argument follows default argument"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0}, w = {0};
        py_token *a, *b;
        if (loop_param_no_default(p, k, &v, 0) >= 0 && (a = TOK(PY_TOK_LPAR)) &&
            (k->parenthesized_gather ? py_parse_gather(p, lambda_param_elem, &w)
                                     : loop_param_no_default(p, k, &w, 1) > 0) &&
            (TOK(PY_TOK_COMMA), NOERR) && (b = TOK(PY_TOK_RPAR))) {
            py_pos pa = py_token_pos(a), pb = py_token_pos(b);
            RET(py_parse_raise_node(p, &pa, &pb, "%s", k->parenthesized));
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
        if (tmp_any_slash(p, k) && loop_param_with_default(p, k, &v, 0, 1) >= 0 && (a = TOK(PY_TOK_SLASH)))
            RET(py_parse_raise_at_token(p, a, "/ may appear only once"));
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0}, w = {0};
        py_token *a;
        if ((tmp_any_slash(p, k), NOERR) && loop_param_with_default(p, k, &v, 0, 1) >= 0 && TOK(PY_TOK_STAR) &&
            tmp_comma_or_param(p, k, false) && loop_param_with_default(p, k, &w, 0, 1) >= 0 &&
            (a = TOK(PY_TOK_SLASH)))
            RET(py_parse_raise_at_token(p, a, "/ must be ahead of *"));
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0};
        py_token *a;
        if (loop_param_with_default(p, k, &v, 1, 1) > 0 && TOK(PY_TOK_SLASH) && (a = TOK(PY_TOK_STAR)))
            RET(py_parse_raise_at_token(p, a, "expected comma between / and *"));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_default: '=' &(')'|',') */
static void *invalid_default(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_token *a;
    if ((a = TOK(PY_TOK_EQUAL)) && py_parse_peek_any(p, PY_TOK_RPAR, PY_TOK_COMMA, -1))
        RET(py_parse_raise_at_token(p, a, "expected default value expression"));
    p->mark = mark;
    RET(NULL);
}

/* The _tmp ')' | ',' (')' | '**') (lambda: ':' for ')'). */
static int tmp_bare_star_end(py_parser *p, const param_kind *k)
{
    p->level++;
    int mark = p->mark;
    int ok = TOK(k->close) != NULL;
    if (!ok && NOERR) {
        p->mark = mark;
        if (TOK(PY_TOK_COMMA)) {
            p->level++;
            ok = TOK(k->close) != NULL;
            if (!ok && NOERR) ok = TOK(PY_TOK_DOUBLESTAR) != NULL;
            p->level--;
        }
    }
    p->level--;
    return ok;
}

/* invalid_star_etc:
 *     | '*' (')' | ',' (')' | '**'))
 *     | '*' ',' TYPE_COMMENT  (def only)
 *     | '*' param '='
 *     | '*' (param_no_default | ',') param_maybe_default* '*' (param_no_default | ',') */
static void *invalid_star_etc(py_parser *p, const param_kind *k)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_token *a;
        if ((a = TOK(PY_TOK_STAR)) && tmp_bare_star_end(p, k)) {
            if (k->bare_star_at_star) RET(py_parse_raise_at_token(p, a, "named arguments must follow bare *"));
            RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "named arguments must follow bare *"));
        }
        p->mark = mark;
    }
    if (k->type_comments) {
        CHECK();
        if (TOK(PY_TOK_STAR) && TOK(PY_TOK_COMMA) && TOK(PY_TOK_TYPE_COMMENT))
            RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "bare * has associated type comment"));
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        if (TOK(PY_TOK_STAR) && param(p, k, 0) && (a = TOK(PY_TOK_EQUAL)))
            RET(py_parse_raise_at_token(p, a, "var-positional argument cannot have default value"));
        p->mark = mark;
    }
    {
        CHECK();
        py_vec v = {0};
        py_token *a;
        if (TOK(PY_TOK_STAR) && tmp_comma_or_param(p, k, k->star_group_param_first) &&
            loop_param_with_default(p, k, &v, 0, 1) >= 0 && (a = TOK(PY_TOK_STAR)) &&
            tmp_comma_or_param(p, k, k->star_group_param_first))
            RET(py_parse_raise_at_token(p, a, "* argument may appear only once"));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_kwds:
 *     | '**' param '='
 *     | '**' param ',' param
 *     | '**' param ',' ('*'|'**'|'/') */
static void *invalid_kwds(py_parser *p, const param_kind *k)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_token *a;
        if (TOK(PY_TOK_DOUBLESTAR) && param(p, k, 0) && (a = TOK(PY_TOK_EQUAL)))
            RET(py_parse_raise_at_token(p, a, "var-keyword argument cannot have default value"));
        p->mark = mark;
    }
    {
        CHECK();
        py_arg *a;
        if (TOK(PY_TOK_DOUBLESTAR) && param(p, k, 0) && TOK(PY_TOK_COMMA) && (a = param(p, k, 0))) {
            py_pos pos = py_arg_pos(a);
            RET(py_parse_raise_node(p, &pos, &pos, "arguments cannot follow var-keyword argument"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a = NULL;
        if (TOK(PY_TOK_DOUBLESTAR) && param(p, k, 0) && TOK(PY_TOK_COMMA)) {
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
