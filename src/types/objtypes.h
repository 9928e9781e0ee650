/*
 * objtypes.h -- the second half of object.h: the declarations of the
 * concrete object types (bytes, bytearray, the builtins' iterators, set,
 * slice, range, module, complex, float, cell, dict).  Included by object.h at this
 * point and nowhere else (include "object.h"); it relies on everything
 * object.h declares before it.  Split off only to keep each file under
 * ~1500 lines; the ownership and error conventions are object.h's.
 */
#ifndef PY_OBJTYPES_H
#define PY_OBJTYPES_H
#ifndef PY_OBJECT_H
#error "include object.h, not objtypes.h"
#endif
/* ====================================================================== */
/* bytes.c                                                                 */
/* ====================================================================== */

/* bytes (PyBytesObject): 33 + n bytes (sys.getsizeof), not GC; ob_size is
 * the length, the data is NUL-terminated.  b'' and the 256 one-byte bytes
 * are static. */
typedef struct py_bytes_object {
    RG_VAROBJECT_HEAD;
    py_hash_t ob_shash; /* -1: not computed */
    char ob_sval[1];
} py_bytes_object;
extern py_typeinfo py_bytes_info, py_bytes_iter_info;
static inline int py_bytes_check_exact(const py_obj *o) { return py_is_type(o, &py_bytes_info); }
static inline int py_bytes_check(const py_obj *o)
{
    return py_type_has_feature(py_type_of(o), PY_TPFLAGS_BYTES_SUBCLASS);
}
static inline char *py_bytes_as_string(py_obj *b) { return ((py_bytes_object *)b)->ob_sval; }
static inline py_ssize_t py_bytes_size(const py_obj *b) { return ((const rg_varobject *)b)->size; }
/* A bytes of size bytes copied from s (s NULL: zeroed, to be filled
 * before it is shared). */
py_obj *py_bytes_from_string_and_size(const char *s, py_ssize_t size);
py_obj *py_bytes_from_string(const char *s);
/* bytes(x) for an object without an integer meaning (PyBytes_FromObject). */
py_obj *py_bytes_from_object(py_obj *x);
/* bytes % args and bytearray % args (bytesformat.c). */
extern py_number_methods py_bytes_as_number, py_bytearray_as_number;
/* _PyBytes_Resize: *pv (refcount 1, not shared) to newsize; on failure *pv
 * is released and set to NULL. */
int py_bytes_resize(py_obj **pv, py_ssize_t newsize);
/* repr(b) (smartquotes: "..." when only single quotes inside). */
py_obj *py_bytes_repr(py_obj *b, int smartquotes);
/* The methods bytes and bytearray share (bytes_methods.c's _Py_bytes_*):
 * self is either; results are of self's kind (the method tables of both
 * types point here). */
int py__bytes_contains(const char *str, py_ssize_t len, py_obj *arg);
py_obj *py__bytes_find(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_rfind(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_index(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_rindex(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_count(py_obj *self, py_obj *const *args, py_ssize_t nargs);
py_obj *py__bytes_startswith(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_endswith(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_lower(py_obj *s, py_obj *u);
py_obj *py__bytes_upper(py_obj *s, py_obj *u);
py_obj *py__bytes_swapcase(py_obj *s, py_obj *u);
py_obj *py__bytes_capitalize(py_obj *s, py_obj *u);
py_obj *py__bytes_title(py_obj *s, py_obj *u);
py_obj *py__bytes_isdigit(py_obj *s, py_obj *u);
py_obj *py__bytes_isalpha(py_obj *s, py_obj *u);
py_obj *py__bytes_isalnum(py_obj *s, py_obj *u);
py_obj *py__bytes_isspace(py_obj *s, py_obj *u);
py_obj *py__bytes_islower(py_obj *s, py_obj *u);
py_obj *py__bytes_isupper(py_obj *s, py_obj *u);
py_obj *py__bytes_isascii(py_obj *s, py_obj *u);
py_obj *py__bytes_strip(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_lstrip(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_rstrip(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_split(py_obj *s, py_obj *const *a, py_ssize_t n, py_obj *kw);
py_obj *py__bytes_rsplit(py_obj *s, py_obj *const *a, py_ssize_t n, py_obj *kw);
py_obj *py__bytes_replace(py_obj *self, py_obj *const *args, py_ssize_t nargs);
py_obj *py__bytes_join(py_obj *sep, py_obj *iterable);
py_obj *py__bytes_hex(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
py_obj *py__bytes_decode(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
/* bytesmethods.c: the rest of the shared methods, in both method tables
 * through PY_BYTES_SHARED_METHODS_2. */
py_obj *py__bytes_center(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_ljust(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_rjust(py_obj *s, py_obj *const *a, py_ssize_t n);
py_obj *py__bytes_zfill(py_obj *self, py_obj *arg);
py_obj *py__bytes_expandtabs(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
py_obj *py__bytes_istitle(py_obj *self, py_obj *u);
py_obj *py__bytes_partition(py_obj *s, py_obj *sep);
py_obj *py__bytes_rpartition(py_obj *s, py_obj *sep);
py_obj *py__bytes_removeprefix(py_obj *s, py_obj *a);
py_obj *py__bytes_removesuffix(py_obj *s, py_obj *a);
py_obj *py__bytes_splitlines(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
py_obj *py__bytes_translate(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
py_obj *py__bytes_maketrans(py_obj *null, py_obj *const *args, py_ssize_t nargs);
py_obj *py__bytes_bytes(py_obj *self, py_obj *u);
#define PY_BYTES_SHARED_METHODS_2                                                                 \
    {"center", {.fast = py__bytes_center}, PY_METH_FASTCALL, "Return a centered string of length width."}, \
    {"ljust", {.fast = py__bytes_ljust}, PY_METH_FASTCALL, "Return a left-justified string of length width."}, \
    {"rjust", {.fast = py__bytes_rjust}, PY_METH_FASTCALL, "Return a right-justified string of length width."}, \
    {"zfill", {.o = py__bytes_zfill}, PY_METH_O, "Pad a numeric string with zeros on the left."},   \
    {"expandtabs", {.fast_kw = py__bytes_expandtabs}, PY_METH_FASTCALL | PY_METH_KEYWORDS,        \
     "Return a copy where all tab characters are expanded using spaces."},                       \
    {"istitle", {.o = py__bytes_istitle}, PY_METH_NOARGS, "Return True if B is a titlecased string."}, \
    {"partition", {.o = py__bytes_partition}, PY_METH_O, "Partition the bytes into three parts."}, \
    {"rpartition", {.o = py__bytes_rpartition}, PY_METH_O, "Partition the bytes into three parts."}, \
    {"removeprefix", {.o = py__bytes_removeprefix}, PY_METH_O, "Return a bytes without the prefix."}, \
    {"removesuffix", {.o = py__bytes_removesuffix}, PY_METH_O, "Return a bytes without the suffix."}, \
    {"splitlines", {.fast_kw = py__bytes_splitlines}, PY_METH_FASTCALL | PY_METH_KEYWORDS,        \
     "Return a list of the lines in the bytes, breaking at line boundaries."},                   \
    {"translate", {.fast_kw = py__bytes_translate}, PY_METH_FASTCALL | PY_METH_KEYWORDS,          \
     "Return a copy with each character mapped by the given translation table."},                \
    {"maketrans", {.fast = py__bytes_maketrans}, PY_METH_FASTCALL | PY_METH_STATIC,               \
     "Return a translation table useable for the bytes or bytearray translate method."}
/* The buffer protocol (abstract.c's PyObject_GetBuffer family, here). */
int py_object_check_buffer(py_obj *o);
/* 0, or -1 with TypeError "a bytes-like object is required, not 'T'". */
int py_object_get_buffer(py_obj *o, py_buffer *view, int flags);
void py_buffer_release(py_buffer *view);
/* PyBuffer_FillInfo for exporters: 0 or -1 (BufferError if a writable
 * view of read-only memory is asked). */
int py_buffer_fill_info(py_buffer *view, py_obj *obj, void *buf, py_ssize_t len, int readonly, int flags);
/* Codecs (utf-8, ascii, latin-1 under their usual names; errors strict,
 * ignore, replace): str.encode and bytes.decode.  NULL encoding: utf-8. */
py_obj *py_unicode_decode(const char *s, py_ssize_t size, const char *encoding, const char *errors);
py_obj *py_unicode_as_encoded_string(py_obj *str, const char *encoding, const char *errors);

/* ====================================================================== */
/* bytearray.c                                                             */
/* ====================================================================== */

/* bytearray (PyByteArrayObject, 56 bytes, not GC): a heap block of
 * ob_alloc bytes holding the data at ob_start (deleting from the front
 * moves ob_start), NUL-terminated; ob_exports counts lent buffers (no
 * resize while > 0). */
typedef struct py_bytearray_object {
    RG_VAROBJECT_HEAD;     /* ob_size: the length */
    py_ssize_t ob_alloc;   /* bytes in ob_bytes (0: no block) */
    char *ob_bytes;
    char *ob_start;        /* the logical start within ob_bytes */
    py_ssize_t ob_exports;
} py_bytearray_object;
extern py_typeinfo py_bytearray_info, py_bytearray_iter_info;
extern char py_bytearray_empty_string[1];
static inline int py_bytearray_check(const py_obj *o) { return py_object_type_check(o, &py_bytearray_info); }
static inline int py_bytearray_check_exact(const py_obj *o) { return py_is_type(o, &py_bytearray_info); }
static inline py_ssize_t py_bytearray_size(const py_obj *o) { return ((const rg_varobject *)o)->size; }
static inline char *py_bytearray_as_string(py_obj *o)
{
    return py_bytearray_size(o) ? ((py_bytearray_object *)o)->ob_start : py_bytearray_empty_string;
}
/* bytearray of n bytes copied from s (s NULL: zeroed). */
py_obj *py_bytearray_from_string_and_size(const char *s, py_ssize_t n);
/* PyByteArray_Resize (3.11's growth: 1/8 over-allocation, exact for big
 * jumps, exact shrink below half); 0 or -1 (BufferError while exported). */
int py_bytearray_resize(py_obj *self, py_ssize_t size);

/* ====================================================================== */
/* builtin_iters.c                                                         */
/* ====================================================================== */

/* enumerate, reversed, zip, map, filter (the builtins module binds their
 * type objects). */
extern py_typeinfo py_enum_info, py_reversed_info, py_zip_info, py_map_info, py_filter_info;

/* ====================================================================== */
/* genericalias.c                                                          */
/* ====================================================================== */

/* types.GenericAlias and types.UnionType. */
extern py_typeinfo py_generic_alias_info, py_union_info;
/* Py_GenericAlias(origin, args): origin[args] (args a tuple or one item). */
py_obj *py_generic_alias_new(py_obj *origin, py_obj *args);
/* The __class_getitem__ of list, dict, tuple, set ... (PY_METH_O |
 * PY_METH_CLASS): cls[args]. */
py_obj *py_generic_alias_class_getitem(py_obj *cls, py_obj *args);
/* _Py_union_type_or: a | b for types, None, aliases and unions (else
 * NotImplemented). */
py_obj *py_union_type_or(py_obj *a, py_obj *b);
static inline int py_union_check(const py_obj *o) { return py_is_type(o, &py_union_info); }
/* A union's args tuple (borrowed). */
py_obj *py_union_args(py_obj *u);

/* ====================================================================== */
/* set.c                                                                   */
/* ====================================================================== */

/* set and frozenset (PySetObject): an open-addressing table of (key, hash)
 * entries, inline while it has 8 slots.  Unused: key NULL, hash 0; dummy
 * (deleted): a private key, hash -1. */
#define PY_SET_MINSIZE 8
typedef struct py_set_entry {
    py_obj *key;
    py_hash_t hash;
} py_set_entry;
typedef struct py_set_object {
    RG_OBJECT_HEAD;
    py_ssize_t fill;   /* active + dummy entries */
    py_ssize_t used;   /* active entries: len() */
    py_ssize_t mask;   /* slots - 1 */
    py_set_entry *table; /* smalltable or a heap block */
    py_hash_t hash;    /* frozenset's cached hash, -1 unknown */
    py_ssize_t finger; /* where pop() looks next */
    py_set_entry smalltable[PY_SET_MINSIZE];
    rg_weakref *weakreflist;
} py_set_object;
extern py_typeinfo py_set_info, py_frozenset_info, py_set_iter_info;
static inline int py_set_check_exact(const py_obj *o) { return py_is_type(o, &py_set_info); }
static inline int py_frozenset_check_exact(const py_obj *o) { return py_is_type(o, &py_frozenset_info); }
static inline int py_set_check(const py_obj *o) { return py_object_type_check(o, &py_set_info); }
static inline int py_any_set_check_exact(const py_obj *o) { return py_set_check_exact(o) || py_frozenset_check_exact(o); }
static inline int py_any_set_check(const py_obj *o)
{
    return py_any_set_check_exact(o) || py_object_type_check(o, &py_set_info) ||
           py_object_type_check(o, &py_frozenset_info);
}
static inline py_ssize_t py_set_size(const py_obj *s) { return ((const py_set_object *)s)->used; }
/* set(iterable) / frozenset(iterable); NULL iterable: empty. */
py_obj *py_set_new(py_obj *iterable);
py_obj *py_frozenset_new(py_obj *iterable);
/* PySet_Add (also a frozenset being built, refcount 1): 0 or -1. */
int py_set_add(py_obj *set, py_obj *key);
/* 1 / 0 / -1 (no frozenset retry for set keys, as PySet_Contains). */
int py_set_contains(py_obj *anyset, py_obj *key);
/* 1 found and removed / 0 absent / -1. */
int py_set_discard(py_obj *set, py_obj *key);
/* set |= iterable (BUILD_SET / SET_UPDATE): 0 or -1. */
int py_set_update(py_obj *set, py_obj *iterable);
int py_set_clear(py_obj *set);
py_obj *py_set_pop(py_obj *set);
/* _PySet_NextEntry: borrowed key and its hash; 0 at the end. */
int py_set_next_entry(py_obj *set, py_ssize_t *pos, py_obj **key, py_hash_t *hash);

/* ====================================================================== */
/* slice.c                                                                 */
/* ====================================================================== */

typedef struct py_slice_object {
    RG_OBJECT_HEAD;
    py_obj *start, *stop, *step; /* never NULL */
} py_slice_object;
extern py_typeinfo py_slice_info;
static inline int py_slice_check(const py_obj *o) { return py_is_type(o, &py_slice_info); }
/* slice(start, stop, step); NULL arguments mean None. */
py_obj *py_slice_new(py_obj *start, py_obj *stop, py_obj *step);
/* The one-slice cache: filled by py_interp_new, freed by py_interp_delete. */
int py_slice_init(void);
void py_slice_fini(void);
/* PySlice_Unpack: the indices (clipped to PY_SSIZE_T bounds); -1 error. */
int py_slice_unpack(py_obj *slice, py_ssize_t *start, py_ssize_t *stop, py_ssize_t *step);
/* PySlice_AdjustIndices: clip to a sequence of length; the item count. */
py_ssize_t py_slice_adjust_indices(py_ssize_t length, py_ssize_t *start, py_ssize_t *stop, py_ssize_t step);

/* ====================================================================== */
/* range.c, module.c                                                       */
/* ====================================================================== */

extern py_typeinfo py_range_info, py_range_iter_info, py_longrange_iter_info, py_module_info;
static inline int py_module_check(const py_obj *o) { return py_object_type_check(o, &py_module_info); }
/* A module named name (a str) with CPython's five dict entries. */
py_obj *py_module_new(py_obj *name);
/* Its dict (borrowed). */
py_obj *py_module_get_dict(py_obj *m);

/* ====================================================================== */
/* complex.c                                                               */
/* ====================================================================== */

/* complex (PyComplexObject): 32 bytes, not GC, no free list. */
typedef struct py_complex {
    double real, imag;
} py_complex;
typedef struct py_complex_object {
    RG_OBJECT_HEAD;
    py_complex cval;
} py_complex_object;
extern py_typeinfo py_complex_info;
static inline int py_complex_check_exact(const py_obj *o) { return py_is_type(o, &py_complex_info); }
static inline int py_complex_check(const py_obj *o) { return py_object_type_check(o, &py_complex_info); }
/* PyComplex_FromDoubles: a new complex (the compiler's imaginary literal
 * 2j is py_complex_from_doubles(0.0, 2.0)). */
py_obj *py_complex_from_doubles(double real, double imag);
py_obj *py_complex_from_ccomplex(py_complex c);
/* The value of a complex, or of a real number (imag 0); real -1.0 with an
 * exception on error. */
py_complex py_complex_as_ccomplex(py_obj *o);
/* complex's nb_power (also float ** float for a negative base and a
 * fractional exponent, as 3.11's float_pow). */
py_obj *py_complex_pow(py_obj *v, py_obj *w, py_obj *z);

/* ====================================================================== */
/* float.c, cell.c                                                         */
/* ====================================================================== */

py_obj *py_float_from_double(double v);
/* The value of a float (or __float__ / __index__ of anything); -1.0 with
 * an exception on error. */
double py_float_as_double(py_obj *o);
static inline double py_float_as_double_exact(const py_obj *o) { return ((const py_float_object *)o)->ob_fval; }
/* A cell holding obj (may be NULL). */
py_obj *py_cell_new(py_obj *obj);
/* The cell's content (borrowed; NULL when empty). */
py_obj *py_cell_get(py_obj *cell);
/* Set (new reference taken; NULL empties it); -1 if not a cell. */
int py_cell_set(py_obj *cell, py_obj *obj);
extern py_typeinfo py_cell_info;

/* ====================================================================== */
/* dict.c, dictops.c (dictimpl.h is the engine's private interface)       */
/* ====================================================================== */

py_obj *py_dict_new(void);
/* A dict with room for minused entries without resizing. */
py_obj *py_dict_new_presized(py_ssize_t minused);
/* Borrowed value, NULL if absent or on error (exception set only on error). */
py_obj *py_dict_get_item_with_error(py_obj *d, py_obj *key);
py_obj *py_dict_get_item_known_hash(py_obj *d, py_obj *key, py_hash_t hash);
py_obj *py_dict_get_item_string(py_obj *d, const char *key);
int py_dict_set_item(py_obj *d, py_obj *key, py_obj *value);
int py_dict_set_item_string(py_obj *d, const char *key, py_obj *value);
/* Steals key and value (even on failure). */
int py_dict_set_item_steal(py_obj *d, py_obj *key, py_obj *value);
/* -1 with KeyError when absent. */
int py_dict_del_item(py_obj *d, py_obj *key);
int py_dict_del_item_string(py_obj *d, const char *key);
/* 1, 0, -1. */
int py_dict_contains(py_obj *d, py_obj *key);
static inline py_ssize_t py_dict_size(const py_obj *d) { return ((const py_dict_object *)d)->ma_used; }
/* Iterate: *pos starts at 0; borrowed key/value; 0 at the end. */
int py_dict_next(py_obj *d, py_ssize_t *pos, py_obj **key, py_obj **value);
/* Reverse iteration (dictreviter): start at py_dict_last_position(d);
 * py_dict_prev gives the live entry at or before *pos (borrowed) and moves
 * *pos before it; 0 when none is left. */
py_ssize_t py_dict_last_position(py_obj *d);
int py_dict_prev(py_obj *d, py_ssize_t *pos, py_obj **key, py_obj **value);
void py_dict_clear(py_obj *d);
py_obj *py_dict_copy(py_obj *d);
/* d.update(other) (a dict or a mapping with keys()); override 0: keep
 * existing keys. */
int py_dict_merge(py_obj *d, py_obj *other, int override);
/* d.pop(key[, dflt]): dflt NULL raises KeyError. */
py_obj *py_dict_pop(py_obj *d, py_obj *key, py_obj *dflt);
/* d.popitem(): the last (key, value) tuple; KeyError when empty. */
py_obj *py_dict_popitem(py_obj *d);
/* d.setdefault(key, dflt) (borrowed result). */
py_obj *py_dict_set_default(py_obj *d, py_obj *key, py_obj *dflt);
/* __sizeof__ of a dict (CPython's _PyDict_SizeOf). */
py_ssize_t py_dict_sizeof(py_obj *d);
/* Untrack d if nothing it holds can be tracked (_PyDict_MaybeUntrack). */
void py_dict_maybe_untrack(py_obj *d);
/* The geometry, for tests: log2 of the table size (0 for the shared
 * empty keys), usable slots left, entries used, unicode-only. */
void py_dict_geometry(py_obj *d, int *log2_size, py_ssize_t *usable, py_ssize_t *nentries, int *unicode);
/* Free the keys free list (at full collections and teardown). */
void py_dict_clear_keys_free_list(py_interp *interp);
/* dict(**kw) from vectorcall kwnames + values. */
py_obj *py_dict_from_kwnames(py_obj *const *values, py_obj *kwnames);
/* d.keys() / d.values() / d.items() views (PyDict_Keys etc. would be lists). */
py_obj *py_dict_keys_view(py_obj *d);
py_obj *py_dict_values_view(py_obj *d); /* dict_values view */
py_obj *py_dict_items_view(py_obj *d);  /* dict_items view */

/* ---- dict internals (dict.c), shared with dicttype.c, object.c,
 * typeobject.c and typenew.c (instances' inline values) ---------------- */

#define PY_DICT_MINSIZE 8
#define PY_DICT_LOG_MINSIZE 3
#define PY_USABLE_FRACTION(n) (((n) << 1) / 3)
#define PY_SHARED_KEYS_MAX_SIZE 30
#define PY_NEXT_LOG2_SHARED_KEYS_MAX_SIZE 6
enum { PY_DKIX_EMPTY = -1, PY_DKIX_DUMMY = -2, PY_DKIX_ERROR = -3, PY_DKIX_KEY_CHANGED = -4 };
enum { PY_DICT_KEYS_GENERAL = 0, PY_DICT_KEYS_UNICODE = 1, PY_DICT_KEYS_SPLIT = 2 };

/* PyDictKeysObject: 32 bytes, then 2**dk_log2_index_bytes bytes of
 * indices, then USABLE_FRACTION(size) entries. */
struct py_dict_keys_object {
    py_ssize_t dk_refcnt;
    uint8_t dk_log2_size;
    uint8_t dk_log2_index_bytes;
    uint8_t dk_kind;
    uint32_t dk_version;
    py_ssize_t dk_usable;   /* entries that can still be added */
    py_ssize_t dk_nentries; /* entries used (deleted ones included) */
    char dk_indices[];
};
typedef struct py_dict_key_entry {
    py_hash_t me_hash;
    py_obj *me_key;
    py_obj *me_value;
} py_dict_key_entry;
typedef struct py_dict_unicode_entry {
    py_obj *me_key;
    py_obj *me_value; /* unused (NULL) in split tables */
} py_dict_unicode_entry;
/* A values array (split tables, instances): its insertion order lives in
 * a prefix before it (dict.c). */
struct py_dict_values_array {
    py_obj *values[1];
};

/* The managed-dict pre-header of instances of MANAGED_DICT types:
 * [values* @-32][dict* @-24][GC header @-16][object]. */
static inline py_dict_values_array **py_object_values_ptr(py_obj *o)
{
    return (py_dict_values_array **)(void *)((char *)o - 4 * sizeof(void *));
}
static inline py_obj **py_object_managed_dict_ptr(py_obj *o)
{
    return (py_obj **)(void *)((char *)o - 3 * sizeof(void *));
}

/* _PyDict_KeysSize: bytes of a keys object. */
size_t py_dict_keys_size(py_dict_keys_object *keys);
void py_dict_keys_decref(py_dict_keys_object *keys);
/* A class's shared keys (64 slots, 30 names at most); NULL if no memory
 * (no exception: the class just has none). */
py_dict_keys_object *py_dict_new_keys_for_class(void);
py_ssize_t py_dict_keys_string_lookup(py_dict_keys_object *dk, py_obj *key);
/* A split dict on keys (a reference is taken). */
py_obj *py_dict_new_with_shared_keys(py_dict_keys_object *keys);
/* An instance's values array, sized from its class's keys (which shrink
 * by one slot per instance, as 3.11's). */
int py_object_init_inline_values(py_obj *obj, py_dict_keys_object *keys);
py_obj *py_object_make_dict_from_instance_attributes(py_dict_keys_object *keys, py_dict_values_array *values);
/* Store (value NULL: delete) an attribute in an instance's values, or in
 * its dict made from them when the keys are full or name is no str. */
int py_object_store_instance_attribute(py_obj *obj, py_dict_keys_object *keys, py_dict_values_array *values,
                                       py_obj *name, py_obj *value);
/* New reference or NULL (absent; no exception). */
py_obj *py_object_get_instance_attribute(py_dict_keys_object *keys, py_dict_values_array *values, py_obj *name);
void py_object_free_instance_attributes(py_obj *self, py_dict_keys_object *keys);
int py_object_visit_instance_attributes(py_obj *self, py_dict_keys_object *keys, rg_visitproc visit, void *arg);
void py_object_clear_instance_attributes(py_obj *self, py_dict_keys_object *keys);
int py_object_is_instance_dict_empty(py_obj *self, py_dict_keys_object *keys);
/* Lower-level dict entry points (known hashes, iteration with hashes). */
int py_dict_next_with_hash(py_obj *d, py_ssize_t *pos, py_obj **key, py_obj **value, py_hash_t *hash);
int py_dict_contains_known_hash(py_obj *d, py_obj *key, py_hash_t hash);
int py_dict_del_item_known_hash(py_obj *d, py_obj *key, py_hash_t hash);
int py_dict_set_item_known_hash(py_obj *d, py_obj *key, py_obj *value, py_hash_t hash);
/* A dict of length items keys[i*keys_offset] -> values[i*values_offset]
 * (_PyDict_FromItems: presized, unicode-only when the keys are strs). */
py_obj *py_dict_from_items(py_obj *const *keys, py_ssize_t keys_offset, py_obj *const *values,
                           py_ssize_t values_offset, py_ssize_t length);
/* An empty dict object that never comes from the free list (CPython's
 * PyObject_GC_New in the split-table copy); its fields are zero. */
py_obj *py_dict_alloc_no_freelist(void);
/* Give a freshly allocated dict object the shared empty keys. */
void py_dict_init_empty(py_obj *d);
/* The dict type's engine hooks (py_dict_info is defined in dicttype.c). */
int py_dict_traverse(py_obj *op, rg_visitproc visit, void *arg);
int py_dict_tp_clear(py_obj *op);
void py_dict_dealloc(py_obj *op);
int py_dict_may_untrack(py_obj *op);
void py_dict_init_static(void);

/* errors.c: the C stack guard for recursive C paths CPython leaves
 * unguarded (map/zip/filter/enumerate/reversed next, tuple hash): -1 with
 * RecursionError "maximum recursion depth exceeded<where>" when the
 * thread's C stack is nearly used up; the recursion counter is untouched. */
int py_c_stack_check(const char *where);

/* _PyLong_AsInt through __index__ (Argument Clinic's `int` converter):
 * 0 and *out, or -1 with TypeError / OverflowError (int.c). */
int py_index_as_int(py_obj *o, int *out);

/* A static ASCII str (3.11's _Py_ID-like constants outside the interned
 * table): lookups by value work (hash, then compare); never freed, never
 * stored as a key. */
#define PY_STATIC_ASCII_STR(var, text)                                                             \
    static py_static_str var = {                                                                   \
        .ob = {.ob_base = {.refcnt = PY_STATIC_REFCNT, .type = &py_str_info.rt},                   \
               .length = sizeof(text) - 1,                                                         \
               .hash = -1,                                                                         \
               .state = {.interned = PY_SSTATE_NOT_INTERNED, .kind = 1, .compact = 1, .ascii = 1,  \
                         .ready = 1}},                                                             \
        .data = text}

#endif /* PY_OBJTYPES_H */
