/*
 * compile.h -- the compiler's internal interface, shared by ast_opt.c,
 * compile.c (driver, units), compile_stmt.c (statements), compile_expr.c
 * (expressions) and compile_cfg.c (control flow graph, optimizer,
 * assembler): CPython
 * 3.11's Python/compile.c split along its seams.
 *
 * Constants: ast_opt.c turns every Constant node into an object (the
 * PYC_CONST_OBJECT kind below, the object in the text pointer) and folds;
 * the objects it makes are owned by the compiler's list and released at
 * the end.  Names are the tree's UTF-8 strings until makecode turns them
 * into str objects.
 */
#ifndef PY_LANG_COMPILE_H
#define PY_LANG_COMPILE_H

#include "lang/code.h"
#include "lang/symtable.h"
#include "lang/vm.h"

/* ====================================================================== */
/* Constants as objects                                                    */
/* ====================================================================== */

#define PYC_CONST_OBJECT ((py_const_kind)100)

static inline py_obj *pyc_const(const py_expr *e) { return (py_obj *)(uintptr_t)e->v.Constant.value.text; }
static inline void pyc_set_const(py_expr *e, py_obj *o)
{
    e->kind = PY_Constant_kind;
    e->v.Constant.value.kind = PYC_CONST_OBJECT;
    e->v.Constant.value.text = (const char *)(uintptr_t)o;
    e->v.Constant.value.len = 0;
    e->v.Constant.kind = NULL;
}

/* A list of owned references. */
typedef struct pyc_objlist {
    py_obj **items;
    int n, cap;
} pyc_objlist;
/* Append o (stolen; NULL is a failure).  0 or -1. */
int pyc_objlist_add(pyc_objlist *l, py_obj *o);
void pyc_objlist_clear(pyc_objlist *l);

/* The object of a literal (int, float, str, bytes, None ...), new reference. */
py_obj *pyc_literal_object(const py_constant *c);

/* Fold constants as 3.11's _PyAST_Optimize (optimize level 0): every
 * Constant becomes an object kept in objs.  0, or -1 with an exception. */
int pyc_ast_optimize(py_mod *mod, py_arena *arena, pyc_objlist *objs, int future_annotations);

/* An annotation as source text (3.11's _PyAST_ExprAsUnicode), for
 * `from __future__ import annotations`; ast_unparse.c. */
py_obj *pyc_unparse_annotation(py_expr *e);

/* The docstring of a body (its first statement a str constant), or NULL. */
py_obj *pyc_docstring(py_seq *body);

/* ====================================================================== */
/* Instructions and blocks                                                 */
/* ====================================================================== */

/* Pseudo instructions (3.11's), turned into NOPs or real jumps. */
enum {
    PYC_SETUP_FINALLY = -1,
    PYC_SETUP_CLEANUP = -2,
    PYC_SETUP_WITH = -3,
    PYC_POP_BLOCK = -4,
    PYC_JUMP = -5,
    PYC_JUMP_NO_INTERRUPT = -6,
    PYC_POP_JUMP_IF_FALSE = -7,
    PYC_POP_JUMP_IF_TRUE = -8,
    PYC_POP_JUMP_IF_NONE = -9,
    PYC_POP_JUMP_IF_NOT_NONE = -10
};

typedef struct pyc_block pyc_block;

typedef struct pyc_instr {
    int opcode, oparg;
    pyc_block *target;
    pyc_block *except;
    int lineno, end_lineno, col, end_col;
} pyc_instr;

struct pyc_block {
    pyc_block *list; /* every block of the unit, newest first */
    pyc_block *next; /* fall-through successor */
    pyc_instr *instr;
    int iused, ialloc;
    int predecessors, startdepth, offset;
    unsigned nofallthrough : 1, preserve_lasti : 1, visited : 1, exit : 1, ret : 1;
    void *exceptstack;
};

/* ====================================================================== */
/* Compiler state                                                          */
/* ====================================================================== */

enum { PYC_SCOPE_MODULE, PYC_SCOPE_CLASS, PYC_SCOPE_FUNCTION, PYC_SCOPE_ASYNC_FUNCTION, PYC_SCOPE_LAMBDA,
       PYC_SCOPE_COMPREHENSION };

enum pyc_fblock_type { PYC_WHILE_LOOP, PYC_FOR_LOOP, PYC_TRY_EXCEPT, PYC_FINALLY_TRY, PYC_FINALLY_END, PYC_WITH,
                       PYC_ASYNC_WITH, PYC_HANDLER_CLEANUP, PYC_POP_VALUE, PYC_EXCEPTION_HANDLER,
                       PYC_EXCEPTION_GROUP_HANDLER, PYC_ASYNC_COMPREHENSION_GENERATOR };

typedef struct pyc_fblock {
    enum pyc_fblock_type type;
    pyc_block *block;
    pyc_block *exit;
    const void *datum;
} pyc_fblock;

#define PYC_MAXBLOCKS 20

/* A list of names (UTF-8) whose index is the oparg. */
typedef struct pyc_names {
    const char **items;
    int n, cap;
    py_index ix; /* over items (dropped and rebuilt if items are reordered) */
} pyc_names;

typedef struct pyc_unit {
    py_ste *ste;
    const char *name;
    char *qualname; /* malloc'd */
    int scope_type;
    py_obj **consts; /* canonical constants (borrowed from the cache) */
    int nconsts, constcap;
    py_index constindex; /* over consts, by identity */
    pyc_names names, varnames, cellvars, freevars;
    const char *private_name;
    int argcount, posonlyargcount, kwonlyargcount;
    pyc_block *blocks;
    pyc_block *curblock;
    int nfblocks;
    pyc_fblock fblock[PYC_MAXBLOCKS];
    int firstlineno;
    int lineno, col, end_lineno, end_col;
    int need_new_implicit_block;
    struct pyc_unit *parent;
} pyc_unit;

typedef struct pyc_compiler {
    py_obj *filename;
    const char *source;
    size_t source_len;
    py_symtable st;
    py_arena *arena;
    int interactive;
    int nestlevel;
    pyc_objlist cache; /* the constants of the whole compilation, canonical */
    py_index cacheindex; /* over cache, by constant key */
    int future_features; /* PY_CO_FUTURE_* of the module's __future__ imports */
    int future_lineno;   /* line of the last of them */
    pyc_unit *u;
} pyc_compiler;

/* ---- compile.c --------------------------------------------------------- */

pyc_block *pyc_new_block(pyc_compiler *c);
void pyc_use_next_block(pyc_compiler *c, pyc_block *b);
int pyc_next_instr(pyc_block *b);
int pyc_addop(pyc_compiler *c, int op);
int pyc_addop_i(pyc_compiler *c, int op, int oparg);
int pyc_addop_noline(pyc_compiler *c, int op);
int pyc_addop_j(pyc_compiler *c, int op, pyc_block *target);
int pyc_addop_j_noline(pyc_compiler *c, int op, pyc_block *target);
/* LOAD_CONST o (borrowed). */
int pyc_addop_load_const(pyc_compiler *c, py_obj *o);
/* LOAD_CONST o, o stolen. */
int pyc_addop_load_const_new(pyc_compiler *c, py_obj *o);
/* Index of constant o in the unit (merged with the cache); -1 on error. */
int pyc_add_const(pyc_compiler *c, py_obj *o);
/* 3.11's code_richcompare: same name, counts, flags, first line, code,
 * constants (by constant key), names, locals and tables. */
int pyc_code_equal(const py_code_object *a, const py_code_object *b);
/* Canonical object for o (borrowed), merged into the cache. */
py_obj *pyc_merge_const(pyc_compiler *c, py_obj *o);
/* Index of name in a list (appended if absent); -1 on error. */
int pyc_names_add(pyc_names *l, const char *name);
int pyc_names_find(const pyc_names *l, const char *name);
/* op with the (mangled) name in co_names. */
int pyc_addop_name(pyc_compiler *c, int op, const char *name);
int pyc_nameop(pyc_compiler *c, const char *name, py_expr_context ctx);
int pyc_error(pyc_compiler *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int pyc_warn(pyc_compiler *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int pyc_enter_scope(pyc_compiler *c, const char *name, int scope_type, const void *key, int lineno);
void pyc_exit_scope(pyc_compiler *c);
/* _Py_Mangle with the unit's class (NULL with MemoryError). */
const char *pyc_mangle(pyc_compiler *c, const char *name);

/* ---- compile_stmt.c ---------------------------------------------------- */

int pyc_visit_stmt(pyc_compiler *c, py_stmt *s);
/* Does a body hold an annotated assignment (3.11's find_ann)? */
int pyc_find_ann(py_seq *stmts);
/* A module's or class's body: __annotations__, docstring, statements. */
int pyc_body(pyc_compiler *c, py_seq *stmts);
int pyc_visit_stmts(pyc_compiler *c, py_seq *seq);
int pyc_push_fblock(pyc_compiler *c, enum pyc_fblock_type t, pyc_block *b, pyc_block *exit, const void *datum);
void pyc_pop_fblock(pyc_compiler *c);
/* LOAD_CLOSUREs, the code object and MAKE_FUNCTION with flags. */
int pyc_make_closure(pyc_compiler *c, py_code_object *co, int flags);
int pyc_check_debug_args(pyc_compiler *c, py_arguments *args);
/* Push defaults and keyword-only defaults: MAKE_FUNCTION flags, or -1. */
int pyc_default_arguments(pyc_compiler *c, py_arguments *args);
int pyc_call_exit_with_nones(pyc_compiler *c);
int pyc_add_yield_from(pyc_compiler *c, int await);
int pyc_pop_except_and_reraise(pyc_compiler *c);
int pyc_forbidden_name(pyc_compiler *c, const char *name, py_expr_context ctx);

#define PYC_SET_LOC(c, x)                                                                                      \
    do {                                                                                                       \
        (c)->u->lineno = (x)->lineno;                                                                          \
        (c)->u->col = (x)->col_offset;                                                                         \
        (c)->u->end_lineno = (x)->end_lineno;                                                                  \
        (c)->u->end_col = (x)->end_col_offset;                                                                 \
    } while (0)
#define PYC_UNSET_LOC(c)                                                                                       \
    do {                                                                                                       \
        (c)->u->lineno = -1;                                                                                   \
        (c)->u->col = -1;                                                                                      \
        (c)->u->end_lineno = -1;                                                                               \
        (c)->u->end_col = -1;                                                                                  \
    } while (0)

/* ---- compile_expr.c ---------------------------------------------------- */

int pyc_visit_expr(pyc_compiler *c, py_expr *e);
int pyc_jump_if(pyc_compiler *c, py_expr *e, pyc_block *next, int cond);
int pyc_call_helper(pyc_compiler *c, int n, py_seq *args, py_seq *keywords);
int pyc_lambda(pyc_compiler *c, py_expr *e);
int pyc_augassign(pyc_compiler *c, py_stmt *s);
int pyc_annassign(pyc_compiler *c, py_stmt *s);
int pyc_addop_binary(pyc_compiler *c, py_operator op, int inplace);

/* ---- compile_cfg.c ----------------------------------------------------- */

/* The code object of the current unit (3.11's assemble). */
py_code_object *pyc_assemble(pyc_compiler *c, int add_none);
/* 3.11's stack_effect; -1000 for an unknown opcode. */
int pyc_stack_effect(int opcode, int oparg, int jump);

#define PYC_STACK_USE_GUIDELINE 30

/* __future__ features that reach co_flags (3.11's PyCF_MASK). */
#define PY_CO_FUTURE_BARRY_AS_BDFL 0x400000
#define PY_CO_FUTURE_ANNOTATIONS 0x1000000

#endif
