/*
 * symtable.h -- the symbol table of a module (CPython 3.11's
 * Python/symtable.c): one block per module, class, function, lambda and
 * comprehension, each with its names, their flags and their scopes.
 *
 * Names are the AST's UTF-8 strings (mangled names are allocated in the
 * tree's arena), so building the table allocates no Python object except
 * the SyntaxError it may raise.
 */
#ifndef PY_LANG_SYMTABLE_H
#define PY_LANG_SYMTABLE_H

#include "lang/ast.h"
#include "types/object.h"

/* An index over an array of n items, for lookups by hash in O(1): slots
 * hold item index + 1 (0: empty).  Owners keep it in step with their
 * array; eq(ctx, i) says whether item i is the one sought, hash_of(ctx, i)
 * rehashes item i when the index grows. */
typedef struct py_index {
    int *slots;
    int cap;
} py_index;
typedef int (*py_index_eq)(void *ctx, int i);
typedef uint64_t (*py_index_hash)(void *ctx, int i);
/* The index of the item with this hash for which eq holds, or -1. */
int py_index_find(const py_index *ix, uint64_t hash, py_index_eq eq, void *ctx);
/* Record item i (hash); count is the number of items with i among them.
 * 0, or -1 with MemoryError. */
int py_index_add(py_index *ix, uint64_t hash, int i, int count, py_index_hash hash_of, void *ctx);
void py_index_free(py_index *ix);
/* FNV-1a of a C string. */
uint64_t py_index_hash_str(const char *s);

/* Symbol flags (3.11's DEF_*). */
enum {
    PY_DEF_GLOBAL = 1,
    PY_DEF_LOCAL = 2,
    PY_DEF_PARAM = 4,
    PY_DEF_NONLOCAL = 8,
    PY_DEF_USE = 16,
    PY_DEF_FREE = 32,
    PY_DEF_FREE_CLASS = 64,
    PY_DEF_IMPORT = 128,
    PY_DEF_ANNOT = 256,
    PY_DEF_COMP_ITER = 512,
    PY_DEF_BOUND = PY_DEF_LOCAL | PY_DEF_PARAM | PY_DEF_IMPORT
};

/* Scopes (3.11's LOCAL ... CELL); 0: unknown. */
enum { PY_SCOPE_LOCAL = 1, PY_SCOPE_GLOBAL_EXPLICIT, PY_SCOPE_GLOBAL_IMPLICIT, PY_SCOPE_FREE, PY_SCOPE_CELL };

typedef enum { PY_BLOCK_FUNCTION, PY_BLOCK_CLASS, PY_BLOCK_MODULE } py_block_type;

typedef struct py_symbol {
    const char *name;
    int flags;
    int scope;
    int dlineno, dcol, dend_lineno, dend_col; /* the global/nonlocal statement */
} py_symbol;

typedef struct py_ste py_ste;
struct py_ste {
    const void *key;      /* the AST node: mod, stmt or expr */
    const char *name;
    py_block_type type;
    py_symbol *symbols;   /* in order of first definition */
    int nsymbols, symcap;
    py_index symindex;    /* over symbols, by name */
    const char **varnames; /* parameters in order */
    int nvarnames, varcap;
    py_ste **children;
    int nchildren, childcap;
    unsigned nested : 1, generator : 1, coroutine : 1, varargs : 1, varkeywords : 1,
        returns_value : 1, needs_class_closure : 1, child_free : 1, free : 1;
    int comprehension;    /* 0, or the kind of comprehension */
    int comp_iter_target;
    int comp_iter_expr;
    int lineno, col_offset;
};

typedef struct py_symtable {
    py_arena *arena;
    py_obj *filename;
    const char *source; /* for SyntaxError.text, or NULL */
    size_t source_len;
    py_ste *top;
    py_ste *cur;
    py_ste **stack;
    int nstack, stackcap;
    const char *private_name; /* the class whose names are mangled */
    py_ste **all;
    int nall, allcap;
    py_index allindex; /* over all, by key */
    int future_annotations; /* annotations are not evaluated: not visited */
} py_symtable;

/* Build the table for a module: 0, or -1 with SyntaxError (MemoryError)
 * set. */
int py_symtable_build(py_symtable *st, py_mod *mod, py_obj *filename, const char *source, size_t source_len,
                      py_arena *arena, int future_annotations);
/* Free what the table holds (not the arena). */
void py_symtable_free(py_symtable *st);
/* The block made for an AST node, or NULL. */
py_ste *py_symtable_lookup(py_symtable *st, const void *key);
/* A name's scope in a block (0 if absent) and its flags (0 if absent). */
int py_ste_scope(const py_ste *ste, const char *name);
int py_ste_flags(const py_ste *ste, const char *name);

/* _Py_Mangle: __name in class `private` becomes _private__name (in arena);
 * otherwise name itself.  NULL only when out of memory. */
const char *py_mangle(const char *private_name, const char *name, py_arena *arena);

/* Raise SyntaxError (msg, (filename, lineno, col+1, text, end_lineno,
 * end_col+1)) where text is line lineno of source (None if unknown);
 * col -1 gives offset 0, end_col PY_SYNTAX_NO_END an end_offset of None.
 * Returns -1. */
#define PY_SYNTAX_NO_END (-0x7fffffff)
int py_raise_syntax_error(py_obj *filename, const char *source, size_t source_len, const char *msg, int lineno,
                          int col, int end_lineno, int end_col);

#endif
