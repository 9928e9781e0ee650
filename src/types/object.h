/*
 * object.h -- the Python object layer's one internal header (src/types/,
 * and everything in src/lang/ written against it).
 *
 * The layer is CPython 3.11's object model rebuilt on the engine; every
 * name is CPython's C API lowercased under py_ (PyLong_FromLong is
 * py_long_from_long, PyExc_TypeError is py_exc_TypeError, Py_TYPE is
 * py_type_of), and every structure follows CPython's, because
 * sys.getrefcount, sys.getsizeof, gc.get_count() and id() reuse are
 * consequences of exactly those details.
 *
 * Objects.  A py_obj is the engine's rg_object: a reference count and an
 * `rg_type *`.  A type's behaviour is a py_typeinfo whose FIRST member is
 * that rg_type (size, item size, GC flags, traverse, clear, finalize,
 * dealloc, weaklist offset, pre-header, free list), followed by CPython's
 * tp_* slots; py_type_of(o) is therefore a cast of o->type.  Built-in types
 * have static py_typeinfos (a type test is a pointer compare:
 * `o->type == &py_list_info.rt`).  The Python-visible type object -- what
 * type(x) returns -- is a py_type_object on the interpreter's heap:
 *   - for a built-in type it is made when the interpreter starts, points
 *     at the static info (info->type_obj points back), is untracked (never
 *     in gc.get_objects()) and is kept alive by the interpreter; instances
 *     of built-in types hold no reference to it (as CPython's static types);
 *   - for a class (type(name, bases, dict), the class statement) the type
 *     object is a py_heap_type_object with its py_typeinfo embedded; it is
 *     tracked, and every instance holds a reference to it (released last by
 *     the instance's dealloc), so the info outlives its instances; instances'
 *     traverse visits the class, as CPython's subtype_traverse.
 * C code names types by `py_typeinfo *` (the C-level identity);
 * Python-level values (exception classes raised, isinstance arguments, MRO
 * tuples) are type objects.  py_type_object_of(info) and py_typeinfo_of()
 * convert.
 *
 * Ownership.  CPython's rules exactly.  A function returning py_obj * returns
 * a NEW reference unless its comment says "borrowed" (the py_*_get_item
 * family of tuples and dicts, py_type_lookup, py_err_occurred ...).  Arguments
 * are borrowed unless the function's name ends in `_steal` (or its comment
 * says it steals, as py_tuple_set_item and py_list_set_item do, like
 * CPython's PyTuple_SET_ITEM).  rg_incref/rg_decref are Py_INCREF/Py_DECREF;
 * py_new_ref(o) is Py_NewRef.
 *
 * Errors.  CPython's convention: a function that fails sets the current
 * exception and returns NULL (pointers), -1 (ints, sizes, hashes) or a
 * documented value; a caller either handles the exception (py_err_clear,
 * py_err_fetch) or passes the failure up.  As in 3.11, the current
 * exception is a (type, value, traceback) triple that may be unnormalized
 * (type + a str value): the exception instance, a GC object, is only made
 * when someone needs it (py_err_normalize_exception), so that C code that
 * raises and swallows an exception (hasattr, dict lookups, getattr with a
 * default) allocates what CPython allocates.  Allocation failure anywhere
 * raises MemoryError and leaves the heap consistent.
 *
 * Memory.  Objects are rg_new/rg_new_var objects of the interpreter's heap
 * (py_heap()), so every GC allocation counts toward generation 0 exactly as
 * CPython's; buffers (dict tables) are rg_malloc blocks of the same heap.
 * The engine keeps the per-type free lists (float 100, tuple 2000 per size
 * 1..20, list 80, dict 80).  The singletons CPython allocates statically
 * (None, True, False, Ellipsis, NotImplemented, the small ints -5..256, the
 * empty str and the 256 one-character latin-1 strs, the empty tuple, the
 * identifiers of py_id()) are static objects with a large reference count,
 * never freed; the only GC one, the empty tuple, carries a zeroed
 * (untracked) GC header before it.
 *
 * One interpreter at a time: py_interp_new sets py_current; everything
 * reaches the heap, the builtins and the exception state through it.
 */
#ifndef PY_OBJECT_H
#define PY_OBJECT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refgc.h"
#include "alloc/alloc.h"   /* RG_ASSERT, RG_LIKELY */
#include "object/object.h" /* rg_gc_head (static GC singletons) */
#include "types/bigint.h" /* py_digit, py_twodigits (the int kernels) */

/* ====================================================================== */
/* Basic types                                                             */
/* ====================================================================== */

typedef rg_object py_obj;
typedef intptr_t py_ssize_t;
typedef intptr_t py_hash_t;
typedef uintptr_t py_uhash_t;
typedef uint32_t py_ucs4;
typedef uint16_t py_ucs2;
typedef uint8_t py_ucs1;

#define PY_SSIZE_T_MAX INTPTR_MAX
#define PY_SSIZE_T_MIN INTPTR_MIN

/* The reference count of statically allocated singletons: large enough
 * never to reach zero (3.11 has no immortality; its counts just are big). */
#define PY_STATIC_REFCNT ((intptr_t)1 << 40)

typedef struct py_typeinfo py_typeinfo;
typedef struct py_interp py_interp;

/* Inline-able unused marker for parameters the signature imposes. */
#define PY_UNUSED __attribute__((unused))

/* ====================================================================== */
/* Slot signatures (CPython's typedefs)                                    */
/* ====================================================================== */

typedef py_obj *(*py_unaryfunc)(py_obj *);
typedef py_obj *(*py_binaryfunc)(py_obj *, py_obj *);
typedef py_obj *(*py_ternaryfunc)(py_obj *, py_obj *, py_obj *);
typedef int (*py_inquiry)(py_obj *);
typedef py_ssize_t (*py_lenfunc)(py_obj *);
typedef py_obj *(*py_ssizeargfunc)(py_obj *, py_ssize_t);
typedef int (*py_ssizeobjargproc)(py_obj *, py_ssize_t, py_obj *);
typedef int (*py_objobjargproc)(py_obj *, py_obj *, py_obj *);
typedef int (*py_objobjproc)(py_obj *, py_obj *);
typedef py_obj *(*py_reprfunc)(py_obj *);
typedef py_hash_t (*py_hashfunc)(py_obj *);
typedef py_obj *(*py_richcmpfunc)(py_obj *, py_obj *, int op);
typedef py_obj *(*py_getattrofunc)(py_obj *, py_obj *name);
/* value NULL: delete the attribute. */
typedef int (*py_setattrofunc)(py_obj *, py_obj *name, py_obj *value);
/* descr.__get__(obj, owner): obj NULL when looked up on the class; owner
 * is the type object (may be NULL). */
typedef py_obj *(*py_descrgetfunc)(py_obj *descr, py_obj *obj, py_obj *owner);
/* descr.__set__(obj, value); value NULL: __delete__. */
typedef int (*py_descrsetfunc)(py_obj *descr, py_obj *obj, py_obj *value);
typedef py_obj *(*py_getiterfunc)(py_obj *);
/* NULL without an exception set means "exhausted" (no StopIteration). */
typedef py_obj *(*py_iternextfunc)(py_obj *);
/* tp_new(subtype, args tuple, kwargs dict or NULL). */
typedef py_obj *(*py_newfunc)(py_typeinfo *subtype, py_obj *args, py_obj *kwds);
/* tp_init(self, args tuple, kwargs dict or NULL): 0 or -1. */
typedef int (*py_initproc)(py_obj *self, py_obj *args, py_obj *kwds);
/* The vectorcall convention (PEP 590): positional arguments args[0..n),
 * then the keyword arguments' values, one per name of the kwnames tuple
 * (NULL when there are none).  nargsf may carry
 * PY_VECTORCALL_ARGUMENTS_OFFSET: then args[-1] may be overwritten
 * temporarily (to prepend self without copying). */
typedef py_obj *(*py_vectorcallfunc)(py_obj *callable, py_obj *const *args, size_t nargsf,
                                     py_obj *kwnames);
/* __sizeof__ of an object (without GC header and pre-header); -1 error. */
typedef py_ssize_t (*py_sizeoffunc)(py_obj *);

#define PY_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
static inline py_ssize_t py_vectorcall_nargs(size_t nargsf)
{
    return (py_ssize_t)(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
}

/* Rich comparison operators (CPython's values, used to index tables). */
enum { PY_LT = 0, PY_LE = 1, PY_EQ = 2, PY_NE = 3, PY_GT = 4, PY_GE = 5 };

/* ====================================================================== */
/* Method tables                                                           */
/* ====================================================================== */

typedef struct py_number_methods {
    py_binaryfunc nb_add;
    py_binaryfunc nb_subtract;
    py_binaryfunc nb_multiply;
    py_binaryfunc nb_remainder;
    py_binaryfunc nb_divmod;
    py_ternaryfunc nb_power;
    py_unaryfunc nb_negative;
    py_unaryfunc nb_positive;
    py_unaryfunc nb_absolute;
    py_inquiry nb_bool;
    py_unaryfunc nb_invert;
    py_binaryfunc nb_lshift;
    py_binaryfunc nb_rshift;
    py_binaryfunc nb_and;
    py_binaryfunc nb_xor;
    py_binaryfunc nb_or;
    py_unaryfunc nb_int;
    void *nb_reserved;
    py_unaryfunc nb_float;
    py_binaryfunc nb_inplace_add;
    py_binaryfunc nb_inplace_subtract;
    py_binaryfunc nb_inplace_multiply;
    py_binaryfunc nb_inplace_remainder;
    py_ternaryfunc nb_inplace_power;
    py_binaryfunc nb_inplace_lshift;
    py_binaryfunc nb_inplace_rshift;
    py_binaryfunc nb_inplace_and;
    py_binaryfunc nb_inplace_xor;
    py_binaryfunc nb_inplace_or;
    py_binaryfunc nb_floor_divide;
    py_binaryfunc nb_true_divide;
    py_binaryfunc nb_inplace_floor_divide;
    py_binaryfunc nb_inplace_true_divide;
    py_unaryfunc nb_index;
    py_binaryfunc nb_matrix_multiply;
    py_binaryfunc nb_inplace_matrix_multiply;
} py_number_methods;

typedef struct py_sequence_methods {
    py_lenfunc sq_length;
    py_binaryfunc sq_concat;
    py_ssizeargfunc sq_repeat;
    py_ssizeargfunc sq_item;
    void *was_sq_slice;
    py_ssizeobjargproc sq_ass_item; /* value NULL: delete */
    void *was_sq_ass_slice;
    py_objobjproc sq_contains;
    py_binaryfunc sq_inplace_concat;
    py_ssizeargfunc sq_inplace_repeat;
} py_sequence_methods;

typedef struct py_mapping_methods {
    py_lenfunc mp_length;
    py_binaryfunc mp_subscript;
    py_objobjargproc mp_ass_subscript; /* value NULL: delete */
} py_mapping_methods;

/* The buffer protocol (Py_buffer, reduced to contiguous bytes): what
 * bytes-like objects (bytes, bytearray) lend to concatenation, find, join,
 * bytes(x) ...  obj holds a reference until py_buffer_release. */
typedef struct py_buffer {
    void *buf;
    py_obj *obj;
    py_ssize_t len;
    int readonly;
} py_buffer;
#define PY_BUF_SIMPLE 0
#define PY_BUF_WRITABLE 1
typedef int (*py_getbufferproc)(py_obj *exporter, py_buffer *view, int flags);
typedef void (*py_releasebufferproc)(py_obj *exporter, py_buffer *view);
typedef struct py_buffer_procs {
    py_getbufferproc bf_getbuffer;
    py_releasebufferproc bf_releasebuffer; /* NULL: nothing to undo */
} py_buffer_procs;

/* A C method (PyMethodDef).  flags: one calling convention, optionally
 * with PY_METH_CLASS or PY_METH_STATIC (and PY_METH_COEXIST). */
typedef py_obj *(*py_cfunction)(py_obj *self, py_obj *arg); /* NOARGS (arg NULL), O, VARARGS (arg tuple) */
typedef py_obj *(*py_cfunction_kw)(py_obj *self, py_obj *args, py_obj *kwargs);
typedef py_obj *(*py_cfunction_fast)(py_obj *self, py_obj *const *args, py_ssize_t nargs);
typedef py_obj *(*py_cfunction_fast_kw)(py_obj *self, py_obj *const *args, py_ssize_t nargs,
                                        py_obj *kwnames);

#define PY_METH_VARARGS 0x0001
#define PY_METH_KEYWORDS 0x0002 /* with VARARGS: meth.kw */
#define PY_METH_NOARGS 0x0004
#define PY_METH_O 0x0008
#define PY_METH_CLASS 0x0010
#define PY_METH_STATIC 0x0020
#define PY_METH_COEXIST 0x0040
#define PY_METH_FASTCALL 0x0080 /* with KEYWORDS: meth.fast_kw */

typedef struct py_method_def {
    const char *name; /* NULL ends a table */
    union {
        py_cfunction o;          /* NOARGS, O, VARARGS */
        py_cfunction_kw kw;      /* VARARGS | KEYWORDS */
        py_cfunction_fast fast;  /* FASTCALL */
        py_cfunction_fast_kw fast_kw; /* FASTCALL | KEYWORDS */
    } meth;
    int flags;
    const char *doc;
} py_method_def;

/* A C struct member exposed as an attribute (PyMemberDef). */
enum py_member_type {
    PY_T_OBJECT = 6,     /* py_obj *; NULL reads as None */
    PY_T_OBJECT_EX = 16, /* py_obj *; NULL raises AttributeError */
    PY_T_PYSSIZET = 19,
    PY_T_INT = 1,
    PY_T_BOOL = 14,      /* char 0/1 */
    PY_T_DOUBLE = 4,
};
#define PY_READONLY 1

typedef struct py_member_def {
    const char *name; /* NULL ends a table */
    int type;         /* enum py_member_type */
    py_ssize_t offset;
    int flags;        /* PY_READONLY */
    const char *doc;
} py_member_def;

typedef py_obj *(*py_getter)(py_obj *self, void *closure);
/* value NULL: delete. */
typedef int (*py_setter)(py_obj *self, py_obj *value, void *closure);

typedef struct py_getset_def {
    const char *name; /* NULL ends a table */
    py_getter get;
    py_setter set;    /* NULL: read-only */
    const char *doc;
    void *closure;
} py_getset_def;

/* ====================================================================== */
/* py_typeinfo: a type's behaviour                                         */
/* ====================================================================== */

/* py_typeinfo.flags (CPython's Py_TPFLAGS_*, same meanings). */
#define PY_TPFLAGS_MANAGED_DICT (1UL << 4)  /* dict pointer in the pre-header */
#define PY_TPFLAGS_SEQUENCE (1UL << 5)
#define PY_TPFLAGS_MAPPING (1UL << 6)
#define PY_TPFLAGS_DISALLOW_INSTANTIATION (1UL << 7)
#define PY_TPFLAGS_IMMUTABLETYPE (1UL << 8)
#define PY_TPFLAGS_HEAPTYPE (1UL << 9)      /* a class: the info lives in its type object */
#define PY_TPFLAGS_BASETYPE (1UL << 10)     /* may be subclassed */
#define PY_TPFLAGS_HAVE_VECTORCALL (1UL << 11)
#define PY_TPFLAGS_READY (1UL << 12)
#define PY_TPFLAGS_READYING (1UL << 13)
#define PY_TPFLAGS_HAVE_GC (1UL << 14)      /* mirrors rt.flags & RG_TYPE_GC */
#define PY_TPFLAGS_METHOD_DESCRIPTOR (1UL << 17) /* descr.__get__(o)(*a) == descr(o, *a) */
#define PY_TPFLAGS_IS_ABSTRACT (1UL << 20)
#define PY_TPFLAGS_LONG_SUBCLASS (1UL << 24)
#define PY_TPFLAGS_LIST_SUBCLASS (1UL << 25)
#define PY_TPFLAGS_TUPLE_SUBCLASS (1UL << 26)
#define PY_TPFLAGS_BYTES_SUBCLASS (1UL << 27)
#define PY_TPFLAGS_UNICODE_SUBCLASS (1UL << 28)
#define PY_TPFLAGS_DICT_SUBCLASS (1UL << 29)
#define PY_TPFLAGS_BASE_EXC_SUBCLASS (1UL << 30)
#define PY_TPFLAGS_TYPE_SUBCLASS (1UL << 31)
/* The subclass bits inherited from the base (inherit_special). */
#define PY_TPFLAGS_SUBCLASS_BITS                                                                  \
    (PY_TPFLAGS_LONG_SUBCLASS | PY_TPFLAGS_LIST_SUBCLASS | PY_TPFLAGS_TUPLE_SUBCLASS |             \
     PY_TPFLAGS_BYTES_SUBCLASS | PY_TPFLAGS_UNICODE_SUBCLASS | PY_TPFLAGS_DICT_SUBCLASS |          \
     PY_TPFLAGS_BASE_EXC_SUBCLASS | PY_TPFLAGS_TYPE_SUBCLASS)

struct py_typeinfo {
    /* The engine's descriptor.  MUST be first: o->type points here.
     * rt.name is tp_name ("int", "collections.OrderedDict", a class's
     * name), rt.size tp_basicsize, rt.item_size tp_itemsize, rt.dealloc
     * tp_dealloc, rt.traverse/clear/finalize/legacy_del tp_traverse/
     * tp_clear/tp_finalize/tp_del. */
    rg_type rt;
    unsigned long flags;           /* PY_TPFLAGS_* */
    py_typeinfo *base;             /* tp_base; NULL only for object */
    /* The Python-visible type object (borrowed): for built-in types set
     * while an interpreter runs, for classes the object containing this. */
    py_obj *type_obj;
    /* tp_dictoffset: > 0 offset of a `py_obj *` __dict__ member; 0 none;
     * < 0 (var-size bases) from the end.  MANAGED_DICT types keep the dict
     * in the pre-header instead (the value here is CPython's, for
     * __dictoffset__). */
    py_ssize_t dictoffset;
    const char *doc;

    py_reprfunc repr;
    py_reprfunc str;
    py_hashfunc hash;              /* py_object_hash_not_implemented: unhashable */
    py_richcmpfunc richcompare;
    py_getattrofunc getattro;
    py_setattrofunc setattro;
    py_ternaryfunc call;           /* tp_call(callable, args tuple, kwargs dict) */
    /* How instances are called with the vectorcall convention: CPython's
     * tp_vectorcall_offset (> 0: each instance stores its vectorcall
     * function there, which may be NULL), else vcall for all instances;
     * none: the arguments are packed into a tuple and a dict for call, as
     * _PyObject_MakeTpCall does.  See py_vectorcall_function. */
    py_ssize_t vectorcall_offset;
    py_vectorcallfunc vcall;
    /* CPython's tp_vectorcall: how this type itself is called (list(x),
     * int(s)) without a tuple; NULL: type's tp_call (type_call). */
    py_vectorcallfunc vectorcall;
    py_getiterfunc iter;
    py_iternextfunc iternext;
    py_descrgetfunc descr_get;
    py_descrsetfunc descr_set;
    py_initproc init;
    py_newfunc new;
    py_sizeoffunc sizeof_;         /* object.__sizeof__ of instances; NULL: basicsize + items */

    py_number_methods *as_number;
    py_sequence_methods *as_sequence;
    py_mapping_methods *as_mapping;
    py_buffer_procs *as_buffer;    /* bytes-like objects */

    const py_method_def *methods;
    const py_member_def *members;
    const py_getset_def *getset;
};

/* The Python-visible type object.  Every type object is an instance of
 * `type` (or a metaclass), allocated with type's size; for a built-in type
 * only the py_type_object part is used. */
typedef struct py_type_object {
    RG_VAROBJECT_HEAD;        /* ob_size: the number of __slots__ members */
    py_typeinfo *info;        /* the behaviour (static, or embedded below) */
    py_obj *dict;             /* tp_dict: the namespace */
    py_obj *bases;            /* tuple of type objects */
    py_obj *mro;              /* tuple of type objects, this one first */
    py_obj *subclasses;       /* dict {id: weakref to subclass} or NULL */
    py_obj *name;             /* str: __name__ */
    py_obj *qualname;         /* str: __qualname__ */
    py_obj *slots;            /* tuple: __slots__ names, or NULL */
    rg_weakref *weaklist;
    struct py_dict_keys_object *cached_keys; /* shared keys of instances' dicts */
    py_vectorcallfunc vectorcall; /* tp_vectorcall: calling the type (info->vectorcall) */
} py_type_object;

/* A class: its type object with its behaviour embedded. */
typedef struct py_heap_type_object {
    py_type_object ht_type;
    py_typeinfo info;
    py_number_methods as_number;
    py_sequence_methods as_sequence;
    py_mapping_methods as_mapping;
    py_member_def *members;   /* __slots__ members (rg_malloc), or NULL */
} py_heap_type_object;

/* ---- type helpers ---------------------------------------------------- */

/* The py_typeinfo around an engine descriptor (a cast: rt is first). */
static inline py_typeinfo *py_typeinfo_of_rt(const rg_type *t) { return (py_typeinfo *)(uintptr_t)t; }
/* Py_TYPE: the behaviour of o (a cast of o->type). */
static inline py_typeinfo *py_type_of(const py_obj *o) { return py_typeinfo_of_rt(o->type); }
/* The Python-visible type object of a type (borrowed). */
static inline py_obj *py_type_object_of(const py_typeinfo *t) { return t->type_obj; }
/* type(o) as an object (borrowed). */
static inline py_obj *py_type_object_of_obj(const py_obj *o) { return py_type_of(o)->type_obj; }
/* The behaviour described by a type object. */
static inline py_typeinfo *py_typeinfo_of(const py_obj *type_obj)
{
    return ((const py_type_object *)type_obj)->info;
}
static inline int py_type_has_feature(const py_typeinfo *t, unsigned long f) { return (t->flags & f) != 0; }
static inline int py_type_is_gc(const py_typeinfo *t) { return (t->rt.flags & RG_TYPE_GC) != 0; }
static inline int py_is_type(const py_obj *o, const py_typeinfo *t) { return o->type == &t->rt; }
/* _PyVectorcall_Function: the vectorcall function of callable, or NULL. */
static inline py_vectorcallfunc py_vectorcall_function(const py_obj *callable)
{
    const py_typeinfo *tp = py_type_of(callable);
    if (tp->vectorcall_offset > 0)
        return *(const py_vectorcallfunc *)(const void *)((const char *)callable + tp->vectorcall_offset);
    return tp->vcall;
}

/* ====================================================================== */
/* Object layouts                                                          */
/* ====================================================================== */

/* int (PyLongObject): |ob_size| 30-bit digits, the sign in ob_size's sign;
 * 0 has ob_size 0 but one (zero) digit allocated, as 3.11. */
#define PY_LONG_SHIFT PY_BIGINT_SHIFT
#define PY_LONG_BASE PY_BIGINT_BASE
#define PY_LONG_MASK PY_BIGINT_MASK
typedef struct py_long_object {
    RG_VAROBJECT_HEAD;
    py_digit ob_digit[];
} py_long_object;
/* A static one-digit int (small ints, True, False). */
typedef struct py_long_static {
    py_long_object ob;
    py_digit digit;
} py_long_static;
#define PY_NSMALLNEGINTS 5
#define PY_NSMALLPOSINTS 257

typedef struct py_float_object {
    RG_OBJECT_HEAD;
    double ob_fval;
} py_float_object;

/* str (PEP 393).  ASCII: data right after the 48-byte header; otherwise
 * after the 72-byte compact header; str subclass instances: non-compact
 * (str.c).  Always one NUL code unit after the data. */
enum { PY_UNICODE_1BYTE_KIND = 1, PY_UNICODE_2BYTE_KIND = 2, PY_UNICODE_4BYTE_KIND = 4 };
enum { PY_SSTATE_NOT_INTERNED = 0, PY_SSTATE_INTERNED_MORTAL = 1, PY_SSTATE_INTERNED_IMMORTAL = 2 };
typedef struct py_ascii_object {
    RG_OBJECT_HEAD;
    py_ssize_t length;  /* code points */
    py_hash_t hash;     /* -1 until computed */
    struct {
        unsigned int interned : 2;
        unsigned int kind : 3;
        unsigned int compact : 1;
        unsigned int ascii : 1;
        unsigned int ready : 1;
        unsigned int : 24;
    } state;
    void *wstr;         /* always NULL (kept for the layout) */
} py_ascii_object;
typedef struct py_compact_unicode_object {
    py_ascii_object _base;
    py_ssize_t utf8_length;
    char *utf8;         /* cached UTF-8 (rg_malloc), NULL until asked */
    py_ssize_t wstr_length;
} py_compact_unicode_object;

typedef struct py_tuple_object {
    RG_VAROBJECT_HEAD;
    py_obj *ob_item[];
} py_tuple_object;

typedef struct py_list_object {
    RG_VAROBJECT_HEAD;
    py_obj **ob_item;
    py_ssize_t allocated;
} py_list_object;

/* dict (3.11's layout exactly; the keys object is described in dict.c). */
typedef struct py_dict_keys_object py_dict_keys_object;
typedef struct py_dict_values_array py_dict_values_array;
typedef struct py_dict_object {
    RG_OBJECT_HEAD;
    py_ssize_t ma_used;
    uint64_t ma_version_tag;
    py_dict_keys_object *ma_keys;
    py_dict_values_array *ma_values; /* split tables (instances' dicts) only */
} py_dict_object;

/* Descriptors (descr.c).  All hold their type (d_type) and name. */
#define PY_DESCR_HEAD                                                                             \
    RG_OBJECT_HEAD;                                                                               \
    py_typeinfo *d_type;  /* the type it belongs to (a reference to its type object) */         \
    py_obj *d_name;       /* str */                                                               \
    py_obj *d_qualname    /* str or NULL (computed lazily) */
typedef struct py_descr_object {
    PY_DESCR_HEAD;
} py_descr_object;
typedef struct py_method_descr_object {
    PY_DESCR_HEAD;
    const py_method_def *d_method;
    py_vectorcallfunc vectorcall;
} py_method_descr_object;
typedef struct py_member_descr_object {
    PY_DESCR_HEAD;
    const py_member_def *d_member;
} py_member_descr_object;
typedef struct py_getset_descr_object {
    PY_DESCR_HEAD;
    const py_getset_def *d_getset;
} py_getset_descr_object;
struct py_slotdef;
typedef struct py_wrapper_descr_object {
    PY_DESCR_HEAD;
    const struct py_slotdef *d_base;
    void *d_wrapped; /* the slot function wrapped */
} py_wrapper_descr_object;

/* builtin_function_or_method (PyCFunctionObject): a C function, bound to
 * m_self (a module, an instance, or NULL). */
typedef struct py_cfunction_object {
    RG_OBJECT_HEAD;
    const py_method_def *m_ml;
    py_obj *m_self;
    py_obj *m_module;
    rg_weakref *m_weakreflist;
    py_vectorcallfunc vectorcall; /* NULL for METH_VARARGS (tp_call path) */
} py_cfunction_object;

/* method (PyMethodObject): a callable bound to an instance. */
typedef struct py_method_object {
    RG_OBJECT_HEAD;
    py_obj *im_func;
    py_obj *im_self;
    rg_weakref *im_weakreflist;
    py_vectorcallfunc vectorcall;
} py_method_object;

/* ====================================================================== */
/* The interpreter                                                         */
/* ====================================================================== */

/* Handler of exceptions that cannot be raised (a failing __del__, a weak
 * reference callback): CPython's sys.unraisablehook.  exc is normalized;
 * obj may be NULL; msg NULL means "Exception ignored in". */
typedef void (*py_unraisable_hook)(py_obj *exc, py_obj *obj, const char *msg);

#define PY_DICT_MAXFREELIST 80

struct py_interp {
    rg_heap *heap;
    int owns_heap;
    /* The current exception (CPython 3.11's curexc triple). */
    py_obj *curexc_type, *curexc_value, *curexc_traceback;
    /* The exception being handled (top of CPython's exc_info stack; the
     * VM keeps the stack and updates this), borrowed; for __context__. */
    py_obj *exc_info;
    /* Recursion (3.11: one counter for C and Python calls). */
    int recursion_limit;
    int recursion_remaining;
    int recursion_headroom;
    /* Namespaces. */
    py_obj *builtins;  /* dict */
    py_obj *modules;   /* dict: sys.modules */
    py_obj *sysdict;   /* dict or NULL */
    /* Interned strings: a dict s -> s whose two references are not counted
     * (3.11's mortal interning). */
    py_obj *interned;
    /* dict keys objects of 8 unicode slots kept for reuse (3.11's). */
    void *keys_free_list[PY_DICT_MAXFREELIST];
    int keys_numfree;
    /* MemoryError instances kept for reuse (MEMERRORS_SAVE 16). */
    py_obj *memerrors_freelist;
    int memerrors_numfree;
    /* PyThreadState_GetDict: made on first use (Py_ReprEnter keeps its
     * "Py_Repr" list of the containers being repr'd in it, as 3.11). */
    py_obj *tstate_dict;
    py_unraisable_hook unraisable_hook;
    FILE *err_out;     /* where the default hooks write (stderr) */
    /* Hooks the front end (src/lang/) provides; each may be NULL. */
    /* super() without arguments: the class of the running method (its
     * __class__ cell) and its first argument (borrowed). */
    int (*super_without_args)(py_typeinfo **type, py_obj **obj);
    /* The running frame's globals (borrowed), for a class's __module__. */
    py_obj *(*eval_get_globals)(void);
    /* The function type: type_new wraps a plain-function __new__ in a
     * staticmethod and __init_subclass__/__class_getitem__ in classmethods. */
    py_typeinfo *function_type;
    /* ExceptionGroup: a heap class in 3.11 (excgroup.c), made at start. */
    py_obj *exception_group;
    /* The built-in type objects made at start, released at the end. */
    py_obj **builtin_types;
    size_t nbuiltin_types, builtin_types_cap;
    /* The front end's own state (src/lang/), opaque here. */
    void *lang;
    void (*lang_destroy)(py_interp *interp);
};

/* The running interpreter (set by py_interp_new, NULL when none). */
extern py_interp *py_current;

/* A new interpreter on heap (NULL: a new default heap it owns), with the
 * built-in types, exceptions and singletons ready; becomes py_current.
 * NULL on failure (nothing left behind). */
py_interp *py_interp_new(rg_heap *heap);
/* Tear it down: drop every object it holds, collect, free the keys free
 * list and the type objects; afterwards a heap it did not own holds only
 * what others allocated on it (nothing, in the tests). */
void py_interp_delete(py_interp *interp);

static inline rg_heap *py_heap(void) { return py_current->heap; }

/* ====================================================================== */
/* Reference helpers                                                       */
/* ====================================================================== */

/* Py_NewRef / Py_XNewRef. */
static inline py_obj *py_new_ref(py_obj *o)
{
    rg_incref(o);
    return o;
}
static inline py_obj *py_xnew_ref(py_obj *o)
{
    rg_xincref(o);
    return o;
}
/* Py_SETREF: store v in *slot, then drop the old value. */
#define PY_SETREF(slot, v)                                                                        \
    do {                                                                                          \
        py_obj *py_setref_tmp_ = (py_obj *)(slot);                                                \
        (slot) = (v);                                                                             \
        rg_decref(py_setref_tmp_);                                                                \
    } while (0)
#define PY_XSETREF(slot, v)                                                                       \
    do {                                                                                          \
        py_obj *py_setref_tmp_ = (py_obj *)(slot);                                                \
        (slot) = (v);                                                                             \
        rg_xdecref(py_setref_tmp_);                                                               \
    } while (0)

/* ====================================================================== */
/* Singletons and built-in types                                           */
/* ====================================================================== */

extern py_obj py_none_struct, py_notimplemented_struct, py_ellipsis_struct;
extern py_long_static py_false_struct, py_true_struct;
#define py_none (&py_none_struct)
#define py_notimplemented (&py_notimplemented_struct)
#define py_ellipsis (&py_ellipsis_struct)
#define py_false ((py_obj *)&py_false_struct)
#define py_true ((py_obj *)&py_true_struct)
static inline py_obj *py_bool_from_long(long v) { return py_new_ref(v ? py_true : py_false); }
/* Py_RETURN_RICHCOMPARE: the bool of `c op 0` for a three-way comparison
 * result c (negative, 0, positive) and a rich comparison op. */
static inline py_obj *py_bool_from_cmp(int c, int op)
{
    switch (op) {
    case PY_LT: return py_bool_from_long(c < 0);
    case PY_LE: return py_bool_from_long(c <= 0);
    case PY_EQ: return py_bool_from_long(c == 0);
    case PY_NE: return py_bool_from_long(c != 0);
    case PY_GT: return py_bool_from_long(c > 0);
    default: return py_bool_from_long(c >= 0);
    }
}

/* Static built-in types (the C-level identity of each type). */
extern py_typeinfo py_object_info, py_type_info, py_none_info, py_notimplemented_info,
    py_ellipsis_info, py_long_info, py_bool_info, py_float_info, py_str_info, py_tuple_info,
    py_list_info, py_dict_info, py_super_info, py_method_descr_info, py_classmethod_descr_info,
    py_member_descr_info, py_getset_descr_info, py_wrapper_descr_info, py_method_wrapper_info,
    py_cfunction_info, py_method_info, py_staticmethod_info, py_classmethod_info,
    py_property_info, py_tuple_iter_info, py_dict_keys_info, py_dict_values_info,
    py_dict_items_info, py_dict_keyiter_info, py_dict_valueiter_info, py_dict_itemiter_info,
    py_dict_revkeyiter_info, py_dict_revvalueiter_info, py_dict_revitemiter_info,
    py_str_iter_info, py_mappingproxy_info, py_seq_iter_info, py_callable_iter_info;

/* ---- type tests ------------------------------------------------------ */

static inline int py_none_check(const py_obj *o) { return o == py_none; }
static inline int py_long_check_exact(const py_obj *o) { return py_is_type(o, &py_long_info); }
static inline int py_long_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_LONG_SUBCLASS);
}
static inline int py_bool_check(const py_obj *o) { return py_is_type(o, &py_bool_info); }
/* PyObject_TypeCheck: o's type is t or a subtype. */
static inline int py_object_type_check(const py_obj *o, const py_typeinfo *t);
static inline int py_float_check_exact(const py_obj *o) { return py_is_type(o, &py_float_info); }
static inline int py_float_check(const py_obj *o) { return py_object_type_check(o, &py_float_info); }
static inline int py_unicode_check_exact(const py_obj *o) { return py_is_type(o, &py_str_info); }
static inline int py_unicode_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_UNICODE_SUBCLASS);
}
static inline int py_tuple_check_exact(const py_obj *o) { return py_is_type(o, &py_tuple_info); }
static inline int py_tuple_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_TUPLE_SUBCLASS);
}
static inline int py_list_check_exact(const py_obj *o) { return py_is_type(o, &py_list_info); }
static inline int py_list_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_LIST_SUBCLASS);
}
static inline int py_dict_check_exact(const py_obj *o) { return py_is_type(o, &py_dict_info); }
static inline int py_dict_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_DICT_SUBCLASS);
}
static inline int py_type_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_TYPE_SUBCLASS);
}
static inline int py_exception_instance_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_BASE_EXC_SUBCLASS);
}
/* A type object that is BaseException or a subclass. */
static inline int py_exception_class_check(const py_obj *o)
{
    return py_type_check(o) && py_type_has_feature(py_typeinfo_of(o), PY_TPFLAGS_BASE_EXC_SUBCLASS);
}

/* ====================================================================== */
/* Identifiers: static interned strs (CPython's _Py_ID)                    */
/* ====================================================================== */

#define PY_IDENTIFIERS(X)                                                                         \
    X(__abs__) X(__add__) X(__and__) X(__bool__) X(__call__) X(__class__) X(__class_getitem__)   \
    X(__classcell__) X(__contains__) X(__del__) X(__delattr__) X(__delete__) X(__delitem__)      \
    X(__dict__) X(__divmod__) X(__doc__) X(__eq__) X(__float__) X(__floordiv__) X(__ge__)         \
    X(__get__) X(__getattr__) X(__getattribute__) X(__getitem__) X(__gt__) X(__hash__)           \
    X(__iadd__) X(__iand__) X(__ifloordiv__) X(__ilshift__) X(__imatmul__) X(__imod__)           \
    X(__imul__) X(__index__) X(__init__) X(__init_subclass__) X(__int__) X(__invert__)           \
    X(__ior__) X(__ipow__) X(__irshift__) X(__isub__) X(__iter__) X(__itruediv__) X(__ixor__)    \
    X(__le__) X(__len__) X(__length_hint__) X(__lshift__) X(__lt__) X(__matmul__) X(__missing__) \
    X(__mod__) X(__module__) X(__mro__) X(__mro_entries__) X(__mul__) X(__name__) X(__ne__)       \
    X(__neg__) X(__new__) X(__next__) X(__or__) X(__pos__) X(__pow__) X(__qualname__)            \
    X(__radd__) X(__rand__) X(__rdivmod__) X(__repr__) X(__rfloordiv__) X(__rlshift__)           \
    X(__rmatmul__) X(__rmod__) X(__rmul__) X(__ror__) X(__rpow__) X(__rrshift__) X(__rshift__)   \
    X(__rsub__) X(__rtruediv__) X(__rxor__) X(__set__) X(__set_name__) X(__setattr__)           \
    X(__setitem__) X(__sizeof__) X(__slots__) X(__str__) X(__sub__) X(__truediv__)              \
    X(__weakref__) X(__xor__) X(__builtins__) X(__main__) X(__instancecheck__)                  \
    X(__subclasscheck__) X(__annotations__) X(__bases__) X(__base__) X(__basicsize__)          \
    X(__objclass__) X(__self__) X(__wrapped__) X(__isabstractmethod__)              \
    X(__reduce__) X(__format__) X(__dir__) X(__subclasses__) X(__prepare__) X(__traceback__)    \
    X(__context__) X(__cause__) X(__suppress_context__) X(__notes__) X(__reversed__)            \
    X(__round__) X(__trunc__) X(__ceil__) X(__floor__) X(__enter__) X(__exit__) X(__neg_zero__) \
    X(args) X(name) X(obj) X(msg) X(path) X(code) X(value) X(mro) X(keys) X(items) X(values)     \
    X(builtins) X(close) X(send) X(throw) X(fget) X(fset) X(fdel) X(get) X(filename) X(lineno)   \
    X(offset) X(text) X(end_lineno) X(end_offset) X(print_file_and_line) X(strerror)   \
    X(filename2) X(characters_written) X(object) X(start) X(end) X(reason) X(encoding)          \
    X(True) X(False) X(None) X(NotImplemented) X(Ellipsis) X(top) X(self) X(cls) X(copy) X(update) X(append) X(extend) X(join) X(format) X(metaclass)    \
    X(Py_Repr) X(__typing_subst__) X(__parameters__) X(__orig_class__) X(__origin__) X(__args__) X(difference_update) X(intersection) X(symmetric_difference_update) X(__bytes__) X(encode)                   \
    X(message) X(exceptions) X(derive) X(__abstractmethods__)

#define PY_ID_MAXLEN 32
typedef struct py_static_str {
    py_ascii_object ob;
    char data[PY_ID_MAXLEN];
} py_static_str;
#define PY_ID_MEMBER(name) py_static_str name;
typedef struct py_identifiers {
    PY_IDENTIFIERS(PY_ID_MEMBER)
} py_identifiers;
#undef PY_ID_MEMBER
extern py_identifiers py_ids;
/* The static interned str for an identifier: py_id(__init__) (borrowed). */
#define py_id(name) ((py_obj *)&py_ids.name)

/* ====================================================================== */
/* errors.c: the exception state                                           */
/* ====================================================================== */

/* The exception classes (C-level identity; exceptions.c). */
#define PY_EXC_TYPES(X)                                                                           \
    X(BaseException) X(Exception) X(TypeError) X(StopAsyncIteration) X(StopIteration)            \
    X(GeneratorExit) X(SystemExit) X(KeyboardInterrupt) X(ImportError) X(ModuleNotFoundError)    \
    X(OSError) X(EOFError) X(RuntimeError) X(RecursionError) X(NotImplementedError)             \
    X(NameError) X(UnboundLocalError) X(AttributeError) X(SyntaxError) X(IndentationError)      \
    X(TabError) X(LookupError) X(IndexError) X(KeyError) X(ValueError) X(UnicodeError)           \
    X(UnicodeEncodeError) X(UnicodeDecodeError) X(UnicodeTranslateError) X(AssertionError)      \
    X(ArithmeticError) X(FloatingPointError) X(OverflowError) X(ZeroDivisionError)              \
    X(SystemError) X(ReferenceError) X(MemoryError) X(BufferError) X(ConnectionError)           \
    X(BlockingIOError) X(BrokenPipeError) X(ChildProcessError) X(ConnectionAbortedError)        \
    X(ConnectionRefusedError) X(ConnectionResetError) X(FileExistsError) X(FileNotFoundError)   \
    X(IsADirectoryError) X(NotADirectoryError) X(InterruptedError) X(PermissionError)           \
    X(ProcessLookupError) X(TimeoutError) X(Warning) X(UserWarning) X(DeprecationWarning)        \
    X(PendingDeprecationWarning) X(SyntaxWarning) X(RuntimeWarning) X(FutureWarning)            \
    X(ImportWarning) X(UnicodeWarning) X(BytesWarning) X(ResourceWarning) X(EncodingWarning)    \
    X(BaseExceptionGroup)

#define PY_EXC_DECLARE(name) extern py_typeinfo py_exc_##name##_info;
PY_EXC_TYPES(PY_EXC_DECLARE)
#undef PY_EXC_DECLARE
#define py_exc_BaseException (&py_exc_BaseException_info)
#define py_exc_Exception (&py_exc_Exception_info)
#define py_exc_TypeError (&py_exc_TypeError_info)
#define py_exc_StopIteration (&py_exc_StopIteration_info)
#define py_exc_StopAsyncIteration (&py_exc_StopAsyncIteration_info)
#define py_exc_GeneratorExit (&py_exc_GeneratorExit_info)
#define py_exc_SystemExit (&py_exc_SystemExit_info)
#define py_exc_KeyboardInterrupt (&py_exc_KeyboardInterrupt_info)
#define py_exc_ImportError (&py_exc_ImportError_info)
#define py_exc_ModuleNotFoundError (&py_exc_ModuleNotFoundError_info)
#define py_exc_OSError (&py_exc_OSError_info)
#define py_exc_EOFError (&py_exc_EOFError_info)
#define py_exc_RuntimeError (&py_exc_RuntimeError_info)
#define py_exc_RecursionError (&py_exc_RecursionError_info)
#define py_exc_NotImplementedError (&py_exc_NotImplementedError_info)
#define py_exc_NameError (&py_exc_NameError_info)
#define py_exc_UnboundLocalError (&py_exc_UnboundLocalError_info)
#define py_exc_AttributeError (&py_exc_AttributeError_info)
#define py_exc_SyntaxError (&py_exc_SyntaxError_info)
#define py_exc_IndentationError (&py_exc_IndentationError_info)
#define py_exc_TabError (&py_exc_TabError_info)
#define py_exc_LookupError (&py_exc_LookupError_info)
#define py_exc_IndexError (&py_exc_IndexError_info)
#define py_exc_KeyError (&py_exc_KeyError_info)
#define py_exc_ValueError (&py_exc_ValueError_info)
#define py_exc_UnicodeError (&py_exc_UnicodeError_info)
#define py_exc_UnicodeEncodeError (&py_exc_UnicodeEncodeError_info)
#define py_exc_UnicodeDecodeError (&py_exc_UnicodeDecodeError_info)
#define py_exc_BufferError (&py_exc_BufferError_info)
#define py_exc_AssertionError (&py_exc_AssertionError_info)
#define py_exc_ArithmeticError (&py_exc_ArithmeticError_info)
#define py_exc_OverflowError (&py_exc_OverflowError_info)
#define py_exc_ZeroDivisionError (&py_exc_ZeroDivisionError_info)
#define py_exc_SystemError (&py_exc_SystemError_info)
#define py_exc_ReferenceError (&py_exc_ReferenceError_info)
#define py_exc_MemoryError (&py_exc_MemoryError_info)
#define py_exc_Warning (&py_exc_Warning_info)
#define py_exc_DeprecationWarning (&py_exc_DeprecationWarning_info)
#define py_exc_RuntimeWarning (&py_exc_RuntimeWarning_info)
#define py_exc_SyntaxWarning (&py_exc_SyntaxWarning_info)
#define py_exc_UserWarning (&py_exc_UserWarning_info)
#define py_exc_ResourceWarning (&py_exc_ResourceWarning_info)

/* Raise type(value) (value NULL: no arguments; a tuple: the arguments;
 * else the one argument), chaining __context__ as 3.11 does. */
void py_err_set_object(py_typeinfo *type, py_obj *value);
/* The same with a type object (a class, possibly a user's). */
void py_err_set_object_type(py_obj *type_obj, py_obj *value);
void py_err_set_none(py_typeinfo *type);
void py_err_set_string(py_typeinfo *type, const char *msg);
/* The message formatted as py_unicode_from_format; returns NULL. */
py_obj *py_err_format(py_typeinfo *type, const char *fmt, ...);
py_obj *py_err_format_v(py_typeinfo *type, const char *fmt, va_list va);
/* MemoryError; returns NULL. */
py_obj *py_err_no_memory(void);
/* SystemError "bad argument to internal function"; returns NULL. */
py_obj *py_err_bad_internal_call(void);
/* KeyError(key), the key wrapped in a tuple so a tuple key stays whole. */
void py_err_set_key_error(py_obj *key);
/* The type object of the current exception (borrowed), or NULL. */
static inline py_obj *py_err_occurred(void) { return py_current->curexc_type; }
void py_err_clear(void);
/* Take the current exception (new references, NULL for absent parts);
 * no exception is set afterwards. */
void py_err_fetch(py_obj **type, py_obj **value, py_obj **tb);
/* Set the current exception from the parts (stolen; may be NULL). */
void py_err_restore(py_obj *type, py_obj *value, py_obj *tb);
/* Make *value an instance of *type (may change *type to the instance's
 * class).  On failure the parts describe the new exception. */
void py_err_normalize_exception(py_obj **type, py_obj **value, py_obj **tb);
/* Take the current exception as one normalized instance (new reference;
 * NULL if none), traceback attached: 3.12's PyErr_GetRaisedException. */
py_obj *py_err_get_raised_exception(void);
/* Raise the exception instance exc (stolen). */
void py_err_set_raised_exception(py_obj *exc);
/* Is the current exception an instance of exc (a type, a tuple of types)? */
int py_err_exception_matches(py_typeinfo *exc);
int py_err_exception_matches_obj(py_obj *exc);
/* Would raising `given` (a class or instance) be caught by `exc` (a class
 * or a tuple of classes)? */
int py_err_given_exception_matches(py_obj *given, py_obj *exc);
/* Report exc (new reference; fetched from the current one when NULL) as
 * unraisable, from obj; clears the current exception. */
void py_err_write_unraisable(py_obj *obj);
/* A SystemError when a function returned NULL without an exception, or a
 * result with one; returns what the caller should return. */
py_obj *py_check_function_result(py_obj *callable, py_obj *result, const char *where);
/* Recursion guard (Py_EnterRecursiveCall): -1 with RecursionError
 * "maximum recursion depth exceeded<where>". */
int py_enter_recursive_call(const char *where);
static inline void py_leave_recursive_call(void) { py_current->recursion_remaining++; }

/* ====================================================================== */
/* object.c: generic object operations                                     */
/* ====================================================================== */

py_obj *py_object_repr(py_obj *o);
py_obj *py_object_str(py_obj *o);
py_obj *py_object_ascii(py_obj *o);
py_hash_t py_object_hash(py_obj *o);
/* tp_hash of unhashable types: TypeError "unhashable type: 'list'". */
py_hash_t py_object_hash_not_implemented(py_obj *o);
/* The identity hash (object.__hash__): the address rotated by 4. */
py_hash_t py_hash_pointer(const void *p);
/* The same as a tp_hash slot. */
py_hash_t py_hash_pointer_slot(py_obj *o);
py_obj *py_object_rich_compare(py_obj *v, py_obj *w, int op);
/* 1, 0 or -1; identity implies equality for PY_EQ/PY_NE. */
int py_object_rich_compare_bool(py_obj *v, py_obj *w, int op);
int py_object_is_true(py_obj *o);
int py_object_not(py_obj *o);
py_obj *py_object_get_attr(py_obj *o, py_obj *name);
py_obj *py_object_get_attr_string(py_obj *o, const char *name);
/* getattr that suppresses AttributeError: 1 found (*result set), 0 not
 * found (*result NULL, no exception), -1 error. */
int py_object_lookup_attr(py_obj *o, py_obj *name, py_obj **result);
int py_object_has_attr(py_obj *o, py_obj *name);
/* value NULL deletes. */
int py_object_set_attr(py_obj *o, py_obj *name, py_obj *value);
int py_object_set_attr_string(py_obj *o, const char *name, py_obj *value);
static inline int py_object_del_attr(py_obj *o, py_obj *name) { return py_object_set_attr(o, name, NULL); }
/* object.__getattribute__ / __setattr__: the MRO with data descriptors,
 * the instance dict, then non-data descriptors and class attributes. */
py_obj *py_object_generic_get_attr(py_obj *o, py_obj *name);
int py_object_generic_set_attr(py_obj *o, py_obj *name, py_obj *value);
/* The same with an explicit dict (NULL: the instance's) and AttributeError
 * suppressed when suppress (NULL returned without exception). */
py_obj *py_object_generic_get_attr_with_dict(py_obj *o, py_obj *name, py_obj *dict, int suppress);
/* LOAD_METHOD's helper (_PyObject_GetMethod): *method set to a new
 * reference; returns 1 if it is an unbound method descriptor to call with
 * o prepended, 0 if it is the attribute itself (or NULL: an error). */
int py_object_get_method(py_obj *o, py_obj *name, py_obj **method);
/* Where o's __dict__ pointer lives (NULL: no dict slot). */
py_obj **py_object_get_dict_ptr(py_obj *o);
/* o.__dict__, created if absent (new reference). */
py_obj *py_object_generic_get_dict(py_obj *o, void *closure);
int py_object_generic_set_dict(py_obj *o, py_obj *value, void *closure);
/* tp_iter of iterators: returns self. */
py_obj *py_object_self_iter(py_obj *o);
/* Py_ReprEnter: 0 the first time, 1 if o's repr is already being computed
 * (print "[...]"), -1 error; Py_ReprLeave undoes it. */
/* PyThreadState_GetDict: the thread-state dict (borrowed; made on first
 * use: a GC allocation, as CPython's), NULL on memory error. */
py_obj *py_thread_state_get_dict(void);
int py_repr_enter(py_obj *o);
void py_repr_leave(py_obj *o);
/* sys.getsizeof(o): __sizeof__() plus the GC header and pre-header. */
py_ssize_t py_sys_getsizeof(py_obj *o);
/* Generic __sizeof__: basicsize plus items. */
py_ssize_t py_object_basic_sizeof(py_obj *o);
/* "%.200s" of a type's name (tp_name). */
static inline const char *py_type_name(const py_typeinfo *t) { return t->rt.name; }
static inline const char *py_obj_type_name(const py_obj *o) { return py_type_of(o)->rt.name; }
/* Print repr(o) (or str(o) when use_str) to f; -1 error. */
int py_object_print(py_obj *o, FILE *f, int use_str);

/* ====================================================================== */
/* abstract.c: the number, sequence, mapping and iterator protocols        */
/* ====================================================================== */

py_obj *py_number_add(py_obj *v, py_obj *w);
py_obj *py_number_subtract(py_obj *v, py_obj *w);
py_obj *py_number_multiply(py_obj *v, py_obj *w);
py_obj *py_number_matrix_multiply(py_obj *v, py_obj *w);
py_obj *py_number_floor_divide(py_obj *v, py_obj *w);
py_obj *py_number_true_divide(py_obj *v, py_obj *w);
py_obj *py_number_remainder(py_obj *v, py_obj *w);
py_obj *py_number_divmod(py_obj *v, py_obj *w);
py_obj *py_number_power(py_obj *v, py_obj *w, py_obj *z);
py_obj *py_number_lshift(py_obj *v, py_obj *w);
py_obj *py_number_rshift(py_obj *v, py_obj *w);
py_obj *py_number_and(py_obj *v, py_obj *w);
py_obj *py_number_xor(py_obj *v, py_obj *w);
py_obj *py_number_or(py_obj *v, py_obj *w);
py_obj *py_number_inplace_add(py_obj *v, py_obj *w);
py_obj *py_number_inplace_subtract(py_obj *v, py_obj *w);
py_obj *py_number_inplace_multiply(py_obj *v, py_obj *w);
py_obj *py_number_inplace_matrix_multiply(py_obj *v, py_obj *w);
py_obj *py_number_inplace_floor_divide(py_obj *v, py_obj *w);
py_obj *py_number_inplace_true_divide(py_obj *v, py_obj *w);
py_obj *py_number_inplace_remainder(py_obj *v, py_obj *w);
py_obj *py_number_inplace_power(py_obj *v, py_obj *w, py_obj *z);
py_obj *py_number_inplace_lshift(py_obj *v, py_obj *w);
py_obj *py_number_inplace_rshift(py_obj *v, py_obj *w);
py_obj *py_number_inplace_and(py_obj *v, py_obj *w);
py_obj *py_number_inplace_xor(py_obj *v, py_obj *w);
py_obj *py_number_inplace_or(py_obj *v, py_obj *w);
py_obj *py_number_negative(py_obj *o);
py_obj *py_number_positive(py_obj *o);
py_obj *py_number_invert(py_obj *o);
py_obj *py_number_absolute(py_obj *o);
/* operator.index(o): an int (exact or subclass). */
py_obj *py_number_index(py_obj *o);
int py_index_check(py_obj *o);
/* o as a Py_ssize_t through __index__; on overflow raise exc (NULL: clip). */
py_ssize_t py_number_as_ssize_t(py_obj *o, py_typeinfo *exc);
/* _PyEval_SliceIndexNotNone (index()'s start/stop): *pi clipped to the
 * ssize_t range; 1, or 0 with TypeError ("slice indices must be integers
 * or have an __index__ method"). */
int py_eval_slice_index_not_none(py_obj *v, py_ssize_t *pi);
/* _PyEval_SliceIndex (slice.c): the same with None allowed (*pi left as
 * is); "slice indices must be integers or None or have an __index__
 * method". */
int py_eval_slice_index(py_obj *v, py_ssize_t *pi);
py_obj *py_number_long(py_obj *o);
py_obj *py_number_float(py_obj *o);

py_obj *py_object_get_item(py_obj *o, py_obj *key);
int py_object_set_item(py_obj *o, py_obj *key, py_obj *value);
int py_object_del_item(py_obj *o, py_obj *key);
/* len(o); -1 error. */
py_ssize_t py_object_size(py_obj *o);
/* len(o), else __length_hint__, else dflt; -1 error. */
py_ssize_t py_object_length_hint(py_obj *o, py_ssize_t dflt);
py_obj *py_sequence_get_item(py_obj *o, py_ssize_t i);
/* PySequence_Size: len through sq_length only; -1 with TypeError. */
py_ssize_t py_sequence_size(py_obj *s);
int py_sequence_set_item(py_obj *o, py_ssize_t i, py_obj *value);
int py_sequence_del_item(py_obj *o, py_ssize_t i);
/* `value in seq`: 1, 0, -1. */
int py_sequence_contains(py_obj *seq, py_obj *value);
/* tuple(o). */
py_obj *py_sequence_tuple(py_obj *o);
/* list(o). */
py_obj *py_sequence_list(py_obj *o);
py_obj *py_object_get_iter(py_obj *o);
/* The next item (new), or NULL: exhausted (no exception) or error. */
py_obj *py_iter_next(py_obj *iter);
int py_iter_check(py_obj *o);
int py_object_is_instance(py_obj *inst, py_obj *cls);
int py_object_is_subclass(py_obj *derived, py_obj *cls);
/* type.__instancecheck__ / __subclasscheck__: the checks without hooks. */
int py_object_real_is_instance(py_obj *inst, py_obj *cls);
int py_object_real_is_subclass(py_obj *derived, py_obj *cls);
/* iter(seq) for a sequence without __iter__ (iter.c). */
py_obj *py_seq_iter_new(py_obj *seq);
/* iter(callable, sentinel) (iter.c). */
py_obj *py_callable_iter_new(py_obj *callable, py_obj *sentinel);
/* Does o's type (or a base) have __getitem__ & co.: PySequence_Check. */
int py_sequence_check(py_obj *o);
int py_mapping_check(py_obj *o);
int py_callable_check(py_obj *o);

/* ====================================================================== */
/* call.c: calling                                                         */
/* ====================================================================== */

py_obj *py_object_vectorcall(py_obj *callable, py_obj *const *args, size_t nargsf, py_obj *kwnames);
/* callable(*args, **kwargs): args a tuple, kwargs a dict or NULL. */
py_obj *py_object_call(py_obj *callable, py_obj *args, py_obj *kwargs);
py_obj *py_object_call_no_args(py_obj *callable);
py_obj *py_object_call_one_arg(py_obj *callable, py_obj *arg);
/* callable(*args, **kwargs) with positional args in an array. */
py_obj *py_object_vectorcall_dict(py_obj *callable, py_obj *const *args, size_t nargsf, py_obj *kwargs);
/* callable(arg1, ..., NULL). */
py_obj *py_object_call_function_obj_args(py_obj *callable, ...);
/* args[0].name(*args[1:]) (nargsf counts args[0]). */
py_obj *py_object_vectorcall_method(py_obj *name, py_obj *const *args, size_t nargsf, py_obj *kwnames);
/* o.name(arg1, ..., NULL). */
py_obj *py_object_call_method_obj_args(py_obj *o, py_obj *name, ...);
py_obj *py_object_call_method_no_args(py_obj *o, py_obj *name);
py_obj *py_object_call_method_one_arg(py_obj *o, py_obj *name, py_obj *arg);
/* _PyObject_MakeTpCall: keywords NULL, a kwnames tuple (their values
 * follow the positional arguments) or a dict. */
py_obj *py_object_make_tp_call(py_obj *callable, py_obj *const *args, py_ssize_t nargs, py_obj *keywords);
/* PyVectorcall_Call: tp_call of types with vectorcall. */
py_obj *py_vectorcall_call(py_obj *callable, py_obj *args, py_obj *kwargs);
/* callable(self, *args) without a temporary tuple when possible. */
py_obj *py_object_call_prepend(py_obj *callable, py_obj *self, py_obj *args, py_obj *kwargs);
/* The keyword arguments of a vectorcall as a new dict (values are the
 * arguments after the positional ones, kwnames their names). */
py_obj *py_stack_as_dict(py_obj *const *values, py_obj *kwnames);
/* Unpack a dict into kwnames + values after the positional arguments:
 * *newargs (rg_malloc) holds nargs + len(kwargs) references, *kwnames a
 * tuple; -1 error.  Free with py_stack_unpack_dict_free. */
int py_stack_unpack_dict(py_obj *const *args, py_ssize_t nargs, py_obj *kwargs,
                         py_obj *const **newargs, py_obj **kwnames);
void py_stack_unpack_dict_free(py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);

/* Argument checking (getargs.c): 0 ok, -1 TypeError set. */
int py_arg_no_keywords(const char *funcname, py_obj *kwargs);
int py_arg_no_kwnames(const char *funcname, py_obj *kwnames);
int py_arg_check_positional(const char *funcname, py_ssize_t nargs, py_ssize_t min, py_ssize_t max);
/* Unpack a tuple of min..max positional args into py_obj ** (borrowed);
 * 1 ok, 0 TypeError set (CPython's PyArg_UnpackTuple). */
int py_arg_unpack_tuple(py_obj *args, const char *funcname, py_ssize_t min, py_ssize_t max, ...);
/* _PyArg_UnpackKeywords: parameters kwlist[0..maxargs) (NULL-terminated;
 * the first posonly are positional-only), the first minpos required, at
 * most maxpos by position.  Arguments: args[0..nargs) then either the
 * values of kwnames (vectorcall) or a kwargs dict.  out[i]: the argument
 * for kwlist[i] (borrowed) or NULL.  0, or -1 with CPython's TypeError. */
int py_arg_unpack_keywords(py_obj *const *args, py_ssize_t nargs, py_obj *kwargs, py_obj *kwnames,
                           const char *fname, const char *const *kwlist, int posonly, int minpos, int maxpos,
                           py_obj **out);
/* _PyArg_BadArgument: "f() <displayname> must be <expected>, not <type>"; -1. */
int py_arg_bad_argument(const char *fname, const char *displayname, const char *expected, py_obj *arg);
/* A str argument as UTF-8 (clinic's `str` converter), NULL with TypeError /
 * ValueError (embedded NUL). */
const char *py_arg_str(const char *fname, const char *argname, py_obj *arg);

/* ====================================================================== */
/* typeobject.c / typeready.c / typeslots.c: types, classes, super        */
/* ====================================================================== */

/* Finish a static type at interpreter start (PyType_Ready): its type
 * object, dict (descriptors for methods, members, getsets and the slots'
 * wrappers), bases, MRO and inherited slots.  0 or -1. */
int py_type_ready(py_typeinfo *t);
/* The attribute name along t's MRO (borrowed), NULL if absent (no
 * exception set): _PyType_Lookup. */
py_obj *py_type_lookup(py_typeinfo *t, py_obj *name);
int py_type_is_subtype(const py_typeinfo *a, const py_typeinfo *b);
static inline int py_object_type_check(const py_obj *o, const py_typeinfo *t)
{
    return py_is_type(o, t) || py_type_is_subtype(py_type_of(o), t);
}
/* object.__new__ (tp_new of object): an instance, with its inline values
 * or dict for classes. */
py_obj *py_object_new(py_typeinfo *t, py_obj *args, py_obj *kwds);
/* The default linearization (a new tuple). */
py_obj *py_type_mro_implementation(py_typeinfo *t);
/* __new__ of built-in types' dicts (tp_new_wrapper). */
py_obj *py_tp_new_wrapper(py_obj *self, py_obj *args, py_obj *kwds);
/* type's tp_new and tp_init (class creation, typenew.c). */
py_obj *py_type_new_slot(py_typeinfo *meta, py_obj *args, py_obj *kwds);
int py_type_init_slot(py_obj *self, py_obj *args, py_obj *kwds);
/* The dispatcher of classes defining __new__ (typeslots.c). */
py_obj *py_slot_tp_new(py_typeinfo *type, py_obj *args, py_obj *kwds);
/* object.__dir__: the instance's __dict__ keys and its class's
 * attributes, as a list (unsorted). */
py_obj *py_object_default_dir(py_obj *self);
/* PyType_GenericAlloc: a zeroed instance of t (a reference to t's type
 * object taken for heap types), tracked if GC; MemoryError on failure. */
py_obj *py_type_generic_alloc(py_typeinfo *t, py_ssize_t nitems);
/* t's engine descriptor minus its free list (a static shadow copy made on
 * first use): allocate with it, then set o->type = &t->rt. */
const rg_type *py_type_nofreelist_rt(py_typeinfo *t);
py_obj *py_type_generic_new(py_typeinfo *t, py_obj *args, py_obj *kwds);
/* type(name, bases, dict) with the metatype given (NULL: type). */
py_obj *py_type_new_class(py_typeinfo *meta, py_obj *name, py_obj *bases, py_obj *dict);
/* The short name of a type (after the last dot), a new str. */
py_obj *py_type_get_name(py_typeinfo *t);
/* The part of a static type's tp_name after the last dot (borrowed). */
const char *py_type_short_name(const char *tp_name);
py_obj *py_type_get_qualname(py_typeinfo *t);
/* The module name of a type (new str). */
py_obj *py_type_get_module(py_typeinfo *t);
/* Lookup of a special method on type(self) (_PyObject_LookupSpecial):
 * bound with descr_get; NULL without exception if absent. */
py_obj *py_object_lookup_special(py_obj *self, py_obj *name);
/* super(type, obj).name (_super_lookup_descr & co): new reference. */
py_obj *py_super_lookup(py_typeinfo *start, py_obj *obj, py_obj *name);
/* The subtype dealloc, traverse and clear of classes (exported for the
 * VM's own heap types). */
void py_subtype_dealloc(py_obj *self);
/* Make the dispatchers of a class's slots follow its dunders after
 * `C.__add__ = f` (update_slot). */
int py_type_update_slot(py_typeinfo *t, py_obj *name);
/* The slot table (typeslots.c). */
typedef struct py_slotdef {
    const char *name;        /* "__add__" */
    size_t offset;           /* of the slot in py_typeinfo, or of the method table field */
    int table;               /* 0 typeinfo, 1 number, 2 sequence, 3 mapping */
    void *function;          /* the dispatcher installed in classes (slot_*) */
    py_obj *(*wrapper)(py_obj *self, py_obj *args, void *wrapped); /* wrap_* */
    /* wrap_* taking keywords (flags & PY_WRAPPER_FLAG_KEYWORDS). */
    py_obj *(*wrapper_kw)(py_obj *self, py_obj *args, void *wrapped, py_obj *kwds);
    const char *doc;
    int flags;
    py_obj *name_strobj;     /* interned name, set at startup */
} py_slotdef;
#define PY_WRAPPER_FLAG_KEYWORDS 1
extern py_slotdef py_slotdefs[];
/* Fill a class's slots from its dunder methods (fixup_slot_dispatchers). */
void py_type_fixup_slot_dispatchers(py_typeinfo *t);
/* Put wrapper descriptors for t's C slots into its dict (add_operators). */
int py_type_add_operators(py_typeinfo *t);
int py_slotdefs_init(void);
void py_slotdefs_fini(void);
/* A class's PyType_Ready (dict, bases set): MRO, descriptors, slots. */
int py_type_heap_ready(py_typeinfo *t);

/* ====================================================================== */
/* descr.c: descriptors, builtin functions, bound methods                  */
/* ====================================================================== */

/* find_signature: where the "name(...)\n--\n\n" signature of an internal
 * doc ends (at its "\n--\n\n" marker), or NULL when the doc has none. */
const char *py_doc_signature_marker(const char *name, const char *doc);

py_obj *py_descr_new_method(py_typeinfo *t, const py_method_def *m);
py_obj *py_descr_new_classmethod(py_typeinfo *t, const py_method_def *m);
py_obj *py_descr_new_member(py_typeinfo *t, const py_member_def *m);
py_obj *py_descr_new_getset(py_typeinfo *t, const py_getset_def *g);
py_obj *py_descr_new_wrapper(py_typeinfo *t, const py_slotdef *s, void *wrapped);
/* builtin_function_or_method bound to self (may be NULL), module may be NULL. */
py_obj *py_cfunction_new(const py_method_def *ml, py_obj *self, py_obj *module);
/* A bound method (PyMethod_New). */
py_obj *py_method_new(py_obj *func, py_obj *self);
/* staticmethod(f), classmethod(f). */
py_obj *py_staticmethod_new(py_obj *callable);
py_obj *py_classmethod_new(py_obj *callable);
/* mappingproxy(d). */
py_obj *py_dictproxy_new(py_obj *mapping);
static inline int py_descr_is_data(py_obj *d) { return py_type_of(d)->descr_set != NULL; }

/* ====================================================================== */
/* long.c, bool.c: int and bool                                            */
/* ====================================================================== */

extern py_long_static py_small_ints[PY_NSMALLNEGINTS + PY_NSMALLPOSINTS];
static inline py_obj *py_small_int(long v)
{
    return (py_obj *)&py_small_ints[v + PY_NSMALLNEGINTS];
}
py_obj *py_long_from_long(long v);
py_obj *py_long_from_ssize_t(py_ssize_t v);
py_obj *py_long_from_size_t(size_t v);
py_obj *py_long_from_long_long(long long v);
py_obj *py_long_from_unsigned_long_long(unsigned long long v);
/* An int of |ndigits| digits (sign in the sign of ndigits), digits zeroed;
 * _PyLong_New. */
py_long_object *py_long_new(py_ssize_t ndigits);
/* -1 with OverflowError when out of range (check py_err_occurred). */
long py_long_as_long(py_obj *o);
py_ssize_t py_long_as_ssize_t(py_obj *o);
/* *overflow = -1/+1 when out of range (result -1), else 0. */
long py_long_as_long_and_overflow(py_obj *o, int *overflow);
double py_long_as_double(py_obj *o);
py_obj *py_long_from_double(double d);
/* Drop leading zero digits (long_normalize). */
py_long_object *py_long_normalize(py_long_object *v);
int py_long_sign(const py_obj *o);
py_hash_t py_long_hash(py_obj *o);
/* int(s, base) for a str. */
py_obj *py_long_from_unicode(py_obj *s, int base);
/* int(b, base) of a bytes or bytearray's text (int.c). */
py_obj *py_long_from_bytes_text(py_obj *b, int base);
extern py_number_methods py_long_as_number;
/* int / int, int ** negative int, float(int): float results (float.c). */
py_obj *py_long_true_divide(py_obj *a, py_obj *b);
py_obj *py_long_float_power(py_obj *a, py_obj *b);
py_obj *py_long_float(py_obj *a);
/* str(int) for any size (decimal). */
py_obj *py_long_to_decimal_string(py_obj *o);
static inline py_ssize_t py_long_ndigits(const py_obj *o)
{
    py_ssize_t n = ((const rg_varobject *)o)->size;
    return n < 0 ? -n : n;
}

/* ====================================================================== */
/* str.c                                                                   */
/* ====================================================================== */

/* _PyUnicode_TransformDecimalAndSpaceToASCII for int(), float(),
 * complex() of a str: Unicode spaces become ' ', decimal digits (any
 * script) ASCII digits, the first other non-ASCII char '?' and the end.
 * malloc'd, NUL-terminated, *len chars (embedded NULs kept); NULL with
 * MemoryError.  (strmethods.c) */
char *py_unicode_transform_decimal_and_space(py_obj *s, py_ssize_t *len);
/* PyUnicode_IsIdentifier: str.isidentifier() (strmethods.c). */
int py_unicode_is_identifier(py_obj *s);

extern py_static_str py_empty_str_struct;
#define py_empty_str ((py_obj *)&py_empty_str_struct.ob)
static inline py_ssize_t py_unicode_get_length(const py_obj *s) { return ((const py_ascii_object *)s)->length; }
static inline int py_unicode_kind(const py_obj *s) { return ((const py_ascii_object *)s)->state.kind; }
static inline int py_unicode_is_ascii(const py_obj *s) { return ((const py_ascii_object *)s)->state.ascii; }
static inline void *py_unicode_data(py_obj *s) /* non-compact (str subclasses): a data pointer at 72 */
{
    if (!((py_ascii_object *)s)->state.compact) return *(void **)((py_compact_unicode_object *)s + 1);
    return py_unicode_is_ascii(s) ? (void *)((py_ascii_object *)s + 1) : (void *)((py_compact_unicode_object *)s + 1);
}
static inline py_ucs4 py_unicode_read(int kind, const void *data, py_ssize_t i)
{
    if (kind == PY_UNICODE_1BYTE_KIND) return ((const py_ucs1 *)data)[i];
    if (kind == PY_UNICODE_2BYTE_KIND) return ((const py_ucs2 *)data)[i];
    return ((const py_ucs4 *)data)[i];
}
static inline void py_unicode_write(int kind, void *data, py_ssize_t i, py_ucs4 c)
{
    if (kind == PY_UNICODE_1BYTE_KIND) ((py_ucs1 *)data)[i] = (py_ucs1)c;
    else if (kind == PY_UNICODE_2BYTE_KIND) ((py_ucs2 *)data)[i] = (py_ucs2)c;
    else ((py_ucs4 *)data)[i] = c;
}
static inline py_ucs4 py_unicode_read_char(py_obj *s, py_ssize_t i)
{
    return py_unicode_read(py_unicode_kind(s), py_unicode_data(s), i);
}
/* A new str of size code points, room for maxchar, data uninitialized
 * (the NUL written); the empty str for size 0. */
py_obj *py_unicode_new(py_ssize_t size, py_ucs4 maxchar);
/* From UTF-8 (invalid bytes raise UnicodeDecodeError). */
py_obj *py_unicode_from_string(const char *utf8);
py_obj *py_unicode_from_string_and_size(const char *utf8, py_ssize_t size);
/* From code points of the given kind (narrowed to the smallest kind). */
py_obj *py_unicode_from_kind_and_data(int kind, const void *data, py_ssize_t size);
py_obj *py_unicode_from_ordinal(py_ucs4 c);
/* CPython's PyUnicode_FromFormat: %c %d %i %u %ld %li %lu %lld %llu %zd
 * %zi %zu %x %p %s (UTF-8, with precision %.50s) %U (str) %V (str or
 * UTF-8) %S (str()) %R (repr()) %A (ascii()) %%. */
py_obj *py_unicode_from_format(const char *fmt, ...);
py_obj *py_unicode_from_format_v(const char *fmt, va_list va);
/* UTF-8 of s, cached in s (compact non-ASCII) or its data (ASCII); NULL
 * on error (lone surrogates). */
const char *py_unicode_as_utf8(py_obj *s);
const char *py_unicode_as_utf8_and_size(py_obj *s, py_ssize_t *size);
py_hash_t py_unicode_hash(py_obj *s);
/* Intern *p in place (may replace it with the interned one). */
void py_unicode_intern_in_place(py_obj **p);
py_obj *py_unicode_intern_from_string(const char *s);
/* s == t for two strs (no exception). */
int py_unicode_eq(py_obj *s, py_obj *t);
/* Three-way compare of two strs by code points. */
int py_unicode_compare(py_obj *s, py_obj *t);
/* s (a str) equals the ASCII C string? */
int py_unicode_equal_to_ascii_string(py_obj *s, const char *ascii);
py_obj *py_unicode_concat(py_obj *a, py_obj *b);
/* sep.join(items) for an array of strs. */
py_obj *py_unicode_join_array(py_obj *sep, py_obj *const *items, py_ssize_t n);
py_obj *py_unicode_join(py_obj *sep, py_obj *iterable);
py_obj *py_unicode_substring(py_obj *s, py_ssize_t start, py_ssize_t end);
/* repr(s) with CPython's quoting and escapes. */
py_obj *py_unicode_repr(py_obj *s);
/* The maximum code point of s. */
py_ucs4 py_unicode_max_char(py_obj *s);
/* -1 not found. */
py_ssize_t py_unicode_find_char(py_obj *s, py_ucs4 ch, py_ssize_t start, py_ssize_t end, int direction);
/* strmethods.c: str's methods and the formatting protocols. */
extern const py_method_def py_str_methods[];
extern py_number_methods py_str_as_number;
/* format(obj, spec) (PyObject_Format; spec NULL: ''). */
py_obj *py_object_format(py_obj *obj, py_obj *spec);
/* format % args (PyUnicode_Format). */
py_obj *py_unicode_format(py_obj *format, py_obj *args);
/* s[i] and s[a:b:c]. */
py_obj *py_unicode_subscript(py_obj *self, py_obj *item);
/* int.__format__ and float.__format__ (on the numeric kernels). */
py_obj *py_long_format_meth(py_obj *self, py_obj *spec);
py_obj *py_float_format_meth(py_obj *self, py_obj *spec);
/* A hash of bytes (used for str and bytes; deterministic). */
py_hash_t py_hash_bytes(const void *data, size_t len);

/* Building a str piece by piece (_PyUnicodeWriter).  Scratch memory is the
 * C library's (not the heap's): only the result is a heap object. */
typedef struct py_unicode_writer {
    py_ucs4 *buf;
    py_ssize_t len, cap;
    py_ucs4 maxchar;
} py_unicode_writer;
void py_unicode_writer_init(py_unicode_writer *w);
int py_unicode_writer_write_char(py_unicode_writer *w, py_ucs4 c);
int py_unicode_writer_write_ascii(py_unicode_writer *w, const char *s, py_ssize_t len);
int py_unicode_writer_write_utf8(py_unicode_writer *w, const char *s, py_ssize_t len);
int py_unicode_writer_write_str(py_unicode_writer *w, py_obj *s);
/* str(o) / repr(o) appended. */
int py_unicode_writer_write_obj(py_unicode_writer *w, py_obj *o, int use_repr);
py_obj *py_unicode_writer_finish(py_unicode_writer *w);
void py_unicode_writer_dealloc(py_unicode_writer *w);

/* ====================================================================== */
/* tuple.c                                                                 */
/* ====================================================================== */

typedef struct py_tuple_static_empty {
    rg_gc_head gc; /* zeroed: an untracked GC object */
    py_tuple_object ob;
} py_tuple_static_empty;
extern py_tuple_static_empty py_empty_tuple_struct;
#define py_empty_tuple ((py_obj *)&py_empty_tuple_struct.ob)
static inline py_ssize_t py_tuple_size(const py_obj *t) { return ((const rg_varobject *)t)->size; }
static inline py_obj **py_tuple_items(py_obj *t) { return ((py_tuple_object *)t)->ob_item; }
/* PyTuple_GET_ITEM (borrowed, no check). */
static inline py_obj *py_tuple_get(py_obj *t, py_ssize_t i) { return ((py_tuple_object *)t)->ob_item[i]; }
/* PyTuple_SET_ITEM: steals v, the slot must be empty. */
static inline void py_tuple_set(py_obj *t, py_ssize_t i, py_obj *v) { ((py_tuple_object *)t)->ob_item[i] = v; }
/* A tuple of n NULL items, tracked (the empty tuple for 0). */
py_obj *py_tuple_new(py_ssize_t n);
/* Borrowed item with IndexError/SystemError checks. */
py_obj *py_tuple_get_item(py_obj *t, py_ssize_t i);
py_obj *py_tuple_pack(py_ssize_t n, ...);
/* New references to items[0..n). */
py_obj *py_tuple_from_array(py_obj *const *items, py_ssize_t n);
/* Steals items[0..n) (even on failure). */
py_obj *py_tuple_from_array_steal(py_obj *const *items, py_ssize_t n);
py_obj *py_tuple_get_slice(py_obj *t, py_ssize_t lo, py_ssize_t hi);
/* Untrack t if it can never be in a cycle (_PyTuple_MaybeUntrack). */
void py_tuple_maybe_untrack(py_obj *t);
/* _PyTuple_Resize of a tuple only the caller references. */
int py_tuple_resize(py_obj **pt, py_ssize_t newsize);

/* ====================================================================== */
/* list.c                                                                  */
/* ====================================================================== */

static inline py_ssize_t py_list_size(const py_obj *l) { return ((const rg_varobject *)l)->size; }
/* PyList_GET_ITEM (borrowed, no check). */
static inline py_obj *py_list_get(py_obj *l, py_ssize_t i) { return ((py_list_object *)l)->ob_item[i]; }
/* A list of n NULL items (PyList_New: the free list, tracked). */
py_obj *py_list_new(py_ssize_t n);
/* Borrowed, with IndexError. */
py_obj *py_list_get_item(py_obj *l, py_ssize_t i);
/* PyList_SetItem: steals item (even on failure); the old item dropped. */
int py_list_set_item(py_obj *l, py_ssize_t i, py_obj *item);
int py_list_append(py_obj *l, py_obj *item);
int py_list_insert(py_obj *l, py_ssize_t where, py_obj *item);
/* l.extend(iterable); returns 0 or -1. */
int py_list_extend(py_obj *l, py_obj *iterable);
int py_list_sort(py_obj *l);
/* listsort.c: timsort keys[0..n) (values[] moved alongside when not NULL),
 * CPython 3.11's comparisons; 0 or -1 (a comparison failed; the arrays
 * are then a permutation, as CPython leaves them). */
int py__list_timsort(py_obj **keys, py_obj **values, py_ssize_t n);
int py_list_reverse(py_obj *l);
py_obj *py_list_as_tuple(py_obj *l);
py_obj *py_list_get_slice(py_obj *l, py_ssize_t lo, py_ssize_t hi);
/* PyList_SetSlice: l[lo:hi] = v (a list or iterable; NULL deletes); 0/-1. */
int py_list_set_slice(py_obj *l, py_ssize_t lo, py_ssize_t hi, py_obj *v);
extern py_typeinfo py_list_iter_info, py_list_reviter_info;

/* The concrete types (bytes ... dict): objtypes.h, part of this header. */
#include "types/objtypes.h"

/* Exceptions (layouts, exceptions.c): exctypes.h, part of this header. */
#include "types/exctypes.h"

#endif /* PY_OBJECT_H */
