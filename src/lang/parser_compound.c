/*
 * parser_compound.c -- the compound statements of CPython 3.11's grammar
 * (Grammar/python.gram, "COMPOUND STATEMENTS" to "Match statement"),
 * written out as the generated parser runs them.
 *
 * Owns: blocks, decorators, class and function definitions (async ones
 * too: parse.c refuses them once the file has parsed), if/elif/else,
 * while, for, with (both forms; async too), try with except
 * or except* and the invalid_ rule over try, and the point where a match
 * statement is refused (its invalid_ rule is kept, for CPython's messages
 * about a malformed one).
 */
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* ====================================================================== */
/* Blocks, decorators, classes, functions                                  */
/* ====================================================================== */

/* block (memo): NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block */
py_seq *py_rule_block(py_parser *p)
{
    ENTER();
    py_seq *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_BLOCK, &res)) RET(res);
    int mark = p->mark;
    {
        CHECK();
        py_seq *a;
        if (TOK(PY_TOK_NEWLINE) && TOK(PY_TOK_INDENT) && (a = py_rule_statements(p)) &&
            TOK(PY_TOK_DEDENT)) {
            res = a;
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = py_rule_simple_stmts(p))) goto done;
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_block(p)) {
            res = NULL;
            goto done;
        }
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_BLOCK, res);
    RET(res);
}

/* _tmp: '@' named_expression NEWLINE */
static py_expr *tmp_decorator(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *f;
    if (!p->error_indicator && TOK(PY_TOK_AT) && (f = py_rule_named_expression(p)) &&
        TOK(PY_TOK_NEWLINE))
        RET(f);
    p->mark = mark;
    RET(NULL);
}

/* decorators: ('@' named_expression NEWLINE)+ */
py_seq *py_rule_decorators(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_vec v = {0};
    int ok = 0;
    if (!py_parse_enter(p)) { /* _loop1 */
        int lmark = p->mark;
        py_expr *f;
        while (!p->error_indicator && (f = tmp_decorator(p))) {
            if (py_vec_push(p, &v, f) < 0) break;
            lmark = p->mark;
        }
        p->mark = lmark;
        ok = v.n > 0 && NOERR;
        p->level--;
    }
    if (ok) {
        py_seq *s = py_vec_seq(p, &v);
        ACTION_CHECK(s);
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

static py_stmt *class_def_raw(py_parser *p);
static py_stmt *function_def_raw(py_parser *p);

/* class_def: decorators class_def_raw | class_def_raw
 * function_def: decorators function_def_raw | function_def_raw */
static py_stmt *decorated(py_parser *p, int is_class)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_seq *d;
        py_stmt *f;
        if ((d = py_rule_decorators(p)) && (f = is_class ? class_def_raw(p) : function_def_raw(p))) {
            py_stmt *s = py_parse_new_stmt(p, f->kind, &(py_pos){f->lineno, f->col_offset,
                                                                 f->end_lineno, f->end_col_offset});
            ACTION_CHECK(s);
            s->v = f->v;
            if (is_class) s->v.ClassDef.decorator_list = d;
            else s->v.FunctionDef.decorator_list = d;
            RET(s);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_stmt *f;
        if ((f = is_class ? class_def_raw(p) : function_def_raw(p))) RET(f);
        p->mark = mark;
    }
    RET(NULL);
}

py_stmt *py_rule_class_def(py_parser *p) { return decorated(p, 1); }
py_stmt *py_rule_function_def(py_parser *p) { return decorated(p, 0); }

/* _tmp: '(' [arguments] ')' -- the Call of the arguments, or a dummy
 * non-NULL marker for "()" */
static py_expr *tmp_class_arguments(py_parser *p, int *matched)
{
    ENTER();
    int mark = p->mark;
    py_expr *z;
    *matched = 0;
    if (!p->error_indicator && TOK(PY_TOK_LPAR) && (z = py_rule_arguments(p), NOERR) &&
        TOK(PY_TOK_RPAR)) {
        *matched = 1;
        RET(z);
    }
    p->mark = mark;
    RET(NULL);
}

/* class_def_raw: invalid_class_def_raw
 *     | 'class' NAME ['(' [arguments] ')'] ':' block */
static py_stmt *class_def_raw(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_class_def_raw(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a, *b;
        py_seq *c;
        int matched;
        if (TOK(PY_KW_CLASS) && (a = py_parse_name_token(p)) &&
            (b = tmp_class_arguments(p, &matched), NOERR) && TOK(PY_TOK_COLON) &&
            (c = py_rule_block(p))) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_ClassDef_kind, &pos);
            ACTION_CHECK(s);
            s->v.ClassDef.name = a->v.Name.id;
            s->v.ClassDef.bases = b ? b->v.Call.args : NULL;
            s->v.ClassDef.keywords = b ? b->v.Call.keywords : NULL;
            s->v.ClassDef.body = c;
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* func_type_comment: NEWLINE TYPE_COMMENT &(NEWLINE INDENT)
 *     | invalid_double_type_comments | TYPE_COMMENT
 * (type comments are never produced: this only fetches what CPython's
 * attempt fetches) */
static void *func_type_comment(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    if (!p->error_indicator && TOK(PY_TOK_NEWLINE) && TOK(PY_TOK_TYPE_COMMENT)) RET(NULL);
    p->mark = mark;
    if (p->call_invalid_rules && !p->error_indicator) {
        if (!py_parse_enter(p)) { /* invalid_double_type_comments */
            TOK(PY_TOK_TYPE_COMMENT);
            p->level--;
        }
        p->mark = mark;
    }
    if (!p->error_indicator) TOK(PY_TOK_TYPE_COMMENT);
    p->mark = mark;
    RET(NULL);
}

/* An empty arguments record (_PyPegen_empty_arguments). */
static py_arguments *empty_arguments(py_parser *p)
{
    py_arguments *a = py_parse_alloc(p, sizeof *a);
    return a;
}

/* function_def_raw: invalid_def_raw
 *     | 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
 *     | ASYNC 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block */
static py_stmt *function_def_raw(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_def_raw(p)) RET(NULL);
        p->mark = mark;
    }
    for (int is_async = 0; is_async < 2; is_async++) {
        CHECK();
        py_expr *n, *a;
        py_arguments *params;
        py_seq *b;
        if ((!is_async || TOK(PY_TOK_ASYNC)) && TOK(PY_KW_DEF) && (n = py_parse_name_token(p)) &&
            py_parse_expect_forced(p, PY_TOK_LPAR, "(") && (params = py_rule_params(p), NOERR) &&
            TOK(PY_TOK_RPAR) && (a = py_parse_token_operand(p, PY_TOK_RARROW, py_rule_expression), NOERR) &&
            py_parse_expect_forced(p, PY_TOK_COLON, ":") && (func_type_comment(p), NOERR) &&
            (b = py_rule_block(p))) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, is_async ? PY_AsyncFunctionDef_kind : PY_FunctionDef_kind, &pos);
            ACTION_CHECK(s);
            s->v.FunctionDef.name = n->v.Name.id;
            s->v.FunctionDef.args = params ? params : empty_arguments(p);
            ACTION_CHECK(s->v.FunctionDef.args);
            s->v.FunctionDef.body = b;
            s->v.FunctionDef.returns = a;
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* if, while, for, with, try                                               */
/* ====================================================================== */

/* else_block: invalid_else_stmt | 'else' &&':' block
 * finally_block: invalid_finally_stmt | 'finally' &&':' block */
static py_seq *keyword_block(py_parser *p, int keyword, void *(*invalid)(py_parser *))
{
    ENTER();
    int mark = p->mark;
    if (p->call_invalid_rules) {
        CHECK();
        if (invalid(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_seq *b;
        if (TOK(keyword) && py_parse_expect_forced(p, PY_TOK_COLON, ":") && (b = py_rule_block(p))) RET(b);
        p->mark = mark;
    }
    RET(NULL);
}

static py_seq *else_block(py_parser *p) { return keyword_block(p, PY_KW_ELSE, py_invalid_else_stmt); }
static py_seq *finally_block(py_parser *p) { return keyword_block(p, PY_KW_FINALLY, py_invalid_finally_stmt); }

/* if_stmt / elif_stmt:
 *     | invalid_if_stmt
 *     | 'if' named_expression ':' block elif_stmt
 *     | 'if' named_expression ':' block [else_block] */
static py_stmt *if_or_elif(py_parser *p, int keyword)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (keyword == PY_KW_IF ? py_invalid_if_stmt(p) : py_invalid_elif_stmt(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_seq *b;
        py_stmt *c;
        if (TOK(keyword) && (a = py_rule_named_expression(p)) && TOK(PY_TOK_COLON) &&
            (b = py_rule_block(p)) && (c = if_or_elif(p, PY_KW_ELIF))) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_If_kind, &pos);
            ACTION_CHECK(s);
            s->v.If.test = a;
            s->v.If.body = b;
            s->v.If.orelse = py_seq_singleton(p, c);
            ACTION_CHECK(s->v.If.orelse);
            RET(s);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_seq *b, *c;
        if (TOK(keyword) && (a = py_rule_named_expression(p)) && TOK(PY_TOK_COLON) &&
            (b = py_rule_block(p)) && (c = else_block(p), NOERR)) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_If_kind, &pos);
            ACTION_CHECK(s);
            s->v.If.test = a;
            s->v.If.body = b;
            s->v.If.orelse = c;
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

py_stmt *py_rule_if_stmt(py_parser *p) { return if_or_elif(p, PY_KW_IF); }

/* while_stmt: invalid_while_stmt | 'while' named_expression ':' block [else_block] */
py_stmt *py_rule_while_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_while_stmt(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        py_seq *b, *c;
        if (TOK(PY_KW_WHILE) && (a = py_rule_named_expression(p)) && TOK(PY_TOK_COLON) &&
            (b = py_rule_block(p)) && (c = else_block(p), NOERR)) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_While_kind, &pos);
            ACTION_CHECK(s);
            s->v.While.test = a;
            s->v.While.body = b;
            s->v.While.orelse = c;
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* for_stmt: invalid_for_stmt
 *     | 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
 *     | ASYNC 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
 *     | invalid_for_target */
py_stmt *py_rule_for_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_for_stmt(p)) RET(NULL);
        p->mark = mark;
    }
    for (int is_async = 0; is_async < 2; is_async++) {
        CHECK();
        int cut = 0;
        py_expr *t, *ex;
        py_seq *b, *el;
        if ((!is_async || TOK(PY_TOK_ASYNC)) && TOK(PY_KW_FOR) && (t = py_rule_star_targets(p)) &&
            TOK(PY_KW_IN) && (cut = 1) && (ex = py_rule_star_expressions(p)) && TOK(PY_TOK_COLON) &&
            (TOK(PY_TOK_TYPE_COMMENT), NOERR) && (b = py_rule_block(p)) && (el = else_block(p), NOERR)) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, is_async ? PY_AsyncFor_kind : PY_For_kind, &pos);
            ACTION_CHECK(s);
            s->v.For.target = t;
            s->v.For.iter = ex;
            s->v.For.body = b;
            s->v.For.orelse = el;
            RET(s);
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

/* _tmp: &(',' | ')' | ':') */
static int peek_with_item_end(py_parser *p)
{
    return py_parse_peek_any(p, PY_TOK_COMMA, PY_TOK_RPAR, PY_TOK_COLON);
}

/* with_item: expression 'as' star_target &(',' | ')' | ':')
 *     | invalid_with_item | expression */
static void *with_item(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *e, *t;
        if ((e = py_rule_expression(p)) && TOK(PY_KW_AS) && (t = py_rule_star_target(p)) &&
            peek_with_item_end(p)) {
            py_withitem *w = py_parse_alloc(p, sizeof *w);
            ACTION_CHECK(w);
            w->context_expr = e;
            w->optional_vars = t;
            RET(w);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_with_item(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *e;
        if ((e = py_rule_expression(p))) {
            py_withitem *w = py_parse_alloc(p, sizeof *w);
            ACTION_CHECK(w);
            w->context_expr = e;
            RET(w);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* with_stmt: invalid_with_stmt_indent
 *     | 'with' '(' ','.with_item+ ','? ')' ':' block
 *     | 'with' ','.with_item+ ':' [TYPE_COMMENT] block
 *     | ASYNC 'with' '(' ','.with_item+ ','? ')' ':' block
 *     | ASYNC 'with' ','.with_item+ ':' [TYPE_COMMENT] block
 *     | invalid_with_stmt */
py_stmt *py_rule_with_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_with_stmt_indent(p)) RET(NULL);
        p->mark = mark;
    }
    for (int alt = 0; alt < 4; alt++) {
        int is_async = alt >= 2, paren = !(alt & 1);
        CHECK();
        py_seq *a, *b;
        if ((!is_async || TOK(PY_TOK_ASYNC)) && TOK(PY_KW_WITH) && (!paren || TOK(PY_TOK_LPAR)) &&
            (a = py_parse_gather_seq(p, PY_TOK_COMMA, with_item)) &&
            (!paren || ((TOK(PY_TOK_COMMA), NOERR) && TOK(PY_TOK_RPAR))) && TOK(PY_TOK_COLON) &&
            (paren || (TOK(PY_TOK_TYPE_COMMENT), NOERR)) && (b = py_rule_block(p))) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, is_async ? PY_AsyncWith_kind : PY_With_kind, &pos);
            ACTION_CHECK(s);
            s->v.With.items = a;
            s->v.With.body = b;
            RET(s);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_with_stmt(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* An ExceptHandler. */
static py_excepthandler *new_handler(py_parser *p, py_expr *type, py_expr *name, py_seq *body,
                                     const py_pos *pos)
{
    py_excepthandler *h = py_parse_alloc(p, sizeof *h);
    if (!h) return NULL;
    h->kind = 1;
    h->type = type;
    h->name = name ? name->v.Name.id : NULL;
    h->body = body;
    h->lineno = pos->lineno;
    h->col_offset = pos->col_offset;
    h->end_lineno = pos->end_lineno;
    h->end_col_offset = pos->end_col_offset;
    return h;
}

/* except_block: invalid_except_stmt_indent
 *     | 'except' expression ['as' NAME] ':' block
 *     | 'except' ':' block
 *     | invalid_except_stmt
 * except_star_block: invalid_except_star_stmt_indent
 *     | 'except' '*' expression ['as' NAME] ':' block
 *     | invalid_except_stmt */
static py_excepthandler *except_block(py_parser *p, int star)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (star ? py_invalid_except_star_stmt_indent(p) : py_invalid_except_stmt_indent(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *e, *t;
        py_seq *b;
        if (TOK(PY_KW_EXCEPT) && (!star || TOK(PY_TOK_STAR)) && (e = py_rule_expression(p)) &&
            (t = py_parse_tmp_as_name(p), NOERR) && TOK(PY_TOK_COLON) && (b = py_rule_block(p))) {
            py_pos pos = EXTRA(start);
            py_excepthandler *h = new_handler(p, e, t, b, &pos);
            ACTION_CHECK(h);
            RET(h);
        }
        p->mark = mark;
    }
    if (!star) {
        CHECK();
        py_seq *b;
        if (TOK(PY_KW_EXCEPT) && TOK(PY_TOK_COLON) && (b = py_rule_block(p))) {
            py_pos pos = EXTRA(start);
            py_excepthandler *h = new_handler(p, NULL, NULL, b, &pos);
            ACTION_CHECK(h);
            RET(h);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_except_stmt(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* except_block+ / except_star_block+ */
static py_seq *loop1_except(py_parser *p, int star)
{
    ENTER();
    int mark = p->mark;
    py_vec v = {0};
    py_excepthandler *h;
    while (!p->error_indicator && (h = except_block(p, star))) {
        if (py_vec_push(p, &v, h) < 0) break;
        mark = p->mark;
    }
    p->mark = mark;
    if (v.n == 0 || p->error_indicator) RET(NULL);
    py_seq *s = py_vec_seq(p, &v);
    ACTION_CHECK(s);
    RET(s);
}

/* try_stmt: invalid_try_stmt
 *     | 'try' &&':' block finally_block
 *     | 'try' &&':' block except_block+ [else_block] [finally_block]
 *     | 'try' &&':' block except_star_block+ [else_block] [finally_block] */
py_stmt *py_rule_try_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_try_stmt(p)) RET(NULL);
        p->mark = mark;
    }
    {
        CHECK();
        py_seq *b, *f;
        if (TOK(PY_KW_TRY) && py_parse_expect_forced(p, PY_TOK_COLON, ":") && (b = py_rule_block(p)) &&
            (f = finally_block(p))) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_Try_kind, &pos);
            ACTION_CHECK(s);
            s->v.Try.body = b;
            s->v.Try.finalbody = f;
            RET(s);
        }
        p->mark = mark;
    }
    for (int star = 0; star < 2; star++) {
        CHECK();
        py_seq *b, *ex, *el, *f;
        if (TOK(PY_KW_TRY) && py_parse_expect_forced(p, PY_TOK_COLON, ":") && (b = py_rule_block(p)) &&
            (ex = loop1_except(p, star)) && (el = else_block(p), NOERR) &&
            (f = finally_block(p), NOERR)) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, star ? PY_TryStar_kind : PY_Try_kind, &pos);
            ACTION_CHECK(s);
            s->v.Try.body = b;
            s->v.Try.handlers = ex;
            s->v.Try.orelse = el;
            s->v.Try.finalbody = f;
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* match (refused)                                                         */
/* ====================================================================== */

/* subject_expr: star_named_expression ',' star_named_expressions? | named_expression */
static py_expr *subject_expr(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *value;
        py_seq *values;
        if ((value = py_rule_star_named_expression(p)) && TOK(PY_TOK_COMMA) &&
            (values = py_rule_star_named_expressions(p), NOERR)) {
            py_pos pos = EXTRA(start);
            py_expr *e = py_parse_new_expr(p, PY_Tuple_kind, &pos);
            ACTION_CHECK(e);
            e->v.List.elts = py_seq_insert_in_front(p, value, values);
            ACTION_CHECK(e->v.List.elts);
            e->v.List.ctx = PY_Load;
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *e;
        if ((e = py_rule_named_expression(p))) RET(e);
        p->mark = mark;
    }
    RET(NULL);
}

/* match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT
 *     | invalid_match_stmt
 * refgc refuses a match statement once its header and indent are seen. */
py_stmt *py_rule_match_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *m;
        if ((m = py_parse_expect_soft_keyword(p, "match")) && subject_expr(p) && TOK(PY_TOK_COLON) &&
            TOK(PY_TOK_NEWLINE) && TOK(PY_TOK_INDENT)) {
            py_pos pos = py_expr_pos(m);
            RET(py_parse_raise_node(p, &pos, &pos, "'match' statements are not supported by refgc"));
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        /* invalid_match_stmt */
        if (!py_parse_enter(p)) {
            int m2 = p->mark;
            py_expr *m;
            if (!p->error_indicator && py_parse_expect_soft_keyword(p, "match") && subject_expr(p) &&
                TOK(PY_TOK_NEWLINE)) {
                py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected ':'");
            } else {
                p->mark = m2;
                if (!p->error_indicator && (m = py_parse_expect_soft_keyword(p, "match")) &&
                    subject_expr(p) && TOK(PY_TOK_COLON) && TOK(PY_TOK_NEWLINE) &&
                    !py_parse_peek(p, PY_TOK_INDENT) && NOERR)
                    py_parse_raise(p, PY_ERR_INDENTATION, 0,
                                   "expected an indented block after 'match' statement on line %d",
                                   m->lineno);
                p->mark = m2;
            }
            p->level--;
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* ====================================================================== */
/* invalid_ rules over try                                                */
/* ====================================================================== */

/* invalid_try_stmt:
 *     | 'try' ':' NEWLINE !INDENT
 *     | 'try' ':' block !('except' | 'finally')
 *     | 'try' ':' block* except_block+ 'except' '*' expression ['as' NAME] ':'
 *     | 'try' ':' block* except_star_block+ 'except' [expression ['as' NAME]] ':' */
void *py_invalid_try_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_token *a;
        if ((a = TOK(PY_KW_TRY)) && TOK(PY_TOK_COLON) && TOK(PY_TOK_NEWLINE) && !py_parse_peek(p, PY_TOK_INDENT) &&
            NOERR)
            RET(py_parse_raise(p, PY_ERR_INDENTATION, 0,
                               "expected an indented block after 'try' statement on line %d", a->lineno));
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_TRY) && TOK(PY_TOK_COLON) && py_rule_block(p) &&
            !py_parse_peek_any(p, PY_KW_EXCEPT, PY_KW_FINALLY, -1) && NOERR)
            RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "expected 'except' or 'finally' block"));
        p->mark = mark;
    }
    for (int star = 0; star < 2; star++) {
        CHECK();
        int ok = TOK(PY_KW_TRY) && TOK(PY_TOK_COLON);
        if (ok && !py_parse_enter(p)) { /* _loop0: block* */
            int lmark = p->mark;
            while (!p->error_indicator && py_rule_block(p)) lmark = p->mark;
            p->mark = lmark;
            p->level--;
        }
        py_token *a, *b;
        if (ok && NOERR && loop1_except(p, star) && (a = TOK(PY_KW_EXCEPT))) {
            if (!star) {
                if ((b = TOK(PY_TOK_STAR)) && py_rule_expression(p) && (py_parse_tmp_as_name(p), NOERR) && TOK(PY_TOK_COLON)) {
                    py_pos pa = py_token_pos(a), pb = py_token_pos(b);
                    RET(py_parse_raise_node(p, &pa, &pb, "cannot have both 'except' and 'except*' on the same 'try'"));
                }
            } else {
                /* [expression ['as' NAME]] as a _tmp */
                p->level++;
                int m2 = p->mark;
                if (!(py_rule_expression(p) && (py_parse_tmp_as_name(p), NOERR))) p->mark = m2;
                p->level--;
                if (NOERR && TOK(PY_TOK_COLON))
                    RET(py_parse_raise_at_token(p, a, "cannot have both 'except' and 'except*' on the same 'try'"));
            }
        }
        p->mark = mark;
    }
    RET(NULL);
}
