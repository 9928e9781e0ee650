/*
 * compile.c -- the compiler's driver and units (CPython 3.11's
 * Python/compile.c and future.c): py_compile_ast and py_compile_source
 * (exception objects from parse errors, the eval/single mode checks,
 * __future__ features), the compilation units (one per module, class,
 * function, lambda, comprehension) with their names, constants (merged
 * across the whole compilation as 3.11's c_const_cache) and blocks, and
 * the instruction emitters.  Statements: compile_stmt.c; expressions:
 * compile_expr.c; the assembler: compile_cfg.c.
 *
 * Invariants: every instruction added gets the unit's current location
 * (lineno, end_lineno, col, end_col; -1 = artificial); a new block is
 * started after an instruction that ends one (jumps, returns, raises), as
 * 3.11's u_need_new_implicit_block.
 */
#include "lang/compile.h"
#include "lang/warnings.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "os/os.h"

/* ====================================================================== */
/* Blocks and instructions                                                 */
/* ====================================================================== */

pyc_block *pyc_new_block(pyc_compiler *c)
{
    pyc_block *b = rg_os_calloc(1, sizeof *b);
    if (b == NULL) {
        py_err_no_memory();
        return NULL;
    }
    b->list = c->u->blocks;
    c->u->blocks = b;
    return b;
}

/* Make b the fall-through successor of the current block, and current. */
void pyc_use_next_block(pyc_compiler *c, pyc_block *b)
{
    c->u->curblock->next = b;
    c->u->curblock = b;
    c->u->need_new_implicit_block = 0;
}

/* The index of a new instruction slot in b (grown as needed), or -1. */
int pyc_next_instr(pyc_block *b)
{
    if (b->iused == b->ialloc) {
        int n = b->ialloc ? b->ialloc * 2 : 16;
        pyc_instr *p = rg_os_realloc(b->instr, (size_t)n * sizeof(pyc_instr));
        if (p == NULL) {
            py_err_no_memory();
            return -1;
        }
        memset(p + b->ialloc, 0, (size_t)(n - b->ialloc) * sizeof(pyc_instr));
        b->instr = p;
        b->ialloc = n;
    }
    return b->iused++;
}

/* Is op a jump (pseudo or real)? */
static int is_jump_op(int op)
{
    return (op <= PYC_JUMP && op >= PYC_POP_JUMP_IF_NOT_NONE) || (op >= 0 && py_op_is_jump(op));
}

/* Add one instruction at the given location (compiler_addop_line & co). */
static int add_instr(pyc_compiler *c, int op, int oparg, pyc_block *target, int lineno, int end_lineno, int col,
                     int end_col)
{
    if (c->u->need_new_implicit_block) {
        pyc_block *b = pyc_new_block(c);
        if (b == NULL) return -1;
        pyc_use_next_block(c, b);
    }
    pyc_block *b = c->u->curblock;
    int off = pyc_next_instr(b);
    if (off < 0) return -1;
    pyc_instr *i = &b->instr[off];
    i->opcode = op;
    i->oparg = oparg;
    i->target = target;
    i->lineno = lineno;
    i->end_lineno = end_lineno;
    i->col = col;
    i->end_col = end_col;
    if (op == OP_RETURN_VALUE) b->ret = 1;
    if (is_jump_op(op) || op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE)
        c->u->need_new_implicit_block = 1;
    return 0;
}

/* op at the current location. */
int pyc_addop(pyc_compiler *c, int op)
{
    pyc_unit *u = c->u;
    return add_instr(c, op, 0, NULL, u->lineno, u->end_lineno, u->col, u->end_col);
}

/* op with an argument at the current location. */
int pyc_addop_i(pyc_compiler *c, int op, int oparg)
{
    pyc_unit *u = c->u;
    return add_instr(c, op, oparg, NULL, u->lineno, u->end_lineno, u->col, u->end_col);
}

/* op without a location. */
int pyc_addop_noline(pyc_compiler *c, int op) { return add_instr(c, op, 0, NULL, -1, 0, 0, 0); }

/* A jump to target at the current location. */
int pyc_addop_j(pyc_compiler *c, int op, pyc_block *target)
{
    pyc_unit *u = c->u;
    return add_instr(c, op, 0, target, u->lineno, u->end_lineno, u->col, u->end_col);
}

/* A jump without a location. */
int pyc_addop_j_noline(pyc_compiler *c, int op, pyc_block *target)
{
    return add_instr(c, op, 0, target, -1, 0, 0, 0);
}

/* ====================================================================== */
/* Constants                                                               */
/* ====================================================================== */

static int const_key_equal(py_obj *a, py_obj *b);

/* Two equal code objects (3.11's code_richcompare): a function body
 * compiled twice (a finally block) is one constant. */
int pyc_code_equal(const py_code_object *a, const py_code_object *b)
{
    if (!py_unicode_eq(a->co_name, b->co_name) || a->co_argcount != b->co_argcount ||
        a->co_posonlyargcount != b->co_posonlyargcount || a->co_kwonlyargcount != b->co_kwonlyargcount ||
        a->co_flags != b->co_flags || a->co_firstlineno != b->co_firstlineno ||
        py_code_ncodeunits(a) != py_code_ncodeunits(b))
        return 0;
    if (memcmp(a->co_code_adaptive, b->co_code_adaptive, sizeof(py_codeunit) * (size_t)py_code_ncodeunits(a)) != 0)
        return 0;
    /* the flat fields first, the (possibly deeply nested) constants last:
     * nested lambdas differ in their line tables, so comparing them stays
     * O(size) instead of recursing through every nested code object */
    return const_key_equal(a->co_linetable, b->co_linetable) &&
           const_key_equal(a->co_exceptiontable, b->co_exceptiontable) &&
           const_key_equal(a->co_names, b->co_names) &&
           const_key_equal(a->co_localsplusnames, b->co_localsplusnames) &&
           const_key_equal(a->co_consts, b->co_consts);
}

/* Equal doubles with the same sign if zero (0.0 and -0.0 are two keys;
 * a NaN equals nothing but itself, the same object). */
static int same_double(double x, double y) { return x == y && (x != 0.0 || signbit(x) == signbit(y)); }

/* Do a and b have the same constant key (_PyCode_ConstantKey)? */
static int const_key_equal(py_obj *a, py_obj *b)
{
    if (a == b) return 1;
    if (py_type_of(a) != py_type_of(b)) return 0;
    if (py_long_check_exact(a)) return py_object_rich_compare_bool(a, b, PY_EQ) == 1;
    if (py_unicode_check_exact(a)) return py_unicode_eq(a, b);
    if (py_bytes_check_exact(a))
        return py_bytes_size(a) == py_bytes_size(b) &&
               memcmp(py_bytes_as_string(a), py_bytes_as_string(b), (size_t)py_bytes_size(a)) == 0;
    if (py_float_check_exact(a)) return same_double(((py_float_object *)a)->ob_fval, ((py_float_object *)b)->ob_fval);
    if (py_complex_check_exact(a)) {
        py_complex x = ((py_complex_object *)a)->cval, y = ((py_complex_object *)b)->cval;
        return same_double(x.real, y.real) && same_double(x.imag, y.imag);
    }
    if (py_tuple_check_exact(a)) {
        if (py_tuple_size(a) != py_tuple_size(b)) return 0;
        for (py_ssize_t i = 0; i < py_tuple_size(a); i++)
            if (!const_key_equal(py_tuple_get(a, i), py_tuple_get(b, i))) return 0;
        return 1;
    }
    if (py_code_check(a)) return pyc_code_equal((py_code_object *)a, (py_code_object *)b);
    if (py_frozenset_check_exact(a)) {
        /* 3.11 keys a frozenset by the set of its items' keys: every item
         * of a has a key-equal item in b (1 and True stay apart) */
        if (py_set_size(a) != py_set_size(b)) return 0;
        py_ssize_t pa = 0;
        py_obj *x;
        py_hash_t hx;
        while (py_set_next_entry(a, &pa, &x, &hx)) {
            py_ssize_t pb = 0;
            py_obj *y;
            py_hash_t hy;
            int found = 0;
            while (!found && py_set_next_entry(b, &pb, &y, &hy)) found = const_key_equal(x, y);
            if (!found) return 0;
        }
        return 1;
    }
    return 0;
}

/* A hash of a code object's flat fields (those pyc_code_equal compares
 * first; never the nested constants, so hashing stays linear): distinct
 * code objects (e.g. 1000 nested lambdas on one line) rarely collide. */
static uint64_t code_key_hash(const py_code_object *co)
{
    uint64_t h = (uint64_t)co->co_firstlineno;
    py_hash_t x = py_object_hash(co->co_name);
    if (x == -1) py_err_clear();
    h = (h ^ (uint64_t)x) * 1000003;
    h = (h ^ ((uint64_t)co->co_argcount << 32 ^ (uint64_t)co->co_kwonlyargcount << 16 ^
              (uint64_t)co->co_posonlyargcount)) * 1000003;
    h = (h ^ (uint64_t)co->co_flags) * 1000003;
    h = (h ^ (uint64_t)py_hash_bytes(co->co_code_adaptive, sizeof(py_codeunit) * (size_t)py_code_ncodeunits(co))) *
        1000003;
    if (py_bytes_check_exact(co->co_linetable))
        h = (h ^ (uint64_t)py_hash_bytes(py_bytes_as_string(co->co_linetable),
                                         (size_t)py_bytes_size(co->co_linetable))) * 1000003;
    return h;
}

/* A hash consistent with const_key_equal (equal keys, equal hashes). */
static uint64_t const_key_hash(py_obj *o)
{
    uint64_t h = (uint64_t)(uintptr_t)py_type_of(o) * UINT64_C(0x9e3779b97f4a7c15);
    if (py_long_check_exact(o) || py_unicode_check_exact(o)) {
        py_hash_t x = py_object_hash(o);
        if (x == -1) py_err_clear();
        return h ^ (uint64_t)x;
    }
    if (py_bytes_check_exact(o)) return h ^ (uint64_t)py_hash_bytes(py_bytes_as_string(o), (size_t)py_bytes_size(o));
    if (py_float_check_exact(o)) {
        double d = ((py_float_object *)o)->ob_fval;
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return h ^ bits;
    }
    if (py_complex_check_exact(o)) {
        py_complex z = ((py_complex_object *)o)->cval;
        uint64_t re, im;
        memcpy(&re, &z.real, sizeof re);
        memcpy(&im, &z.imag, sizeof im);
        return h ^ ((re * 1000003) ^ im);
    }
    if (py_tuple_check_exact(o)) {
        for (py_ssize_t i = 0; i < py_tuple_size(o); i++) h = (h ^ const_key_hash(py_tuple_get(o, i))) * 1000003;
        return h ^ (uint64_t)py_tuple_size(o);
    }
    if (py_frozenset_check_exact(o)) return h ^ (uint64_t)py_set_size(o);
    if (py_code_check(o)) return h ^ code_key_hash((py_code_object *)o);
    return h ^ (uint64_t)(uintptr_t)o;
}

typedef struct {
    pyc_compiler *c;
    py_obj *o;
} cache_ctx;

/* Does cache item i have the constant key sought? */
static int cache_eq(void *ctx, int i)
{
    cache_ctx *k = ctx;
    return const_key_equal(k->c->cache.items[i], k->o);
}

/* The key hash of cache item i. */
static uint64_t cache_hash(void *ctx, int i) { return const_key_hash(((cache_ctx *)ctx)->c->cache.items[i]); }

/* The canonical constant equal (by key) to o; tuples merge their items. */
py_obj *pyc_merge_const(pyc_compiler *c, py_obj *o)
{
    if (o == py_none || o == py_ellipsis) return o;
    uint64_t h = const_key_hash(o);
    cache_ctx ctx = {c, o};
    int found = py_index_find(&c->cacheindex, h, cache_eq, &ctx);
    if (found >= 0) return c->cache.items[found];
    if (py_frozenset_check_exact(o) && py_set_size(o) > 0) {
        /* a new frozenset of the merged items is the canonical one (3.11) */
        py_obj *items = py_sequence_tuple(o);
        if (items == NULL) return NULL;
        for (py_ssize_t i = 0; i < py_tuple_size(items); i++) {
            py_obj *item = py_tuple_get(items, i), *u = pyc_merge_const(c, item);
            if (u == NULL) {
                rg_decref(items);
                return NULL;
            }
            if (u != item) {
                py_tuple_items(items)[i] = py_new_ref(u);
                rg_decref(item);
            }
        }
        py_obj *fs = py_frozenset_new(items);
        rg_decref(items);
        if (fs == NULL || pyc_objlist_add(&c->cache, fs) < 0) return NULL;
        if (py_index_add(&c->cacheindex, h, c->cache.n - 1, c->cache.n, cache_hash, &ctx) < 0) return NULL;
        return fs;
    }
    if (pyc_objlist_add(&c->cache, py_new_ref(o)) < 0) return NULL;
    if (py_index_add(&c->cacheindex, h, c->cache.n - 1, c->cache.n, cache_hash, &ctx) < 0) return NULL;
    if (py_tuple_check_exact(o)) {
        for (py_ssize_t i = 0; i < py_tuple_size(o); i++) {
            py_obj *item = py_tuple_get(o, i);
            py_obj *u = pyc_merge_const(c, item);
            if (u == NULL) return NULL;
            if (u != item) {
                py_tuple_items(o)[i] = py_new_ref(u);
                rg_decref(item);
            }
        }
    }
    return o;
}

typedef struct {
    py_obj **items;
    py_obj *o;
} identity_ctx;

/* A hash of a pointer. */
static uint64_t identity_hash(const void *p) { return (uint64_t)(uintptr_t)p * UINT64_C(0x9e3779b97f4a7c15) >> 4; }
/* Is item i the object sought? */
static int identity_eq(void *ctx, int i) { return ((identity_ctx *)ctx)->items[i] == ((identity_ctx *)ctx)->o; }
/* The hash of item i. */
static uint64_t identity_rehash(void *ctx, int i) { return identity_hash(((identity_ctx *)ctx)->items[i]); }

/* The unit's index of a constant (appended if new). */
int pyc_add_const(pyc_compiler *c, py_obj *o)
{
    py_obj *k = pyc_merge_const(c, o);
    if (k == NULL) return -1;
    pyc_unit *u = c->u;
    identity_ctx ictx = {u->consts, k};
    int found = py_index_find(&u->constindex, identity_hash(k), identity_eq, &ictx);
    if (found >= 0) return found;
    if (u->nconsts == u->constcap) {
        int n = u->constcap ? u->constcap * 2 : 16;
        py_obj **p = rg_os_realloc(u->consts, (size_t)n * sizeof(py_obj *));
        if (p == NULL) {
            py_err_no_memory();
            return -1;
        }
        u->consts = p;
        u->constcap = n;
    }
    u->consts[u->nconsts] = k;
    ictx.items = u->consts;
    if (py_index_add(&u->constindex, identity_hash(k), u->nconsts, u->nconsts + 1, identity_rehash, &ictx) < 0)
        return -1;
    return u->nconsts++;
}

/* LOAD_CONST o. */
int pyc_addop_load_const(pyc_compiler *c, py_obj *o)
{
    int arg = pyc_add_const(c, o);
    if (arg < 0) return -1;
    return pyc_addop_i(c, OP_LOAD_CONST, arg);
}

/* LOAD_CONST o, releasing o (NULL: an error already set). */
int pyc_addop_load_const_new(pyc_compiler *c, py_obj *o)
{
    if (o == NULL) return -1;
    int r = pyc_addop_load_const(c, o);
    rg_decref(o);
    return r;
}

/* ====================================================================== */
/* Names                                                                   */
/* ====================================================================== */

typedef struct {
    const pyc_names *l;
    const char *name;
} names_ctx;

/* Is name i the one sought? */
static int names_eq(void *ctx, int i)
{
    names_ctx *c = ctx;
    return strcmp(c->l->items[i], c->name) == 0;
}

/* The hash of name i. */
static uint64_t names_hash(void *ctx, int i) { return py_index_hash_str(((names_ctx *)ctx)->l->items[i]); }

/* A name's index (linear while short, then hashed), -1 if absent. */
int pyc_names_find(const pyc_names *l, const char *name)
{
    if (l->n < 8 || l->ix.cap == 0) {
        for (int i = 0; i < l->n; i++)
            if (strcmp(l->items[i], name) == 0) return i;
        return -1;
    }
    names_ctx ctx = {l, name};
    return py_index_find(&l->ix, py_index_hash_str(name), names_eq, &ctx);
}

/* A name's index, appended if absent; -1 out of memory. */
int pyc_names_add(pyc_names *l, const char *name)
{
    int i = pyc_names_find(l, name);
    if (i >= 0) return i;
    if (l->n == l->cap) {
        int n = l->cap ? l->cap * 2 : 16;
        const char **p = rg_os_realloc(l->items, (size_t)n * sizeof(char *));
        if (p == NULL) {
            py_err_no_memory();
            return -1;
        }
        l->items = p;
        l->cap = n;
    }
    l->items[l->n] = name;
    l->n++;
    if (l->n >= 8) {
        names_ctx ctx = {l, name};
        if (l->ix.cap == 0) {
            /* index everything once the list is long enough */
            for (int j = 0; j < l->n; j++)
                if (py_index_add(&l->ix, py_index_hash_str(l->items[j]), j, j + 1, names_hash, &ctx) < 0) return -1;
        } else if (py_index_add(&l->ix, py_index_hash_str(name), l->n - 1, l->n, names_hash, &ctx) < 0) {
            return -1;
        }
    }
    return l->n - 1;
}

/* py_mangle with the unit's class. */
const char *pyc_mangle(pyc_compiler *c, const char *name)
{
    const char *m = py_mangle(c->u->private_name, name, c->arena);
    if (m == NULL) py_err_no_memory();
    return m;
}

/* op with a mangled name of co_names. */
int pyc_addop_name(pyc_compiler *c, int op, const char *name)
{
    const char *m = pyc_mangle(c, name);
    if (m == NULL) return -1;
    int arg = pyc_names_add(&c->u->names, m);
    if (arg < 0) return -1;
    return pyc_addop_i(c, op, arg);
}

/* Assigning or deleting __debug__ is a SyntaxError: 1 (raised) or 0. */
int pyc_forbidden_name(pyc_compiler *c, const char *name, py_expr_context ctx)
{
    if (ctx == PY_Store && strcmp(name, "__debug__") == 0) {
        pyc_error(c, "cannot assign to __debug__");
        return 1;
    }
    if (ctx == PY_Del && strcmp(name, "__debug__") == 0) {
        pyc_error(c, "cannot delete __debug__");
        return 1;
    }
    return 0;
}

/* Load, store or delete a name by its scope (3.11's compiler_nameop). */
int pyc_nameop(pyc_compiler *c, const char *name, py_expr_context ctx)
{
    if (pyc_forbidden_name(c, name, ctx)) return -1;
    const char *m = pyc_mangle(c, name);
    if (m == NULL) return -1;
    pyc_unit *u = c->u;
    enum { OPT_FAST, OPT_GLOBAL, OPT_DEREF, OPT_NAME } optype = OPT_NAME;
    pyc_names *dict = &u->names;
    int scope = py_ste_scope(u->ste, m);
    switch (scope) {
    case PY_SCOPE_FREE:
        dict = &u->freevars;
        optype = OPT_DEREF;
        break;
    case PY_SCOPE_CELL:
        dict = &u->cellvars;
        optype = OPT_DEREF;
        break;
    case PY_SCOPE_LOCAL:
        if (u->ste->type == PY_BLOCK_FUNCTION) optype = OPT_FAST;
        break;
    case PY_SCOPE_GLOBAL_IMPLICIT:
        if (u->ste->type == PY_BLOCK_FUNCTION) optype = OPT_GLOBAL;
        break;
    case PY_SCOPE_GLOBAL_EXPLICIT:
        optype = OPT_GLOBAL;
        break;
    default:
        break;
    }
    int op = 0;
    switch (optype) {
    case OPT_DEREF:
        op = ctx == PY_Load ? (u->ste->type == PY_BLOCK_CLASS ? OP_LOAD_CLASSDEREF : OP_LOAD_DEREF)
             : ctx == PY_Store ? OP_STORE_DEREF
                               : OP_DELETE_DEREF;
        break;
    case OPT_FAST: {
        op = ctx == PY_Load ? OP_LOAD_FAST : ctx == PY_Store ? OP_STORE_FAST : OP_DELETE_FAST;
        int arg = pyc_names_add(&u->varnames, m);
        if (arg < 0) return -1;
        return pyc_addop_i(c, op, arg);
    }
    case OPT_GLOBAL:
        op = ctx == PY_Load ? OP_LOAD_GLOBAL : ctx == PY_Store ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL;
        break;
    case OPT_NAME:
        op = ctx == PY_Load ? OP_LOAD_NAME : ctx == PY_Store ? OP_STORE_NAME : OP_DELETE_NAME;
        break;
    }
    int arg = pyc_names_add(dict, m);
    if (arg < 0) return -1;
    if (dict == &u->freevars) arg += u->cellvars.n;
    if (op == OP_LOAD_GLOBAL) arg <<= 1;
    return pyc_addop_i(c, op, arg);
}

/* ====================================================================== */
/* Errors                                                                  */
/* ====================================================================== */

int pyc_error(pyc_compiler *c, const char *fmt, ...)
{
    char buf[600];
    va_list va;
    va_start(va, fmt);
    vsnprintf(buf, sizeof buf, fmt, va);
    va_end(va);
    pyc_unit *u = c->u;
    return py_raise_syntax_error(c->filename, c->source, c->source_len, buf, u->lineno, u->col, u->end_lineno,
                                 u->end_col);
}

/* A SyntaxWarning at the current line (3.11's compiler_warn); -1 if
 * writing it raised. */
int pyc_warn(pyc_compiler *c, const char *fmt, ...)
{
    char buf[600];
    va_list va;
    va_start(va, fmt);
    vsnprintf(buf, sizeof buf, fmt, va);
    va_end(va);
    py_obj *msg = py_unicode_from_string(buf);
    if (msg == NULL) return -1;
    int r = py_warn_explicit(py_exc_SyntaxWarning, msg, c->filename, c->u->lineno);
    rg_decref(msg);
    return r;
}

/* ====================================================================== */
/* Units                                                                   */
/* ====================================================================== */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Names of ste with a scope (or a flag), sorted as 3.11's dictbytype. */
static int names_by_scope(pyc_names *l, py_ste *ste, int scope, int flag)
{
    for (int i = 0; i < ste->nsymbols; i++) {
        py_symbol *s = &ste->symbols[i];
        if (s->scope == scope || (s->flags & flag))
            if (pyc_names_add(l, s->name) < 0) return -1;
    }
    if (l->n > 1) qsort(l->items, (size_t)l->n, sizeof(char *), cmp_names);
    py_index_free(&l->ix);
    return 0;
}

/* Free a unit and its blocks. */
static void unit_free(pyc_unit *u)
{
    pyc_block *b = u->blocks;
    while (b) {
        pyc_block *n = b->list;
        rg_os_free(b->instr);
        rg_os_free(b);
        b = n;
    }
    rg_os_free(u->qualname);
    rg_os_free(u->consts);
    py_index_free(&u->constindex);
    pyc_names *lists[] = {&u->names, &u->varnames, &u->cellvars, &u->freevars};
    for (int i = 0; i < 4; i++) {
        rg_os_free(lists[i]->items);
        py_index_free(&lists[i]->ix);
    }
    rg_os_free(u);
}

/* u->qualname from the parent (compiler_set_qualname). */
static int set_qualname(pyc_compiler *c)
{
    pyc_unit *u = c->u, *parent = u->parent;
    char *base = NULL;
    if (parent != NULL && parent->parent != NULL) {
        int force_global = 0;
        if (u->scope_type == PYC_SCOPE_FUNCTION || u->scope_type == PYC_SCOPE_ASYNC_FUNCTION ||
            u->scope_type == PYC_SCOPE_CLASS) {
            const char *m = py_mangle(parent->private_name, u->name, c->arena);
            if (m == NULL) return -1;
            if (py_ste_scope(parent->ste, m) == PY_SCOPE_GLOBAL_EXPLICIT) force_global = 1;
        }
        if (!force_global) {
            size_t n = strlen(parent->qualname);
            int locals = parent->scope_type == PYC_SCOPE_FUNCTION || parent->scope_type == PYC_SCOPE_ASYNC_FUNCTION ||
                         parent->scope_type == PYC_SCOPE_LAMBDA;
            base = rg_os_malloc(n + 10);
            if (base == NULL) {
                py_err_no_memory();
                return -1;
            }
            memcpy(base, parent->qualname, n + 1);
            if (locals) strcat(base, ".<locals>");
        }
    }
    size_t nlen = strlen(u->name);
    if (base != NULL) {
        size_t blen = strlen(base);
        char *q = rg_os_malloc(blen + 1 + nlen + 1);
        if (q == NULL) {
            rg_os_free(base);
            py_err_no_memory();
            return -1;
        }
        memcpy(q, base, blen);
        q[blen] = '.';
        memcpy(q + blen + 1, u->name, nlen + 1);
        rg_os_free(base);
        u->qualname = q;
    } else {
        u->qualname = rg_os_malloc(nlen + 1);
        if (u->qualname == NULL) {
            py_err_no_memory();
            return -1;
        }
        memcpy(u->qualname, u->name, nlen + 1);
    }
    return 0;
}

/* Push a unit for a new code object (3.11's compiler_enter_scope), RESUME first. */
int pyc_enter_scope(pyc_compiler *c, const char *name, int scope_type, const void *key, int lineno)
{
    pyc_unit *u = rg_os_calloc(1, sizeof *u);
    if (u == NULL) {
        py_err_no_memory();
        return -1;
    }
    u->scope_type = scope_type;
    u->ste = py_symtable_lookup(&c->st, key);
    if (u->ste == NULL) {
        rg_os_free(u);
        py_err_set_string(py_exc_SystemError, "unknown symbol table entry");
        return -1;
    }
    u->name = name;
    for (int i = 0; i < u->ste->nvarnames; i++)
        if (pyc_names_add(&u->varnames, u->ste->varnames[i]) < 0) goto fail;
    if (names_by_scope(&u->cellvars, u->ste, PY_SCOPE_CELL, 0) < 0) goto fail;
    if (u->ste->needs_class_closure && pyc_names_add(&u->cellvars, "__class__") < 0) goto fail;
    if (names_by_scope(&u->freevars, u->ste, PY_SCOPE_FREE, PY_DEF_FREE_CLASS) < 0) goto fail;
    u->firstlineno = lineno;
    u->lineno = lineno;
    u->col = 0;
    u->end_lineno = lineno;
    u->end_col = 0;
    u->parent = c->u;
    if (c->u) u->private_name = c->u->private_name;
    c->u = u;
    c->nestlevel++;
    pyc_block *b = pyc_new_block(c);
    if (b == NULL) return -1;
    u->curblock = b;
    if (scope_type == PYC_SCOPE_MODULE) {
        u->lineno = 0;
    } else if (set_qualname(c) < 0) {
        return -1;
    }
    if (pyc_addop_i(c, OP_RESUME, 0) < 0) return -1;
    if (scope_type == PYC_SCOPE_MODULE) u->lineno = -1;
    return 0;
fail:
    unit_free(u);
    return -1;
}

/* Pop the current unit. */
void pyc_exit_scope(pyc_compiler *c)
{
    pyc_unit *u = c->u;
    c->nestlevel--;
    c->u = u->parent;
    unit_free(u);
}

/* ====================================================================== */
/* Entry points                                                            */
/* ====================================================================== */

static py_obj *compile_mod(pyc_compiler *c, py_mod *mod, py_compile_mode mode)
{
    if (pyc_enter_scope(c, "<module>", PYC_SCOPE_MODULE, mod, 1) < 0) goto fail;
    c->u->lineno = 1;
    int add_none = 1;
    if (mode == PY_COMPILE_EVAL) {
        py_stmt *s = PY_SEQ_LEN(mod->body) ? PY_SEQ_GET(mod->body, 0) : NULL;
        if (s == NULL || s->kind != PY_Expr_kind) {
            py_err_set_string(py_exc_SystemError, "eval mode needs one expression");
            goto fail;
        }
        if (pyc_visit_expr(c, s->v.Expr.value) < 0) goto fail;
        add_none = 0;
    } else if (mode == PY_COMPILE_SINGLE) {
        if (pyc_find_ann(mod->body) && pyc_addop(c, OP_SETUP_ANNOTATIONS) < 0) goto fail;
        c->interactive = 1;
        if (pyc_visit_stmts(c, mod->body) < 0) goto fail;
    } else if (pyc_body(c, mod->body) < 0) {
        goto fail;
    }
    py_code_object *co = pyc_assemble(c, add_none);
    pyc_exit_scope(c);
    return (py_obj *)co;
fail:
    while (c->u) pyc_exit_scope(c);
    return NULL;
}

/* The features of the __future__ imports that open the module (3.11's
 * future.c): 0, or -1 with SyntaxError. */
static int future_parse(pyc_compiler *c, py_mod *mod)
{
    int done = 0, prev_line = 0, i = 0;
    py_seq *body = mod->body;
    if (PY_SEQ_LEN(body)) {
        py_stmt *first = PY_SEQ_GET(body, 0);
        if (first->kind == PY_Expr_kind && first->v.Expr.value->kind == PY_Constant_kind &&
            first->v.Expr.value->v.Constant.value.kind == PY_CONST_STR)
            i++;
    }
    for (; i < PY_SEQ_LEN(body); i++) {
        py_stmt *s = PY_SEQ_GET(body, i);
        if (done && s->lineno > prev_line) return 0;
        prev_line = s->lineno;
        if (s->kind != PY_ImportFrom_kind || !s->v.ImportFrom.module ||
            strcmp(s->v.ImportFrom.module, "__future__") != 0) {
            done = 1;
            continue;
        }
        if (done)
            return py_raise_syntax_error(c->filename, c->source, c->source_len,
                                         "from __future__ imports must occur at the beginning of the file", s->lineno,
                                         s->col_offset - 1, s->lineno, PY_SYNTAX_NO_END);
        for (int j = 0; j < PY_SEQ_LEN(s->v.ImportFrom.names); j++) {
            const char *f = ((py_alias *)PY_SEQ_GET(s->v.ImportFrom.names, j))->name;
            static const char *const obsolete[] = {"nested_scopes", "generators", "division", "absolute_import",
                                                   "with_statement", "print_function", "unicode_literals",
                                                   "generator_stop", NULL};
            int known = 0;
            for (int k = 0; obsolete[k]; k++)
                if (strcmp(f, obsolete[k]) == 0) known = 1;
            if (known) continue;
            if (strcmp(f, "barry_as_FLUFL") == 0) {
                c->future_features |= PY_CO_FUTURE_BARRY_AS_BDFL;
            } else if (strcmp(f, "annotations") == 0) {
                c->future_features |= PY_CO_FUTURE_ANNOTATIONS;
            } else {
                char msg[200];
                if (strcmp(f, "braces") == 0) snprintf(msg, sizeof msg, "not a chance");
                else snprintf(msg, sizeof msg, "future feature %.100s is not defined", f);
                return py_raise_syntax_error(c->filename, c->source, c->source_len, msg, s->lineno, s->col_offset,
                                             s->lineno, PY_SYNTAX_NO_END);
            }
        }
        c->future_lineno = s->lineno;
    }
    return 0;
}

/* The whole pipeline: __future__, folding, symbol table, code generation. */
static py_obj *compile_ast(py_mod *mod, py_obj *filename, py_compile_mode mode, py_arena *arena, const char *src,
                           size_t len)
{
    pyc_compiler c;
    memset(&c, 0, sizeof c);
    c.filename = filename;
    c.arena = arena;
    c.source = src;
    c.source_len = len;
    pyc_objlist objs = {0};
    py_obj *co = NULL;
    if (future_parse(&c, mod) < 0) goto done;
    int fa = (c.future_features & PY_CO_FUTURE_ANNOTATIONS) != 0;
    if (pyc_ast_optimize(mod, arena, &objs, fa) < 0) goto done;
    if (py_symtable_build(&c.st, mod, filename, src, len, arena, fa) < 0) goto done;
    co = compile_mod(&c, mod, mode);
done:
    py_symtable_free(&c.st);
    pyc_objlist_clear(&c.cache);
    py_index_free(&c.cacheindex);
    pyc_objlist_clear(&objs);
    return co;
}

/* Compile a parsed module (see vm.h). */
py_obj *py_compile_ast(py_mod *mod, py_obj *filename, py_compile_mode mode, py_arena *arena)
{
    return compile_ast(mod, filename, mode, arena, NULL, 0);
}

/* UnicodeDecodeError from its message ("'utf-8' codec can't decode byte
 * 0xed in position 3: reason", or "bytes in position 3-4"), rebuilt so
 * that str() gives the message back. */
static void raise_unicode_decode_error(const char *msg)
{
    char enc[64], reason[400];
    unsigned byte = 0;
    int start = 0, end = 0;
    if (sscanf(msg, "'%63[^']' codec can't decode byte 0x%x in position %d: %399[^\n]", enc, &byte, &start,
               reason) == 4) {
        end = start + 1;
    } else if (sscanf(msg, "'%63[^']' codec can't decode bytes in position %d-%d: %399[^\n]", enc, &start, &end,
                      reason) == 4) {
        end++;
    } else {
        py_err_set_string(py_exc_SyntaxError, msg);
        return;
    }
    if (start < 0 || end <= start || end > 1 << 20) {
        py_err_set_string(py_exc_SyntaxError, msg);
        return;
    }
    char *object = rg_os_calloc((size_t)end, 1);
    if (object == NULL) {
        py_err_no_memory();
        return;
    }
    object[start] = (char)byte;
    py_obj *e = py_unicode_decode_error_create(enc, object, end, start, end, reason);
    rg_os_free(object);
    if (e == NULL) return;
    py_err_set_object_type(py_type_object_of_obj(e), e);
    rg_decref(e);
}

/* The exception of a parse error (SyntaxError and subclasses, MemoryError,
 * RecursionError). */
static void raise_parse_error(const py_parse_error *err, py_obj *filename)
{
    switch (err->type) {
    case PY_ERR_MEMORY: py_err_no_memory(); return;
    case PY_ERR_RECURSION:
        py_err_set_string(py_exc_RecursionError, err->msg[0] ? err->msg
                                                             : "maximum recursion depth exceeded during compilation");
        return;
    case PY_ERR_UNICODE_DECODE: raise_unicode_decode_error(err->msg); return;
    default: break;
    }
    py_typeinfo *type = err->type == PY_ERR_INDENTATION ? &py_exc_IndentationError_info
                        : err->type == PY_ERR_TAB      ? &py_exc_TabError_info
                                                       : py_exc_SyntaxError;
    py_obj *msg = py_unicode_from_string(err->msg), *args = NULL;
    if (msg == NULL) return;
    if (err->located) {
        py_obj *text = err->text ? py_unicode_decode(err->text, (py_ssize_t)err->text_len, "utf-8", "replace")
                                 : py_new_ref(py_none);
        py_obj *l = py_long_from_long(err->lineno), *o = py_long_from_long(err->offset);
        py_obj *el = py_long_from_long(err->end_lineno), *eo = py_long_from_long(err->end_offset);
        py_obj *details = (text && l && o && el && eo) ? py_tuple_pack(6, filename, l, o, text, el, eo) : NULL;
        if (details) args = py_tuple_pack(2, msg, details);
        rg_xdecref(text);
        rg_xdecref(l);
        rg_xdecref(o);
        rg_xdecref(el);
        rg_xdecref(eo);
        rg_xdecref(details);
    } else {
        args = py_tuple_pack(1, msg);
    }
    rg_decref(msg);
    if (args) {
        py_err_set_object(type, args);
        rg_decref(args);
    }
}

/* What the file parser cannot tell: an eval source must be one
 * expression, a single-mode source one statement (python3's messages; the
 * positions approximate the grammar's). */
static int check_mode(py_mod *mod, py_obj *fn, py_compile_mode mode, const char *src, size_t len)
{
    int n = PY_SEQ_LEN(mod->body);
    if (mode == PY_COMPILE_EXEC) return 0;
    if (n == 0) return py_raise_syntax_error(fn, src, len, "invalid syntax", 0, -1, 0, -1);
    py_stmt *first = PY_SEQ_GET(mod->body, 0);
    if (mode == PY_COMPILE_EVAL) {
        if (first->kind != PY_Expr_kind) {
            int line = first->lineno, col = first->col_offset;
            if (first->kind == PY_Assign_kind || first->kind == PY_AugAssign_kind || first->kind == PY_AnnAssign_kind) {
                /* python3 points at the assignment's operator */
                py_expr *t = first->kind == PY_Assign_kind ? PY_SEQ_GET(first->v.Assign.targets, 0)
                             : first->kind == PY_AugAssign_kind ? first->v.AugAssign.target
                                                                : first->v.AnnAssign.target;
                const char *p = src;
                for (int l = 1; l < t->end_lineno && p; l++) {
                    p = memchr(p, '\n', len - (size_t)(p - src));
                    if (p) p++;
                }
                if (p) {
                    size_t i = (size_t)(p - src) + (size_t)t->end_col_offset;
                    while (i < len && (src[i] == ' ' || src[i] == '\t')) i++;
                    line = t->end_lineno;
                    col = (int)(i - (size_t)(p - src));
                }
            }
            return py_raise_syntax_error(fn, src, len, "invalid syntax", line, col, line, col + 1);
        }
        if (n > 1) {
            py_stmt *t = PY_SEQ_GET(mod->body, 1);
            return py_raise_syntax_error(fn, src, len, "invalid syntax", t->lineno, t->col_offset, t->lineno,
                                         t->col_offset + 1);
        }
        return 0;
    }
    /* single: one compound statement, or simple statements on one line */
    for (int i = 1; i < n; i++) {
        py_stmt *t = PY_SEQ_GET(mod->body, i);
        if (t->lineno > first->end_lineno || first->kind <= PY_ClassDef_kind ||
            (first->kind >= PY_For_kind && first->kind <= PY_TryStar_kind && first->kind != PY_Raise_kind)) {
            py_stmt *prev = PY_SEQ_GET(mod->body, i - 1);
            return py_raise_syntax_error(fn, src, len, "multiple statements found while compiling a single statement",
                                         prev->end_lineno, prev->end_col_offset, prev->end_lineno,
                                         prev->end_col_offset);
        }
    }
    return 0;
}

/* Parse and compile source bytes (see vm.h). */
py_obj *py_compile_source(const char *src, size_t len, const char *filename, py_compile_mode mode)
{
    py_obj *fn = py_unicode_from_string(filename);
    if (fn == NULL) return NULL;
    py_arena *arena = py_arena_new();
    if (arena == NULL) {
        rg_decref(fn);
        return py_err_no_memory();
    }
    py_parse_error err;
    memset(&err, 0, sizeof err);
    py_obj *co = NULL;
    py_mod *mod = py_parse_file(src, len, filename, arena, PY_PARSE_CHECK_DEPTH, &err);
    if (mod == NULL) {
        raise_parse_error(&err, fn);
        py_parse_error_clear(&err);
    } else if (check_mode(mod, fn, mode, src, len) == 0) {
        co = compile_ast(mod, fn, mode, arena, src, len);
    }
    py_arena_free(arena);
    rg_decref(fn);
    return co;
}
