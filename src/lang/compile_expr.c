/*
 * compile_expr.c -- code generation for expressions (CPython 3.11's
 * Python/compile.c, expression half): names and attributes, operators,
 * comparisons (chained ones with SWAP/COPY), conditional jumps,
 * displays and star-unpacking, calls (LOAD_METHOD, KW_NAMES, PRECALL/
 * CALL, CALL_FUNCTION_EX), f-strings, lambdas, comprehensions (nested
 * functions in 3.11), yield, augmented and annotated assignment.
 *
 * Every expression is compiled at its own location, restored afterwards
 * (compiler_visit_expr).
 */
#include "lang/compile.h"

#include <string.h>

#define TRY(x)                                                                                                 \
    do {                                                                                                       \
        if ((x) < 0) return -1;                                                                                \
    } while (0)

/* Is e a constant? */
static int is_const(const py_expr *e) { return e != NULL && e->kind == PY_Constant_kind; }

/* ====================================================================== */
/* Operators                                                               */
/* ====================================================================== */

int pyc_addop_binary(pyc_compiler *c, py_operator op, int inplace)
{
    int arg;
    switch (op) {
    case PY_Add: arg = PY_NB_ADD; break;
    case PY_Sub: arg = PY_NB_SUBTRACT; break;
    case PY_Mult: arg = PY_NB_MULTIPLY; break;
    case PY_MatMult: arg = PY_NB_MATRIX_MULTIPLY; break;
    case PY_Div: arg = PY_NB_TRUE_DIVIDE; break;
    case PY_Mod: arg = PY_NB_REMAINDER; break;
    case PY_Pow: arg = PY_NB_POWER; break;
    case PY_LShift: arg = PY_NB_LSHIFT; break;
    case PY_RShift: arg = PY_NB_RSHIFT; break;
    case PY_BitOr: arg = PY_NB_OR; break;
    case PY_BitXor: arg = PY_NB_XOR; break;
    case PY_BitAnd: arg = PY_NB_AND; break;
    case PY_FloorDiv: arg = PY_NB_FLOOR_DIVIDE; break;
    default: py_err_set_string(py_exc_SystemError, "bad binary operator"); return -1;
    }
    if (inplace) arg += PY_NB_INPLACE_ADD;
    return pyc_addop_i(c, OP_BINARY_OP, arg);
}

/* COMPARE_OP, IS_OP or CONTAINS_OP for a comparison operator. */
static int addcompare(pyc_compiler *c, int op)
{
    switch (op) {
    case PY_Eq: return pyc_addop_i(c, OP_COMPARE_OP, PY_CMP_EQ);
    case PY_NotEq: return pyc_addop_i(c, OP_COMPARE_OP, PY_CMP_NE);
    case PY_Lt: return pyc_addop_i(c, OP_COMPARE_OP, PY_CMP_LT);
    case PY_LtE: return pyc_addop_i(c, OP_COMPARE_OP, PY_CMP_LE);
    case PY_Gt: return pyc_addop_i(c, OP_COMPARE_OP, PY_CMP_GT);
    case PY_GtE: return pyc_addop_i(c, OP_COMPARE_OP, PY_CMP_GE);
    case PY_Is: return pyc_addop_i(c, OP_IS_OP, 0);
    case PY_IsNot: return pyc_addop_i(c, OP_IS_OP, 1);
    case PY_In: return pyc_addop_i(c, OP_CONTAINS_OP, 0);
    case PY_NotIn: return pyc_addop_i(c, OP_CONTAINS_OP, 1);
    default: py_err_set_string(py_exc_SystemError, "bad comparison"); return -1;
    }
}

/* ---- 3.11's compile-time SyntaxWarnings -------------------------------- */

/* The object of a folded constant node (NULL if e is not one). */
static py_obj *const_value(const py_expr *e)
{
    return e->kind == PY_Constant_kind && e->v.Constant.value.kind == PYC_CONST_OBJECT ? pyc_const(e) : NULL;
}

/* The type name a literal display evaluates to, NULL if unknown (infer_type). */
static const char *infer_type(const py_expr *e)
{
    switch (e->kind) {
    case PY_Tuple_kind: return "tuple";
    case PY_List_kind: case PY_ListComp_kind: return "list";
    case PY_Dict_kind: case PY_DictComp_kind: return "dict";
    case PY_Set_kind: case PY_SetComp_kind: return "set";
    case PY_GeneratorExp_kind: return "generator";
    case PY_Lambda_kind: return "function";
    case PY_JoinedStr_kind: case PY_FormattedValue_kind: return "str";
    case PY_Constant_kind: {
        py_obj *v = const_value(e);
        return v ? py_type_name(py_type_of(v)) : NULL;
    }
    default: return NULL;
    }
}

/* Is a literal None, True, False or ...?  (anything else is a literal
 * "is" should not compare with: check_is_arg) */
static int is_arg_ok(const py_expr *e)
{
    if (e->kind != PY_Constant_kind) return 1;
    py_obj *v = const_value(e);
    return v == NULL || v == py_none || v == py_true || v == py_false || v == py_ellipsis;
}

/* Warn about `is` / `is not` with a literal operand (check_compare). */
static int check_compare(pyc_compiler *c, py_expr *e)
{
    py_expr *left = e->v.Compare.left;
    int n = e->v.Compare.ops->size;
    for (int i = 0; i < n; i++) {
        int op = e->v.Compare.ops->items[i];
        py_expr *right = PY_SEQ_GET(e->v.Compare.comparators, i);
        if ((op == PY_Is || op == PY_IsNot) && (!is_arg_ok(left) || !is_arg_ok(right)))
            return pyc_warn(c, op == PY_Is ? "\"is\" with a literal. Did you mean \"==\"?"
                                           : "\"is not\" with a literal. Did you mean \"!=\"?");
        left = right;
    }
    return 0;
}

/* Warn about calling a literal display (check_caller). */
static int check_caller(pyc_compiler *c, py_expr *e)
{
    switch (e->kind) {
    case PY_Constant_kind: case PY_Tuple_kind: case PY_List_kind: case PY_ListComp_kind: case PY_Dict_kind:
    case PY_DictComp_kind: case PY_Set_kind: case PY_SetComp_kind: case PY_GeneratorExp_kind:
    case PY_JoinedStr_kind: case PY_FormattedValue_kind: {
        const char *t = infer_type(e);
        return t ? pyc_warn(c, "'%.200s' object is not callable; perhaps you missed a comma?", t) : 0;
    }
    default: return 0;
    }
}

/* Warn about subscripting a literal that cannot be (check_subscripter). */
static int check_subscripter(pyc_compiler *c, py_expr *e)
{
    switch (e->kind) {
    case PY_Constant_kind: {
        py_obj *v = const_value(e);
        if (v == NULL || !(v == py_none || v == py_ellipsis || py_long_check(v) || py_float_check(v) ||
                           py_complex_check(v) || py_set_check(v) || py_object_type_check(v, &py_frozenset_info)))
            return 0;
    }
    /* fall through */
    case PY_Set_kind: case PY_SetComp_kind: case PY_GeneratorExp_kind: case PY_Lambda_kind: {
        const char *t = infer_type(e);
        return t ? pyc_warn(c, "'%.200s' object is not subscriptable; perhaps you missed a comma?", t) : 0;
    }
    default: return 0;
    }
}

/* Warn about a sequence literal indexed by a literal that is not an int
 * or slice (check_index). */
static int check_index(pyc_compiler *c, py_expr *e, py_expr *s)
{
    const char *index_type = infer_type(s);
    py_obj *sv = const_value(s);
    if (index_type == NULL || (sv != NULL && py_long_check(sv))) return 0;
    switch (e->kind) {
    case PY_Constant_kind: {
        py_obj *v = const_value(e);
        if (v == NULL || !(py_unicode_check(v) || py_bytes_check(v) || py_tuple_check(v))) return 0;
    }
    /* fall through */
    case PY_Tuple_kind: case PY_List_kind: case PY_ListComp_kind: case PY_JoinedStr_kind:
    case PY_FormattedValue_kind: {
        const char *t = infer_type(e);
        return t ? pyc_warn(c, "%.200s indices must be integers or slices, not %.200s; perhaps you missed a comma?",
                            t, index_type)
                 : 0;
    }
    default: return 0;
    }
}

/* A comparison, chained ones with SWAP/COPY and a cleanup block. */
static int compiler_compare(pyc_compiler *c, py_expr *e)
{
    int n = e->v.Compare.ops->size - 1;
    TRY(check_compare(c, e));
    TRY(pyc_visit_expr(c, e->v.Compare.left));
    if (n == 0) {
        TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Compare.comparators, 0)));
        return addcompare(c, e->v.Compare.ops->items[0]);
    }
    pyc_block *cleanup = pyc_new_block(c);
    if (cleanup == NULL) return -1;
    for (int i = 0; i < n; i++) {
        TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Compare.comparators, i)));
        TRY(pyc_addop_i(c, OP_SWAP, 2));
        TRY(pyc_addop_i(c, OP_COPY, 2));
        TRY(addcompare(c, e->v.Compare.ops->items[i]));
        TRY(pyc_addop_j(c, OP_JUMP_IF_FALSE_OR_POP, cleanup));
    }
    TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Compare.comparators, n)));
    TRY(addcompare(c, e->v.Compare.ops->items[n]));
    pyc_block *end = pyc_new_block(c);
    if (end == NULL) return -1;
    TRY(pyc_addop_j_noline(c, PYC_JUMP, end));
    pyc_use_next_block(c, cleanup);
    TRY(pyc_addop_i(c, OP_SWAP, 2));
    TRY(pyc_addop(c, OP_POP_TOP));
    pyc_use_next_block(c, end);
    return 0;
}

/* Jump to next if e is cond, without materializing and/or/not (3.11's compiler_jump_if). */
int pyc_jump_if(pyc_compiler *c, py_expr *e, pyc_block *next, int cond)
{
    switch (e->kind) {
    case PY_UnaryOp_kind:
        if (e->v.UnaryOp.op == PY_Not) return pyc_jump_if(c, e->v.UnaryOp.operand, next, !cond);
        break;
    case PY_BoolOp_kind: {
        py_seq *s = e->v.BoolOp.values;
        int n = PY_SEQ_LEN(s) - 1;
        int cond2 = e->v.BoolOp.op == PY_Or;
        pyc_block *next2 = next;
        if (!cond2 != !cond) {
            next2 = pyc_new_block(c);
            if (next2 == NULL) return -1;
        }
        for (int i = 0; i < n; i++) TRY(pyc_jump_if(c, PY_SEQ_GET(s, i), next2, cond2));
        TRY(pyc_jump_if(c, PY_SEQ_GET(s, n), next, cond));
        if (next2 != next) pyc_use_next_block(c, next2);
        return 0;
    }
    case PY_IfExp_kind: {
        pyc_block *end = pyc_new_block(c), *next2 = pyc_new_block(c);
        if (!end || !next2) return -1;
        TRY(pyc_jump_if(c, e->v.IfExp.test, next2, 0));
        TRY(pyc_jump_if(c, e->v.IfExp.body, next, cond));
        TRY(pyc_addop_j_noline(c, PYC_JUMP, end));
        pyc_use_next_block(c, next2);
        TRY(pyc_jump_if(c, e->v.IfExp.orelse, next, cond));
        pyc_use_next_block(c, end);
        return 0;
    }
    case PY_Compare_kind: {
        PYC_SET_LOC(c, e);
        int n = e->v.Compare.ops->size - 1;
        if (n > 0) {
            TRY(check_compare(c, e));
            pyc_block *cleanup = pyc_new_block(c);
            if (cleanup == NULL) return -1;
            TRY(pyc_visit_expr(c, e->v.Compare.left));
            for (int i = 0; i < n; i++) {
                TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Compare.comparators, i)));
                TRY(pyc_addop_i(c, OP_SWAP, 2));
                TRY(pyc_addop_i(c, OP_COPY, 2));
                TRY(addcompare(c, e->v.Compare.ops->items[i]));
                TRY(pyc_addop_j(c, PYC_POP_JUMP_IF_FALSE, cleanup));
            }
            TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Compare.comparators, n)));
            TRY(addcompare(c, e->v.Compare.ops->items[n]));
            TRY(pyc_addop_j(c, cond ? PYC_POP_JUMP_IF_TRUE : PYC_POP_JUMP_IF_FALSE, next));
            pyc_block *end = pyc_new_block(c);
            if (end == NULL) return -1;
            TRY(pyc_addop_j_noline(c, PYC_JUMP, end));
            pyc_use_next_block(c, cleanup);
            TRY(pyc_addop(c, OP_POP_TOP));
            if (!cond) TRY(pyc_addop_j_noline(c, PYC_JUMP, next));
            pyc_use_next_block(c, end);
            return 0;
        }
        break;
    }
    default:
        break;
    }
    TRY(pyc_visit_expr(c, e));
    return pyc_addop_j(c, cond ? PYC_POP_JUMP_IF_TRUE : PYC_POP_JUMP_IF_FALSE, next);
}

/* a if test else b. */
static int compiler_ifexp(pyc_compiler *c, py_expr *e)
{
    pyc_block *end = pyc_new_block(c), *next = pyc_new_block(c);
    if (!end || !next) return -1;
    TRY(pyc_jump_if(c, e->v.IfExp.test, next, 0));
    TRY(pyc_visit_expr(c, e->v.IfExp.body));
    TRY(pyc_addop_j_noline(c, PYC_JUMP, end));
    pyc_use_next_block(c, next);
    TRY(pyc_visit_expr(c, e->v.IfExp.orelse));
    pyc_use_next_block(c, end);
    return 0;
}

/* and/or with JUMP_IF_*_OR_POP. */
static int compiler_boolop(pyc_compiler *c, py_expr *e)
{
    int jumpi = e->v.BoolOp.op == PY_And ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    pyc_block *end = pyc_new_block(c);
    if (end == NULL) return -1;
    py_seq *s = e->v.BoolOp.values;
    int n = PY_SEQ_LEN(s) - 1;
    for (int i = 0; i < n; i++) {
        TRY(pyc_visit_expr(c, PY_SEQ_GET(s, i)));
        TRY(pyc_addop_j(c, jumpi, end));
        pyc_block *next = pyc_new_block(c);
        if (next == NULL) return -1;
        pyc_use_next_block(c, next);
    }
    TRY(pyc_visit_expr(c, PY_SEQ_GET(s, n)));
    pyc_use_next_block(c, end);
    return 0;
}

/* ====================================================================== */
/* Displays and unpacking                                                  */
/* ====================================================================== */

static int all_const(py_seq *seq, int begin, int end)
{
    for (int i = begin; i < end; i++)
        if (!is_const(PY_SEQ_GET(seq, i))) return 0;
    return 1;
}

/* A list, tuple or set display, with *starred items and the big/constant forms. */
static int starunpack_helper(pyc_compiler *c, py_seq *elts, int pushed, int build, int add, int extend, int tuple)
{
    int n = PY_SEQ_LEN(elts);
    if (n > 2 && all_const(elts, 0, n)) {
        py_obj *folded = py_tuple_new(n);
        if (folded == NULL) return -1;
        for (int i = 0; i < n; i++) py_tuple_set(folded, i, py_new_ref(pyc_const(PY_SEQ_GET(elts, i))));
        if (tuple && !pushed) return pyc_addop_load_const_new(c, folded);
        if (add == OP_SET_ADD) {
            py_obj *fs = py_frozenset_new(folded);
            rg_decref(folded);
            if (fs == NULL) return -1;
            folded = fs;
        }
        if (pyc_addop_i(c, build, pushed) < 0) {
            rg_decref(folded);
            return -1;
        }
        TRY(pyc_addop_load_const_new(c, folded));
        TRY(pyc_addop_i(c, extend, 1));
        if (tuple) TRY(pyc_addop(c, OP_LIST_TO_TUPLE));
        return 0;
    }
    int big = n + pushed > PYC_STACK_USE_GUIDELINE, seen_star = 0;
    for (int i = 0; i < n; i++)
        if (((py_expr *)PY_SEQ_GET(elts, i))->kind == PY_Starred_kind) seen_star = 1;
    if (!seen_star && !big) {
        for (int i = 0; i < n; i++) TRY(pyc_visit_expr(c, PY_SEQ_GET(elts, i)));
        return pyc_addop_i(c, tuple ? OP_BUILD_TUPLE : build, n + pushed);
    }
    int built = 0;
    if (big) {
        TRY(pyc_addop_i(c, build, pushed));
        built = 1;
    }
    for (int i = 0; i < n; i++) {
        py_expr *elt = PY_SEQ_GET(elts, i);
        if (elt->kind == PY_Starred_kind) {
            if (!built) {
                TRY(pyc_addop_i(c, build, i + pushed));
                built = 1;
            }
            TRY(pyc_visit_expr(c, elt->v.Starred.value));
            TRY(pyc_addop_i(c, extend, 1));
        } else {
            TRY(pyc_visit_expr(c, elt));
            if (built) TRY(pyc_addop_i(c, add, 1));
        }
    }
    if (tuple) TRY(pyc_addop(c, OP_LIST_TO_TUPLE));
    return 0;
}

/* UNPACK_SEQUENCE or UNPACK_EX for an assignment target list. */
static int unpack_helper(pyc_compiler *c, py_seq *elts)
{
    int n = PY_SEQ_LEN(elts), seen_star = 0;
    for (int i = 0; i < n; i++) {
        py_expr *elt = PY_SEQ_GET(elts, i);
        if (elt->kind == PY_Starred_kind && !seen_star) {
            if (i >= (1 << 8) || n - i - 1 >= (0x7fffffff >> 8))
                return pyc_error(c, "too many expressions in star-unpacking assignment");
            TRY(pyc_addop_i(c, OP_UNPACK_EX, i + ((n - i - 1) << 8)));
            seen_star = 1;
        } else if (elt->kind == PY_Starred_kind) {
            return pyc_error(c, "multiple starred expressions in assignment");
        }
    }
    if (!seen_star) TRY(pyc_addop_i(c, OP_UNPACK_SEQUENCE, n));
    return 0;
}

/* Unpack, then store every target. */
static int assignment_helper(pyc_compiler *c, py_seq *elts)
{
    TRY(unpack_helper(c, elts));
    for (int i = 0; i < PY_SEQ_LEN(elts); i++) {
        py_expr *elt = PY_SEQ_GET(elts, i);
        TRY(pyc_visit_expr(c, elt->kind != PY_Starred_kind ? elt : elt->v.Starred.value));
    }
    return 0;
}

/* A list or tuple display or target. */
static int compiler_list_tuple(pyc_compiler *c, py_expr *e, int tuple)
{
    py_seq *elts = e->v.List.elts;
    if (e->v.List.ctx == PY_Store) return assignment_helper(c, elts);
    if (e->v.List.ctx == PY_Load)
        return starunpack_helper(c, elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, tuple);
    for (int i = 0; i < PY_SEQ_LEN(elts); i++) TRY(pyc_visit_expr(c, PY_SEQ_GET(elts, i)));
    return 0;
}

/* Items [begin, end) of a dict display. */
static int compiler_subdict(pyc_compiler *c, py_expr *e, int begin, int end)
{
    int n = end - begin, big = n * 2 > PYC_STACK_USE_GUIDELINE;
    if (n > 1 && !big && all_const(e->v.Dict.keys, begin, end)) {
        for (int i = begin; i < end; i++) TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Dict.values, i)));
        py_obj *keys = py_tuple_new(n);
        if (keys == NULL) return -1;
        for (int i = begin; i < end; i++)
            py_tuple_set(keys, i - begin, py_new_ref(pyc_const(PY_SEQ_GET(e->v.Dict.keys, i))));
        TRY(pyc_addop_load_const_new(c, keys));
        return pyc_addop_i(c, OP_BUILD_CONST_KEY_MAP, n);
    }
    if (big) TRY(pyc_addop_i(c, OP_BUILD_MAP, 0));
    for (int i = begin; i < end; i++) {
        TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Dict.keys, i)));
        TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Dict.values, i)));
        if (big) TRY(pyc_addop_i(c, OP_MAP_ADD, 1));
    }
    if (!big) TRY(pyc_addop_i(c, OP_BUILD_MAP, n));
    return 0;
}

/* A dict display, with **unpacking. */
static int compiler_dict(pyc_compiler *c, py_expr *e)
{
    int n = PY_SEQ_LEN(e->v.Dict.values), have_dict = 0, elements = 0;
    for (int i = 0; i < n; i++) {
        int is_unpacking = PY_SEQ_GET(e->v.Dict.keys, i) == NULL;
        if (is_unpacking) {
            if (elements) {
                TRY(compiler_subdict(c, e, i - elements, i));
                if (have_dict) TRY(pyc_addop_i(c, OP_DICT_UPDATE, 1));
                have_dict = 1;
                elements = 0;
            }
            if (!have_dict) {
                TRY(pyc_addop_i(c, OP_BUILD_MAP, 0));
                have_dict = 1;
            }
            TRY(pyc_visit_expr(c, PY_SEQ_GET(e->v.Dict.values, i)));
            TRY(pyc_addop_i(c, OP_DICT_UPDATE, 1));
        } else if (elements * 2 > PYC_STACK_USE_GUIDELINE) {
            TRY(compiler_subdict(c, e, i - elements, i + 1));
            if (have_dict) TRY(pyc_addop_i(c, OP_DICT_UPDATE, 1));
            have_dict = 1;
            elements = 0;
        } else {
            elements++;
        }
    }
    if (elements) {
        TRY(compiler_subdict(c, e, n - elements, n));
        if (have_dict) TRY(pyc_addop_i(c, OP_DICT_UPDATE, 1));
        have_dict = 1;
    }
    if (!have_dict) TRY(pyc_addop_i(c, OP_BUILD_MAP, 0));
    return 0;
}

/* ====================================================================== */
/* Calls                                                                   */
/* ====================================================================== */

/* If an attribute spans lines, start its location at the attribute name. */
static void update_start_location_to_match_attr(pyc_compiler *c, py_expr *attr)
{
    pyc_unit *u = c->u;
    if (u->lineno != attr->end_lineno) {
        u->lineno = attr->end_lineno;
        /* 3.11 subtracts the name's length in characters from a byte offset */
        int len = 0;
        for (const char *p = attr->v.Attribute.attr; *p; p++)
            if ((*p & 0xC0) != 0x80) len++;
        if (len <= attr->end_col_offset) {
            u->col = attr->end_col_offset - len;
        } else {
            u->col = -1;
            u->end_col = -1;
        }
        if (u->end_lineno < u->lineno) u->end_lineno = u->lineno;
        if (u->lineno == u->end_lineno && u->end_col < u->col) u->end_col = u->col;
    }
}

/* Keyword arguments: no __debug__, no repeats. */
static int validate_keywords(pyc_compiler *c, py_seq *keywords)
{
    int n = PY_SEQ_LEN(keywords);
    for (int i = 0; i < n; i++) {
        py_keyword *key = PY_SEQ_GET(keywords, i);
        if (key->arg == NULL) continue;
        if (pyc_forbidden_name(c, key->arg, PY_Store)) return -1;
        for (int j = i + 1; j < n; j++) {
            py_keyword *other = PY_SEQ_GET(keywords, j);
            if (other->arg && strcmp(key->arg, other->arg) == 0) {
                PYC_SET_LOC(c, other);
                return pyc_error(c, "keyword argument repeated: %s", key->arg);
            }
        }
    }
    return 0;
}

/* KW_NAMES with the tuple of keyword names. */
static int call_simple_kw_helper(pyc_compiler *c, py_seq *keywords, int n)
{
    py_obj *names = py_tuple_new(n);
    if (names == NULL) return -1;
    for (int i = 0; i < n; i++) {
        py_keyword *kw = PY_SEQ_GET(keywords, i);
        py_obj *s = py_unicode_from_string(kw->arg);
        if (s == NULL) {
            rg_decref(names);
            return -1;
        }
        py_tuple_set(names, i, s);
    }
    int arg = pyc_add_const(c, names);
    rg_decref(names);
    if (arg < 0) return -1;
    return pyc_addop_i(c, OP_KW_NAMES, arg);
}

/* Is e a name the module imports (is_import_originated)? */
static int is_import_originated(pyc_compiler *c, py_expr *e)
{
    if (e->kind != PY_Name_kind) return 0;
    return (py_ste_flags(c->st.top, e->v.Name.id) & PY_DEF_IMPORT) != 0;
}

/* 1 if the call was compiled as a method call, 0 if not, -1 on error. */
static int maybe_optimize_method_call(pyc_compiler *c, py_expr *e)
{
    py_expr *meth = e->v.Call.func;
    py_seq *args = e->v.Call.args, *kwds = e->v.Call.keywords;
    if (meth->kind != PY_Attribute_kind || meth->v.Attribute.ctx != PY_Load) return 0;
    if (is_import_originated(c, meth->v.Attribute.value)) return 0;
    int argsl = PY_SEQ_LEN(args), kwdsl = PY_SEQ_LEN(kwds);
    if (argsl + kwdsl + (kwdsl != 0) >= PYC_STACK_USE_GUIDELINE) return 0;
    for (int i = 0; i < argsl; i++)
        if (((py_expr *)PY_SEQ_GET(args, i))->kind == PY_Starred_kind) return 0;
    for (int i = 0; i < kwdsl; i++)
        if (((py_keyword *)PY_SEQ_GET(kwds, i))->arg == NULL) return 0;
    TRY(pyc_visit_expr(c, meth->v.Attribute.value));
    PYC_SET_LOC(c, meth);
    update_start_location_to_match_attr(c, meth);
    TRY(pyc_addop_name(c, OP_LOAD_METHOD, meth->v.Attribute.attr));
    for (int i = 0; i < argsl; i++) TRY(pyc_visit_expr(c, PY_SEQ_GET(args, i)));
    if (kwdsl) {
        for (int i = 0; i < kwdsl; i++) TRY(pyc_visit_expr(c, ((py_keyword *)PY_SEQ_GET(kwds, i))->value));
        TRY(call_simple_kw_helper(c, kwds, kwdsl));
    }
    PYC_SET_LOC(c, e);
    update_start_location_to_match_attr(c, meth);
    TRY(pyc_addop_i(c, OP_PRECALL, argsl + kwdsl));
    TRY(pyc_addop_i(c, OP_CALL, argsl + kwdsl));
    return 1;
}

/* Keyword arguments [begin, end) as a dict. */
static int compiler_subkwargs(pyc_compiler *c, py_seq *keywords, int begin, int end)
{
    int n = end - begin, big = n * 2 > PYC_STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
        for (int i = begin; i < end; i++) TRY(pyc_visit_expr(c, ((py_keyword *)PY_SEQ_GET(keywords, i))->value));
        py_obj *keys = py_tuple_new(n);
        if (keys == NULL) return -1;
        for (int i = begin; i < end; i++) {
            py_obj *s = py_unicode_from_string(((py_keyword *)PY_SEQ_GET(keywords, i))->arg);
            if (s == NULL) {
                rg_decref(keys);
                return -1;
            }
            py_tuple_set(keys, i - begin, s);
        }
        TRY(pyc_addop_load_const_new(c, keys));
        return pyc_addop_i(c, OP_BUILD_CONST_KEY_MAP, n);
    }
    if (big) TRY(pyc_addop_noline(c, OP_BUILD_MAP));
    for (int i = begin; i < end; i++) {
        py_keyword *kw = PY_SEQ_GET(keywords, i);
        TRY(pyc_addop_load_const_new(c, py_unicode_from_string(kw->arg)));
        TRY(pyc_visit_expr(c, kw->value));
        if (big) {
            pyc_unit *u = c->u;
            int l = u->lineno;
            u->lineno = -1;
            int r = pyc_addop_i(c, OP_MAP_ADD, 1);
            u->lineno = l;
            TRY(r);
        }
    }
    if (!big) TRY(pyc_addop_i(c, OP_BUILD_MAP, n));
    return 0;
}

/* The arguments and the call (CALL, or CALL_FUNCTION_EX with * or **). */
int pyc_call_helper(pyc_compiler *c, int n, py_seq *args, py_seq *keywords)
{
    TRY(validate_keywords(c, keywords));
    int nelts = PY_SEQ_LEN(args), nkwelts = PY_SEQ_LEN(keywords);
    int ex_call = nelts + nkwelts * 2 > PYC_STACK_USE_GUIDELINE;
    for (int i = 0; i < nelts && !ex_call; i++)
        if (((py_expr *)PY_SEQ_GET(args, i))->kind == PY_Starred_kind) ex_call = 1;
    for (int i = 0; i < nkwelts && !ex_call; i++)
        if (((py_keyword *)PY_SEQ_GET(keywords, i))->arg == NULL) ex_call = 1;
    if (!ex_call) {
        for (int i = 0; i < nelts; i++) TRY(pyc_visit_expr(c, PY_SEQ_GET(args, i)));
        if (nkwelts) {
            for (int i = 0; i < nkwelts; i++)
                TRY(pyc_visit_expr(c, ((py_keyword *)PY_SEQ_GET(keywords, i))->value));
            TRY(call_simple_kw_helper(c, keywords, nkwelts));
        }
        TRY(pyc_addop_i(c, OP_PRECALL, n + nelts + nkwelts));
        return pyc_addop_i(c, OP_CALL, n + nelts + nkwelts);
    }
    if (n == 0 && nelts == 1 && ((py_expr *)PY_SEQ_GET(args, 0))->kind == PY_Starred_kind) {
        TRY(pyc_visit_expr(c, ((py_expr *)PY_SEQ_GET(args, 0))->v.Starred.value));
    } else {
        TRY(starunpack_helper(c, args, n, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, 1));
    }
    if (nkwelts) {
        int have_dict = 0, nseen = 0;
        for (int i = 0; i < nkwelts; i++) {
            py_keyword *kw = PY_SEQ_GET(keywords, i);
            if (kw->arg == NULL) {
                if (nseen) {
                    TRY(compiler_subkwargs(c, keywords, i - nseen, i));
                    if (have_dict) TRY(pyc_addop_i(c, OP_DICT_MERGE, 1));
                    have_dict = 1;
                    nseen = 0;
                }
                if (!have_dict) {
                    TRY(pyc_addop_i(c, OP_BUILD_MAP, 0));
                    have_dict = 1;
                }
                TRY(pyc_visit_expr(c, kw->value));
                TRY(pyc_addop_i(c, OP_DICT_MERGE, 1));
            } else {
                nseen++;
            }
        }
        if (nseen) {
            TRY(compiler_subkwargs(c, keywords, nkwelts - nseen, nkwelts));
            if (have_dict) TRY(pyc_addop_i(c, OP_DICT_MERGE, 1));
        }
    }
    return pyc_addop_i(c, OP_CALL_FUNCTION_EX, nkwelts > 0);
}

/* A call (a method call when possible). */
static int compiler_call(pyc_compiler *c, py_expr *e)
{
    TRY(validate_keywords(c, e->v.Call.keywords));
    int r = maybe_optimize_method_call(c, e);
    if (r != 0) return r < 0 ? -1 : 0;
    TRY(check_caller(c, e->v.Call.func));
    PYC_SET_LOC(c, e->v.Call.func);
    TRY(pyc_addop(c, OP_PUSH_NULL));
    PYC_SET_LOC(c, e);
    TRY(pyc_visit_expr(c, e->v.Call.func));
    return pyc_call_helper(c, 0, e->v.Call.args, e->v.Call.keywords);
}

/* ====================================================================== */
/* f-strings                                                               */
/* ====================================================================== */

static int compiler_joined_str(pyc_compiler *c, py_expr *e)
{
    py_seq *values = e->v.JoinedStr.values;
    int n = PY_SEQ_LEN(values);
    if (n > PYC_STACK_USE_GUIDELINE) {
        TRY(pyc_addop_load_const(c, py_empty_str));
        TRY(pyc_addop_name(c, OP_LOAD_METHOD, "join"));
        TRY(pyc_addop_i(c, OP_BUILD_LIST, 0));
        for (int i = 0; i < n; i++) {
            TRY(pyc_visit_expr(c, PY_SEQ_GET(values, i)));
            TRY(pyc_addop_i(c, OP_LIST_APPEND, 1));
        }
        TRY(pyc_addop_i(c, OP_PRECALL, 1));
        return pyc_addop_i(c, OP_CALL, 1);
    }
    for (int i = 0; i < n; i++) TRY(pyc_visit_expr(c, PY_SEQ_GET(values, i)));
    if (n != 1) TRY(pyc_addop_i(c, OP_BUILD_STRING, n));
    return 0;
}

/* One {value!conversion:spec} of an f-string. */
static int compiler_formatted_value(pyc_compiler *c, py_expr *e)
{
    TRY(pyc_visit_expr(c, e->v.FormattedValue.value));
    int oparg;
    switch (e->v.FormattedValue.conversion) {
    case 's': oparg = 1; break;
    case 'r': oparg = 2; break;
    case 'a': oparg = 3; break;
    default: oparg = 0; break;
    }
    if (e->v.FormattedValue.format_spec) {
        TRY(pyc_visit_expr(c, e->v.FormattedValue.format_spec));
        oparg |= 4;
    }
    return pyc_addop_i(c, OP_FORMAT_VALUE, oparg);
}

/* ====================================================================== */
/* Lambdas and comprehensions                                              */
/* ====================================================================== */

int pyc_lambda(pyc_compiler *c, py_expr *e)
{
    py_arguments *args = e->v.Lambda.args;
    TRY(pyc_check_debug_args(c, args));
    int funcflags = pyc_default_arguments(c, args);
    if (funcflags < 0) return -1;
    TRY(pyc_enter_scope(c, "<lambda>", PYC_SCOPE_LAMBDA, e, e->lineno));
    py_code_object *co = NULL;
    if (pyc_add_const(c, py_none) < 0) goto fail;
    c->u->argcount = PY_SEQ_LEN(args->args);
    c->u->posonlyargcount = PY_SEQ_LEN(args->posonlyargs);
    c->u->kwonlyargcount = PY_SEQ_LEN(args->kwonlyargs);
    if (pyc_visit_expr(c, e->v.Lambda.body) < 0) goto fail;
    if (c->u->ste->generator) {
        co = pyc_assemble(c, 0);
    } else {
        if (pyc_addop(c, OP_RETURN_VALUE) < 0) goto fail;
        co = pyc_assemble(c, 1);
    }
    pyc_exit_scope(c);
    if (co == NULL) return -1;
    int r = pyc_make_closure(c, co, funcflags);
    rg_decref((py_obj *)co);
    return r;
fail:
    pyc_exit_scope(c);
    return -1;
}

enum { COMP_GENEXP, COMP_LISTCOMP, COMP_SETCOMP, COMP_DICTCOMP };

/* YIELD_VALUE and the RESUME after it. */
static int addop_yield(pyc_compiler *c)
{
    if (c->u->ste->generator && c->u->ste->coroutine) TRY(pyc_addop(c, OP_ASYNC_GEN_WRAP));
    TRY(pyc_addop(c, OP_YIELD_VALUE));
    return pyc_addop_i(c, OP_RESUME, 1);
}

/* One for clause of a comprehension and what it nests. */
static int comprehension_generator(pyc_compiler *c, py_seq *generators, int gen_index, int depth, py_expr *elt,
                                   py_expr *val, int type)
{
    py_comprehension *gen = PY_SEQ_GET(generators, gen_index);
    if (gen->is_async) return pyc_error(c, "asynchronous comprehensions are not supported by refgc");
    pyc_block *start = pyc_new_block(c), *if_cleanup = pyc_new_block(c), *anchor = pyc_new_block(c);
    if (!start || !if_cleanup || !anchor) return -1;
    if (gen_index == 0) {
        c->u->argcount = 1;
        TRY(pyc_addop_i(c, OP_LOAD_FAST, 0));
    } else {
        py_seq *elts = NULL;
        if (gen->iter->kind == PY_List_kind || gen->iter->kind == PY_Tuple_kind) elts = gen->iter->v.List.elts;
        if (PY_SEQ_LEN(elts) == 1) {
            py_expr *e1 = PY_SEQ_GET(elts, 0);
            if (e1->kind != PY_Starred_kind) {
                TRY(pyc_visit_expr(c, e1));
                start = NULL;
            }
        }
        if (start) {
            TRY(pyc_visit_expr(c, gen->iter));
            TRY(pyc_addop(c, OP_GET_ITER));
        }
    }
    if (start) {
        depth++;
        pyc_use_next_block(c, start);
        TRY(pyc_addop_j(c, OP_FOR_ITER, anchor));
    }
    TRY(pyc_visit_expr(c, gen->target));
    for (int i = 0; i < PY_SEQ_LEN(gen->ifs); i++) TRY(pyc_jump_if(c, PY_SEQ_GET(gen->ifs, i), if_cleanup, 0));
    if (++gen_index < PY_SEQ_LEN(generators))
        TRY(comprehension_generator(c, generators, gen_index, depth, elt, val, type));
    if (gen_index >= PY_SEQ_LEN(generators)) {
        switch (type) {
        case COMP_GENEXP:
            TRY(pyc_visit_expr(c, elt));
            TRY(addop_yield(c));
            TRY(pyc_addop(c, OP_POP_TOP));
            break;
        case COMP_LISTCOMP:
            TRY(pyc_visit_expr(c, elt));
            TRY(pyc_addop_i(c, OP_LIST_APPEND, depth + 1));
            break;
        case COMP_SETCOMP:
            TRY(pyc_visit_expr(c, elt));
            TRY(pyc_addop_i(c, OP_SET_ADD, depth + 1));
            break;
        default:
            TRY(pyc_visit_expr(c, elt));
            TRY(pyc_visit_expr(c, val));
            TRY(pyc_addop_i(c, OP_MAP_ADD, depth + 1));
            break;
        }
    }
    pyc_use_next_block(c, if_cleanup);
    if (start) {
        TRY(pyc_addop_j(c, PYC_JUMP, start));
        pyc_use_next_block(c, anchor);
    }
    return 0;
}

/* A comprehension as a nested function called on the outermost iterator. */
static int compiler_comprehension(pyc_compiler *c, py_expr *e, int type, const char *name, py_seq *generators,
                                  py_expr *elt, py_expr *val)
{
    py_comprehension *outermost = PY_SEQ_GET(generators, 0);
    TRY(pyc_enter_scope(c, name, PYC_SCOPE_COMPREHENSION, e, e->lineno));
    PYC_SET_LOC(c, e);
    if (type != COMP_GENEXP) {
        int op = type == COMP_LISTCOMP ? OP_BUILD_LIST : type == COMP_SETCOMP ? OP_BUILD_SET : OP_BUILD_MAP;
        if (pyc_addop_i(c, op, 0) < 0) goto fail;
    }
    if (comprehension_generator(c, generators, 0, 0, elt, val, type) < 0) goto fail;
    if (type != COMP_GENEXP && pyc_addop(c, OP_RETURN_VALUE) < 0) goto fail;
    py_code_object *co = pyc_assemble(c, 1);
    pyc_exit_scope(c);
    if (co == NULL) return -1;
    int r = pyc_make_closure(c, co, 0);
    rg_decref((py_obj *)co);
    TRY(r);
    TRY(pyc_visit_expr(c, outermost->iter));
    TRY(pyc_addop(c, OP_GET_ITER));
    TRY(pyc_addop_i(c, OP_PRECALL, 0));
    return pyc_addop_i(c, OP_CALL, 0);
fail:
    pyc_exit_scope(c);
    return -1;
}

/* ====================================================================== */
/* Subscripts, slices, assignments                                         */
/* ====================================================================== */

static int compiler_slice(pyc_compiler *c, py_expr *s)
{
    int n = 2;
    if (s->v.Slice.lower) TRY(pyc_visit_expr(c, s->v.Slice.lower));
    else TRY(pyc_addop_load_const(c, py_none));
    if (s->v.Slice.upper) TRY(pyc_visit_expr(c, s->v.Slice.upper));
    else TRY(pyc_addop_load_const(c, py_none));
    if (s->v.Slice.step) {
        n++;
        TRY(pyc_visit_expr(c, s->v.Slice.step));
    }
    return pyc_addop_i(c, OP_BUILD_SLICE, n);
}

/* x[i] (load, store or delete). */
static int compiler_subscript(pyc_compiler *c, py_expr *e)
{
    py_expr_context ctx = e->v.Subscript.ctx;
    int op = ctx == PY_Load ? OP_BINARY_SUBSCR : ctx == PY_Store ? OP_STORE_SUBSCR : OP_DELETE_SUBSCR;
    if (ctx == PY_Load) {
        TRY(check_subscripter(c, e->v.Subscript.value));
        TRY(check_index(c, e->v.Subscript.value, e->v.Subscript.slice));
    }
    TRY(pyc_visit_expr(c, e->v.Subscript.value));
    TRY(pyc_visit_expr(c, e->v.Subscript.slice));
    return pyc_addop(c, op);
}

/* x op= v for names, attributes and subscripts. */
int pyc_augassign(pyc_compiler *c, py_stmt *s)
{
    py_expr *e = s->v.AugAssign.target;
    pyc_unit *u = c->u;
    int l = u->lineno, el = u->end_lineno, col = u->col, ec = u->end_col;
    PYC_SET_LOC(c, e);
    switch (e->kind) {
    case PY_Attribute_kind:
        TRY(pyc_visit_expr(c, e->v.Attribute.value));
        TRY(pyc_addop_i(c, OP_COPY, 1));
        update_start_location_to_match_attr(c, e);
        TRY(pyc_addop_name(c, OP_LOAD_ATTR, e->v.Attribute.attr));
        break;
    case PY_Subscript_kind:
        TRY(pyc_visit_expr(c, e->v.Subscript.value));
        TRY(pyc_visit_expr(c, e->v.Subscript.slice));
        TRY(pyc_addop_i(c, OP_COPY, 2));
        TRY(pyc_addop_i(c, OP_COPY, 2));
        TRY(pyc_addop(c, OP_BINARY_SUBSCR));
        break;
    case PY_Name_kind:
        TRY(pyc_nameop(c, e->v.Name.id, PY_Load));
        break;
    default:
        py_err_set_string(py_exc_SystemError, "invalid node type for augmented assignment");
        return -1;
    }
    u->lineno = l;
    u->end_lineno = el;
    u->col = col;
    u->end_col = ec;
    TRY(pyc_visit_expr(c, s->v.AugAssign.value));
    TRY(pyc_addop_binary(c, s->v.AugAssign.op, 1));
    PYC_SET_LOC(c, e);
    switch (e->kind) {
    case PY_Attribute_kind:
        update_start_location_to_match_attr(c, e);
        TRY(pyc_addop_i(c, OP_SWAP, 2));
        return pyc_addop_name(c, OP_STORE_ATTR, e->v.Attribute.attr);
    case PY_Subscript_kind:
        TRY(pyc_addop_i(c, OP_SWAP, 3));
        TRY(pyc_addop_i(c, OP_SWAP, 2));
        return pyc_addop(c, OP_STORE_SUBSCR);
    default:
        return pyc_nameop(c, e->v.Name.id, PY_Store);
    }
}

/* Evaluate an expression and drop it. */
static int check_ann_expr(pyc_compiler *c, py_expr *e)
{
    TRY(pyc_visit_expr(c, e));
    return pyc_addop(c, OP_POP_TOP);
}

/* Evaluate the parts of an annotated subscript target. */
static int check_ann_subscr(pyc_compiler *c, py_expr *e)
{
    switch (e->kind) {
    case PY_Slice_kind:
        if (e->v.Slice.lower) TRY(check_ann_expr(c, e->v.Slice.lower));
        if (e->v.Slice.upper) TRY(check_ann_expr(c, e->v.Slice.upper));
        if (e->v.Slice.step) TRY(check_ann_expr(c, e->v.Slice.step));
        return 0;
    case PY_Tuple_kind:
        for (int i = 0; i < PY_SEQ_LEN(e->v.List.elts); i++) TRY(check_ann_subscr(c, PY_SEQ_GET(e->v.List.elts, i)));
        return 0;
    default:
        return check_ann_expr(c, e);
    }
}

/* x: ann [= v] (3.11's compiler_annassign). */
int pyc_annassign(pyc_compiler *c, py_stmt *s)
{
    py_expr *targ = s->v.AnnAssign.target;
    int module_or_class = c->u->scope_type == PYC_SCOPE_MODULE || c->u->scope_type == PYC_SCOPE_CLASS;
    if (s->v.AnnAssign.value) {
        TRY(pyc_visit_expr(c, s->v.AnnAssign.value));
        TRY(pyc_visit_expr(c, targ));
    }
    switch (targ->kind) {
    case PY_Name_kind:
        if (pyc_forbidden_name(c, targ->v.Name.id, PY_Store)) return -1;
        if (s->v.AnnAssign.simple && module_or_class) {
            if (c->future_features & PY_CO_FUTURE_ANNOTATIONS)
                TRY(pyc_addop_load_const_new(c, pyc_unparse_annotation(s->v.AnnAssign.annotation)));
            else
                TRY(pyc_visit_expr(c, s->v.AnnAssign.annotation));
            TRY(pyc_addop_name(c, OP_LOAD_NAME, "__annotations__"));
            const char *m = py_mangle(c->u->private_name, targ->v.Name.id, c->arena);
            if (m == NULL) return -1;
            TRY(pyc_addop_load_const_new(c, py_unicode_from_string(m)));
            TRY(pyc_addop(c, OP_STORE_SUBSCR));
        }
        break;
    case PY_Attribute_kind:
        if (pyc_forbidden_name(c, targ->v.Attribute.attr, PY_Store)) return -1;
        if (!s->v.AnnAssign.value) TRY(check_ann_expr(c, targ->v.Attribute.value));
        break;
    case PY_Subscript_kind:
        if (!s->v.AnnAssign.value) {
            TRY(check_ann_expr(c, targ->v.Subscript.value));
            TRY(check_ann_subscr(c, targ->v.Subscript.slice));
        }
        break;
    default:
        py_err_set_string(py_exc_SystemError, "invalid node type for annotated assignment");
        return -1;
    }
    if (!s->v.AnnAssign.simple && module_or_class && !(c->future_features & PY_CO_FUTURE_ANNOTATIONS))
        TRY(check_ann_expr(c, s->v.AnnAssign.annotation));
    return 0;
}

/* ====================================================================== */
/* The dispatcher                                                          */
/* ====================================================================== */

static int visit_expr1(pyc_compiler *c, py_expr *e)
{
    switch (e->kind) {
    case PY_NamedExpr_kind:
        TRY(pyc_visit_expr(c, e->v.NamedExpr.value));
        TRY(pyc_addop_i(c, OP_COPY, 1));
        return pyc_visit_expr(c, e->v.NamedExpr.target);
    case PY_BoolOp_kind: return compiler_boolop(c, e);
    case PY_BinOp_kind:
        TRY(pyc_visit_expr(c, e->v.BinOp.left));
        TRY(pyc_visit_expr(c, e->v.BinOp.right));
        return pyc_addop_binary(c, e->v.BinOp.op, 0);
    case PY_UnaryOp_kind: {
        TRY(pyc_visit_expr(c, e->v.UnaryOp.operand));
        int op = e->v.UnaryOp.op == PY_Invert ? OP_UNARY_INVERT
                 : e->v.UnaryOp.op == PY_Not  ? OP_UNARY_NOT
                 : e->v.UnaryOp.op == PY_UAdd ? OP_UNARY_POSITIVE
                                              : OP_UNARY_NEGATIVE;
        return pyc_addop(c, op);
    }
    case PY_Lambda_kind: return pyc_lambda(c, e);
    case PY_IfExp_kind: return compiler_ifexp(c, e);
    case PY_Dict_kind: return compiler_dict(c, e);
    case PY_Set_kind:
        return starunpack_helper(c, e->v.Set.elts, 0, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, 0);
    case PY_GeneratorExp_kind:
        return compiler_comprehension(c, e, COMP_GENEXP, "<genexpr>", e->v.ListComp.generators, e->v.ListComp.elt,
                                      NULL);
    case PY_ListComp_kind:
        return compiler_comprehension(c, e, COMP_LISTCOMP, "<listcomp>", e->v.ListComp.generators,
                                      e->v.ListComp.elt, NULL);
    case PY_SetComp_kind:
        return compiler_comprehension(c, e, COMP_SETCOMP, "<setcomp>", e->v.ListComp.generators, e->v.ListComp.elt,
                                      NULL);
    case PY_DictComp_kind:
        return compiler_comprehension(c, e, COMP_DICTCOMP, "<dictcomp>", e->v.DictComp.generators,
                                      e->v.DictComp.key, e->v.DictComp.value);
    case PY_Yield_kind:
        if (c->u->ste->type != PY_BLOCK_FUNCTION) return pyc_error(c, "'yield' outside function");
        if (e->v.Yield.value) TRY(pyc_visit_expr(c, e->v.Yield.value));
        else TRY(pyc_addop_load_const(c, py_none));
        return addop_yield(c);
    case PY_YieldFrom_kind:
        if (c->u->ste->type != PY_BLOCK_FUNCTION) return pyc_error(c, "'yield' outside function");
        if (c->u->scope_type == PYC_SCOPE_ASYNC_FUNCTION) return pyc_error(c, "'yield from' inside async function");
        TRY(pyc_visit_expr(c, e->v.YieldFrom.value));
        TRY(pyc_addop(c, OP_GET_YIELD_FROM_ITER));
        TRY(pyc_addop_load_const(c, py_none));
        return pyc_add_yield_from(c, 0);
    case PY_Await_kind: return pyc_error(c, "'await' is not supported by refgc");
    case PY_Compare_kind: return compiler_compare(c, e);
    case PY_Call_kind: return compiler_call(c, e);
    case PY_Constant_kind: return pyc_addop_load_const(c, pyc_const(e));
    case PY_JoinedStr_kind: return compiler_joined_str(c, e);
    case PY_FormattedValue_kind: return compiler_formatted_value(c, e);
    case PY_Attribute_kind:
        TRY(pyc_visit_expr(c, e->v.Attribute.value));
        update_start_location_to_match_attr(c, e);
        switch (e->v.Attribute.ctx) {
        case PY_Load: return pyc_addop_name(c, OP_LOAD_ATTR, e->v.Attribute.attr);
        case PY_Store:
            if (pyc_forbidden_name(c, e->v.Attribute.attr, PY_Store)) return -1;
            return pyc_addop_name(c, OP_STORE_ATTR, e->v.Attribute.attr);
        default: return pyc_addop_name(c, OP_DELETE_ATTR, e->v.Attribute.attr);
        }
    case PY_Subscript_kind: return compiler_subscript(c, e);
    case PY_Starred_kind:
        if (e->v.Starred.ctx == PY_Store)
            return pyc_error(c, "starred assignment target must be in a list or tuple");
        return pyc_error(c, "can't use starred expression here");
    case PY_Slice_kind: return compiler_slice(c, e);
    case PY_Name_kind: return pyc_nameop(c, e->v.Name.id, e->v.Name.ctx);
    case PY_List_kind: return compiler_list_tuple(c, e, 0);
    case PY_Tuple_kind: return compiler_list_tuple(c, e, 1);
    default: return 0;
    }
}

/* An expression at its own location, restored afterwards. */
int pyc_visit_expr(pyc_compiler *c, py_expr *e)
{
    pyc_unit *u = c->u;
    int l = u->lineno, el = u->end_lineno, col = u->col, ec = u->end_col;
    PYC_SET_LOC(c, e);
    int r = visit_expr1(c, e);
    /* the unit may have changed only on error paths that exit scopes */
    if (c->u == u) {
        u->lineno = l;
        u->end_lineno = el;
        u->col = col;
        u->end_col = ec;
    }
    return r;
}
