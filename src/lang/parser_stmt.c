/*
 * parser_stmt.c -- the simple statements of CPython 3.11's grammar
 * (Grammar/python.gram, "GENERAL STATEMENTS" to "Import statements"),
 * written out as the generated parser runs them.
 *
 * Owns: file, statements, the dispatch to compound statements, simple
 * statements (assignments of all kinds, return, raise, global, nonlocal,
 * del, yield, assert, pass, break, continue) and imports, with the
 * invalid_ rule over import targets.
 *
 * Each rule is a function that bumps p->level (MAXSTACK), tries its
 * alternatives in the grammar's order, resets p->mark after a failed one,
 * and returns the action's result; CPython's helper rules (_loop, _gather,
 * _tmp) count one level each where the grammar has them, so the
 * MemoryError threshold for deep nesting matches CPython's.
 */
#include <string.h>

#define PY_PARSER_RULES
#include "lang/token.h"

/* ====================================================================== */
/* file, statements                                                        */
/* ====================================================================== */

static py_stmt *compound_stmt(py_parser *p);

/* file: [statements] ENDMARKER */
py_seq *py_rule_file(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_seq *res = NULL;
    {
        CHECK();
        py_seq *a;
        if ((a = py_rule_statements(p), NOERR) && TOK(PY_TOK_ENDMARKER)) {
            res = a ? a : py_parse_seq(p, 0);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
done:
    RET(res);
}

/* statement: compound_stmt | simple_stmts  (the stmts go into v) */
static int statement(py_parser *p, py_vec *v)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark, ok = 0;
    if (!p->error_indicator) {
        py_stmt *a = compound_stmt(p);
        if (a) {
            ok = py_vec_push(p, v, a) == 0;
            goto done;
        }
        p->mark = mark;
    }
    if (!p->error_indicator) {
        py_seq *a = py_rule_simple_stmts(p);
        if (a) {
            for (int i = 0; i < a->size; i++)
                if (py_vec_push(p, v, a->items[i]) < 0) goto done;
            ok = 1;
            goto done;
        }
        p->mark = mark;
    }
done:
    p->level--;
    return ok;
}

/* _loop1: statement+ */
static int loop1_statement(py_parser *p, py_vec *v)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark, n = 0;
    while (!p->error_indicator && statement(p, v)) {
        n++;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return n > 0 && !p->error_indicator;
}

/* statements: statement+ */
py_seq *py_rule_statements(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_seq *res = NULL;
    {
        CHECK();
        py_vec v = {0};
        if (loop1_statement(p, &v)) {
            res = py_vec_seq(p, &v);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
done:
    RET(res);
}

/* _loop0 of a gather: (sep elem)* */
static int gather_rest(py_parser *p, int sep, void *(*elem)(py_parser *), py_vec *v)
{
    if (py_parse_enter(p)) return 0;
    int mark = p->mark;
    void *e;
    while (!p->error_indicator && TOK(sep) && (e = elem(p))) {
        if (py_vec_push(p, v, e) < 0) break;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    return !p->error_indicator;
}

/* _gather: sep.elem+ as a sequence (NULL if none). */
py_seq *py_parse_gather_seq(py_parser *p, int sep, void *(*elem)(py_parser *))
{
    ENTER();
    int mark = p->mark;
    py_seq *res = NULL;
    {
        CHECK();
        py_vec v = {0};
        void *e;
        if ((e = elem(p)) && py_vec_push(p, &v, e) == 0 && gather_rest(p, sep, elem, &v)) {
            res = py_vec_seq(p, &v);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
done:
    RET(res);
}

/* simple_stmt as a gather element. */
static void *simple_stmt_elem(py_parser *p) { return py_rule_simple_stmt(p); }

/* simple_stmts:
 *     | simple_stmt !';' NEWLINE
 *     | ';'.simple_stmt+ [';'] NEWLINE */
py_seq *py_rule_simple_stmts(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_seq *res = NULL;
    {
        CHECK();
        py_stmt *a;
        if ((a = py_rule_simple_stmt(p)) && !py_parse_peek(p, PY_TOK_SEMI) && NOERR &&
            TOK(PY_TOK_NEWLINE)) {
            res = py_seq_singleton(p, a);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_seq *a;
        if ((a = py_parse_gather_seq(p, PY_TOK_SEMI, simple_stmt_elem)) && (TOK(PY_TOK_SEMI), NOERR) &&
            TOK(PY_TOK_NEWLINE)) {
            res = a;
            goto done;
        }
        p->mark = mark;
    }
done:
    RET(res);
}

static py_stmt *assignment(py_parser *p);
static py_stmt *return_stmt(py_parser *p);
static py_stmt *import_stmt(py_parser *p);
static py_stmt *raise_stmt(py_parser *p);
static py_stmt *del_stmt(py_parser *p);
static py_stmt *yield_stmt(py_parser *p);
static py_stmt *assert_stmt(py_parser *p);
static py_stmt *global_stmt(py_parser *p, int keyword);

/* A statement made of one keyword (pass, break, continue). */
static py_stmt *keyword_stmt(py_parser *p, py_stmt_kind kind, const py_pos *start)
{
    py_pos pos = EXTRA(*start);
    return py_parse_new_stmt(p, kind, &pos);
}

/* simple_stmt (memo): assignment | star_expressions | &'return' return_stmt
 *     | &('import' | 'from') import_stmt | &'raise' raise_stmt | 'pass'
 *     | &'del' del_stmt | &'yield' yield_stmt | &'assert' assert_stmt
 *     | 'break' | 'continue' | &'global' global_stmt | &'nonlocal' nonlocal_stmt */
py_stmt *py_rule_simple_stmt(py_parser *p)
{
    ENTER();
    py_stmt *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_SIMPLE_STMT, &res)) RET(res);
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        if ((res = assignment(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *e;
        if ((e = py_rule_star_expressions(p))) {
            py_pos pos = EXTRA(start);
            res = py_parse_new_stmt(p, PY_Expr_kind, &pos);
            ACTION_CHECK(res);
            res->v.Expr.value = e;
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_RETURN) && (res = return_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        p->level++; /* _tmp: 'import' | 'from' */
        int la = py_parse_peek(p, PY_KW_IMPORT) || py_parse_peek(p, PY_KW_FROM);
        p->level--;
        if (la && (res = import_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_RAISE) && (res = raise_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_PASS)) {
            res = keyword_stmt(p, PY_Pass_kind, &start);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_DEL) && (res = del_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_YIELD) && (res = yield_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_ASSERT) && (res = assert_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_BREAK)) {
            res = keyword_stmt(p, PY_Break_kind, &start);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_CONTINUE)) {
            res = keyword_stmt(p, PY_Continue_kind, &start);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_GLOBAL) && (res = global_stmt(p, PY_KW_GLOBAL))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_NONLOCAL) && (res = global_stmt(p, PY_KW_NONLOCAL))) goto done;
        p->mark = mark;
    }
    res = NULL;
done:
    py_parse_insert_memo(p, mark, PY_MEMO_SIMPLE_STMT, res);
    RET(res);
}


/* compound_stmt: &('def' | '@' | ASYNC) function_def | &'if' if_stmt
 *     | &('class' | '@') class_def | &('with' | ASYNC) with_stmt
 *     | &('for' | ASYNC) for_stmt | &'try' try_stmt | &'while' while_stmt
 *     | match_stmt */
static py_stmt *compound_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_stmt *res = NULL;
    {
        CHECK();
        if (py_parse_peek_any(p, PY_KW_DEF, PY_TOK_AT, PY_TOK_ASYNC) && (res = py_rule_function_def(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_IF) && (res = py_rule_if_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek_any(p, PY_KW_CLASS, PY_TOK_AT, -1) && (res = py_rule_class_def(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek_any(p, PY_KW_WITH, PY_TOK_ASYNC, -1) && (res = py_rule_with_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek_any(p, PY_KW_FOR, PY_TOK_ASYNC, -1) && (res = py_rule_for_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_TRY) && (res = py_rule_try_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if (py_parse_peek(p, PY_KW_WHILE) && (res = py_rule_while_stmt(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = py_rule_match_stmt(p))) goto done;
        p->mark = mark;
    }
done:
    RET(res);
}

/* ====================================================================== */
/* Simple statements                                                       */
/* ====================================================================== */

/* annotated_rhs: yield_expr | star_expressions */
static py_expr *annotated_rhs(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *res = NULL;
    {
        CHECK();
        if ((res = py_rule_yield_expr(p))) goto done;
        p->mark = mark;
    }
    {
        CHECK();
        if ((res = py_rule_star_expressions(p))) goto done;
        p->mark = mark;
    }
done:
    RET(res);
}

/* _tmp: yield_expr | star_expressions */
py_expr *py_parse_tmp_yield_or_star_expressions(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *res;
    if (!p->error_indicator && (res = py_rule_yield_expr(p))) RET(res);
    p->mark = mark;
    if (!p->error_indicator && (res = py_rule_star_expressions(p))) RET(res);
    p->mark = mark;
    RET(NULL);
}

/* _tmp: '(' single_target ')' | single_subscript_attribute_target */
static py_expr *tmp_ann_target(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *b;
    if (!p->error_indicator && TOK(PY_TOK_LPAR) && (b = py_rule_single_target(p)) &&
        TOK(PY_TOK_RPAR))
        RET(b);
    p->mark = mark;
    if (!p->error_indicator && (b = py_rule_single_subscript_attribute_target(p))) RET(b);
    p->mark = mark;
    RET(NULL);
}

/* _tmp: star_targets '=' */
static py_expr *tmp_star_targets_eq(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_expr *z;
    if (!p->error_indicator && (z = py_rule_star_targets(p)) && TOK(PY_TOK_EQUAL)) RET(z);
    p->mark = mark;
    RET(NULL);
}

/* augassign: '+=' | '-=' | ... (the operator, or 0) */
static int augassign(py_parser *p)
{
    static const struct { int tok; py_operator op; } ops[] = {
        {PY_TOK_PLUSEQUAL, PY_Add}, {PY_TOK_MINEQUAL, PY_Sub}, {PY_TOK_STAREQUAL, PY_Mult},
        {PY_TOK_ATEQUAL, PY_MatMult}, {PY_TOK_SLASHEQUAL, PY_Div},
        {PY_TOK_PERCENTEQUAL, PY_Mod}, {PY_TOK_AMPEREQUAL, PY_BitAnd},
        {PY_TOK_VBAREQUAL, PY_BitOr}, {PY_TOK_CIRCUMFLEXEQUAL, PY_BitXor},
        {PY_TOK_LEFTSHIFTEQUAL, PY_LShift}, {PY_TOK_RIGHTSHIFTEQUAL, PY_RShift},
        {PY_TOK_DOUBLESTAREQUAL, PY_Pow}, {PY_TOK_DOUBLESLASHEQUAL, PY_FloorDiv}};
    if (py_parse_enter(p)) return 0;
    py_token *t = py_parse_peek_token(p);
    int op = 0;
    for (size_t i = 0; t && i < sizeof ops / sizeof ops[0]; i++) {
        if (t->type == ops[i].tok) {
            p->mark++;
            op = (int)ops[i].op;
            break;
        }
    }
    p->level--;
    return op;
}

/* An AnnAssign. */
static py_stmt *ann_assign(py_parser *p, const py_pos *start, py_expr *target, py_expr *annotation,
                           py_expr *value, int simple)
{
    py_pos pos = EXTRA(*start);
    py_stmt *s = py_parse_new_stmt(p, PY_AnnAssign_kind, &pos);
    if (!s) return NULL;
    s->v.AnnAssign.target = target;
    s->v.AnnAssign.annotation = annotation;
    s->v.AnnAssign.value = value;
    s->v.AnnAssign.simple = simple;
    return s;
}

/* assignment:
 *     | NAME ':' expression ['=' annotated_rhs]
 *     | ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
 *     | (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
 *     | single_target augassign ~ (yield_expr | star_expressions)
 *     | invalid_assignment */
static py_stmt *assignment(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_stmt *res = NULL;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a, *b, *c;
        if ((a = py_parse_name_token(p)) && TOK(PY_TOK_COLON) && (b = py_rule_expression(p)) &&
            (c = py_parse_token_operand(p, PY_TOK_EQUAL, annotated_rhs), NOERR)) {
            py_expr *t = py_parse_set_expr_context(p, a, PY_Store);
            ACTION_CHECK(t);
            res = ann_assign(p, &start, t, b, c, 1);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a, *b, *c;
        if ((a = tmp_ann_target(p)) && TOK(PY_TOK_COLON) && (b = py_rule_expression(p)) &&
            (c = py_parse_token_operand(p, PY_TOK_EQUAL, annotated_rhs), NOERR)) {
            res = ann_assign(p, &start, a, b, c, 0);
            ACTION_CHECK(res);
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_vec targets = {0};
        int ok = 0;
        /* _loop1: (star_targets '=')+ */
        if (!py_parse_enter(p)) {
            int lmark = p->mark;
            py_expr *z;
            while (!p->error_indicator && (z = tmp_star_targets_eq(p))) {
                if (py_vec_push(p, &targets, z) < 0) break;
                lmark = p->mark;
            }
            p->mark = lmark;
            ok = targets.n > 0 && NOERR;
            p->level--;
        }
        py_expr *b;
        if (ok && (b = py_parse_tmp_yield_or_star_expressions(p)) && !py_parse_peek(p, PY_TOK_EQUAL) &&
            NOERR && (TOK(PY_TOK_TYPE_COMMENT), NOERR)) {
            py_pos pos = EXTRA(start);
            res = py_parse_new_stmt(p, PY_Assign_kind, &pos);
            ACTION_CHECK(res);
            res->v.Assign.targets = py_vec_seq(p, &targets);
            ACTION_CHECK(res->v.Assign.targets);
            res->v.Assign.value = b;
            goto done;
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a, *c;
        int op;
        int cut = 0;
        if ((a = py_rule_single_target(p)) && (op = augassign(p)) && (cut = 1) &&
            (c = py_parse_tmp_yield_or_star_expressions(p))) {
            py_pos pos = EXTRA(start);
            res = py_parse_new_stmt(p, PY_AugAssign_kind, &pos);
            ACTION_CHECK(res);
            res->v.AugAssign.target = a;
            res->v.AugAssign.op = (py_operator)op;
            res->v.AugAssign.value = c;
            goto done;
        }
        p->mark = mark;
        if (cut) RET(NULL);
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_assignment(p)) {
            res = NULL;
            goto done;
        }
        p->mark = mark;
    }
    res = NULL;
done:
    RET(res);
}

/* return_stmt: 'return' [star_expressions] */
static py_stmt *return_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *a;
    if (TOK(PY_KW_RETURN) && (a = py_rule_star_expressions(p), NOERR)) {
        py_pos pos = EXTRA(start);
        py_stmt *s = py_parse_new_stmt(p, PY_Return_kind, &pos);
        ACTION_CHECK(s);
        s->v.Return.value = a;
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* raise_stmt: 'raise' expression ['from' expression] | 'raise' */
static py_stmt *raise_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_expr *a, *b;
        if (TOK(PY_KW_RAISE) && (a = py_rule_expression(p)) &&
            (b = py_parse_token_operand(p, PY_KW_FROM, py_rule_expression), NOERR)) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_Raise_kind, &pos);
            ACTION_CHECK(s);
            s->v.Raise.exc = a;
            s->v.Raise.cause = b;
            RET(s);
        }
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_KW_RAISE)) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_Raise_kind, &pos);
            ACTION_CHECK(s);
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* NAME as a gather element. */
static void *name_elem(py_parser *p) { return py_parse_name_token(p); }

/* global_stmt: 'global' ','.NAME+   nonlocal_stmt: 'nonlocal' ','.NAME+ */
static py_stmt *global_stmt(py_parser *p, int keyword)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_seq *a;
    if (TOK(keyword) && (a = py_parse_gather_seq(p, PY_TOK_COMMA, name_elem))) {
        py_pos pos = EXTRA(start);
        py_stmt *s = py_parse_new_stmt(p, keyword == PY_KW_GLOBAL ? PY_Global_kind : PY_Nonlocal_kind,
                                       &pos);
        ACTION_CHECK(s);
        py_seq *names = py_parse_seq(p, a->size);
        ACTION_CHECK(names);
        for (int i = 0; i < a->size; i++) names->items[i] = (void *)((py_expr *)a->items[i])->v.Name.id;
        s->v.Global.names = names;
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt */
static py_stmt *del_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_seq *a;
        if (TOK(PY_KW_DEL) && (a = py_rule_del_targets(p)) &&
            py_parse_peek_any(p, PY_TOK_SEMI, PY_TOK_NEWLINE, -1)) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_Delete_kind, &pos);
            ACTION_CHECK(s);
            s->v.Delete.targets = a;
            RET(s);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_del_stmt(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* yield_stmt: yield_expr */
static py_stmt *yield_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *y;
    if ((y = py_rule_yield_expr(p))) {
        py_pos pos = EXTRA(start);
        py_stmt *s = py_parse_new_stmt(p, PY_Expr_kind, &pos);
        ACTION_CHECK(s);
        s->v.Expr.value = y;
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* assert_stmt: 'assert' expression [',' expression] */
static py_stmt *assert_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *a, *b;
    if (TOK(PY_KW_ASSERT) && (a = py_rule_expression(p)) &&
        (b = py_parse_token_operand(p, PY_TOK_COMMA, py_rule_expression), NOERR)) {
        py_pos pos = EXTRA(start);
        py_stmt *s = py_parse_new_stmt(p, PY_Assert_kind, &pos);
        ACTION_CHECK(s);
        s->v.Assert.test = a;
        s->v.Assert.msg = b;
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* ====================================================================== */
/* Imports                                                                 */
/* ====================================================================== */

/* dotted_name (left-recursive): dotted_name '.' NAME | NAME */
static py_expr *dotted_name_raw(py_parser *p);

/* dotted_name, grown from its seed. */
static py_expr *dotted_name(py_parser *p)
{
    ENTER();
    py_expr *res = NULL;
    if (py_parse_is_memoized(p, PY_MEMO_DOTTED_NAME, &res)) RET(res);
    int mark = p->mark, resmark = p->mark;
    for (;;) {
        if (py_parse_update_memo(p, mark, PY_MEMO_DOTTED_NAME, res) < 0) RET(NULL);
        p->mark = mark;
        py_expr *raw = dotted_name_raw(p);
        if (p->error_indicator) RET(NULL);
        if (!raw || p->mark <= resmark) break;
        resmark = p->mark;
        res = raw;
    }
    p->mark = resmark;
    RET(res);
}

/* dotted_name_raw: dotted_name '.' NAME | NAME */
static py_expr *dotted_name_raw(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    {
        CHECK();
        py_expr *a, *b;
        if ((a = dotted_name(p)) && TOK(PY_TOK_DOT) && (b = py_parse_name_token(p))) {
            /* _PyPegen_join_names_with_dot */
            size_t la = strlen(a->v.Name.id), lb = strlen(b->v.Name.id);
            char *id = py_parse_alloc(p, la + lb + 2);
            ACTION_CHECK(id);
            memcpy(id, a->v.Name.id, la);
            id[la] = '.';
            memcpy(id + la + 1, b->v.Name.id, lb + 1);
            py_pos pos = {a->lineno, a->col_offset, b->end_lineno, b->end_col_offset};
            py_expr *e = py_parse_new_expr(p, PY_Name_kind, &pos);
            ACTION_CHECK(e);
            e->v.Name.id = id;
            e->v.Name.ctx = PY_Load;
            RET(e);
        }
        p->mark = mark;
    }
    {
        CHECK();
        py_expr *a;
        if ((a = py_parse_name_token(p))) RET(a);
        p->mark = mark;
    }
    RET(NULL);
}

/* _tmp: 'as' NAME */
py_expr *py_parse_tmp_as_name(py_parser *p) { return py_parse_token_operand(p, PY_KW_AS, py_parse_name_token); }

/* An alias node. */
static py_alias *new_alias(py_parser *p, const char *name, const char *asname, const py_pos *pos)
{
    py_alias *a = py_parse_alloc(p, sizeof *a);
    if (!a) return NULL;
    a->name = name;
    a->asname = asname;
    a->lineno = pos->lineno;
    a->col_offset = pos->col_offset;
    a->end_lineno = pos->end_lineno;
    a->end_col_offset = pos->end_col_offset;
    return a;
}

/* dotted_as_name: dotted_name ['as' NAME]   (NAME for import_from_as_name) */
static void *as_name(py_parser *p, int dotted)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_expr *a, *b;
    if ((a = dotted ? dotted_name(p) : py_parse_name_token(p)) && (b = py_parse_tmp_as_name(p), NOERR)) {
        py_pos pos = EXTRA(start);
        py_alias *al = new_alias(p, a->v.Name.id, b ? b->v.Name.id : NULL, &pos);
        ACTION_CHECK(al);
        RET(al);
    }
    p->mark = mark;
    RET(NULL);
}

static void *dotted_as_name(py_parser *p) { return as_name(p, 1); }
static void *import_from_as_name(py_parser *p) { return as_name(p, 0); }

/* import_name: 'import' dotted_as_names */
static py_stmt *import_name(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    CHECK();
    py_seq *a;
    if (TOK(PY_KW_IMPORT) && (a = py_parse_gather_seq(p, PY_TOK_COMMA, dotted_as_name))) {
        py_pos pos = EXTRA(start);
        py_stmt *s = py_parse_new_stmt(p, PY_Import_kind, &pos);
        ACTION_CHECK(s);
        s->v.Import.names = a;
        RET(s);
    }
    p->mark = mark;
    RET(NULL);
}

/* import_from_as_names: ','.import_from_as_name+ */
static py_seq *import_from_as_names(py_parser *p)
{
    ENTER();
    py_seq *a = py_parse_gather_seq(p, PY_TOK_COMMA, import_from_as_name);
    RET(a);
}

/* import_from_targets: '(' import_from_as_names [','] ')'
 *     | import_from_as_names !',' | '*' | invalid_import_from_targets */
static py_seq *import_from_targets(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        py_seq *a;
        if (TOK(PY_TOK_LPAR) && (a = import_from_as_names(p)) && (TOK(PY_TOK_COMMA), NOERR) &&
            TOK(PY_TOK_RPAR))
            RET(a);
        p->mark = mark;
    }
    {
        CHECK();
        py_seq *a;
        if ((a = import_from_as_names(p)) && !py_parse_peek(p, PY_TOK_COMMA) && NOERR) RET(a);
        p->mark = mark;
    }
    {
        CHECK();
        if (TOK(PY_TOK_STAR)) {
            py_pos pos = EXTRA(start);
            py_alias *al = new_alias(p, "*", NULL, &pos);
            ACTION_CHECK(al);
            py_seq *s = py_seq_singleton(p, al);
            ACTION_CHECK(s);
            RET(s);
        }
        p->mark = mark;
    }
    if (p->call_invalid_rules) {
        CHECK();
        if (py_invalid_import_from_targets(p)) RET(NULL);
        p->mark = mark;
    }
    RET(NULL);
}

/* ('.' | '...')* or + : the number of dots, or -1 if fewer than min. */
static int dots(py_parser *p, int min)
{
    if (py_parse_enter(p)) return -1;
    int mark = p->mark, n = 0, count = 0;
    for (;;) {
        p->level++; /* _tmp */
        py_token *t = NULL;
        if (!p->error_indicator && !(t = TOK(PY_TOK_DOT)) && NOERR) t = TOK(PY_TOK_ELLIPSIS);
        p->level--;
        if (!t) break;
        n++;
        count += t->type == PY_TOK_DOT ? 1 : 3;
        mark = p->mark;
    }
    p->mark = mark;
    p->level--;
    if (p->error_indicator || n < min) return -1;
    return count;
}

/* import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
 *     | 'from' ('.' | '...')+ 'import' import_from_targets */
static py_stmt *import_from(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_pos start;
    START(start);
    {
        CHECK();
        int level;
        py_expr *b;
        py_seq *c;
        if (TOK(PY_KW_FROM) && (level = dots(p, 0)) >= 0 && (b = dotted_name(p)) &&
            TOK(PY_KW_IMPORT) && (c = import_from_targets(p))) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_ImportFrom_kind, &pos);
            ACTION_CHECK(s);
            s->v.ImportFrom.module = b->v.Name.id;
            s->v.ImportFrom.names = c;
            s->v.ImportFrom.level = level;
            RET(s);
        }
        p->mark = mark;
    }
    {
        CHECK();
        int level;
        py_seq *b;
        if (TOK(PY_KW_FROM) && (level = dots(p, 1)) >= 0 && TOK(PY_KW_IMPORT) &&
            (b = import_from_targets(p))) {
            py_pos pos = EXTRA(start);
            py_stmt *s = py_parse_new_stmt(p, PY_ImportFrom_kind, &pos);
            ACTION_CHECK(s);
            s->v.ImportFrom.names = b;
            s->v.ImportFrom.level = level;
            RET(s);
        }
        p->mark = mark;
    }
    RET(NULL);
}

/* import_stmt: import_name | import_from */
static py_stmt *import_stmt(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    py_stmt *res;
    if (!p->error_indicator && (res = import_name(p))) RET(res);
    p->mark = mark;
    if (!p->error_indicator && (res = import_from(p))) RET(res);
    p->mark = mark;
    RET(NULL);
}

/* ====================================================================== */
/* invalid_ rules over imports                                            */
/* ====================================================================== */

/* invalid_import_from_targets: import_from_as_names ',' NEWLINE */
void *py_invalid_import_from_targets(py_parser *p)
{
    ENTER();
    int mark = p->mark;
    CHECK();
    if (import_from_as_names(p) && TOK(PY_TOK_COMMA) && TOK(PY_TOK_NEWLINE))
        RET(py_parse_raise(p, PY_ERR_SYNTAX, 0, "trailing comma not allowed without surrounding parentheses"));
    p->mark = mark;
    RET(NULL);
}
