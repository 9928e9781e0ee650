/*
 * code.h -- code objects (CPython 3.11's PyCodeObject): what the compiler
 * produces and the VM runs.
 *
 * The bytecode is CPython 3.11's unit for unit (opcode.h): the same
 * opcodes and opargs, EXTENDED_ARG prefixes and inline CACHE units, the
 * same exception table (co_exceptiontable, 3.11's varint format) and the
 * same location table (co_linetable, 3.11's PEP 626/657 format).  So the
 * compiler's output is compared byte for byte with python3's, and the VM
 * can run code that python3 compiled (tests load it with marshal.c).
 *
 * Layout: 3.11's field order, the instructions inline after the struct
 * (co_code_adaptive), so that sys.getsizeof(code) can follow 3.11.
 *
 * Owner: code.c (type, constructor, table decoders).  Invariants (checked
 * by py_code_new): co_localsplusnames and co_localspluskinds have
 * co_nlocalsplus items; the counts below are derived from the kinds;
 * co_consts/co_names are tuples; co_ncodeunits > 0.
 */
#ifndef REFGC_LANG_CODE_H
#define REFGC_LANG_CODE_H

#include "lang/opcode.h"
#include "types/object.h"

typedef struct py_code_object {
    RG_VAROBJECT_HEAD;          /* ob_size = number of code units */
    py_obj *co_consts;          /* tuple */
    py_obj *co_names;           /* tuple of str */
    py_obj *co_exceptiontable;  /* bytes */
    int co_flags;               /* PY_CO_* */
    short co_warmup;            /* unused (3.11's specialization counter) */
    short co_linearray_entry_size;
    int co_argcount;
    int co_posonlyargcount;
    int co_kwonlyargcount;
    int co_stacksize;
    int co_firstlineno;
    int co_nlocalsplus;         /* locals + cells + frees */
    int co_nlocals;             /* kinds with PY_CO_FAST_LOCAL */
    int co_nplaincellvars;      /* cells that are not also arguments */
    int co_ncellvars;           /* kinds with PY_CO_FAST_CELL */
    int co_nfreevars;           /* kinds with PY_CO_FAST_FREE */
    py_obj *co_localsplusnames; /* tuple of str */
    py_obj *co_localspluskinds; /* bytes */
    py_obj *co_filename;        /* str */
    py_obj *co_name;            /* str */
    py_obj *co_qualname;        /* str */
    py_obj *co_linetable;       /* bytes */
    rg_weakref *co_weakreflist;
    py_obj *_co_code;           /* bytes made by co_code on first use, or NULL */
    void *_co_linearray;        /* traced runs: int line per unit (malloc) */
    int _co_firsttraceable;     /* index of the RESUME unit that ends the prologue (3.11) */
    void *co_extra;             /* unused */
    py_codeunit co_code_adaptive[];
} py_code_object;

extern py_typeinfo py_code_info;

static inline int py_code_check(const py_obj *o) { return py_type_of(o) == &py_code_info; }
static inline py_ssize_t py_code_ncodeunits(const py_code_object *co) { return co->ob_var.size; }
static inline const py_codeunit *py_code_units(const py_code_object *co) { return co->co_code_adaptive; }

/* What py_code_new needs (3.11's struct _PyCodeConstructor).  References
 * are borrowed; py_code_new takes its own. */
typedef struct py_code_constructor {
    py_obj *filename, *name, *qualname;
    int flags;
    const py_codeunit *code;   /* ncode units */
    py_ssize_t ncode;
    int firstlineno;
    py_obj *linetable;         /* bytes */
    py_obj *consts, *names;    /* tuples */
    py_obj *localsplusnames;   /* tuple of str */
    py_obj *localspluskinds;   /* bytes */
    int argcount, posonlyargcount, kwonlyargcount;
    int stacksize;
    py_obj *exceptiontable;    /* bytes */
} py_code_constructor;

/* A new code object, or NULL with an exception set (ValueError for an
 * inconsistent constructor, MemoryError). */
py_obj *py_code_new(const py_code_constructor *con);

/* Source location of the instruction at unit index i (3.11's
 * PyCode_Addr2Location): lines are 1-based, columns 0-based UTF-8 byte
 * offsets; -1 where the table has no value.  Returns 0 if i has no entry. */
int py_code_addr2location(const py_code_object *co, int i, int *line, int *end_line, int *col,
                          int *end_col);
/* One entry of the location table: units [start, end) and their position
 * (-1 where absent); cur_line is the decoder's running line. */
typedef struct py_code_entry {
    int start, end;
    int line, end_line, col, end_col;
    int cur_line;
} py_code_entry;
/* The entry at byte *pos of co_linetable (start with *pos = 0): 1 and
 * *pos advanced, or 0 at the end. */
int py_code_next_entry(const py_code_object *co, int *pos, py_code_entry *e);

/* Line of the instruction at unit index i (PyCode_Addr2Line), -1 if none. */
int py_code_addr2line(const py_code_object *co, int i);

/* The handler for an exception raised at unit index i (3.11's
 * get_exception_handler): 1 and *target (unit index), *depth (stack depth
 * to unwind to), *lasti (push the offset of the raising instruction) when
 * one covers i, else 0. */
int py_code_exception_handler(const py_code_object *co, int i, int *target, int *depth, int *lasti);

/* Index of local name in co_localsplusnames, -1 if absent. */
int py_code_local_index(const py_code_object *co, py_obj *name);

/* Print co and the code objects in its constants as python3.11's
 * dis.dis(co) does (no CACHE entries); code_dis.c.  0, or -1 with an
 * exception set. */
int py_code_dis(py_code_object *co, FILE *out);

#endif
