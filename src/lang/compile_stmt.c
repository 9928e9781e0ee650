/*
 * compile_stmt.c -- code generation for statements (CPython 3.11's
 * Python/compile.c): frame blocks and their unwinding (return, break and
 * continue through loops, try/finally, with and except handlers), bodies
 * with docstrings and __annotations__, functions (defaults, keyword-only
 * defaults, annotations, closures, decorators), classes (__module__,
 * __qualname__, __classcell__), if/for/while, try/except/finally,
 * try/except*, with, import, assert, raise, assignments.
 *
 * Follows 3.11's compiler_* functions step for step: the same blocks in
 * the same order and the same locations make the same bytecode.
 */
#include "lang/compile.h"

#include <string.h>

/* ====================================================================== */
/* Frame blocks                                                            */
/* ====================================================================== */

int pyc_push_fblock(pyc_compiler *c, enum pyc_fblock_type t, pyc_block *b, pyc_block *exit, const void *datum)
{
    if (c->u->nfblocks >= PYC_MAXBLOCKS) return pyc_error(c, "too many statically nested blocks");
    pyc_fblock *f = &c->u->fblock[c->u->nfblocks++];
    f->type = t;
    f->block = b;
    f->exit = exit;
    f->datum = datum;
    return 0;
}

/* Pop the innermost frame block. */
void pyc_pop_fblock(pyc_compiler *c) { c->u->nfblocks--; }

/* __exit__(None, None, None). */
int pyc_call_exit_with_nones(pyc_compiler *c)
{
    for (int i = 0; i < 3; i++)
        if (pyc_addop_load_const(c, py_none) < 0) return -1;
    if (pyc_addop_i(c, OP_PRECALL, 2) < 0) return -1;
    return pyc_addop_i(c, OP_CALL, 2);
}

/* The SEND / YIELD_VALUE loop of yield from and await. */
int pyc_add_yield_from(pyc_compiler *c, int await)
{
    pyc_block *start = pyc_new_block(c), *resume = pyc_new_block(c), *exit = pyc_new_block(c);
    if (!start || !resume || !exit) return -1;
    pyc_use_next_block(c, start);
    if (pyc_addop_j(c, OP_SEND, exit) < 0) return -1;
    pyc_use_next_block(c, resume);
    if (pyc_addop(c, OP_YIELD_VALUE) < 0 || pyc_addop_i(c, OP_RESUME, await ? 3 : 2) < 0) return -1;
    if (pyc_addop_j(c, PYC_JUMP_NO_INTERRUPT, start) < 0) return -1;
    pyc_use_next_block(c, exit);
    return 0;
}

/* COPY 3, POP_EXCEPT, RERAISE 1: the cleanup handler of except blocks. */
int pyc_pop_except_and_reraise(pyc_compiler *c)
{
    if (pyc_addop_i(c, OP_COPY, 3) < 0 || pyc_addop(c, OP_POP_EXCEPT) < 0) return -1;
    return pyc_addop_i(c, OP_RERAISE, 1);
}

/* Emit the code that leaves a frame block (compiler_unwind_fblock). */
static int unwind_fblock(pyc_compiler *c, pyc_fblock *info, int preserve_tos)
{
    switch (info->type) {
    case PYC_WHILE_LOOP:
    case PYC_EXCEPTION_HANDLER:
    case PYC_EXCEPTION_GROUP_HANDLER:
    case PYC_ASYNC_COMPREHENSION_GENERATOR:
        return 0;
    case PYC_FOR_LOOP:
        if (preserve_tos && pyc_addop_i(c, OP_SWAP, 2) < 0) return -1;
        return pyc_addop(c, OP_POP_TOP);
    case PYC_TRY_EXCEPT:
        return pyc_addop(c, PYC_POP_BLOCK);
    case PYC_FINALLY_TRY:
        if (pyc_addop(c, PYC_POP_BLOCK) < 0) return -1;
        if (preserve_tos && pyc_push_fblock(c, PYC_POP_VALUE, NULL, NULL, NULL) < 0) return -1;
        if (pyc_visit_stmts(c, (py_seq *)info->datum) < 0) return -1;
        if (preserve_tos) pyc_pop_fblock(c);
        PYC_UNSET_LOC(c);
        return 0;
    case PYC_FINALLY_END:
        if (preserve_tos && pyc_addop_i(c, OP_SWAP, 2) < 0) return -1;
        if (pyc_addop(c, OP_POP_TOP) < 0) return -1;
        if (preserve_tos && pyc_addop_i(c, OP_SWAP, 2) < 0) return -1;
        if (pyc_addop(c, PYC_POP_BLOCK) < 0) return -1;
        return pyc_addop(c, OP_POP_EXCEPT);
    case PYC_WITH:
    case PYC_ASYNC_WITH:
        PYC_SET_LOC(c, (const py_stmt *)info->datum);
        if (pyc_addop(c, PYC_POP_BLOCK) < 0) return -1;
        if (preserve_tos && pyc_addop_i(c, OP_SWAP, 2) < 0) return -1;
        if (pyc_call_exit_with_nones(c) < 0) return -1;
        if (info->type == PYC_ASYNC_WITH) {
            if (pyc_addop_i(c, OP_GET_AWAITABLE, 2) < 0 || pyc_addop_load_const(c, py_none) < 0) return -1;
            if (pyc_add_yield_from(c, 1) < 0) return -1;
        }
        if (pyc_addop(c, OP_POP_TOP) < 0) return -1;
        PYC_UNSET_LOC(c);
        return 0;
    case PYC_HANDLER_CLEANUP:
        if (info->datum && pyc_addop(c, PYC_POP_BLOCK) < 0) return -1;
        if (preserve_tos && pyc_addop_i(c, OP_SWAP, 2) < 0) return -1;
        if (pyc_addop(c, PYC_POP_BLOCK) < 0 || pyc_addop(c, OP_POP_EXCEPT) < 0) return -1;
        if (info->datum) {
            if (pyc_addop_load_const(c, py_none) < 0) return -1;
            if (pyc_nameop(c, info->datum, PY_Store) < 0 || pyc_nameop(c, info->datum, PY_Del) < 0) return -1;
        }
        return 0;
    case PYC_POP_VALUE:
        if (preserve_tos && pyc_addop_i(c, OP_SWAP, 2) < 0) return -1;
        return pyc_addop(c, OP_POP_TOP);
    }
    return 0;
}

/* Unwind the frame block stack, stopping at the first loop when loop is
 * not NULL (compiler_unwind_fblock_stack). */
static int unwind_fblock_stack(pyc_compiler *c, int preserve_tos, pyc_fblock **loop)
{
    if (c->u->nfblocks == 0) return 0;
    pyc_fblock *top = &c->u->fblock[c->u->nfblocks - 1];
    if (top->type == PYC_EXCEPTION_GROUP_HANDLER)
        return pyc_error(c, "'break', 'continue' and 'return' cannot appear in an except* block");
    if (loop != NULL && (top->type == PYC_WHILE_LOOP || top->type == PYC_FOR_LOOP)) {
        *loop = top;
        return 0;
    }
    pyc_fblock copy = *top;
    c->u->nfblocks--;
    if (unwind_fblock(c, &copy, preserve_tos) < 0) return -1;
    if (unwind_fblock_stack(c, preserve_tos, loop) < 0) return -1;
    c->u->fblock[c->u->nfblocks] = copy;
    c->u->nfblocks++;
    return 0;
}

/* ====================================================================== */
/* Bodies, functions, classes                                              */
/* ====================================================================== */

/* Does a body contain a (module- or class-level) annotation (find_ann)? */
int pyc_find_ann(py_seq *stmts)
{
    for (int i = 0; i < PY_SEQ_LEN(stmts); i++) {
        py_stmt *st = PY_SEQ_GET(stmts, i);
        int res = 0;
        switch (st->kind) {
        case PY_AnnAssign_kind: return 1;
        case PY_For_kind:
        case PY_AsyncFor_kind: res = pyc_find_ann(st->v.For.body) || pyc_find_ann(st->v.For.orelse); break;
        case PY_While_kind: res = pyc_find_ann(st->v.While.body) || pyc_find_ann(st->v.While.orelse); break;
        case PY_If_kind: res = pyc_find_ann(st->v.If.body) || pyc_find_ann(st->v.If.orelse); break;
        case PY_With_kind:
        case PY_AsyncWith_kind: res = pyc_find_ann(st->v.With.body); break;
        case PY_Try_kind:
        case PY_TryStar_kind:
            for (int j = 0; j < PY_SEQ_LEN(st->v.Try.handlers); j++) {
                py_excepthandler *h = PY_SEQ_GET(st->v.Try.handlers, j);
                if (pyc_find_ann(h->body)) return 1;
            }
            res = pyc_find_ann(st->v.Try.body) || pyc_find_ann(st->v.Try.finalbody) || pyc_find_ann(st->v.Try.orelse);
            break;
        default: break;
        }
        if (res) return 1;
    }
    return 0;
}

/* A module or class body (3.11's compiler_body). */
int pyc_body(pyc_compiler *c, py_seq *stmts)
{
    int i = 0;
    if (c->u->scope_type == PYC_SCOPE_MODULE && PY_SEQ_LEN(stmts)) PYC_SET_LOC(c, (py_stmt *)PY_SEQ_GET(stmts, 0));
    if (pyc_find_ann(stmts) && pyc_addop(c, OP_SETUP_ANNOTATIONS) < 0) return -1;
    if (!PY_SEQ_LEN(stmts)) return 0;
    if (pyc_docstring(stmts)) {
        i = 1;
        py_stmt *st = PY_SEQ_GET(stmts, 0);
        if (pyc_visit_expr(c, st->v.Expr.value) < 0) return -1;
        PYC_UNSET_LOC(c);
        if (pyc_nameop(c, "__doc__", PY_Store) < 0) return -1;
    }
    for (; i < PY_SEQ_LEN(stmts); i++)
        if (pyc_visit_stmt(c, PY_SEQ_GET(stmts, i)) < 0) return -1;
    return 0;
}

/* MAKE_FUNCTION for co, with the closure tuple if it has free variables. */
int pyc_make_closure(pyc_compiler *c, py_code_object *co, int flags)
{
    if (co->co_nfreevars) {
        for (int i = co->co_nlocals + co->co_nplaincellvars; i < co->co_nlocalsplus; i++) {
            const char *name = py_unicode_as_utf8(py_tuple_get(co->co_localsplusnames, i));
            if (name == NULL) return -1;
            int reftype;
            if (c->u->scope_type == PYC_SCOPE_CLASS && strcmp(name, "__class__") == 0)
                reftype = PY_SCOPE_CELL;
            else
                reftype = py_ste_scope(c->u->ste, name);
            int arg;
            if (reftype == PY_SCOPE_CELL) {
                arg = pyc_names_find(&c->u->cellvars, name);
            } else {
                arg = pyc_names_find(&c->u->freevars, name);
                if (arg >= 0) arg += c->u->cellvars.n;
            }
            if (arg < 0) {
                py_err_format(py_exc_SystemError, "compiler_lookup_arg(name='%s') failed", name);
                return -1;
            }
            if (pyc_addop_i(c, OP_LOAD_CLOSURE, arg) < 0) return -1;
        }
        flags |= 0x08;
        if (pyc_addop_i(c, OP_BUILD_TUPLE, co->co_nfreevars) < 0) return -1;
    }
    if (pyc_addop_load_const(c, (py_obj *)co) < 0) return -1;
    return pyc_addop_i(c, OP_MAKE_FUNCTION, flags);
}

/* Call the decorators (innermost first) at their own locations. */
static int apply_decorators(pyc_compiler *c, py_seq *decos)
{
    pyc_unit *u = c->u;
    int l = u->lineno, el = u->end_lineno, col = u->col, ec = u->end_col;
    for (int i = PY_SEQ_LEN(decos) - 1; i >= 0; i--) {
        PYC_SET_LOC(c, (py_expr *)PY_SEQ_GET(decos, i));
        if (pyc_addop_i(c, OP_PRECALL, 0) < 0 || pyc_addop_i(c, OP_CALL, 0) < 0) return -1;
    }
    u->lineno = l;
    u->end_lineno = el;
    u->col = col;
    u->end_col = ec;
    return 0;
}

/* Push the dict of keyword-only defaults: 1 pushed, 0 none, -1 error. */
static int visit_kwonlydefaults(pyc_compiler *c, py_seq *kwonlyargs, py_seq *kw_defaults)
{
    py_obj *keys = NULL;
    for (int i = 0; i < PY_SEQ_LEN(kwonlyargs); i++) {
        py_arg *arg = PY_SEQ_GET(kwonlyargs, i);
        py_expr *def = PY_SEQ_GET(kw_defaults, i);
        if (def == NULL) continue;
        const char *m = pyc_mangle(c, arg->arg);
        if (m == NULL) goto error;
        if (keys == NULL && (keys = py_list_new(0)) == NULL) goto error;
        py_obj *s = py_unicode_from_string(m);
        if (s == NULL) goto error;
        int r = py_list_append(keys, s);
        rg_decref(s);
        if (r < 0 || pyc_visit_expr(c, def) < 0) goto error;
    }
    if (keys == NULL) return 0;
    py_ssize_t n = py_list_size(keys);
    py_obj *t = py_list_as_tuple(keys);
    rg_decref(keys);
    if (pyc_addop_load_const_new(c, t) < 0) return -1;
    if (pyc_addop_i(c, OP_BUILD_CONST_KEY_MAP, (int)n) < 0) return -1;
    return 1;
error:
    rg_xdecref(keys);
    return -1;
}

/* Push defaults and keyword-only defaults; MAKE_FUNCTION flags, -1 on error. */
int pyc_default_arguments(pyc_compiler *c, py_arguments *args)
{
    int flags = 0;
    if (PY_SEQ_LEN(args->defaults) > 0) {
        for (int i = 0; i < PY_SEQ_LEN(args->defaults); i++)
            if (pyc_visit_expr(c, PY_SEQ_GET(args->defaults, i)) < 0) return -1;
        if (pyc_addop_i(c, OP_BUILD_TUPLE, PY_SEQ_LEN(args->defaults)) < 0) return -1;
        flags |= 0x01;
    }
    if (args->kwonlyargs) {
        int r = visit_kwonlydefaults(c, args->kwonlyargs, args->kw_defaults);
        if (r < 0) return -1;
        if (r > 0) flags |= 0x02;
    }
    return flags;
}

/* Push one annotation's name and value (or string). */
static int visit_argannotation(pyc_compiler *c, const char *id, py_expr *annotation, int *len)
{
    if (annotation == NULL) return 0;
    const char *m = pyc_mangle(c, id);
    if (m == NULL || pyc_addop_load_const_new(c, py_unicode_from_string(m)) < 0) return -1;
    if (c->future_features & PY_CO_FUTURE_ANNOTATIONS) {
        if (pyc_addop_load_const_new(c, pyc_unparse_annotation(annotation)) < 0) return -1;
    } else if (annotation->kind == PY_Starred_kind) {
        if (pyc_visit_expr(c, annotation->v.Starred.value) < 0 || pyc_addop_i(c, OP_UNPACK_SEQUENCE, 1) < 0)
            return -1;
    } else if (pyc_visit_expr(c, annotation) < 0) {
        return -1;
    }
    *len += 2;
    return 0;
}

/* The annotations of a parameter list. */
static int visit_argannotations(pyc_compiler *c, py_seq *args, int *len)
{
    for (int i = 0; i < PY_SEQ_LEN(args); i++) {
        py_arg *a = PY_SEQ_GET(args, i);
        if (visit_argannotation(c, a->arg, a->annotation, len) < 0) return -1;
    }
    return 0;
}

/* Push the annotations tuple: 1 pushed, 0 none, -1 error. */
static int visit_annotations(pyc_compiler *c, py_arguments *args, py_expr *returns)
{
    int len = 0;
    if (visit_argannotations(c, args->args, &len) < 0 || visit_argannotations(c, args->posonlyargs, &len) < 0)
        return -1;
    if (args->vararg && visit_argannotation(c, args->vararg->arg, args->vararg->annotation, &len) < 0) return -1;
    if (visit_argannotations(c, args->kwonlyargs, &len) < 0) return -1;
    if (args->kwarg && visit_argannotation(c, args->kwarg->arg, args->kwarg->annotation, &len) < 0) return -1;
    if (visit_argannotation(c, "return", returns, &len) < 0) return -1;
    if (len) {
        if (pyc_addop_i(c, OP_BUILD_TUPLE, len) < 0) return -1;
        return 1;
    }
    return 0;
}

/* No parameter may be named __debug__. */
static int check_debug_seq(pyc_compiler *c, py_seq *args)
{
    for (int i = 0; i < PY_SEQ_LEN(args); i++)
        if (pyc_forbidden_name(c, ((py_arg *)PY_SEQ_GET(args, i))->arg, PY_Store)) return -1;
    return 0;
}

/* No parameter may be named __debug__ (3.11's compiler_check_debug_args). */
int pyc_check_debug_args(pyc_compiler *c, py_arguments *args)
{
    if (check_debug_seq(c, args->posonlyargs) < 0 || check_debug_seq(c, args->args) < 0) return -1;
    if (args->vararg && pyc_forbidden_name(c, args->vararg->arg, PY_Store)) return -1;
    if (check_debug_seq(c, args->kwonlyargs) < 0) return -1;
    if (args->kwarg && pyc_forbidden_name(c, args->kwarg->arg, PY_Store)) return -1;
    return 0;
}

/* def: decorators, defaults, annotations, the body's code object, the binding. */
static int compiler_function(pyc_compiler *c, py_stmt *s)
{
    py_arguments *args = s->v.FunctionDef.args;
    py_seq *decos = s->v.FunctionDef.decorator_list, *body = s->v.FunctionDef.body;
    int scope_type = s->kind == PY_AsyncFunctionDef_kind ? PYC_SCOPE_ASYNC_FUNCTION : PYC_SCOPE_FUNCTION;
    if (pyc_check_debug_args(c, args) < 0) return -1;
    for (int i = 0; i < PY_SEQ_LEN(decos); i++)
        if (pyc_visit_expr(c, PY_SEQ_GET(decos, i)) < 0) return -1;
    int firstlineno = s->lineno;
    if (PY_SEQ_LEN(decos)) firstlineno = ((py_expr *)PY_SEQ_GET(decos, 0))->lineno;
    int funcflags = pyc_default_arguments(c, args);
    if (funcflags < 0) return -1;
    int annotations = visit_annotations(c, args, s->v.FunctionDef.returns);
    if (annotations < 0) return -1;
    if (annotations > 0) funcflags |= 0x04;
    if (pyc_enter_scope(c, s->v.FunctionDef.name, scope_type, s, firstlineno) < 0) return -1;
    py_obj *doc = pyc_docstring(body);
    if (pyc_add_const(c, doc ? doc : py_none) < 0) goto fail;
    c->u->argcount = PY_SEQ_LEN(args->args);
    c->u->posonlyargcount = PY_SEQ_LEN(args->posonlyargs);
    c->u->kwonlyargcount = PY_SEQ_LEN(args->kwonlyargs);
    for (int i = doc ? 1 : 0; i < PY_SEQ_LEN(body); i++)
        if (pyc_visit_stmt(c, PY_SEQ_GET(body, i)) < 0) goto fail;
    py_code_object *co = pyc_assemble(c, 1);
    pyc_exit_scope(c);
    if (co == NULL) return -1;
    int r = pyc_make_closure(c, co, funcflags);
    rg_decref((py_obj *)co);
    if (r < 0) return -1;
    if (apply_decorators(c, decos) < 0) return -1;
    return pyc_nameop(c, s->v.FunctionDef.name, PY_Store);
fail:
    pyc_exit_scope(c);
    return -1;
}

/* class: the body as a function run by __build_class__. */
static int compiler_class(pyc_compiler *c, py_stmt *s)
{
    py_seq *decos = s->v.ClassDef.decorator_list;
    for (int i = 0; i < PY_SEQ_LEN(decos); i++)
        if (pyc_visit_expr(c, PY_SEQ_GET(decos, i)) < 0) return -1;
    int firstlineno = s->lineno;
    if (PY_SEQ_LEN(decos)) firstlineno = ((py_expr *)PY_SEQ_GET(decos, 0))->lineno;
    if (pyc_enter_scope(c, s->v.ClassDef.name, PYC_SCOPE_CLASS, s, firstlineno) < 0) return -1;
    c->u->private_name = s->v.ClassDef.name;
    if (pyc_nameop(c, "__name__", PY_Load) < 0 || pyc_nameop(c, "__module__", PY_Store) < 0) goto fail;
    if (pyc_addop_load_const_new(c, py_unicode_from_string(c->u->qualname)) < 0) goto fail;
    if (pyc_nameop(c, "__qualname__", PY_Store) < 0) goto fail;
    if (pyc_body(c, s->v.ClassDef.body) < 0) goto fail;
    PYC_UNSET_LOC(c);
    if (c->u->ste->needs_class_closure) {
        int i = pyc_names_find(&c->u->cellvars, "__class__");
        if (i < 0) goto fail;
        if (pyc_addop_i(c, OP_LOAD_CLOSURE, i) < 0 || pyc_addop_i(c, OP_COPY, 1) < 0) goto fail;
        if (pyc_nameop(c, "__classcell__", PY_Store) < 0) goto fail;
    } else if (pyc_addop_load_const(c, py_none) < 0) {
        goto fail;
    }
    if (pyc_addop(c, OP_RETURN_VALUE) < 0) goto fail;
    py_code_object *co = pyc_assemble(c, 1);
    pyc_exit_scope(c);
    if (co == NULL) return -1;
    if (pyc_addop(c, OP_PUSH_NULL) < 0 || pyc_addop(c, OP_LOAD_BUILD_CLASS) < 0) {
        rg_decref((py_obj *)co);
        return -1;
    }
    int r = pyc_make_closure(c, co, 0);
    rg_decref((py_obj *)co);
    if (r < 0) return -1;
    if (pyc_addop_load_const_new(c, py_unicode_from_string(s->v.ClassDef.name)) < 0) return -1;
    if (pyc_call_helper(c, 2, s->v.ClassDef.bases, s->v.ClassDef.keywords) < 0) return -1;
    if (apply_decorators(c, decos) < 0) return -1;
    return pyc_nameop(c, s->v.ClassDef.name, PY_Store);
fail:
    pyc_exit_scope(c);
    return -1;
}

/* ====================================================================== */
/* Control flow statements                                                 */
/* ====================================================================== */

static int compiler_if(pyc_compiler *c, py_stmt *s)
{
    pyc_block *end = pyc_new_block(c), *next;
    if (end == NULL) return -1;
    if (PY_SEQ_LEN(s->v.If.orelse)) {
        if ((next = pyc_new_block(c)) == NULL) return -1;
    } else {
        next = end;
    }
    if (pyc_jump_if(c, s->v.If.test, next, 0) < 0) return -1;
    if (pyc_visit_stmts(c, s->v.If.body) < 0) return -1;
    if (PY_SEQ_LEN(s->v.If.orelse)) {
        if (pyc_addop_j_noline(c, PYC_JUMP, end) < 0) return -1;
        pyc_use_next_block(c, next);
        if (pyc_visit_stmts(c, s->v.If.orelse) < 0) return -1;
    }
    pyc_use_next_block(c, end);
    return 0;
}

/* for/else. */
static int compiler_for(pyc_compiler *c, py_stmt *s)
{
    pyc_block *start = pyc_new_block(c), *body = pyc_new_block(c), *cleanup = pyc_new_block(c),
              *end = pyc_new_block(c);
    if (!start || !body || !cleanup || !end) return -1;
    if (pyc_push_fblock(c, PYC_FOR_LOOP, start, end, NULL) < 0) return -1;
    if (pyc_visit_expr(c, s->v.For.iter) < 0 || pyc_addop(c, OP_GET_ITER) < 0) return -1;
    pyc_use_next_block(c, start);
    if (pyc_addop_j(c, OP_FOR_ITER, cleanup) < 0) return -1;
    pyc_use_next_block(c, body);
    if (pyc_visit_expr(c, s->v.For.target) < 0 || pyc_visit_stmts(c, s->v.For.body) < 0) return -1;
    PYC_UNSET_LOC(c);
    if (pyc_addop_j(c, PYC_JUMP, start) < 0) return -1;
    pyc_use_next_block(c, cleanup);
    pyc_pop_fblock(c);
    if (pyc_visit_stmts(c, s->v.For.orelse) < 0) return -1;
    pyc_use_next_block(c, end);
    return 0;
}

/* while/else, its test repeated at the bottom (3.11). */
static int compiler_while(pyc_compiler *c, py_stmt *s)
{
    pyc_block *loop = pyc_new_block(c), *body = pyc_new_block(c), *anchor = pyc_new_block(c),
              *end = pyc_new_block(c);
    if (!loop || !body || !anchor || !end) return -1;
    pyc_use_next_block(c, loop);
    if (pyc_push_fblock(c, PYC_WHILE_LOOP, loop, end, NULL) < 0) return -1;
    if (pyc_jump_if(c, s->v.While.test, anchor, 0) < 0) return -1;
    pyc_use_next_block(c, body);
    if (pyc_visit_stmts(c, s->v.While.body) < 0) return -1;
    PYC_SET_LOC(c, s);
    if (pyc_jump_if(c, s->v.While.test, body, 1) < 0) return -1;
    pyc_pop_fblock(c);
    pyc_use_next_block(c, anchor);
    if (pyc_visit_stmts(c, s->v.While.orelse) < 0) return -1;
    pyc_use_next_block(c, end);
    return 0;
}

/* return, through the frame blocks that must be left first. */
static int compiler_return(pyc_compiler *c, py_stmt *s)
{
    py_expr *v = s->v.Return.value;
    int preserve_tos = v != NULL && v->kind != PY_Constant_kind;
    if (c->u->ste->type != PY_BLOCK_FUNCTION) return pyc_error(c, "'return' outside function");
    if (v != NULL && c->u->ste->coroutine && c->u->ste->generator)
        return pyc_error(c, "'return' with value in async generator");
    if (preserve_tos) {
        if (pyc_visit_expr(c, v) < 0) return -1;
    } else if (v != NULL) {
        PYC_SET_LOC(c, v);
        if (pyc_addop(c, OP_NOP) < 0) return -1;
    }
    if (v == NULL || v->lineno != s->lineno) {
        PYC_SET_LOC(c, s);
        if (pyc_addop(c, OP_NOP) < 0) return -1;
    }
    if (unwind_fblock_stack(c, preserve_tos, NULL) < 0) return -1;
    if (v == NULL) {
        if (pyc_addop_load_const(c, py_none) < 0) return -1;
    } else if (!preserve_tos) {
        if (pyc_addop_load_const(c, pyc_const(v)) < 0) return -1;
    }
    return pyc_addop(c, OP_RETURN_VALUE);
}

/* break or continue, through the frame blocks in between. */
static int compiler_break_continue(pyc_compiler *c, int is_break)
{
    pyc_fblock *loop = NULL;
    pyc_unit *u = c->u;
    int l = u->lineno, col = u->col, el = u->end_lineno, ec = u->end_col;
    if (pyc_addop(c, OP_NOP) < 0) return -1;
    if (unwind_fblock_stack(c, 0, &loop) < 0) return -1;
    if (loop == NULL) {
        u->lineno = l;
        u->col = col;
        u->end_lineno = el;
        u->end_col = ec;
        return pyc_error(c, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
    if (is_break) {
        if (unwind_fblock(c, loop, 0) < 0) return -1;
        return pyc_addop_j(c, PYC_JUMP, loop->exit);
    }
    return pyc_addop_j(c, PYC_JUMP, loop->block);
}

static int compiler_try_except(pyc_compiler *c, py_stmt *s);
static int compiler_try_star_except(pyc_compiler *c, py_stmt *s);

/* try/finally: the final body twice, for the normal and the exceptional exit. */
static int compiler_try_finally(pyc_compiler *c, py_stmt *s)
{
    pyc_block *body = pyc_new_block(c), *end = pyc_new_block(c), *exit = pyc_new_block(c),
              *cleanup = pyc_new_block(c);
    if (!body || !end || !exit || !cleanup) return -1;
    if (pyc_addop_j(c, PYC_SETUP_FINALLY, end) < 0) return -1;
    pyc_use_next_block(c, body);
    if (pyc_push_fblock(c, PYC_FINALLY_TRY, body, end, s->v.Try.finalbody) < 0) return -1;
    if (PY_SEQ_LEN(s->v.Try.handlers)) {
        if ((s->kind == PY_TryStar_kind ? compiler_try_star_except(c, s) : compiler_try_except(c, s)) < 0) return -1;
    } else if (pyc_visit_stmts(c, s->v.Try.body) < 0) {
        return -1;
    }
    if (pyc_addop_noline(c, PYC_POP_BLOCK) < 0) return -1;
    pyc_pop_fblock(c);
    if (pyc_visit_stmts(c, s->v.Try.finalbody) < 0) return -1;
    if (pyc_addop_j_noline(c, PYC_JUMP, exit) < 0) return -1;
    pyc_use_next_block(c, end);
    PYC_UNSET_LOC(c);
    if (pyc_addop_j(c, PYC_SETUP_CLEANUP, cleanup) < 0 || pyc_addop(c, OP_PUSH_EXC_INFO) < 0) return -1;
    if (pyc_push_fblock(c, PYC_FINALLY_END, end, NULL, NULL) < 0) return -1;
    if (pyc_visit_stmts(c, s->v.Try.finalbody) < 0) return -1;
    pyc_pop_fblock(c);
    if (pyc_addop_i(c, OP_RERAISE, 0) < 0) return -1;
    pyc_use_next_block(c, cleanup);
    if (pyc_pop_except_and_reraise(c) < 0) return -1;
    pyc_use_next_block(c, exit);
    return 0;
}

/* try/except/else (3.11's compiler_try_except). */
static int compiler_try_except(pyc_compiler *c, py_stmt *s)
{
    pyc_block *body = pyc_new_block(c), *except = pyc_new_block(c), *end = pyc_new_block(c),
              *cleanup = pyc_new_block(c);
    if (!body || !except || !end || !cleanup) return -1;
    if (pyc_addop_j(c, PYC_SETUP_FINALLY, except) < 0) return -1;
    pyc_use_next_block(c, body);
    if (pyc_push_fblock(c, PYC_TRY_EXCEPT, body, NULL, NULL) < 0) return -1;
    if (pyc_visit_stmts(c, s->v.Try.body) < 0) return -1;
    pyc_pop_fblock(c);
    if (pyc_addop_noline(c, PYC_POP_BLOCK) < 0) return -1;
    if (pyc_visit_stmts(c, s->v.Try.orelse) < 0) return -1;
    if (pyc_addop_j_noline(c, PYC_JUMP, end) < 0) return -1;
    int n = PY_SEQ_LEN(s->v.Try.handlers);
    pyc_use_next_block(c, except);
    PYC_UNSET_LOC(c);
    if (pyc_addop_j(c, PYC_SETUP_CLEANUP, cleanup) < 0 || pyc_addop(c, OP_PUSH_EXC_INFO) < 0) return -1;
    if (pyc_push_fblock(c, PYC_EXCEPTION_HANDLER, NULL, NULL, NULL) < 0) return -1;
    for (int i = 0; i < n; i++) {
        py_excepthandler *h = PY_SEQ_GET(s->v.Try.handlers, i);
        PYC_SET_LOC(c, h);
        if (!h->type && i < n - 1) return pyc_error(c, "default 'except:' must be last");
        except = pyc_new_block(c);
        if (except == NULL) return -1;
        if (h->type) {
            if (pyc_visit_expr(c, h->type) < 0 || pyc_addop(c, OP_CHECK_EXC_MATCH) < 0) return -1;
            if (pyc_addop_j(c, PYC_POP_JUMP_IF_FALSE, except) < 0) return -1;
        }
        if (h->name) {
            pyc_block *cleanup_end = pyc_new_block(c), *cleanup_body = pyc_new_block(c);
            if (!cleanup_end || !cleanup_body) return -1;
            if (pyc_nameop(c, h->name, PY_Store) < 0) return -1;
            if (pyc_addop_j(c, PYC_SETUP_CLEANUP, cleanup_end) < 0) return -1;
            pyc_use_next_block(c, cleanup_body);
            if (pyc_push_fblock(c, PYC_HANDLER_CLEANUP, cleanup_body, NULL, h->name) < 0) return -1;
            if (pyc_visit_stmts(c, h->body) < 0) return -1;
            pyc_pop_fblock(c);
            PYC_UNSET_LOC(c);
            if (pyc_addop(c, PYC_POP_BLOCK) < 0 || pyc_addop(c, PYC_POP_BLOCK) < 0) return -1;
            if (pyc_addop(c, OP_POP_EXCEPT) < 0 || pyc_addop_load_const(c, py_none) < 0) return -1;
            if (pyc_nameop(c, h->name, PY_Store) < 0 || pyc_nameop(c, h->name, PY_Del) < 0) return -1;
            if (pyc_addop_j(c, PYC_JUMP, end) < 0) return -1;
            pyc_use_next_block(c, cleanup_end);
            PYC_UNSET_LOC(c);
            if (pyc_addop_load_const(c, py_none) < 0) return -1;
            if (pyc_nameop(c, h->name, PY_Store) < 0 || pyc_nameop(c, h->name, PY_Del) < 0) return -1;
            if (pyc_addop_i(c, OP_RERAISE, 1) < 0) return -1;
        } else {
            pyc_block *cleanup_body = pyc_new_block(c);
            if (!cleanup_body) return -1;
            if (pyc_addop(c, OP_POP_TOP) < 0) return -1;
            pyc_use_next_block(c, cleanup_body);
            if (pyc_push_fblock(c, PYC_HANDLER_CLEANUP, cleanup_body, NULL, NULL) < 0) return -1;
            if (pyc_visit_stmts(c, h->body) < 0) return -1;
            pyc_pop_fblock(c);
            PYC_UNSET_LOC(c);
            if (pyc_addop(c, PYC_POP_BLOCK) < 0 || pyc_addop(c, OP_POP_EXCEPT) < 0) return -1;
            if (pyc_addop_j(c, PYC_JUMP, end) < 0) return -1;
        }
        pyc_use_next_block(c, except);
    }
    PYC_UNSET_LOC(c);
    pyc_pop_fblock(c);
    if (pyc_addop_i(c, OP_RERAISE, 0) < 0) return -1;
    pyc_use_next_block(c, cleanup);
    if (pyc_pop_except_and_reraise(c) < 0) return -1;
    pyc_use_next_block(c, end);
    return 0;
}

/* try: ... except* E as n: ... (compiler_try_star_except). */
static int compiler_try_star_except(pyc_compiler *c, py_stmt *s)
{
    pyc_block *body = pyc_new_block(c), *except = pyc_new_block(c), *orelse = pyc_new_block(c),
              *end = pyc_new_block(c), *cleanup = pyc_new_block(c), *reraise_star = pyc_new_block(c);
    if (!body || !except || !orelse || !end || !cleanup || !reraise_star) return -1;
    if (pyc_addop_j(c, PYC_SETUP_FINALLY, except) < 0) return -1;
    pyc_use_next_block(c, body);
    if (pyc_push_fblock(c, PYC_TRY_EXCEPT, body, NULL, NULL) < 0) return -1;
    if (pyc_visit_stmts(c, s->v.Try.body) < 0) return -1;
    pyc_pop_fblock(c);
    if (pyc_addop_noline(c, PYC_POP_BLOCK) < 0 || pyc_addop_j_noline(c, PYC_JUMP, orelse) < 0) return -1;
    int n = PY_SEQ_LEN(s->v.Try.handlers);
    pyc_use_next_block(c, except);
    PYC_UNSET_LOC(c);
    if (pyc_addop_j(c, PYC_SETUP_CLEANUP, cleanup) < 0 || pyc_addop(c, OP_PUSH_EXC_INFO) < 0) return -1;
    if (pyc_push_fblock(c, PYC_EXCEPTION_GROUP_HANDLER, NULL, NULL, "except handler") < 0) return -1;
    for (int i = 0; i < n; i++) {
        py_excepthandler *h = PY_SEQ_GET(s->v.Try.handlers, i);
        PYC_SET_LOC(c, h);
        pyc_block *next = pyc_new_block(c), *except_with_error = pyc_new_block(c), *no_match = pyc_new_block(c);
        if (!next || !except_with_error || !no_match) return -1;
        if (i == 0) {
            if (pyc_addop_i(c, OP_COPY, 1) < 0 || pyc_addop_i(c, OP_BUILD_LIST, 0) < 0) return -1;
            if (pyc_addop_i(c, OP_SWAP, 2) < 0) return -1;
        }
        if (h->type) {
            if (pyc_visit_expr(c, h->type) < 0 || pyc_addop(c, OP_CHECK_EG_MATCH) < 0) return -1;
            if (pyc_addop_i(c, OP_COPY, 1) < 0 || pyc_addop_j(c, PYC_POP_JUMP_IF_NONE, no_match) < 0) return -1;
        }
        pyc_block *cleanup_end = pyc_new_block(c), *cleanup_body = pyc_new_block(c);
        if (!cleanup_end || !cleanup_body) return -1;
        if (h->name) {
            if (pyc_nameop(c, h->name, PY_Store) < 0) return -1;
        } else if (pyc_addop(c, OP_POP_TOP) < 0) {
            return -1;
        }
        if (pyc_addop_j(c, PYC_SETUP_CLEANUP, cleanup_end) < 0) return -1;
        pyc_use_next_block(c, cleanup_body);
        if (pyc_push_fblock(c, PYC_HANDLER_CLEANUP, cleanup_body, NULL, h->name) < 0) return -1;
        if (pyc_visit_stmts(c, h->body) < 0) return -1;
        pyc_pop_fblock(c);
        PYC_UNSET_LOC(c);
        if (pyc_addop(c, PYC_POP_BLOCK) < 0) return -1;
        if (h->name) {
            if (pyc_addop_load_const(c, py_none) < 0) return -1;
            if (pyc_nameop(c, h->name, PY_Store) < 0 || pyc_nameop(c, h->name, PY_Del) < 0) return -1;
        }
        if (pyc_addop_j(c, PYC_JUMP, next) < 0) return -1;
        pyc_use_next_block(c, cleanup_end);
        PYC_UNSET_LOC(c);
        if (h->name) {
            if (pyc_addop_load_const(c, py_none) < 0) return -1;
            if (pyc_nameop(c, h->name, PY_Store) < 0 || pyc_nameop(c, h->name, PY_Del) < 0) return -1;
        }
        if (pyc_addop_i(c, OP_LIST_APPEND, 3) < 0 || pyc_addop(c, OP_POP_TOP) < 0) return -1;
        if (pyc_addop_j(c, PYC_JUMP, except_with_error) < 0) return -1;
        pyc_use_next_block(c, next);
        if (pyc_addop(c, OP_NOP) < 0 || pyc_addop_j(c, PYC_JUMP, except_with_error) < 0) return -1;
        pyc_use_next_block(c, no_match);
        if (pyc_addop(c, OP_POP_TOP) < 0) return -1;
        pyc_use_next_block(c, except_with_error);
        if (i == n - 1) {
            if (pyc_addop_i(c, OP_LIST_APPEND, 1) < 0 || pyc_addop_j(c, PYC_JUMP, reraise_star) < 0) return -1;
        }
    }
    PYC_UNSET_LOC(c);
    pyc_pop_fblock(c);
    pyc_block *reraise = pyc_new_block(c);
    if (reraise == NULL) return -1;
    pyc_use_next_block(c, reraise_star);
    if (pyc_addop(c, OP_PREP_RERAISE_STAR) < 0 || pyc_addop_i(c, OP_COPY, 1) < 0) return -1;
    if (pyc_addop_j(c, PYC_POP_JUMP_IF_NOT_NONE, reraise) < 0) return -1;
    if (pyc_addop(c, OP_POP_TOP) < 0 || pyc_addop(c, PYC_POP_BLOCK) < 0 || pyc_addop(c, OP_POP_EXCEPT) < 0) return -1;
    if (pyc_addop_j(c, PYC_JUMP, end) < 0) return -1;
    pyc_use_next_block(c, reraise);
    if (pyc_addop(c, PYC_POP_BLOCK) < 0 || pyc_addop_i(c, OP_SWAP, 2) < 0 || pyc_addop(c, OP_POP_EXCEPT) < 0) return -1;
    if (pyc_addop_i(c, OP_RERAISE, 0) < 0) return -1;
    pyc_use_next_block(c, cleanup);
    if (pyc_pop_except_and_reraise(c) < 0) return -1;
    pyc_use_next_block(c, orelse);
    if (pyc_visit_stmts(c, s->v.Try.orelse) < 0) return -1;
    pyc_use_next_block(c, end);
    return 0;
}

/* The end of a with statement's exception path. */
static int with_except_finish(pyc_compiler *c, pyc_block *cleanup)
{
    PYC_UNSET_LOC(c);
    pyc_block *exit = pyc_new_block(c);
    if (exit == NULL) return -1;
    if (pyc_addop_j(c, PYC_POP_JUMP_IF_TRUE, exit) < 0 || pyc_addop_i(c, OP_RERAISE, 2) < 0) return -1;
    pyc_use_next_block(c, cleanup);
    if (pyc_pop_except_and_reraise(c) < 0) return -1;
    pyc_use_next_block(c, exit);
    if (pyc_addop(c, OP_POP_TOP) < 0 || pyc_addop(c, PYC_POP_BLOCK) < 0 || pyc_addop(c, OP_POP_EXCEPT) < 0) return -1;
    if (pyc_addop(c, OP_POP_TOP) < 0 || pyc_addop(c, OP_POP_TOP) < 0) return -1;
    return 0;
}

/* with, one item at a time (nested). */
static int compiler_with(pyc_compiler *c, py_stmt *s, int pos)
{
    py_withitem *item = PY_SEQ_GET(s->v.With.items, pos);
    pyc_block *block = pyc_new_block(c), *final = pyc_new_block(c), *exit = pyc_new_block(c),
              *cleanup = pyc_new_block(c);
    if (!block || !final || !exit || !cleanup) return -1;
    if (pyc_visit_expr(c, item->context_expr) < 0 || pyc_addop(c, OP_BEFORE_WITH) < 0) return -1;
    if (pyc_addop_j(c, PYC_SETUP_WITH, final) < 0) return -1;
    pyc_use_next_block(c, block);
    if (pyc_push_fblock(c, PYC_WITH, block, final, s) < 0) return -1;
    if (item->optional_vars) {
        if (pyc_visit_expr(c, item->optional_vars) < 0) return -1;
    } else if (pyc_addop(c, OP_POP_TOP) < 0) {
        return -1;
    }
    pos++;
    if (pos == PY_SEQ_LEN(s->v.With.items)) {
        if (pyc_visit_stmts(c, s->v.With.body) < 0) return -1;
    } else if (compiler_with(c, s, pos) < 0) {
        return -1;
    }
    PYC_UNSET_LOC(c);
    if (pyc_addop(c, PYC_POP_BLOCK) < 0) return -1;
    pyc_pop_fblock(c);
    PYC_SET_LOC(c, s);
    if (pyc_call_exit_with_nones(c) < 0 || pyc_addop(c, OP_POP_TOP) < 0) return -1;
    if (pyc_addop_j(c, PYC_JUMP, exit) < 0) return -1;
    pyc_use_next_block(c, final);
    if (pyc_addop_j(c, PYC_SETUP_CLEANUP, cleanup) < 0 || pyc_addop(c, OP_PUSH_EXC_INFO) < 0) return -1;
    if (pyc_addop(c, OP_WITH_EXCEPT_START) < 0) return -1;
    if (with_except_finish(c, cleanup) < 0) return -1;
    pyc_use_next_block(c, exit);
    return 0;
}

/* ====================================================================== */
/* Simple statements                                                       */
/* ====================================================================== */

static int import_as(pyc_compiler *c, const char *name, const char *asname)
{
    const char *dot = strchr(name, '.');
    if (dot != NULL) {
        for (;;) {
            const char *pos = dot + 1;
            dot = strchr(pos, '.');
            size_t n = dot ? (size_t)(dot - pos) : strlen(pos);
            char *attr = py_arena_alloc(c->arena, n + 1);
            if (attr == NULL) {
                py_err_no_memory();
                return -1;
            }
            memcpy(attr, pos, n);
            int arg = pyc_names_add(&c->u->names, attr);
            if (arg < 0 || pyc_addop_i(c, OP_IMPORT_FROM, arg) < 0) return -1;
            if (dot == NULL) break;
            if (pyc_addop_i(c, OP_SWAP, 2) < 0 || pyc_addop(c, OP_POP_TOP) < 0) return -1;
        }
        if (pyc_nameop(c, asname, PY_Store) < 0) return -1;
        return pyc_addop(c, OP_POP_TOP);
    }
    return pyc_nameop(c, asname, PY_Store);
}

/* import a.b.c [as d]. */
static int compiler_import(pyc_compiler *c, py_stmt *s)
{
    for (int i = 0; i < PY_SEQ_LEN(s->v.Import.names); i++) {
        py_alias *alias = PY_SEQ_GET(s->v.Import.names, i);
        if (pyc_addop_load_const(c, py_small_int(0)) < 0 || pyc_addop_load_const(c, py_none) < 0) return -1;
        if (pyc_addop_name(c, OP_IMPORT_NAME, alias->name) < 0) return -1;
        if (alias->asname) {
            if (import_as(c, alias->name, alias->asname) < 0) return -1;
        } else {
            const char *dot = strchr(alias->name, '.');
            const char *store = alias->name;
            if (dot) {
                char *t = py_arena_alloc(c->arena, (size_t)(dot - alias->name) + 1);
                if (t == NULL) {
                    py_err_no_memory();
                    return -1;
                }
                memcpy(t, alias->name, (size_t)(dot - alias->name));
                store = t;
            }
            if (pyc_nameop(c, store, PY_Store) < 0) return -1;
        }
    }
    return 0;
}

/* from m import a [as b], *. */
static int compiler_from_import(pyc_compiler *c, py_stmt *s)
{
    int n = PY_SEQ_LEN(s->v.ImportFrom.names);
    if (s->lineno > c->future_lineno && s->v.ImportFrom.module && strcmp(s->v.ImportFrom.module, "__future__") == 0)
        return pyc_error(c, "from __future__ imports must occur at the beginning of the file");
    if (pyc_addop_load_const_new(c, py_long_from_long(s->v.ImportFrom.level)) < 0) return -1;
    py_obj *names = py_tuple_new(n);
    if (names == NULL) return -1;
    for (int i = 0; i < n; i++) {
        py_alias *alias = PY_SEQ_GET(s->v.ImportFrom.names, i);
        py_obj *str = py_unicode_from_string(alias->name);
        if (str == NULL) {
            rg_decref(names);
            return -1;
        }
        py_tuple_set(names, i, str);
    }
    if (pyc_addop_load_const_new(c, names) < 0) return -1;
    if (pyc_addop_name(c, OP_IMPORT_NAME, s->v.ImportFrom.module ? s->v.ImportFrom.module : "") < 0) return -1;
    for (int i = 0; i < n; i++) {
        py_alias *alias = PY_SEQ_GET(s->v.ImportFrom.names, i);
        if (i == 0 && alias->name[0] == '*') return pyc_addop(c, OP_IMPORT_STAR);
        if (pyc_addop_name(c, OP_IMPORT_FROM, alias->name) < 0) return -1;
        if (pyc_nameop(c, alias->asname ? alias->asname : alias->name, PY_Store) < 0) return -1;
    }
    return pyc_addop(c, OP_POP_TOP);
}

/* assert test[, msg]. */
static int compiler_assert(pyc_compiler *c, py_stmt *s)
{
    py_expr *test = s->v.Assert.test;
    /* a non-empty tuple (display or folded constant) is always true */
    if ((test->kind == PY_Tuple_kind && PY_SEQ_LEN(test->v.List.elts) > 0) ||
        (test->kind == PY_Constant_kind && test->v.Constant.value.kind == PYC_CONST_OBJECT &&
         py_tuple_check(pyc_const(test)) && py_tuple_size(pyc_const(test)) > 0))
        if (pyc_warn(c, "assertion is always true, perhaps remove parentheses?") < 0) return -1;
    pyc_block *end = pyc_new_block(c);
    if (end == NULL) return -1;
    if (pyc_jump_if(c, test, end, 1) < 0) return -1;
    if (pyc_addop(c, OP_LOAD_ASSERTION_ERROR) < 0) return -1;
    if (s->v.Assert.msg) {
        if (pyc_visit_expr(c, s->v.Assert.msg) < 0) return -1;
        if (pyc_addop_i(c, OP_PRECALL, 0) < 0 || pyc_addop_i(c, OP_CALL, 0) < 0) return -1;
    }
    if (pyc_addop_i(c, OP_RAISE_VARARGS, 1) < 0) return -1;
    pyc_use_next_block(c, end);
    return 0;
}

/* An expression statement (printed in single mode, dropped if constant). */
static int visit_stmt_expr(pyc_compiler *c, py_expr *value)
{
    if (c->interactive && c->nestlevel <= 1) {
        if (pyc_visit_expr(c, value) < 0) return -1;
        return pyc_addop(c, OP_PRINT_EXPR);
    }
    if (value->kind == PY_Constant_kind) return pyc_addop(c, OP_NOP);
    if (pyc_visit_expr(c, value) < 0) return -1;
    PYC_UNSET_LOC(c);
    return pyc_addop(c, OP_POP_TOP);
}

/* A sequence of statements. */
int pyc_visit_stmts(pyc_compiler *c, py_seq *seq)
{
    for (int i = 0; i < PY_SEQ_LEN(seq); i++)
        if (pyc_visit_stmt(c, PY_SEQ_GET(seq, i)) < 0) return -1;
    return 0;
}

/* One statement, at its location. */
int pyc_visit_stmt(pyc_compiler *c, py_stmt *s)
{
    PYC_SET_LOC(c, s);
    switch (s->kind) {
    case PY_FunctionDef_kind:
    case PY_AsyncFunctionDef_kind: return compiler_function(c, s);
    case PY_ClassDef_kind: return compiler_class(c, s);
    case PY_Return_kind: return compiler_return(c, s);
    case PY_Delete_kind:
        for (int i = 0; i < PY_SEQ_LEN(s->v.Delete.targets); i++)
            if (pyc_visit_expr(c, PY_SEQ_GET(s->v.Delete.targets, i)) < 0) return -1;
        return 0;
    case PY_Assign_kind: {
        int n = PY_SEQ_LEN(s->v.Assign.targets);
        if (pyc_visit_expr(c, s->v.Assign.value) < 0) return -1;
        for (int i = 0; i < n; i++) {
            if (i < n - 1 && pyc_addop_i(c, OP_COPY, 1) < 0) return -1;
            if (pyc_visit_expr(c, PY_SEQ_GET(s->v.Assign.targets, i)) < 0) return -1;
        }
        return 0;
    }
    case PY_AugAssign_kind: return pyc_augassign(c, s);
    case PY_AnnAssign_kind: return pyc_annassign(c, s);
    case PY_For_kind: return compiler_for(c, s);
    case PY_While_kind: return compiler_while(c, s);
    case PY_If_kind: return compiler_if(c, s);
    case PY_Raise_kind: {
        int n = 0;
        if (s->v.Raise.exc) {
            if (pyc_visit_expr(c, s->v.Raise.exc) < 0) return -1;
            n++;
            if (s->v.Raise.cause) {
                if (pyc_visit_expr(c, s->v.Raise.cause) < 0) return -1;
                n++;
            }
        }
        return pyc_addop_i(c, OP_RAISE_VARARGS, n);
    }
    case PY_Try_kind:
        if (PY_SEQ_LEN(s->v.Try.finalbody)) return compiler_try_finally(c, s);
        return compiler_try_except(c, s);
    case PY_TryStar_kind:
        if (PY_SEQ_LEN(s->v.Try.finalbody)) return compiler_try_finally(c, s);
        return compiler_try_star_except(c, s);
    case PY_Assert_kind: return compiler_assert(c, s);
    case PY_Import_kind: return compiler_import(c, s);
    case PY_ImportFrom_kind: return compiler_from_import(c, s);
    case PY_Global_kind:
    case PY_Nonlocal_kind: return 0;
    case PY_Expr_kind: return visit_stmt_expr(c, s->v.Expr.value);
    case PY_Pass_kind: return pyc_addop(c, OP_NOP);
    case PY_Break_kind: return compiler_break_continue(c, 1);
    case PY_Continue_kind: return compiler_break_continue(c, 0);
    case PY_With_kind: return compiler_with(c, s, 0);
    default: return pyc_error(c, "statement not supported by refgc's compiler");
    }
}

