/*
 * parser_invalid.c -- the invalid_ rules of CPython 3.11's grammar: the
 * second pass, which runs only after the first failed, and whose first
 * matching rule raises the specific message ("expected ':'", "cannot
 * assign to literal", "invalid syntax. Perhaps you forgot a comma?", ...)
 * at CPython's position.
 *
 * Owns: the invalid_ rules over expressions, arguments, targets and
 * compound-statement headers.  Those that need another file's rules live
 * there: parameters (invalid_parameters, invalid_star_etc, invalid_kwds,
 * invalid_default) in parser_params.c, try in parser_compound.c, import
 * targets in parser_stmt.c, lambda parameters and dict displays in
 * parser_display.c.
 *
 * A rule returns NULL (it raised, or did not match) or, where CPython's
 * rule has no action, a non-NULL dummy (CPython's _PyPegen_dummy_name),
 * so that callers go on exactly as CPython's do.
 */
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* The non-NULL result of an alternative without an action. */
static char dummy_node;
#define DUMMY ((void *)&dummy_node)

/* RAISE_SYNTAX_ERROR_KNOWN_LOCATION(e, ...) for an expression. */
#define RAISE_AT(e, ...) (pos_a = py_expr_pos(e), py_parse_raise_node(p, &pos_a, &pos_a, __VA_ARGS__))

/* _PyPegen_get_last_comprehension_item. */
static py_expr *last_comprehension_item(py_comprehension *c)
{
    if (PY_SEQ_LEN(c->ifs) == 0) return c->iter;
    return c->ifs->items[c->ifs->size - 1];
}

/* The last item of a sequence. */
static void *last_item(py_seq *s) { return s->items[s->size - 1]; }

/* A soft keyword as a token (SOFT_KEYWORD), as 3.11's
 * _PyPegen_soft_keyword_token matches it: strncmp over the token's
 * length, so any prefix of "_", "case" or "match" ("ca", "mat") counts. */
static int soft_keyword_token(py_parser *p)
{
    py_token *t = py_parse_peek_token(p);
    if (!t || t->type != PY_TOK_NAME) return 0;
    static const char *const kws[] = {"_", "case", "match"};
    for (int i = 0; i < 3; i++) {
        if (strncmp(kws[i], t->start, (size_t)t->len) == 0) {
            p->mark++;
            return 1;
        }
    }
    return 0;
}

/* ====================================================================== */
/* Arguments                                                               */
/* ====================================================================== */

/* _tmp: args | expression for_if_clauses */
static void *tmp_args_or_genexp(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    void *r;
    if (!p->error_indicator && (r = py_rule_args(p))) RET(r);
    p->mark = mark;
    if (!p->error_indicator && py_rule_expression(p) && (r = py_rule_for_if_clauses(p))) RET(r);
    p->mark = mark;
    RET(NULL);
}

/* _PyPegen_arguments_parsing_error. */
static void *arguments_parsing_error(py_parser *p, py_expr *call)
{
    int keyword_unpacking = 0;
    for (int i = 0; i < PY_SEQ_LEN(call->v.Call.keywords); i++)
        if (!((py_keyword *)call->v.Call.keywords->items[i])->arg) keyword_unpacking = 1;
    return py_parse_raise(p, PY_ERR_SYNTAX, 0,
                          keyword_unpacking ? "positional argument follows keyword argument unpacking"
                                            : "positional argument follows keyword argument");
}

/* invalid_arguments:
 *     | ((','.(positional)+ ',' kwargs) | kwargs) ',' '*'   (3.11.7; at the '*')
 *     | expression for_if_clauses ',' [args | expression for_if_clauses]
 *     | NAME '=' expression for_if_clauses
 *     | args for_if_clauses
 *     | args ',' expression for_if_clauses
 *     | args ',' args */
void *py_invalid_arguments(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos pos_a, pos_b;
    {
        CHECK();
        py_token *a;
        if ((a = py_parse_kwargs_then_star(p))) {
            pos_a = py_token_pos(a);
            RET(py_parse_raise_node(p, &pos_a, &pos_a, "iterable argument unpacking follows keyword argument unpacking"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_seq *b;
        if ((a = py_rule_expression(p)) && (b = py_rule_for_if_clauses(p)) && TOK(PY_TOK_COMMA) &&
            (tmp_args_or_genexp(p), NOERR)) {
            pos_a = py_expr_pos(a);
            pos_b = py_expr_pos(last_comprehension_item(last_item(b)));
            RET(py_parse_raise_node(p, &pos_a, &pos_b, "Generator expression must be parenthesized"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_token *b;
        if ((a = py_parse_name_token(p)) && (b = TOK(PY_TOK_EQUAL)) && py_rule_expression(p) &&
            py_rule_for_if_clauses(p)) {
            pos_a = py_expr_pos(a);
            pos_b = py_token_pos(b);
            RET(py_parse_raise_node(p, &pos_a, &pos_b,
                                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_seq *b;
        if ((a = py_rule_args(p)) && (b = py_rule_for_if_clauses(p))) {
            /* _PyPegen_nonparen_genexp_in_call */
            int len = PY_SEQ_LEN(a->v.Call.args);
            if (len <= 1) RET(NULL);
            pos_a = py_expr_pos(a->v.Call.args->items[len - 1]);
            pos_b = py_expr_pos(last_comprehension_item(last_item(b)));
            RET(py_parse_raise_node(p, &pos_a, &pos_b, "Generator expression must be parenthesized"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_seq *b;
        if (py_rule_args(p) && TOK(PY_TOK_COMMA) && (a = py_rule_expression(p)) &&
            (b = py_rule_for_if_clauses(p))) {
            pos_a = py_expr_pos(a);
            pos_b = py_expr_pos(last_comprehension_item(last_item(b)));
            RET(py_parse_raise_node(p, &pos_a, &pos_b, "Generator expression must be parenthesized"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_args(p)) && TOK(PY_TOK_COMMA) && py_rule_args(p)) RET(arguments_parsing_error(p, a));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_kwarg:
 *     | ('True'|'False'|'None') '='
 *     | NAME '=' expression for_if_clauses
 *     | !(NAME '=') expression '=' */
void *py_invalid_kwarg(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos pos_a, pos_b;
    {
        CHECK();
        py_token *a, *b;
        p->level++; /* _tmp */
        a = TOK(PY_KW_TRUE);
        if (!a && NOERR) a = TOK(PY_KW_FALSE);
        if (!a && NOERR) a = TOK(PY_KW_NONE);
        p->level--;
        if (a && (b = TOK(PY_TOK_EQUAL))) {
            pos_a = py_token_pos(a);
            pos_b = py_token_pos(b);
            RET(py_parse_raise_node(p, &pos_a, &pos_b, "cannot assign to %.*s", a->len, a->start));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_token *b;
        if ((a = py_parse_name_token(p)) && (b = TOK(PY_TOK_EQUAL)) && py_rule_expression(p) &&
            py_rule_for_if_clauses(p)) {
            pos_a = py_expr_pos(a);
            pos_b = py_token_pos(b);
            RET(py_parse_raise_node(p, &pos_a, &pos_b,
                                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_token *b;
        p->level++; /* _tmp: NAME '=' */
        int la = py_parse_peek(p, PY_TOK_NAME);
        if (la) {
            p->mark++;
            la = py_parse_peek(p, PY_TOK_EQUAL);
        }
        p->mark = mark;
        p->level--;
        if (!la && NOERR && (a = py_rule_expression(p)) && (b = TOK(PY_TOK_EQUAL))) {
            pos_a = py_expr_pos(a);
            pos_b = py_token_pos(b);
            RET(py_parse_raise_node(p, &pos_a, &pos_b,
                                    "expression cannot contain assignment, perhaps you meant \"==\"?"));
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* Expressions                                                             */
/* ====================================================================== */

/* invalid_expression:
 *     | !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
 *     | disjunction 'if' disjunction !('else'|':') */
void *py_invalid_expression(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos pos_a, pos_b;
    {
        CHECK();
        /* _tmp: NAME STRING | SOFT_KEYWORD */
        p->level++;
        int la = 0;
        if (py_parse_peek(p, PY_TOK_NAME)) {
            p->mark++;
            la = py_parse_peek(p, PY_TOK_STRING);
            p->mark = mark;
        }
        if (!la && NOERR) la = soft_keyword_token(p);
        p->mark = mark;
        p->level--;
        py_expr *a, *b;
        if (!la && NOERR && (a = py_rule_disjunction(p)) && (b = py_rule_expression_without_invalid(p))) {
            if (py_parse_check_legacy_stmt(p, a)) RET(NULL);
            if (p->tokens[p->mark - 1]->level == 0) RET(NULL);
            pos_a = py_expr_pos(a);
            pos_b = py_expr_pos(b);
            RET(py_parse_raise_node(p, &pos_a, &pos_b, "invalid syntax. Perhaps you forgot a comma?"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a, *b;
        if ((a = py_rule_disjunction(p)) && TOK(PY_KW_IF) && (b = py_rule_disjunction(p))) {
            p->level++;
            int la = py_parse_peek(p, PY_KW_ELSE) || py_parse_peek(p, PY_TOK_COLON);
            p->level--;
            if (!la && NOERR) {
                pos_a = py_expr_pos(a);
                pos_b = py_expr_pos(b);
                RET(py_parse_raise_node(p, &pos_a, &pos_b, "expected 'else' after 'if' expression"));
            }
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_legacy_expression: NAME !'(' star_expressions */
void *py_invalid_legacy_expression(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_expr *a, *b;
    if ((a = py_parse_name_token(p)) && !py_parse_peek(p, PY_TOK_LPAR) && NOERR &&
        (b = py_rule_star_expressions(p))) {
        if (!py_parse_check_legacy_stmt(p, a)) RET(NULL);
        py_pos pos_a = py_expr_pos(a), pos_b = py_expr_pos(b);
        RET(py_parse_raise_node(p, &pos_a, &pos_b, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                                a->v.Name.id, a->v.Name.id));
    }
    p->mark = mark;
    RET(NULL);
}

/* !('=' | ':=') */
static int not_eq_or_walrus(py_parser *p)
{
    p->level++;
    int la = py_parse_peek(p, PY_TOK_EQUAL) || py_parse_peek(p, PY_TOK_COLONEQUAL);
    p->level--;
    return !la && NOERR;
}

/* invalid_named_expression (memo):
 *     | expression ':=' expression
 *     | NAME '=' bitwise_or !('='|':=')
 *     | !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=') */
void *py_invalid_named_expression(py_parser *p)
{
    ENTER();
    void *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_INVALID_NAMED_EXPRESSION, &res)) RET(res);
    int mark = p->mark;
    py_pos pos_a, pos_b;
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_expression(p)) && TOK(PY_TOK_COLONEQUAL) && py_rule_expression(p)) {
            RAISE_AT(a, "cannot use assignment expressions with %s", py_parse_expr_name(a));
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a, *b;
        if ((a = py_parse_name_token(p)) && TOK(PY_TOK_EQUAL) && (b = py_rule_bitwise_or(p)) &&
            not_eq_or_walrus(p)) {
            pos_a = py_expr_pos(a);
            pos_b = py_expr_pos(b);
            py_parse_raise_node(p, &pos_a, &pos_b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        /* _tmp: list | tuple | genexp | 'True' | 'None' | 'False' */
        p->level++;
        int la = (py_rule_list(p) != NULL);
        p->mark = mark;
        if (!la && NOERR) la = py_rule_tuple(p) != NULL;
        p->mark = mark;
        if (!la && NOERR) la = py_rule_genexp(p) != NULL;
        p->mark = mark;
        if (!la && NOERR) la = py_parse_peek(p, PY_KW_TRUE) || py_parse_peek(p, PY_KW_NONE) ||
                               py_parse_peek(p, PY_KW_FALSE);
        p->mark = mark;
        p->level--;
        py_expr *a;
        if (!la && NOERR && (a = py_rule_bitwise_or(p)) && TOK(PY_TOK_EQUAL) && py_rule_bitwise_or(p) &&
            not_eq_or_walrus(p)) {
            RAISE_AT(a, "cannot assign to %s here. Maybe you meant '==' instead of '='?", py_parse_expr_name(a));
            goto done;
        }
        p->mark = mark;
    }
    res = NULL;
done:
    if (!p->error_indicator) py_parse_insert_memo(p, mark, PY_MEMO_INVALID_NAMED_EXPRESSION, res);
    RET(res);
}

/* ====================================================================== */
/* Assignments                                                             */
/* ====================================================================== */

/* invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')' */
static py_expr *invalid_ann_assign_target(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *a;
    CHECK();
    if ((a = py_rule_list(p))) RET(a);
    p->mark = mark;
    CHECK();
    if ((a = py_rule_tuple(p))) RET(a);
    p->mark = mark;
    CHECK();
    if (TOK(PY_TOK_LPAR) && (a = invalid_ann_assign_target(p)) && TOK(PY_TOK_RPAR)) RET(a);
    p->mark = mark;
    RET(NULL);
}

/* (star_targets '=')* */
static int loop0_star_targets_eq(py_parser *p)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    for (;;) {
        if (p->error_indicator || py_parse_enter(p)) break;
        int tmark = p->mark;
        int ok = py_rule_star_targets(p) && TOK(PY_TOK_EQUAL);
        if (!ok) p->mark = tmark;
        p->level--;
        if (!ok) break;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return NOERR;
}

/* The operator of an augmented assignment (augassign), or 0. */
static int augassign_token(py_parser *p)
{
    static const int toks[] = {PY_TOK_PLUSEQUAL, PY_TOK_MINEQUAL, PY_TOK_STAREQUAL, PY_TOK_ATEQUAL,
                               PY_TOK_SLASHEQUAL, PY_TOK_PERCENTEQUAL, PY_TOK_AMPEREQUAL,
                               PY_TOK_VBAREQUAL, PY_TOK_CIRCUMFLEXEQUAL, PY_TOK_LEFTSHIFTEQUAL,
                               PY_TOK_RIGHTSHIFTEQUAL, PY_TOK_DOUBLESTAREQUAL, PY_TOK_DOUBLESLASHEQUAL};
    py_token *t = py_parse_peek_token(p);
    if (!t) return 0;
    for (size_t i = 0; i < sizeof toks / sizeof toks[0]; i++) {
        if (t->type == toks[i]) {
            p->mark++;
            return 1;
        }
    }
    return 0;
}

/* invalid_assignment:
 *     | invalid_ann_assign_target ':' expression
 *     | star_named_expression ',' star_named_expressions* ':' expression
 *     | expression ':' expression
 *     | (star_targets '=')* star_expressions '='
 *     | (star_targets '=')* yield_expr '='
 *     | star_expressions augassign (yield_expr | star_expressions) */
void *py_invalid_assignment(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos pos_a;
    {
        CHECK();
        py_expr *a;
        if ((a = invalid_ann_assign_target(p)) && TOK(PY_TOK_COLON) && py_rule_expression(p))
            RET(RAISE_AT(a, "only single target (not %s) can be annotated", py_parse_expr_name(a)));
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_star_named_expression(p)) && TOK(PY_TOK_COMMA)) {
            /* _loop0: star_named_expressions* */
            if (!py_parse_enter(p)) {
                int lmark = p->mark;
                while (!p->error_indicator && py_rule_star_named_expressions(p)) lmark = p->mark;
                p->mark = lmark;
                p->level--;
                if (NOERR && TOK(PY_TOK_COLON) && py_rule_expression(p))
                    RET(RAISE_AT(a, "only single target (not tuple) can be annotated"));
            }
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = py_rule_expression(p)) && TOK(PY_TOK_COLON) && py_rule_expression(p))
            RET(RAISE_AT(a, "illegal target for annotation"));
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if (loop0_star_targets_eq(p) && (a = py_rule_star_expressions(p)) && TOK(PY_TOK_EQUAL))
            RET(py_parse_raise_invalid_target(p, PY_STAR_TARGETS, a));
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if (loop0_star_targets_eq(p) && (a = py_rule_yield_expr(p)) && TOK(PY_TOK_EQUAL))
            RET(RAISE_AT(a, "assignment to yield expression not possible"));
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        int op = 0;
        if ((a = py_rule_star_expressions(p))) {
            p->level++;
            op = augassign_token(p);
            p->level--;
        }
        if (op && py_parse_tmp_yield_or_star_expressions(p))
            RET(RAISE_AT(a, "'%s' is an illegal expression for augmented assignment", py_parse_expr_name(a)));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_del_stmt: 'del' star_expressions */
void *py_invalid_del_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_expr *a;
    if (TOK(PY_KW_DEL) && (a = py_rule_star_expressions(p))) RET(py_parse_raise_invalid_target(p, PY_DEL_TARGETS, a));
    p->mark = mark;
    RET(NULL);
}

/* invalid_block: NEWLINE !INDENT */
void *py_invalid_block(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    if (TOK(PY_TOK_NEWLINE) && !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
        RET(py_parse_raise(p, PY_ERR_INDENTATION, 0, "expected an indented block"));
    p->mark = mark;
    RET(NULL);
}

/* ====================================================================== */
/* Comprehensions, groups, targets                                         */
/* ====================================================================== */

/* ('[' | '(' | '{') as a _tmp: the token or NULL. */
static py_token *open_bracket(py_parser *p, int allow_paren)
{
    p->level++;
    py_token *t = TOK(PY_TOK_LSQB);
    if (!t && allow_paren && NOERR) t = TOK(PY_TOK_LPAR);
    if (!t && NOERR) t = TOK(PY_TOK_LBRACE);
    p->level--;
    return t;
}

/* invalid_comprehension:
 *     | ('[' | '(' | '{') starred_expression for_if_clauses
 *     | ('[' | '{') star_named_expression ',' star_named_expressions for_if_clauses
 *     | ('[' | '{') star_named_expression ',' for_if_clauses */
void *py_invalid_comprehension(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos pos_a, pos_b;
    {
        CHECK();
        py_expr *a;
        if (open_bracket(p, 1) && (a = py_rule_starred_expression(p)) && py_rule_for_if_clauses(p))
            RET(RAISE_AT(a, "iterable unpacking cannot be used in comprehension"));
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_seq *b;
        if (open_bracket(p, 0) && (a = py_rule_star_named_expression(p)) && TOK(PY_TOK_COMMA) &&
            (b = py_rule_star_named_expressions(p)) && py_rule_for_if_clauses(p)) {
            pos_a = py_expr_pos(a);
            pos_b = py_expr_pos(last_item(b));
            RET(py_parse_raise_node(p, &pos_a, &pos_b, "did you forget parentheses around the comprehension target?"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_token *b;
        if (open_bracket(p, 0) && (a = py_rule_star_named_expression(p)) && (b = TOK(PY_TOK_COMMA)) &&
            py_rule_for_if_clauses(p)) {
            pos_a = py_expr_pos(a);
            pos_b = py_token_pos(b);
            RET(py_parse_raise_node(p, &pos_a, &pos_b, "did you forget parentheses around the comprehension target?"));
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}' */
void *py_invalid_dict_comprehension(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_token *a;
    if (TOK(PY_TOK_LBRACE) && (a = TOK(PY_TOK_DOUBLESTAR)) && py_rule_bitwise_or(p) && py_rule_for_if_clauses(p) &&
        TOK(PY_TOK_RBRACE)) {
        py_pos pos = py_token_pos(a);
        RET(py_parse_raise_node(p, &pos, &pos, "dict unpacking cannot be used in dict comprehension"));
    }
    p->mark = mark;
    RET(NULL);
}

/* invalid_with_item: expression 'as' expression &(',' | ')' | ':') */
void *py_invalid_with_item(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_expr *a;
    if (py_rule_expression(p) && TOK(PY_KW_AS) && (a = py_rule_expression(p))) {
        p->level++;
        int la = py_parse_peek(p, PY_TOK_COMMA) || py_parse_peek(p, PY_TOK_RPAR) || py_parse_peek(p, PY_TOK_COLON);
        p->level--;
        if (la) RET(py_parse_raise_invalid_target(p, PY_STAR_TARGETS, a));
    }
    p->mark = mark;
    RET(NULL);
}

/* invalid_for_target: ASYNC? 'for' star_expressions */
void *py_invalid_for_target(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_expr *a;
    if ((TOK(PY_TOK_ASYNC), NOERR) && TOK(PY_KW_FOR) && (a = py_rule_star_expressions(p)))
        RET(py_parse_raise_invalid_target(p, PY_FOR_TARGETS, a));
    p->mark = mark;
    RET(NULL);
}

/* invalid_group: '(' starred_expression ')' | '(' '**' expression ')' */
void *py_invalid_group(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos pos_a;
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_TOK_LPAR) && (a = py_rule_starred_expression(p)) && TOK(PY_TOK_RPAR))
            RET(RAISE_AT(a, "cannot use starred expression here"));
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        if (TOK(PY_TOK_LPAR) && (a = TOK(PY_TOK_DOUBLESTAR)) && py_rule_expression(p) && TOK(PY_TOK_RPAR)) {
            pos_a = py_token_pos(a);
            RET(py_parse_raise_node(p, &pos_a, &pos_a, "cannot use double starred expression here"));
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* Compound statement headers                                              */
/* ====================================================================== */

/* _tmp: expression ['as' star_target] (or expressions, for the
 * parenthesized form) */
static void *with_item_like(py_parser *p, int expressions)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    if ((expressions ? py_rule_expressions(p) : py_rule_expression(p))) {
        /* ['as' star_target] as a _tmp */
        p->level++;
        int m2 = p->mark;
        if (!(TOK(PY_KW_AS) && py_rule_star_target(p))) p->mark = m2;
        p->level--;
        if (NOERR) RET(DUMMY);
    }
    p->mark = mark;
    RET(NULL);
}

static void *with_item_like_expression(py_parser *p) { return with_item_like(p, 0); }
static void *with_item_like_expressions(py_parser *p) { return with_item_like(p, 1); }

/* ','.elem+ (a gather, for the invalid rules). */
static int gather_any(py_parser *p, void *(*elem)(py_parser *))
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark, ok = 0;
    if (!p->error_indicator && elem(p)) {
        if (!py_parse_enter(p)) {
            int lmark = p->mark;
            while (!p->error_indicator && TOK(PY_TOK_COMMA) && elem(p)) lmark = p->mark;
            p->mark = lmark;
            p->level--;
            ok = NOERR;
        }
    }
    if (!ok) p->mark = mark;
    p->level--;
    return ok;
}

/* [ASYNC] 'with' ','.(expression ['as' star_target])+
 *     or [ASYNC] 'with' '(' ','.(expressions ['as' star_target])+ ','? ')'
 * the 'with' token, or NULL. */
static py_token *with_header(py_parser *p, int paren)
{
    py_token *a;
    if ((TOK(PY_TOK_ASYNC), NOERR) && (a = TOK(PY_KW_WITH)) && (!paren || TOK(PY_TOK_LPAR)) &&
        gather_any(p, paren ? with_item_like_expressions : with_item_like_expression) &&
        (!paren || ((TOK(PY_TOK_COMMA), NOERR) && TOK(PY_TOK_RPAR))))
        return a;
    return NULL;
}

/* invalid_with_stmt:
 *     | [ASYNC] 'with' ','.(expression ['as' star_target])+ NEWLINE
 *     | [ASYNC] 'with' '(' ','.(expressions ['as' star_target])+ ','? ')' NEWLINE */
void *py_invalid_with_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    for (int paren = 0; paren < 2; paren++) {
        CHECK();
        if (with_header(p, paren) && TOK(PY_TOK_NEWLINE)) RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected ':'"));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_with_stmt_indent: the same headers, then ':' NEWLINE !INDENT */
void *py_invalid_with_stmt_indent(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    for (int paren = 0; paren < 2; paren++) {
        CHECK();
        py_token *a;
        if ((a = with_header(p, paren)) && TOK(PY_TOK_COLON) && TOK(PY_TOK_NEWLINE) &&
            !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
            RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                               "expected an indented block after 'with' statement on line %d", a->lineno));
        p->mark = mark;
    }
    RET(NULL);
}

/* _tmp: 'as' NAME */
static int as_name(py_parser *p)
{
    p->level++;
    int mark = p->mark;
    int ok = TOK(PY_KW_AS) && TOK(PY_TOK_NAME);
    if (!ok) p->mark = mark;
    p->level--;
    return ok;
}

/* invalid_except_stmt:
 *     | 'except' '*'? expression ',' expressions ['as' NAME ] ':'
 *     | 'except' '*'? expression ['as' NAME ] NEWLINE
 *     | 'except' NEWLINE
 *     | 'except' '*' (NEWLINE | ':') */
void *py_invalid_except_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *a;
        if (TOK(PY_KW_EXCEPT) && (TOK(PY_TOK_STAR), NOERR) && (a = py_rule_expression(p)) && TOK(PY_TOK_COMMA) &&
            py_rule_expressions(p) && (as_name(p), NOERR) && TOK(PY_TOK_COLON)) {
            py_pos pos = py_expr_pos(a);
            RET(py_parse_raise_starting_from(p, &pos, "multiple exception types must be parenthesized"));
        }
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_EXCEPT) && (TOK(PY_TOK_STAR), NOERR) && py_rule_expression(p) && (as_name(p), NOERR) &&
            TOK(PY_TOK_NEWLINE))
            RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected ':'"));
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_EXCEPT) && TOK(PY_TOK_NEWLINE)) RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected ':'"));
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_EXCEPT) && TOK(PY_TOK_STAR)) {
            p->level++;
            int ok = TOK(PY_TOK_NEWLINE) || (NOERR && TOK(PY_TOK_COLON));
            p->level--;
            if (ok) RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected one or more exception types"));
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* keyword ':' NEWLINE !INDENT: the keyword token, or NULL. */
static py_token *header_without_block(py_parser *p, int keyword)
{
    py_token *a;
    if ((a = TOK(keyword)) && TOK(PY_TOK_COLON) && TOK(PY_TOK_NEWLINE) && !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
        return a;
    return NULL;
}

/* invalid_finally_stmt: 'finally' ':' NEWLINE !INDENT
 * invalid_else_stmt: 'else' ':' NEWLINE !INDENT */
static void *invalid_block_header(py_parser *p, int keyword, const char *name)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_token *a;
    if ((a = header_without_block(p, keyword)))
        RET(py_parse_raise(p, PY_ERR_INDENTATION, 0, "expected an indented block after '%s' statement on line %d",
                           name, a->lineno));
    p->mark = mark;
    RET(NULL);
}

void *py_invalid_finally_stmt(py_parser *p) { return invalid_block_header(p, PY_KW_FINALLY, "finally"); }
void *py_invalid_else_stmt(py_parser *p) { return invalid_block_header(p, PY_KW_ELSE, "else"); }

/* invalid_except_stmt_indent:
 *     | 'except' expression ['as' NAME ] ':' NEWLINE !INDENT
 *     | 'except' ':' NEWLINE !INDENT */
void *py_invalid_except_stmt_indent(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_token *a;
        if ((a = TOK(PY_KW_EXCEPT)) && py_rule_expression(p) && (as_name(p), NOERR) && TOK(PY_TOK_COLON) &&
            TOK(PY_TOK_NEWLINE) && !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
            RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                               "expected an indented block after 'except' statement on line %d", a->lineno));
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        if ((a = header_without_block(p, PY_KW_EXCEPT)))
            RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                               "expected an indented block after 'except' statement on line %d", a->lineno));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_except_star_stmt_indent: 'except' '*' expression ['as' NAME ] ':' NEWLINE !INDENT */
void *py_invalid_except_star_stmt_indent(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_token *a;
    if ((a = TOK(PY_KW_EXCEPT)) && TOK(PY_TOK_STAR) && py_rule_expression(p) && (as_name(p), NOERR) &&
        TOK(PY_TOK_COLON) && TOK(PY_TOK_NEWLINE) && !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
        RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                           "expected an indented block after 'except*' statement on line %d", a->lineno));
    p->mark = mark;
    RET(NULL);
}

/* invalid_if_stmt / invalid_elif_stmt / invalid_while_stmt:
 *     | keyword named_expression NEWLINE
 *     | keyword named_expression ':' NEWLINE !INDENT */
static void *invalid_conditional(py_parser *p, int keyword, const char *name)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        if (TOK(keyword) && py_rule_named_expression(p) && TOK(PY_TOK_NEWLINE))
            RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected ':'"));
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        py_expr *e;
        if ((a = TOK(keyword)) && (e = py_rule_named_expression(p)) && TOK(PY_TOK_COLON) && TOK(PY_TOK_NEWLINE) &&
            !py_parse_peek(p, PY_TOK_INDENT) && NOERR) {
            (void)e;
            RET(py_parse_raise(p, PY_ERR_INDENTATION, 0, "expected an indented block after '%s' statement on line %d",
                               name, a->lineno));
        }
        p->mark = mark;
    }
    RET(NULL);
}

void *py_invalid_if_stmt(py_parser *p) { return invalid_conditional(p, PY_KW_IF, "if"); }
void *py_invalid_elif_stmt(py_parser *p) { return invalid_conditional(p, PY_KW_ELIF, "elif"); }
void *py_invalid_while_stmt(py_parser *p) { return invalid_conditional(p, PY_KW_WHILE, "while"); }

/* invalid_for_stmt:
 *     | [ASYNC] 'for' star_targets 'in' star_expressions NEWLINE
 *     | [ASYNC] 'for' star_targets 'in' star_expressions ':' NEWLINE !INDENT */
void *py_invalid_for_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        if ((TOK(PY_TOK_ASYNC), NOERR) && TOK(PY_KW_FOR) && py_rule_star_targets(p) && TOK(PY_KW_IN) &&
            py_rule_star_expressions(p) && TOK(PY_TOK_NEWLINE))
            RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected ':'"));
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        if ((TOK(PY_TOK_ASYNC), NOERR) && (a = TOK(PY_KW_FOR)) && py_rule_star_targets(p) && TOK(PY_KW_IN) &&
            py_rule_star_expressions(p) && TOK(PY_TOK_COLON) && TOK(PY_TOK_NEWLINE) &&
            !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
            RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                               "expected an indented block after 'for' statement on line %d", a->lineno));
        p->mark = mark;
    }
    RET(NULL);
}

/* invalid_def_raw:
 *     | [ASYNC] 'def' NAME '(' [params] ')' ['->' expression] ':' NEWLINE !INDENT */
void *py_invalid_def_raw(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    py_token *a;
    if ((TOK(PY_TOK_ASYNC), NOERR) && (a = TOK(PY_KW_DEF)) && TOK(PY_TOK_NAME) && TOK(PY_TOK_LPAR) &&
        (py_rule_params(p), NOERR) && TOK(PY_TOK_RPAR) &&
        (py_parse_token_operand(p, PY_TOK_RARROW, py_rule_expression), NOERR) && TOK(PY_TOK_COLON) &&
        TOK(PY_TOK_NEWLINE) && !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
        RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                           "expected an indented block after function definition on line %d", a->lineno));
    p->mark = mark;
    RET(NULL);
}

/* _tmp: '(' [arguments] ')' */
static int tmp_class_arguments(py_parser *p)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    int ok = TOK(PY_TOK_LPAR) && (py_rule_arguments(p), NOERR) && TOK(PY_TOK_RPAR);
    if (!ok) p->mark = mark;
    p->level--;
    return ok;
}

/* invalid_class_def_raw:
 *     | 'class' NAME ['(' [arguments] ')'] NEWLINE
 *     | 'class' NAME ['(' [arguments] ')'] ':' NEWLINE !INDENT */
void *py_invalid_class_def_raw(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        if (TOK(PY_KW_CLASS) && TOK(PY_TOK_NAME) && (tmp_class_arguments(p), NOERR) && TOK(PY_TOK_NEWLINE))
            RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected ':'"));
        p->mark = mark;
    }
    {
        CHECK();
        py_token *a;
        if ((a = TOK(PY_KW_CLASS)) && TOK(PY_TOK_NAME) && (tmp_class_arguments(p), NOERR) && TOK(PY_TOK_COLON) &&
            TOK(PY_TOK_NEWLINE) && !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
            RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                               "expected an indented block after class definition on line %d", a->lineno));
        p->mark = mark;
    }
    RET(NULL);
}
