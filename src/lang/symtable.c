/*
 * symtable.c -- the symbol table (CPython 3.11's Python/symtable.c):
 * a first pass that records every name a block binds or uses, then an
 * analysis that gives each name its scope (local, global explicit or
 * implicit, free, cell), finds the __class__ cells of classes whose
 * methods use super() or __class__, and raises the SyntaxErrors the
 * symbol table owns (global/nonlocal misuse, duplicate arguments, yield
 * in comprehensions, named expressions in comprehensions).
 *
 * Names are UTF-8 C strings from the tree (mangled ones live in the
 * arena); the sets of the analysis are small arrays searched linearly.
 */
#include "lang/symtable.h"

#include <string.h>

#include "os/os.h"

/* ====================================================================== */
/* Errors                                                                  */
/* ====================================================================== */

/* The text of line `lineno` of source (1-based) with its newline, or NULL. */
static py_obj *source_line(const char *source, size_t len, int lineno)
{
    if (source == NULL || lineno < 1) return NULL;
    size_t i = 0;
    for (int l = 1; l < lineno; l++) {
        const char *nl = memchr(source + i, '\n', len - i);
        if (nl == NULL) return NULL;
        i = (size_t)(nl - source) + 1;
    }
    if (i >= len) return NULL;
    const char *nl = memchr(source + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - source) + 1 : len;
    py_obj *s = py_unicode_decode(source + i, (py_ssize_t)(end - i), "utf-8", "replace");
    if (s == NULL) py_err_clear();
    return s;
}

/* Raise SyntaxError with 3.11's argument layout (see symtable.h). */
int py_raise_syntax_error(py_obj *filename, const char *source, size_t source_len, const char *msg, int lineno,
                          int col, int end_lineno, int end_col)
{
    py_obj *m = py_unicode_from_string(msg);
    py_obj *text = source_line(source, source_len, lineno);
    if (text == NULL) text = py_new_ref(py_none);
    py_obj *fn = filename ? py_new_ref(filename) : py_new_ref(py_none);
    py_obj *l = py_long_from_long(lineno), *o = py_long_from_long(col + 1);
    py_obj *el = py_long_from_long(end_lineno);
    py_obj *eo = end_col == PY_SYNTAX_NO_END ? py_new_ref(py_none) : py_long_from_long(end_col + 1);
    py_obj *details = NULL, *args = NULL;
    if (m && l && o && el && eo) details = py_tuple_pack(6, fn, l, o, text, el, eo);
    if (details) args = py_tuple_pack(2, m, details);
    if (args) py_err_set_object(py_exc_SyntaxError, args);
    rg_xdecref(m);
    rg_xdecref(text);
    rg_xdecref(fn);
    rg_xdecref(l);
    rg_xdecref(o);
    rg_xdecref(el);
    rg_xdecref(eo);
    rg_xdecref(details);
    rg_xdecref(args);
    return -1;
}

/* A SyntaxError at a node's position with a formatted message, made as
 * 3.11's symtable makes it: args (msg,) and the location in the
 * attributes (PyErr_RangedSyntaxLocationObject). */
static int st_error(py_symtable *st, int lineno, int col, int end_lineno, int end_col, const char *fmt,
                    const char *name)
{
    char buf[600];
    snprintf(buf, sizeof buf, fmt, name);
    py_obj *msg = py_unicode_from_string(buf);
    py_obj *args = msg ? py_tuple_pack(1, msg) : NULL;
    py_obj *e = args ? py_exception_new(py_exc_SyntaxError, args) : NULL;
    rg_xdecref(args);
    if (e == NULL) {
        rg_xdecref(msg);
        return -1;
    }
    py_syntax_error_object *se = (py_syntax_error_object *)e;
    py_obj *text = source_line(st->source, st->source_len, lineno);
    PY_XSETREF(se->msg, msg);
    PY_XSETREF(se->filename, py_new_ref(st->filename ? st->filename : py_none));
    PY_XSETREF(se->lineno, py_long_from_long(lineno));
    PY_XSETREF(se->offset, py_long_from_long(col + 1));
    PY_XSETREF(se->end_lineno, py_long_from_long(end_lineno));
    PY_XSETREF(se->end_offset, py_long_from_long(end_col + 1));
    PY_XSETREF(se->text, text ? text : py_new_ref(py_none));
    if (!se->lineno || !se->offset || !se->end_lineno || !se->end_offset) {
        rg_decref(e);
        return -1;
    }
    py_err_set_object_type(py_type_object_of_obj(e), e);
    rg_decref(e);
    return -1;
}

/* ====================================================================== */
/* Indexes                                                                 */
/* ====================================================================== */

uint64_t py_index_hash_str(const char *s)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (; *s; s++) h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return h;
}

/* The first slot of a hash's probe sequence. The hash is mixed first:
 * callers' hashes can be sequential (small ints), which would make long
 * runs under linear probing and quadratic inserts on big inputs. */
static size_t index_start(uint64_t hash, size_t mask)
{
    hash ^= hash >> 33;
    hash *= UINT64_C(0xff51afd7ed558ccd);
    hash ^= hash >> 33;
    return (size_t)hash & mask;
}

/* Probe linearly from the hash's slot until an empty one. */
int py_index_find(const py_index *ix, uint64_t hash, py_index_eq eq, void *ctx)
{
    if (ix->cap == 0) return -1;
    size_t mask = (size_t)ix->cap - 1;
    for (size_t j = index_start(hash, mask);; j = (j + 1) & mask) {
        int v = ix->slots[j];
        if (v == 0) return -1;
        if (eq(ctx, v - 1)) return v - 1;
    }
}

/* Put item i in the first free slot of its probe sequence. */
static void index_put(py_index *ix, uint64_t hash, int i)
{
    size_t mask = (size_t)ix->cap - 1;
    size_t j = index_start(hash, mask);
    while (ix->slots[j] != 0) j = (j + 1) & mask;
    ix->slots[j] = i + 1;
}

/* Insert, growing (and reindexing) at half load. */
int py_index_add(py_index *ix, uint64_t hash, int i, int count, py_index_hash hash_of, void *ctx)
{
    if (count * 2 >= ix->cap) {
        int cap = ix->cap ? ix->cap : 16;
        while (count * 2 >= cap) cap *= 2;
        int *slots = rg_os_calloc((size_t)cap, sizeof(int));
        if (slots == NULL) {
            py_err_no_memory();
            return -1;
        }
        rg_os_free(ix->slots);
        ix->slots = slots;
        ix->cap = cap;
        for (int k = 0; k < count; k++)
            if (k != i) index_put(ix, hash_of(ctx, k), k);
    }
    index_put(ix, hash, i);
    return 0;
}

/* Release the slots. */
void py_index_free(py_index *ix)
{
    rg_os_free(ix->slots);
    ix->slots = NULL;
    ix->cap = 0;
}

/* ====================================================================== */
/* Mangling                                                                */
/* ====================================================================== */

const char *py_mangle(const char *private_name, const char *name, py_arena *arena)
{
    size_t nlen = strlen(name);
    if (private_name == NULL || nlen < 2 || name[0] != '_' || name[1] != '_') return name;
    if ((name[nlen - 1] == '_' && name[nlen - 2] == '_') || strchr(name, '.') != NULL) return name;
    while (*private_name == '_') private_name++;
    if (*private_name == '\0') return name;
    size_t plen = strlen(private_name);
    char *r = py_arena_alloc(arena, 1 + plen + nlen + 1);
    if (r == NULL) return NULL;
    r[0] = '_';
    memcpy(r + 1, private_name, plen);
    memcpy(r + 1 + plen, name, nlen + 1);
    return r;
}

/* ====================================================================== */
/* Blocks                                                                  */
/* ====================================================================== */

/* Grow *items (of *cap elements of size sz) to hold n. */
static int grow(void **items, int *cap, int n, size_t sz)
{
    if (n <= *cap) return 0;
    int ncap = *cap ? *cap * 2 : 8;
    while (ncap < n) ncap *= 2;
    void *p = rg_os_realloc(*items, (size_t)ncap * sz);
    if (p == NULL) {
        py_err_no_memory();
        return -1;
    }
    *items = p;
    *cap = ncap;
    return 0;
}

typedef struct {
    const py_ste *ste;
    const char *name;
} sym_ctx;

/* Is symbol i the name sought? */
static int sym_eq(void *ctx, int i)
{
    sym_ctx *c = ctx;
    return strcmp(c->ste->symbols[i].name, c->name) == 0;
}

/* The hash of symbol i's name. */
static uint64_t sym_hash(void *ctx, int i) { return py_index_hash_str(((sym_ctx *)ctx)->ste->symbols[i].name); }

/* A block's symbol by (mangled) name, or NULL. */
static py_symbol *find_symbol(const py_ste *ste, const char *name)
{
    sym_ctx ctx = {ste, name};
    int i = py_index_find(&ste->symindex, py_index_hash_str(name), sym_eq, &ctx);
    return i < 0 ? NULL : &ste->symbols[i];
}

/* A new symbol (zeroed but for its name) at the end of ste's table. */
static py_symbol *new_symbol(py_ste *ste, const char *name)
{
    if (grow((void **)&ste->symbols, &ste->symcap, ste->nsymbols + 1, sizeof(py_symbol)) < 0) return NULL;
    py_symbol *sym = &ste->symbols[ste->nsymbols];
    memset(sym, 0, sizeof *sym);
    sym->name = name;
    sym_ctx ctx = {ste, name};
    if (py_index_add(&ste->symindex, py_index_hash_str(name), ste->nsymbols, ste->nsymbols + 1, sym_hash, &ctx) < 0)
        return NULL;
    ste->nsymbols++;
    return sym;
}

/* The scope of a name in a block (0 if absent). */
int py_ste_scope(const py_ste *ste, const char *name)
{
    py_symbol *s = find_symbol(ste, name);
    return s ? s->scope : 0;
}

/* The flags of a name in a block (0 if absent). */
int py_ste_flags(const py_ste *ste, const char *name)
{
    py_symbol *s = find_symbol(ste, name);
    return s ? s->flags : 0;
}

typedef struct {
    py_symtable *st;
    const void *key;
} ste_ctx;

/* The hash of an AST node pointer. */
static uint64_t key_hash(const void *key) { return (uint64_t)(uintptr_t)key * UINT64_C(0x9e3779b97f4a7c15) >> 3; }
/* Is block i the one made for the key sought? */
static int ste_eq(void *ctx, int i) { return ((ste_ctx *)ctx)->st->all[i]->key == ((ste_ctx *)ctx)->key; }
/* The hash of block i's key. */
static uint64_t ste_rehash(void *ctx, int i) { return key_hash(((ste_ctx *)ctx)->st->all[i]->key); }

/* A new block, child of the current one, made current. */
static int enter_block(py_symtable *st, const char *name, py_block_type type, const void *key, int lineno,
                       int col)
{
    py_ste *ste = rg_os_calloc(1, sizeof *ste);
    if (ste == NULL) {
        py_err_no_memory();
        return -1;
    }
    ste->key = key;
    ste->name = name;
    ste->type = type;
    ste->lineno = lineno;
    ste->col_offset = col;
    if (grow((void **)&st->all, &st->allcap, st->nall + 1, sizeof(py_ste *)) < 0) {
        rg_os_free(ste);
        return -1;
    }
    st->all[st->nall++] = ste; /* owned by the table from here on */
    ste_ctx ctx = {st, key};
    if (py_index_add(&st->allindex, key_hash(key), st->nall - 1, st->nall, ste_rehash, &ctx) < 0) return -1;
    if (st->cur != NULL && (st->cur->nested || st->cur->type == PY_BLOCK_FUNCTION)) ste->nested = 1;
    if (st->cur != NULL) {
        if (grow((void **)&st->cur->children, &st->cur->childcap, st->cur->nchildren + 1, sizeof(py_ste *)) < 0)
            return -1;
        st->cur->children[st->cur->nchildren++] = ste;
    }
    if (grow((void **)&st->stack, &st->stackcap, st->nstack + 1, sizeof(py_ste *)) < 0) return -1;
    st->stack[st->nstack++] = ste;
    st->cur = ste;
    if (st->top == NULL) st->top = ste;
    return 0;
}

/* Make the parent block current again. */
static void exit_block(py_symtable *st)
{
    st->nstack--;
    st->cur = st->nstack > 0 ? st->stack[st->nstack - 1] : NULL;
}

/* Record flag for name (mangled) in ste (symtable_add_def_helper). */
static int add_def_in(py_symtable *st, py_ste *ste, const char *name, int flag, int lineno, int col,
                      int end_lineno, int end_col)
{
    const char *mangled = py_mangle(st->private_name, name, st->arena);
    if (mangled == NULL) {
        py_err_no_memory();
        return -1;
    }
    py_symbol *sym = find_symbol(ste, mangled);
    int val;
    if (sym != NULL) {
        val = sym->flags;
        if ((flag & PY_DEF_PARAM) && (val & PY_DEF_PARAM))
            return st_error(st, lineno, col, end_lineno, end_col, "duplicate argument '%s' in function definition",
                            name);
        val |= flag;
    } else {
        val = flag;
    }
    if (ste->comp_iter_target) {
        if (val & (PY_DEF_GLOBAL | PY_DEF_NONLOCAL))
            return st_error(st, lineno, col, end_lineno, end_col,
                            "comprehension inner loop cannot rebind assignment expression target '%s'", name);
        val |= PY_DEF_COMP_ITER;
    }
    if (sym == NULL && (sym = new_symbol(ste, mangled)) == NULL) return -1;
    sym->flags = val;
    if (flag & PY_DEF_PARAM) {
        if (grow((void **)&ste->varnames, &ste->varcap, ste->nvarnames + 1, sizeof(char *)) < 0) return -1;
        ste->varnames[ste->nvarnames++] = mangled;
    } else if (flag & PY_DEF_GLOBAL) {
        py_symbol *g = find_symbol(st->top, mangled);
        if (g == NULL && (g = new_symbol(st->top, mangled)) == NULL) return -1;
        g->flags |= flag;
    }
    return 0;
}

#define LOC(n) (n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset

/* Record flag for name in the current block. */
static int add_def(py_symtable *st, const char *name, int flag, int lineno, int col, int end_lineno, int end_col)
{
    return add_def_in(st, st->cur, name, flag, lineno, col, end_lineno, end_col);
}

/* ====================================================================== */
/* The first pass                                                          */
/* ====================================================================== */

static int visit_stmt(py_symtable *st, py_stmt *s);
static int visit_expr(py_symtable *st, py_expr *e);

/* Visit a body. */
static int visit_stmts(py_symtable *st, py_seq *seq)
{
    for (int i = 0; i < PY_SEQ_LEN(seq); i++)
        if (visit_stmt(st, PY_SEQ_GET(seq, i)) < 0) return -1;
    return 0;
}

/* Expressions of a sequence; NULL items skipped (kw_defaults, dict keys). */
static int visit_exprs(py_symtable *st, py_seq *seq)
{
    for (int i = 0; i < PY_SEQ_LEN(seq); i++) {
        py_expr *e = PY_SEQ_GET(seq, i);
        if (e != NULL && visit_expr(st, e) < 0) return -1;
    }
    return 0;
}

/* Parameters are DEF_PARAM (and varnames, in order). */
static int visit_params(py_symtable *st, py_seq *args)
{
    for (int i = 0; i < PY_SEQ_LEN(args); i++) {
        py_arg *a = PY_SEQ_GET(args, i);
        if (add_def(st, a->arg, PY_DEF_PARAM, LOC(a)) < 0) return -1;
    }
    return 0;
}

/* All parameters: positional-only, others, keyword-only, *args, **kwargs. */
static int visit_arguments(py_symtable *st, py_arguments *a)
{
    if (visit_params(st, a->posonlyargs) < 0 || visit_params(st, a->args) < 0 ||
        visit_params(st, a->kwonlyargs) < 0)
        return -1;
    if (a->vararg) {
        if (add_def(st, a->vararg->arg, PY_DEF_PARAM, LOC(a->vararg)) < 0) return -1;
        st->cur->varargs = 1;
    }
    if (a->kwarg) {
        if (add_def(st, a->kwarg->arg, PY_DEF_PARAM, LOC(a->kwarg)) < 0) return -1;
        st->cur->varkeywords = 1;
    }
    return 0;
}

/* The annotations of a parameter list. */
static int visit_argannotations(py_symtable *st, py_seq *args)
{
    for (int i = 0; i < PY_SEQ_LEN(args); i++) {
        py_arg *a = PY_SEQ_GET(args, i);
        if (a->annotation && visit_expr(st, a->annotation) < 0) return -1;
    }
    return 0;
}

/* A function's annotations (none under `from __future__ import annotations`). */
static int visit_annotations(py_symtable *st, py_arguments *a, py_expr *returns)
{
    if (st->future_annotations) return 0;
    if (visit_argannotations(st, a->posonlyargs) < 0 || visit_argannotations(st, a->args) < 0) return -1;
    if (a->vararg && a->vararg->annotation && visit_expr(st, a->vararg->annotation) < 0) return -1;
    if (a->kwarg && a->kwarg->annotation && visit_expr(st, a->kwarg->annotation) < 0) return -1;
    if (visit_argannotations(st, a->kwonlyargs) < 0) return -1;
    if (returns && visit_expr(st, returns) < 0) return -1;
    return 0;
}

/* Record where the first global/nonlocal statement names `name`. */
static void record_directive(py_symtable *st, const char *name, py_stmt *s)
{
    const char *mangled = py_mangle(st->private_name, name, st->arena);
    py_symbol *sym = mangled ? find_symbol(st->cur, mangled) : NULL;
    if (sym && sym->dlineno == 0) { /* errors point at the first directive */
        sym->dlineno = s->lineno;
        sym->dcol = s->col_offset;
        sym->dend_lineno = s->end_lineno;
        sym->dend_col = s->end_col_offset;
    }
}

/* global/nonlocal: 3.11's checks against earlier uses, then the flag. */
static int visit_global_nonlocal(py_symtable *st, py_stmt *s, int nonlocal)
{
    py_seq *names = nonlocal ? s->v.Nonlocal.names : s->v.Global.names;
    const char *what = nonlocal ? "nonlocal" : "global";
    for (int i = 0; i < PY_SEQ_LEN(names); i++) {
        const char *name = PY_SEQ_GET(names, i);
        const char *mangled = py_mangle(st->private_name, name, st->arena);
        int cur = mangled ? py_ste_flags(st->cur, mangled) : 0;
        if (cur & (PY_DEF_PARAM | PY_DEF_LOCAL | PY_DEF_USE | PY_DEF_ANNOT)) {
            char fmt[128];
            if (cur & PY_DEF_PARAM)
                snprintf(fmt, sizeof fmt, "name '%%s' is parameter and %s", what);
            else if (cur & PY_DEF_USE)
                snprintf(fmt, sizeof fmt, "name '%%s' is used prior to %s declaration", what);
            else if (cur & PY_DEF_ANNOT)
                snprintf(fmt, sizeof fmt, "annotated name '%%s' can't be %s", what);
            else
                snprintf(fmt, sizeof fmt, "name '%%s' is assigned to before %s declaration", what);
            return st_error(st, LOC(s), fmt, name);
        }
        if (add_def(st, name, nonlocal ? PY_DEF_NONLOCAL : PY_DEF_GLOBAL, LOC(s)) < 0) return -1;
        record_directive(st, name, s);
    }
    return 0;
}

/* An imported name binds its first component (or asname). */
static int visit_alias(py_symtable *st, py_alias *a)
{
    const char *name = a->asname ? a->asname : a->name;
    char *store = NULL;
    const char *dot = strchr(name, '.');
    if (dot) {
        store = py_arena_alloc(st->arena, (size_t)(dot - name) + 1);
        if (store == NULL) {
            py_err_no_memory();
            return -1;
        }
        memcpy(store, name, (size_t)(dot - name));
        name = store;
    }
    if (strcmp(name, "*") == 0) {
        if (st->cur->type != PY_BLOCK_MODULE)
            return st_error(st, LOC(a), "import * only allowed at module level", "");
        return 0;
    }
    return add_def(st, name, PY_DEF_IMPORT, LOC(a));
}

/* The names a statement binds and uses. */
static int visit_stmt(py_symtable *st, py_stmt *s)
{
    switch (s->kind) {
    case PY_FunctionDef_kind:
    case PY_AsyncFunctionDef_kind: {
        py_arguments *a = s->v.FunctionDef.args;
        if (add_def(st, s->v.FunctionDef.name, PY_DEF_LOCAL, LOC(s)) < 0) return -1;
        if (visit_exprs(st, a->defaults) < 0 || visit_exprs(st, a->kw_defaults) < 0) return -1;
        if (visit_annotations(st, a, s->v.FunctionDef.returns) < 0) return -1;
        if (visit_exprs(st, s->v.FunctionDef.decorator_list) < 0) return -1;
        if (enter_block(st, s->v.FunctionDef.name, PY_BLOCK_FUNCTION, s, s->lineno, s->col_offset) < 0) return -1;
        if (s->kind == PY_AsyncFunctionDef_kind) st->cur->coroutine = 1;
        if (visit_arguments(st, a) < 0 || visit_stmts(st, s->v.FunctionDef.body) < 0) return -1;
        exit_block(st);
        return 0;
    }
    case PY_ClassDef_kind: {
        if (add_def(st, s->v.ClassDef.name, PY_DEF_LOCAL, LOC(s)) < 0) return -1;
        if (visit_exprs(st, s->v.ClassDef.bases) < 0) return -1;
        for (int i = 0; i < PY_SEQ_LEN(s->v.ClassDef.keywords); i++) {
            py_keyword *k = PY_SEQ_GET(s->v.ClassDef.keywords, i);
            if (visit_expr(st, k->value) < 0) return -1;
        }
        if (visit_exprs(st, s->v.ClassDef.decorator_list) < 0) return -1;
        if (enter_block(st, s->v.ClassDef.name, PY_BLOCK_CLASS, s, s->lineno, s->col_offset) < 0) return -1;
        const char *saved = st->private_name;
        st->private_name = s->v.ClassDef.name;
        if (visit_stmts(st, s->v.ClassDef.body) < 0) return -1;
        st->private_name = saved;
        exit_block(st);
        return 0;
    }
    case PY_Return_kind:
        if (s->v.Return.value) {
            if (visit_expr(st, s->v.Return.value) < 0) return -1;
            st->cur->returns_value = 1;
        }
        return 0;
    case PY_Delete_kind:
        return visit_exprs(st, s->v.Delete.targets);
    case PY_Assign_kind:
        if (visit_exprs(st, s->v.Assign.targets) < 0) return -1;
        return visit_expr(st, s->v.Assign.value);
    case PY_AnnAssign_kind: {
        py_expr *t = s->v.AnnAssign.target;
        if (t->kind == PY_Name_kind) {
            const char *mangled = py_mangle(st->private_name, t->v.Name.id, st->arena);
            int cur = mangled ? py_ste_flags(st->cur, mangled) : 0;
            if ((cur & (PY_DEF_GLOBAL | PY_DEF_NONLOCAL)) && st->cur != st->top && s->v.AnnAssign.simple)
                return st_error(st, LOC(s),
                                (cur & PY_DEF_GLOBAL) ? "annotated name '%s' can't be global"
                                                      : "annotated name '%s' can't be nonlocal",
                                t->v.Name.id);
            if (s->v.AnnAssign.simple) {
                if (add_def(st, t->v.Name.id, PY_DEF_ANNOT | PY_DEF_LOCAL, LOC(t)) < 0) return -1;
            } else if (s->v.AnnAssign.value) {
                if (add_def(st, t->v.Name.id, PY_DEF_LOCAL, LOC(t)) < 0) return -1;
            }
        } else if (visit_expr(st, t) < 0) {
            return -1;
        }
        if (!st->future_annotations && visit_expr(st, s->v.AnnAssign.annotation) < 0) return -1;
        if (s->v.AnnAssign.value && visit_expr(st, s->v.AnnAssign.value) < 0) return -1;
        return 0;
    }
    case PY_AugAssign_kind:
        if (visit_expr(st, s->v.AugAssign.target) < 0) return -1;
        return visit_expr(st, s->v.AugAssign.value);
    case PY_For_kind:
    case PY_AsyncFor_kind:
        if (visit_expr(st, s->v.For.target) < 0 || visit_expr(st, s->v.For.iter) < 0) return -1;
        if (visit_stmts(st, s->v.For.body) < 0) return -1;
        return visit_stmts(st, s->v.For.orelse);
    case PY_While_kind:
        if (visit_expr(st, s->v.While.test) < 0 || visit_stmts(st, s->v.While.body) < 0) return -1;
        return visit_stmts(st, s->v.While.orelse);
    case PY_If_kind:
        if (visit_expr(st, s->v.If.test) < 0 || visit_stmts(st, s->v.If.body) < 0) return -1;
        return visit_stmts(st, s->v.If.orelse);
    case PY_Raise_kind:
        if (s->v.Raise.exc) {
            if (visit_expr(st, s->v.Raise.exc) < 0) return -1;
            if (s->v.Raise.cause && visit_expr(st, s->v.Raise.cause) < 0) return -1;
        }
        return 0;
    case PY_Try_kind:
    case PY_TryStar_kind:
        if (visit_stmts(st, s->v.Try.body) < 0 || visit_stmts(st, s->v.Try.orelse) < 0) return -1;
        for (int i = 0; i < PY_SEQ_LEN(s->v.Try.handlers); i++) {
            py_excepthandler *h = PY_SEQ_GET(s->v.Try.handlers, i);
            if (h->type && visit_expr(st, h->type) < 0) return -1;
            if (h->name && add_def(st, h->name, PY_DEF_LOCAL, LOC(h)) < 0) return -1;
            if (visit_stmts(st, h->body) < 0) return -1;
        }
        return visit_stmts(st, s->v.Try.finalbody);
    case PY_Assert_kind:
        if (visit_expr(st, s->v.Assert.test) < 0) return -1;
        if (s->v.Assert.msg && visit_expr(st, s->v.Assert.msg) < 0) return -1;
        return 0;
    case PY_Import_kind:
    case PY_ImportFrom_kind: {
        py_seq *names = s->kind == PY_Import_kind ? s->v.Import.names : s->v.ImportFrom.names;
        for (int i = 0; i < PY_SEQ_LEN(names); i++)
            if (visit_alias(st, PY_SEQ_GET(names, i)) < 0) return -1;
        return 0;
    }
    case PY_Global_kind:
        return visit_global_nonlocal(st, s, 0);
    case PY_Nonlocal_kind:
        return visit_global_nonlocal(st, s, 1);
    case PY_Expr_kind:
        return visit_expr(st, s->v.Expr.value);
    case PY_With_kind:
    case PY_AsyncWith_kind:
        for (int i = 0; i < PY_SEQ_LEN(s->v.With.items); i++) {
            py_withitem *w = PY_SEQ_GET(s->v.With.items, i);
            if (visit_expr(st, w->context_expr) < 0) return -1;
            if (w->optional_vars && visit_expr(st, w->optional_vars) < 0) return -1;
        }
        return visit_stmts(st, s->v.With.body);
    default:
        return 0;
    }
}

/* A named expression inside a comprehension binds in the nearest
 * enclosing function or module (symtable_extend_namedexpr_scope). */
static int extend_namedexpr_scope(py_symtable *st, py_expr *e)
{
    const char *target = e->v.Name.id;
    for (int i = st->nstack - 1; i >= 0; i--) {
        py_ste *ste = st->stack[i];
        if (ste->comprehension) {
            if (py_ste_flags(ste, target) & PY_DEF_COMP_ITER)
                return st_error(st, LOC(e), "assignment expression cannot rebind comprehension iteration variable '%s'",
                                target);
            continue;
        }
        if (ste->type == PY_BLOCK_FUNCTION) {
            int in_scope = py_ste_flags(ste, target);
            if (add_def(st, target, (in_scope & PY_DEF_GLOBAL) ? PY_DEF_GLOBAL : PY_DEF_NONLOCAL, LOC(e)) < 0)
                return -1;
            record_directive(st, target, (py_stmt *)(void *)e);
            return add_def_in(st, ste, target, PY_DEF_LOCAL, LOC(e));
        }
        if (ste->type == PY_BLOCK_MODULE) {
            if (add_def(st, target, PY_DEF_GLOBAL, LOC(e)) < 0) return -1;
            record_directive(st, target, (py_stmt *)(void *)e);
            return add_def_in(st, ste, target, PY_DEF_GLOBAL, LOC(e));
        }
        return st_error(st, LOC(e), "assignment expression within a comprehension cannot be used in a class body%s",
                        "");
    }
    return 0;
}

static const char *const comp_names[] = {NULL, "list comprehension", "set comprehension", "dict comprehension",
                                         "generator expression"};

/* A comprehension: outermost iterator outside, the rest in a new function block. */
static int handle_comprehension(py_symtable *st, py_expr *e, const char *scope_name, py_seq *generators,
                                py_expr *elt, py_expr *value, int kind)
{
    int is_generator = e->kind == PY_GeneratorExp_kind;
    py_comprehension *outermost = PY_SEQ_GET(generators, 0);
    st->cur->comp_iter_expr++;
    if (visit_expr(st, outermost->iter) < 0) return -1;
    st->cur->comp_iter_expr--;
    if (enter_block(st, scope_name, PY_BLOCK_FUNCTION, e, e->lineno, e->col_offset) < 0) return -1;
    st->cur->comprehension = kind;
    if (outermost->is_async) st->cur->coroutine = 1;
    if (add_def(st, ".0", PY_DEF_PARAM, LOC(e)) < 0) return -1;
    st->cur->comp_iter_target = 1;
    if (visit_expr(st, outermost->target) < 0) return -1;
    st->cur->comp_iter_target = 0;
    if (visit_exprs(st, outermost->ifs) < 0) return -1;
    for (int i = 1; i < PY_SEQ_LEN(generators); i++) {
        py_comprehension *lc = PY_SEQ_GET(generators, i);
        st->cur->comp_iter_target = 1;
        if (visit_expr(st, lc->target) < 0) return -1;
        st->cur->comp_iter_target = 0;
        st->cur->comp_iter_expr++;
        if (visit_expr(st, lc->iter) < 0) return -1;
        st->cur->comp_iter_expr--;
        if (visit_exprs(st, lc->ifs) < 0) return -1;
        if (lc->is_async) st->cur->coroutine = 1;
    }
    if (value && visit_expr(st, value) < 0) return -1;
    if (visit_expr(st, elt) < 0) return -1;
    st->cur->generator = is_generator;
    int is_async = st->cur->coroutine && !is_generator;
    exit_block(st);
    if (is_async) st->cur->coroutine = 1;
    return 0;
}

/* yield / await inside a comprehension (symtable_raise_if_comprehension_block). */
static int raise_in_comprehension(py_symtable *st, py_expr *e)
{
    char fmt[128];
    const char *what = e->kind == PY_Await_kind ? "'await'" : "'yield'";
    snprintf(fmt, sizeof fmt, "%s inside %s", what, comp_names[st->cur->comprehension]);
    return st_error(st, LOC(e), "%s", fmt);
}

/* The names an expression binds and uses. */
static int visit_expr(py_symtable *st, py_expr *e)
{
    switch (e->kind) {
    case PY_NamedExpr_kind:
        if (st->cur->comp_iter_expr > 0)
            return st_error(st, LOC(e), "assignment expression cannot be used in a comprehension iterable expression%s",
                            "");
        if (st->cur->comprehension && extend_namedexpr_scope(st, e->v.NamedExpr.target) < 0) return -1;
        if (visit_expr(st, e->v.NamedExpr.value) < 0) return -1;
        return visit_expr(st, e->v.NamedExpr.target);
    case PY_BoolOp_kind:
        return visit_exprs(st, e->v.BoolOp.values);
    case PY_BinOp_kind:
        if (visit_expr(st, e->v.BinOp.left) < 0) return -1;
        return visit_expr(st, e->v.BinOp.right);
    case PY_UnaryOp_kind:
        return visit_expr(st, e->v.UnaryOp.operand);
    case PY_Lambda_kind: {
        py_arguments *a = e->v.Lambda.args;
        if (visit_exprs(st, a->defaults) < 0 || visit_exprs(st, a->kw_defaults) < 0) return -1;
        if (enter_block(st, "lambda", PY_BLOCK_FUNCTION, e, e->lineno, e->col_offset) < 0) return -1;
        if (visit_arguments(st, a) < 0 || visit_expr(st, e->v.Lambda.body) < 0) return -1;
        exit_block(st);
        return 0;
    }
    case PY_IfExp_kind:
        if (visit_expr(st, e->v.IfExp.test) < 0 || visit_expr(st, e->v.IfExp.body) < 0) return -1;
        return visit_expr(st, e->v.IfExp.orelse);
    case PY_Dict_kind:
        if (visit_exprs(st, e->v.Dict.keys) < 0) return -1;
        return visit_exprs(st, e->v.Dict.values);
    case PY_Set_kind:
        return visit_exprs(st, e->v.Set.elts);
    case PY_GeneratorExp_kind:
        return handle_comprehension(st, e, "genexpr", e->v.ListComp.generators, e->v.ListComp.elt, NULL, 4);
    case PY_ListComp_kind:
        return handle_comprehension(st, e, "listcomp", e->v.ListComp.generators, e->v.ListComp.elt, NULL, 1);
    case PY_SetComp_kind:
        return handle_comprehension(st, e, "setcomp", e->v.ListComp.generators, e->v.ListComp.elt, NULL, 2);
    case PY_DictComp_kind:
        return handle_comprehension(st, e, "dictcomp", e->v.DictComp.generators, e->v.DictComp.key,
                                    e->v.DictComp.value, 3);
    case PY_Yield_kind:
        if (e->v.Yield.value && visit_expr(st, e->v.Yield.value) < 0) return -1;
        st->cur->generator = 1;
        if (st->cur->comprehension) return raise_in_comprehension(st, e);
        return 0;
    case PY_YieldFrom_kind:
        if (visit_expr(st, e->v.YieldFrom.value) < 0) return -1;
        st->cur->generator = 1;
        if (st->cur->comprehension) return raise_in_comprehension(st, e);
        return 0;
    case PY_Await_kind:
        if (visit_expr(st, e->v.Await.value) < 0) return -1;
        st->cur->coroutine = 1;
        return 0;
    case PY_Compare_kind:
        if (visit_expr(st, e->v.Compare.left) < 0) return -1;
        return visit_exprs(st, e->v.Compare.comparators);
    case PY_Call_kind:
        if (visit_expr(st, e->v.Call.func) < 0 || visit_exprs(st, e->v.Call.args) < 0) return -1;
        for (int i = 0; i < PY_SEQ_LEN(e->v.Call.keywords); i++) {
            py_keyword *k = PY_SEQ_GET(e->v.Call.keywords, i);
            if (visit_expr(st, k->value) < 0) return -1;
        }
        return 0;
    case PY_FormattedValue_kind:
        if (visit_expr(st, e->v.FormattedValue.value) < 0) return -1;
        if (e->v.FormattedValue.format_spec) return visit_expr(st, e->v.FormattedValue.format_spec);
        return 0;
    case PY_JoinedStr_kind:
        return visit_exprs(st, e->v.JoinedStr.values);
    case PY_Attribute_kind:
        return visit_expr(st, e->v.Attribute.value);
    case PY_Subscript_kind:
        if (visit_expr(st, e->v.Subscript.value) < 0) return -1;
        return visit_expr(st, e->v.Subscript.slice);
    case PY_Starred_kind:
        return visit_expr(st, e->v.Starred.value);
    case PY_Slice_kind:
        if (e->v.Slice.lower && visit_expr(st, e->v.Slice.lower) < 0) return -1;
        if (e->v.Slice.upper && visit_expr(st, e->v.Slice.upper) < 0) return -1;
        if (e->v.Slice.step && visit_expr(st, e->v.Slice.step) < 0) return -1;
        return 0;
    case PY_Name_kind:
        if (add_def(st, e->v.Name.id, e->v.Name.ctx == PY_Load ? PY_DEF_USE : PY_DEF_LOCAL, LOC(e)) < 0) return -1;
        if (e->v.Name.ctx == PY_Load && st->cur->type == PY_BLOCK_FUNCTION && strcmp(e->v.Name.id, "super") == 0)
            return add_def(st, "__class__", PY_DEF_USE, LOC(e));
        return 0;
    case PY_List_kind:
    case PY_Tuple_kind:
        return visit_exprs(st, e->v.List.elts);
    default:
        return 0;
    }
}

/* ====================================================================== */
/* Analysis                                                                */
/* ====================================================================== */

typedef struct {
    const char **items; /* NULL where discarded */
    int n, cap, live;
    py_index ix;
} nameset;

typedef struct {
    const nameset *s;
    const char *name;
} set_ctx;

/* Is item i of the set the name sought? */
static int set_eq(void *ctx, int i)
{
    set_ctx *c = ctx;
    return c->s->items[i] && strcmp(c->s->items[i], c->name) == 0;
}

/* The hash of item i (0 for a hole). */
static uint64_t set_hash(void *ctx, int i)
{
    const char *n = ((set_ctx *)ctx)->s->items[i];
    return n ? py_index_hash_str(n) : 0;
}

/* The index of a name in the set, -1 if absent. */
static int set_find(const nameset *s, const char *name)
{
    set_ctx ctx = {s, name};
    return py_index_find(&s->ix, py_index_hash_str(name), set_eq, &ctx);
}

/* Is the name in the set? */
static int set_has(const nameset *s, const char *name) { return set_find(s, name) >= 0; }

/* Add a name (no duplicates). */
static int set_add(nameset *s, const char *name)
{
    if (set_has(s, name)) return 0;
    if (grow((void **)&s->items, &s->cap, s->n + 1, sizeof(char *)) < 0) return -1;
    s->items[s->n] = name;
    set_ctx ctx = {s, name};
    if (py_index_add(&s->ix, py_index_hash_str(name), s->n, s->n + 1, set_hash, &ctx) < 0) return -1;
    s->n++;
    s->live++;
    return 0;
}

/* Discarded names leave a hole (NULL) so the index stays valid. */
static void set_discard(nameset *s, const char *name)
{
    int i = set_find(s, name);
    if (i >= 0) {
        s->items[i] = NULL;
        s->live--;
    }
}

/* Add every name of o. */
static int set_update(nameset *s, const nameset *o)
{
    for (int i = 0; i < o->n; i++)
        if (o->items[i] && set_add(s, o->items[i]) < 0) return -1;
    return 0;
}

/* dst = a copy of src (src may be NULL). */
static int set_copy(nameset *dst, const nameset *src)
{
    memset(dst, 0, sizeof *dst);
    return src ? set_update(dst, src) : 0;
}

/* Release a set. */
static void set_free(nameset *s)
{
    rg_os_free(s->items);
    py_index_free(&s->ix);
}

/* A SyntaxError at the global/nonlocal statement that named sym. */
static int error_at_directive(py_symtable *st, py_symbol *sym, const char *fmt)
{
    return st_error(st, sym->dlineno, sym->dcol, sym->dend_lineno, sym->dend_col, fmt, sym->name);
}

/* The scope of one name (3.11's analyze_name). */
static int analyze_name(py_symtable *st, py_ste *ste, py_symbol *sym, nameset *bound, nameset *local,
                        nameset *free_, nameset *global)
{
    const char *name = sym->name;
    int flags = sym->flags;
    if (flags & PY_DEF_GLOBAL) {
        if (flags & PY_DEF_NONLOCAL) return error_at_directive(st, sym, "name '%s' is nonlocal and global");
        sym->scope = PY_SCOPE_GLOBAL_EXPLICIT;
        if (set_add(global, name) < 0) return -1;
        if (bound) set_discard(bound, name);
        return 0;
    }
    if (flags & PY_DEF_NONLOCAL) {
        if (!bound) return error_at_directive(st, sym, "nonlocal declaration not allowed at module level");
        if (!set_has(bound, name)) return error_at_directive(st, sym, "no binding for nonlocal '%s' found");
        sym->scope = PY_SCOPE_FREE;
        ste->free = 1;
        return set_add(free_, name);
    }
    if (flags & PY_DEF_BOUND) {
        sym->scope = PY_SCOPE_LOCAL;
        if (set_add(local, name) < 0) return -1;
        set_discard(global, name);
        return 0;
    }
    if (bound && set_has(bound, name)) {
        sym->scope = PY_SCOPE_FREE;
        ste->free = 1;
        return set_add(free_, name);
    }
    if (global && set_has(global, name)) {
        sym->scope = PY_SCOPE_GLOBAL_IMPLICIT;
        return 0;
    }
    if (ste->nested) ste->free = 1;
    sym->scope = PY_SCOPE_GLOBAL_IMPLICIT;
    return 0;
}

static int analyze_block(py_symtable *st, py_ste *ste, nameset *bound, nameset *free_, nameset *global);

/* Scopes of free names after the children are analyzed (update_symbols). */
static int update_symbols(py_ste *ste, nameset *bound, nameset *free_, int classflag)
{
    for (int i = 0; i < free_->n; i++) {
        const char *name = free_->items[i];
        if (name == NULL) continue;
        py_symbol *sym = find_symbol(ste, name);
        if (sym != NULL) {
            if (classflag && (sym->flags & (PY_DEF_BOUND | PY_DEF_GLOBAL))) sym->flags |= PY_DEF_FREE_CLASS;
            continue;
        }
        if (bound && !set_has(bound, name)) continue;
        if ((sym = new_symbol(ste, name)) == NULL) return -1;
        sym->scope = PY_SCOPE_FREE;
    }
    return 0;
}

/* Scopes of a block and, recursively, its children (3.11's analyze_block). */
static int analyze_block(py_symtable *st, py_ste *ste, nameset *bound, nameset *free_, nameset *global)
{
    nameset local = {0}, newglobal = {0}, newfree = {0}, newbound = {0}, allfree = {0};
    int r = -1;
    if (ste->type == PY_BLOCK_CLASS) {
        if (set_update(&newglobal, global) < 0) goto done;
        if (bound && set_update(&newbound, bound) < 0) goto done;
    }
    for (int i = 0; i < ste->nsymbols; i++)
        if (analyze_name(st, ste, &ste->symbols[i], bound, &local, free_, global) < 0) goto done;
    if (ste->type != PY_BLOCK_CLASS) {
        if (ste->type == PY_BLOCK_FUNCTION && set_update(&newbound, &local) < 0) goto done;
        if (bound && set_update(&newbound, bound) < 0) goto done;
        if (set_update(&newglobal, global) < 0) goto done;
    } else {
        if (set_add(&newbound, "__class__") < 0) goto done;
    }
    for (int i = 0; i < ste->nchildren; i++) {
        py_ste *child = ste->children[i];
        nameset tb = {0}, tf = {0}, tg = {0};
        int cr = set_copy(&tb, &newbound);
        if (cr == 0) cr = set_copy(&tf, &newfree);
        if (cr == 0) cr = set_copy(&tg, &newglobal);
        if (cr == 0) cr = analyze_block(st, child, &tb, &tf, &tg);
        if (cr == 0) cr = set_update(&allfree, &tf);
        set_free(&tb);
        set_free(&tf);
        set_free(&tg);
        if (cr < 0) goto done;
        if (child->free || child->child_free) ste->child_free = 1;
    }
    if (set_update(&newfree, &allfree) < 0) goto done;
    if (ste->type == PY_BLOCK_FUNCTION) {
        /* analyze_cells */
        for (int i = 0; i < ste->nsymbols; i++) {
            py_symbol *sym = &ste->symbols[i];
            if (sym->scope == PY_SCOPE_LOCAL && set_has(&newfree, sym->name)) {
                sym->scope = PY_SCOPE_CELL;
                set_discard(&newfree, sym->name);
            }
        }
    } else if (ste->type == PY_BLOCK_CLASS) {
        if (set_has(&newfree, "__class__")) {
            set_discard(&newfree, "__class__");
            ste->needs_class_closure = 1;
        }
    }
    if (update_symbols(ste, bound, &newfree, ste->type == PY_BLOCK_CLASS) < 0) goto done;
    if (set_update(free_, &newfree) < 0) goto done;
    r = 0;
done:
    set_free(&local);
    set_free(&newglobal);
    set_free(&newfree);
    set_free(&newbound);
    set_free(&allfree);
    return r;
}

/* ====================================================================== */
/* Entry points                                                            */
/* ====================================================================== */

int py_symtable_build(py_symtable *st, py_mod *mod, py_obj *filename, const char *source, size_t source_len,
                      py_arena *arena, int future_annotations)
{
    memset(st, 0, sizeof *st);
    st->future_annotations = future_annotations;
    st->arena = arena;
    st->filename = filename;
    st->source = source;
    st->source_len = source_len;
    if (enter_block(st, "top", PY_BLOCK_MODULE, mod, 0, 0) < 0) return -1;
    if (mod->kind == PY_Expression_kind) {
        py_stmt *s = PY_SEQ_LEN(mod->body) ? PY_SEQ_GET(mod->body, 0) : NULL;
        if (s && s->kind == PY_Expr_kind && visit_expr(st, s->v.Expr.value) < 0) return -1;
    } else if (visit_stmts(st, mod->body) < 0) {
        return -1;
    }
    exit_block(st);
    nameset free_ = {0}, global = {0};
    int r = analyze_block(st, st->top, NULL, &free_, &global);
    set_free(&free_);
    set_free(&global);
    return r;
}

/* Free every block. */
void py_symtable_free(py_symtable *st)
{
    for (int i = 0; i < st->nall; i++) {
        py_ste *ste = st->all[i];
        rg_os_free(ste->symbols);
        py_index_free(&ste->symindex);
        rg_os_free(ste->varnames);
        rg_os_free(ste->children);
        rg_os_free(ste);
    }
    rg_os_free(st->all);
    py_index_free(&st->allindex);
    rg_os_free(st->stack);
    memset(st, 0, sizeof *st);
}

/* The block made for an AST node. */
py_ste *py_symtable_lookup(py_symtable *st, const void *key)
{
    ste_ctx ctx = {st, key};
    int i = py_index_find(&st->allindex, key_hash(key), ste_eq, &ctx);
    return i < 0 ? NULL : st->all[i];
}
