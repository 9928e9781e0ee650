/*
 * code.c -- code objects (CPython 3.11's Objects/codeobject.c): the type,
 * its constructor, and the decoders of its two tables.
 *
 * Owns: py_code_new (validation, interning of names and name-like string
 * constants as 3.11's _PyCode_New does, the derived counts), the `code`
 * type (repr, dealloc, weak references, read-only co_* attributes,
 * co_code made once and cached in _co_code, co_varnames/co_cellvars/
 * co_freevars, co_lines(), co_positions(), _varname_from_oparg,
 * __sizeof__ as 3.11), the location table decoder (PEP 626/657 format:
 * py_code_addr2location, py_code_addr2line) and the exception table
 * lookup (py_code_exception_handler).
 *
 * Invariants: see code.h.  Code objects are not GC objects (3.11's are
 * not either); their instructions live inline after the struct.
 */
#include "lang/code.h"
#include "lang/compile.h" /* pyc_code_equal */

/* ====================================================================== */
/* Construction                                                            */
/* ====================================================================== */

/* Is s a str made only of ASCII letters, digits and '_' (all_name_chars)? */
static int all_name_chars(py_obj *s)
{
    if (!py_unicode_check_exact(s) || !py_unicode_is_ascii(s)) return 0;
    const unsigned char *p = py_unicode_data(s);
    for (py_ssize_t i = 0, n = py_unicode_get_length(s); i < n; i++) {
        unsigned char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return 0;
    }
    return 1;
}

/* Intern every str of a tuple of names (intern_strings). */
static int intern_names(py_obj *tuple)
{
    for (py_ssize_t i = py_tuple_size(tuple); --i >= 0;) {
        py_obj **slot = &py_tuple_items(tuple)[i];
        if (*slot == NULL || !py_unicode_check_exact(*slot)) {
            py_err_set_string(py_exc_SystemError, "non-string found in code slot");
            return -1;
        }
        py_unicode_intern_in_place(slot);
    }
    return 0;
}

/* Intern the name-like strs of a constants tuple, recursively through
 * nested tuples and frozensets (intern_string_constants): 1 if an item
 * changed, 0 if not, -1 on error. */
static int intern_constants(py_obj *tuple)
{
    int modified = 0;
    for (py_ssize_t i = py_tuple_size(tuple); --i >= 0;) {
        py_obj **slot = &py_tuple_items(tuple)[i];
        if (py_unicode_check_exact(*slot)) {
            if (all_name_chars(*slot)) {
                py_obj *before = *slot;
                py_unicode_intern_in_place(slot);
                if (*slot != before) modified = 1;
            }
        } else if (py_tuple_check_exact(*slot)) {
            int r = intern_constants(*slot);
            if (r < 0) return -1;
            modified |= r;
        } else if (py_frozenset_check_exact(*slot)) {
            /* interned items need a new frozenset */
            py_obj *tmp = py_sequence_tuple(*slot);
            if (tmp == NULL) return -1;
            int r = intern_constants(tmp);
            if (r > 0) {
                py_obj *fs = py_frozenset_new(tmp);
                if (fs == NULL) r = -1;
                else PY_SETREF(*slot, fs);
                modified = 1;
            }
            rg_decref(tmp);
            if (r < 0) return -1;
        }
    }
    return modified;
}

/* The byte size of a code object of n units (_PyObject_VAR_SIZE). */
static size_t code_var_size(py_ssize_t n)
{
    size_t sz = offsetof(py_code_object, co_code_adaptive) + (size_t)n * sizeof(py_codeunit);
    return (sz + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
}

/* Check what _PyCode_Validate checks; -1 with ValueError/SystemError. */
static int code_validate(const py_code_constructor *con)
{
    if (con->filename == NULL || !py_unicode_check(con->filename) || con->name == NULL ||
        !py_unicode_check(con->name) || con->qualname == NULL || !py_unicode_check(con->qualname) ||
        con->consts == NULL || !py_tuple_check(con->consts) || con->names == NULL ||
        !py_tuple_check(con->names) || con->localsplusnames == NULL ||
        !py_tuple_check(con->localsplusnames) || con->localspluskinds == NULL ||
        !py_bytes_check(con->localspluskinds) || con->linetable == NULL ||
        !py_bytes_check(con->linetable) || con->exceptiontable == NULL ||
        !py_bytes_check(con->exceptiontable) || con->code == NULL || con->ncode <= 0) {
        py_err_bad_internal_call();
        return -1;
    }
    if (py_tuple_size(con->localsplusnames) != py_bytes_size(con->localspluskinds)) {
        py_err_set_string(py_exc_ValueError, "code: localsplusnames and localspluskinds differ in size");
        return -1;
    }
    if (con->argcount < con->posonlyargcount || con->posonlyargcount < 0 || con->kwonlyargcount < 0) {
        py_err_set_string(py_exc_ValueError, "code: argcount must not be negative");
        return -1;
    }
    int nlocals = 0;
    const unsigned char *kinds = (const unsigned char *)py_bytes_as_string(con->localspluskinds);
    for (py_ssize_t i = 0; i < py_bytes_size(con->localspluskinds); i++)
        if (kinds[i] & PY_CO_FAST_LOCAL) nlocals++;
    int nargs = con->argcount + con->kwonlyargcount + ((con->flags & PY_CO_VARARGS) != 0) +
                ((con->flags & PY_CO_VARKEYWORDS) != 0);
    if (nlocals < nargs) {
        py_err_set_string(py_exc_ValueError, "code: co_varnames is too small");
        return -1;
    }
    return 0;
}

/* A code object from a constructor (3.11's _PyCode_New); see code.h. */
py_obj *py_code_new(const py_code_constructor *con)
{
    if (code_validate(con) < 0) return NULL;
    if (intern_names(con->names) < 0 || intern_names(con->localsplusnames) < 0) return NULL;
    if (intern_constants(con->consts) < 0) return NULL;

    py_code_object *co = (py_code_object *)rg_new_var(py_heap(), &py_code_info.rt, (size_t)con->ncode);
    if (co == NULL) return py_err_no_memory();
    co->co_filename = py_new_ref(con->filename);
    co->co_name = py_new_ref(con->name);
    co->co_qualname = py_new_ref(con->qualname);
    co->co_flags = con->flags;
    co->co_firstlineno = con->firstlineno;
    co->co_linetable = py_new_ref(con->linetable);
    co->co_consts = py_new_ref(con->consts);
    co->co_names = py_new_ref(con->names);
    co->co_localsplusnames = py_new_ref(con->localsplusnames);
    co->co_localspluskinds = py_new_ref(con->localspluskinds);
    co->co_argcount = con->argcount;
    co->co_posonlyargcount = con->posonlyargcount;
    co->co_kwonlyargcount = con->kwonlyargcount;
    co->co_stacksize = con->stacksize;
    co->co_exceptiontable = py_new_ref(con->exceptiontable);

    const unsigned char *kinds = (const unsigned char *)py_bytes_as_string(con->localspluskinds);
    int n = (int)py_bytes_size(con->localspluskinds);
    co->co_nlocalsplus = n;
    for (int i = 0; i < n; i++) {
        if (kinds[i] & PY_CO_FAST_LOCAL) co->co_nlocals++;
        if (kinds[i] & PY_CO_FAST_CELL) {
            co->co_ncellvars++;
            if (!(kinds[i] & PY_CO_FAST_LOCAL)) co->co_nplaincellvars++;
        }
        if (kinds[i] & PY_CO_FAST_FREE) co->co_nfreevars++;
    }
    memcpy(co->co_code_adaptive, con->code, (size_t)con->ncode * sizeof(py_codeunit));
    /* 3.11: the index of the RESUME that ends the prologue. */
    int entry = 0;
    while (entry < con->ncode && PY_OPCODE(con->code[entry]) != OP_RESUME) entry++;
    co->_co_firsttraceable = entry;
    return (py_obj *)co;
}

/* ====================================================================== */
/* The type                                                                */
/* ====================================================================== */

#define CODE(o) ((py_code_object *)(o))

/* Release everything; weak references first (code_dealloc). */
static void code_dealloc(py_obj *self)
{
    py_code_object *co = CODE(self);
    if (co->co_weakreflist != NULL) rg_clear_weakrefs(self);
    rg_xdecref(co->co_consts);
    rg_xdecref(co->co_names);
    rg_xdecref(co->co_localsplusnames);
    rg_xdecref(co->co_localspluskinds);
    rg_xdecref(co->co_filename);
    rg_xdecref(co->co_name);
    rg_xdecref(co->co_qualname);
    rg_xdecref(co->co_linetable);
    rg_xdecref(co->co_exceptiontable);
    rg_xdecref(co->_co_code);
    free(co->_co_linearray); /* a traced run's line cache (trace.c), C memory */
    rg_object_free(self);
}

/* <code object NAME at 0x..., file "F", line N> */
static py_obj *code_repr(py_obj *self)
{
    py_code_object *co = CODE(self);
    int line = co->co_firstlineno != 0 ? co->co_firstlineno : -1;
    return py_unicode_from_format("<code object %U at %p, file \"%U\", line %d>", co->co_name, (void *)co,
                                  co->co_filename, line);
}

/* == and != by value (code_richcompare); other comparisons NotImplemented. */
static py_obj *code_richcompare(py_obj *a, py_obj *b, int op)
{
    if ((op != PY_EQ && op != PY_NE) || !py_code_check(a) || !py_code_check(b))
        return py_new_ref(py_notimplemented);
    int eq = pyc_code_equal(CODE(a), CODE(b));
    if (eq < 0) return NULL;
    return py_bool_from_long(op == PY_EQ ? eq : !eq);
}

/* hash(code) combines what == compares (code_hash). */
static py_hash_t code_hash(py_obj *self)
{
    py_code_object *co = CODE(self);
    py_obj *parts[] = {co->co_name, co->co_consts, co->co_names, co->co_localsplusnames, co->co_linetable,
                       co->co_exceptiontable};
    py_hash_t h = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        py_hash_t x = py_object_hash(parts[i]);
        if (x == -1) return -1;
        h ^= x;
    }
    h ^= co->co_argcount ^ co->co_posonlyargcount ^ co->co_kwonlyargcount ^ co->co_flags;
    return h == -1 ? -2 : h;
}

/* __sizeof__: _PyObject_VAR_SIZE (3.11 keeps no co_extra here). */
static py_ssize_t code_sizeof(py_obj *self) { return (py_ssize_t)code_var_size(py_code_ncodeunits(CODE(self))); }

/* code.__sizeof__(). */
static py_obj *code_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(code_sizeof(self));
}

/* The names of co_localsplusnames whose kind has bit kind (get_localsplus_names). */
static py_obj *names_of_kind(py_code_object *co, int kind)
{
    const unsigned char *kinds = (const unsigned char *)py_bytes_as_string(co->co_localspluskinds);
    py_ssize_t n = 0;
    for (int i = 0; i < co->co_nlocalsplus; i++)
        if (kinds[i] & kind) n++;
    py_obj *t = py_tuple_new(n);
    if (t == NULL) return NULL;
    n = 0;
    for (int i = 0; i < co->co_nlocalsplus; i++)
        if (kinds[i] & kind) py_tuple_set(t, n++, py_new_ref(py_tuple_get(co->co_localsplusnames, i)));
    return t;
}

/* co_varnames: the names of kind LOCAL. */
static py_obj *code_get_varnames(py_obj *self, void *c)
{
    (void)c;
    return names_of_kind(CODE(self), PY_CO_FAST_LOCAL);
}

/* co_cellvars: the names of kind CELL. */
static py_obj *code_get_cellvars(py_obj *self, void *c)
{
    (void)c;
    return names_of_kind(CODE(self), PY_CO_FAST_CELL);
}

/* co_freevars: the names of kind FREE. */
static py_obj *code_get_freevars(py_obj *self, void *c)
{
    (void)c;
    return names_of_kind(CODE(self), PY_CO_FAST_FREE);
}

/* co_code: the units as bytes, made once (_PyCode_GetCode caches it). */
static py_obj *code_get_code(py_obj *self, void *c)
{
    (void)c;
    py_code_object *co = CODE(self);
    if (co->_co_code == NULL) {
        py_ssize_t n = py_code_ncodeunits(co);
        py_obj *b = py_bytes_from_string_and_size(NULL, n * 2);
        if (b == NULL) return NULL;
        unsigned char *p = (unsigned char *)py_bytes_as_string(b);
        for (py_ssize_t i = 0; i < n; i++) {
            p[2 * i] = (unsigned char)PY_OPCODE(co->co_code_adaptive[i]);
            p[2 * i + 1] = (unsigned char)PY_OPARG(co->co_code_adaptive[i]);
        }
        co->_co_code = b;
    }
    return py_new_ref(co->_co_code);
}

/* A Python int, or None for -1. */
static py_obj *int_or_none(int v) { return v < 0 ? py_new_ref(py_none) : py_long_from_long(v); }

/* co_lines(): (start, end, line) in bytes, one item per entry of the
 * location table (3.11's lineiterator). */
static py_obj *code_co_lines(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_code_object *co = CODE(self);
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    py_code_entry e;
    int pos = 0;
    while (py_code_next_entry(co, &pos, &e)) {
        py_obj *a = py_long_from_long(e.start * 2), *b = py_long_from_long(e.end * 2), *l = int_or_none(e.line);
        py_obj *t = (a && b && l) ? py_tuple_pack(3, a, b, l) : NULL;
        rg_xdecref(a);
        rg_xdecref(b);
        rg_xdecref(l);
        if (t == NULL || py_list_append(list, t) < 0) {
            rg_xdecref(t);
            rg_decref(list);
            return NULL;
        }
        rg_decref(t);
    }
    py_obj *it = py_object_get_iter(list);
    rg_decref(list);
    return it;
}

/* co_positions(): (line, end_line, col, end_col) per code unit. */
static py_obj *code_co_positions(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_code_object *co = CODE(self);
    py_ssize_t n = py_code_ncodeunits(co);
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    for (int i = 0; i < n; i++) {
        int v[4];
        if (!py_code_addr2location(co, i, &v[0], &v[1], &v[2], &v[3])) v[0] = v[1] = v[2] = v[3] = -1;
        py_obj *t = py_tuple_new(4);
        if (t == NULL) goto fail;
        for (int k = 0; k < 4; k++) {
            py_obj *x = int_or_none(v[k]);
            if (x == NULL) {
                rg_decref(t);
                goto fail;
            }
            py_tuple_set(t, k, x);
        }
        int r = py_list_append(list, t);
        rg_decref(t);
        if (r < 0) goto fail;
    }
    py_obj *it = py_object_get_iter(list);
    rg_decref(list);
    return it;
fail:
    rg_decref(list);
    return NULL;
}

/* _varname_from_oparg(i): co_localsplusnames[i]. */
static py_obj *code_varname_from_oparg(py_obj *self, py_obj *arg)
{
    py_ssize_t i = py_long_as_ssize_t(arg);
    if (i == -1 && py_err_occurred()) return NULL;
    py_obj *names = CODE(self)->co_localsplusnames;
    if (i < 0 || i >= py_tuple_size(names)) {
        py_err_set_string(py_exc_IndexError, "tuple index out of range");
        return NULL;
    }
    return py_new_ref(py_tuple_get(names, i));
}

static const py_member_def code_members[] = {
    {"co_argcount", PY_T_INT, offsetof(py_code_object, co_argcount), PY_READONLY, NULL},
    {"co_posonlyargcount", PY_T_INT, offsetof(py_code_object, co_posonlyargcount), PY_READONLY, NULL},
    {"co_kwonlyargcount", PY_T_INT, offsetof(py_code_object, co_kwonlyargcount), PY_READONLY, NULL},
    {"co_stacksize", PY_T_INT, offsetof(py_code_object, co_stacksize), PY_READONLY, NULL},
    {"co_flags", PY_T_INT, offsetof(py_code_object, co_flags), PY_READONLY, NULL},
    {"co_nlocals", PY_T_INT, offsetof(py_code_object, co_nlocals), PY_READONLY, NULL},
    {"co_consts", PY_T_OBJECT, offsetof(py_code_object, co_consts), PY_READONLY, NULL},
    {"co_names", PY_T_OBJECT, offsetof(py_code_object, co_names), PY_READONLY, NULL},
    {"co_filename", PY_T_OBJECT, offsetof(py_code_object, co_filename), PY_READONLY, NULL},
    {"co_name", PY_T_OBJECT, offsetof(py_code_object, co_name), PY_READONLY, NULL},
    {"co_qualname", PY_T_OBJECT, offsetof(py_code_object, co_qualname), PY_READONLY, NULL},
    {"co_firstlineno", PY_T_INT, offsetof(py_code_object, co_firstlineno), PY_READONLY, NULL},
    {"co_linetable", PY_T_OBJECT, offsetof(py_code_object, co_linetable), PY_READONLY, NULL},
    {"co_exceptiontable", PY_T_OBJECT, offsetof(py_code_object, co_exceptiontable), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const py_getset_def code_getset[] = {
    {"co_varnames", code_get_varnames, NULL, NULL, NULL},
    {"co_cellvars", code_get_cellvars, NULL, NULL, NULL},
    {"co_freevars", code_get_freevars, NULL, NULL, NULL},
    {"co_code", code_get_code, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_method_def code_methods[] = {
    {"__sizeof__", {.o = code_sizeof_meth}, PY_METH_NOARGS, NULL},
    {"co_lines", {.o = code_co_lines}, PY_METH_NOARGS, NULL},
    {"co_positions", {.o = code_co_positions}, PY_METH_NOARGS, NULL},
    {"_varname_from_oparg", {.o = code_varname_from_oparg}, PY_METH_O, NULL},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_code_info = {
    .rt = {.name = "code",
           .size = offsetof(py_code_object, co_code_adaptive),
           .item_size = sizeof(py_codeunit),
           .dealloc = code_dealloc,
           .weaklist_offset = offsetof(py_code_object, co_weakreflist)},
    .doc = "Create a code object.  Not for the faint of heart.",
    .repr = code_repr,
    .hash = code_hash,
    .richcompare = code_richcompare,
    .sizeof_ = code_sizeof,
    .methods = code_methods,
    .members = code_members,
    .getset = code_getset,
};

/* ====================================================================== */
/* Location table (3.11's co_linetable)                                    */
/* ====================================================================== */

/* Entry kinds (the 4-bit code of an entry's first byte). */
enum { LOC_SHORT0 = 0, LOC_ONE_LINE0 = 10, LOC_ONE_LINE2 = 12, LOC_NO_COLUMNS = 13, LOC_LONG = 14, LOC_NONE = 15 };

typedef struct {
    const unsigned char *p, *end;
} loc_reader;

/* An unsigned varint: 6 bits per byte, least significant first, 0x40 = more. */
static unsigned read_varint(loc_reader *r)
{
    unsigned v = 0, shift = 0;
    while (r->p < r->end) {
        unsigned b = *r->p++;
        v |= (b & 63u) << shift;
        shift += 6;
        if (!(b & 64)) break;
    }
    return v;
}

/* A signed varint (zigzag in the low bit). */
static int read_svarint(loc_reader *r)
{
    unsigned v = read_varint(r);
    return (v & 1) ? -(int)(v >> 1) : (int)(v >> 1);
}

/* Decode the location table entry at *pos (see code.h). */
int py_code_next_entry(const py_code_object *co, int *pos, py_code_entry *e)
{
    const unsigned char *t = (const unsigned char *)py_bytes_as_string(co->co_linetable);
    loc_reader r = {t + *pos, t + py_bytes_size(co->co_linetable)};
    if (r.p >= r.end) return 0;
    /* the running line number and address carry over from the previous entry */
    int cur = *pos == 0 ? co->co_firstlineno : e->cur_line, start = *pos == 0 ? 0 : e->end;
    unsigned first = *r.p++;
    int code = (int)((first >> 3) & 15), len = (int)(first & 7) + 1;
    int l = -1, el = -1, c = -1, ec = -1;
    switch (code) {
    case LOC_NONE:
        break;
    case LOC_LONG:
        cur += read_svarint(&r);
        l = cur;
        el = cur + (int)read_varint(&r);
        c = (int)read_varint(&r) - 1;
        ec = (int)read_varint(&r) - 1;
        break;
    case LOC_NO_COLUMNS:
        cur += read_svarint(&r);
        l = el = cur;
        break;
    default:
        if (code >= LOC_ONE_LINE0 && code <= LOC_ONE_LINE2) {
            cur += code - LOC_ONE_LINE0;
            l = el = cur;
            c = r.p < r.end ? *r.p++ : 0;
            ec = r.p < r.end ? *r.p++ : 0;
        } else {
            unsigned b = r.p < r.end ? *r.p++ : 0;
            l = el = cur;
            c = code * 8 + (int)((b >> 4) & 7);
            ec = c + (int)(b & 15);
        }
        break;
    }
    e->start = start;
    e->end = start + len;
    e->line = l;
    e->end_line = el;
    e->col = c;
    e->end_col = ec;
    e->cur_line = cur;
    *pos = (int)(r.p - t);
    return 1;
}

/* The position of unit i: walk the entries up to it. */
int py_code_addr2location(const py_code_object *co, int i, int *line, int *end_line, int *col, int *end_col)
{
    *line = *end_line = *col = *end_col = -1;
    if (i < 0) return 0;
    py_code_entry e;
    int pos = 0;
    while (py_code_next_entry(co, &pos, &e)) {
        if (i < e.end) {
            *line = e.line;
            *end_line = e.end_line;
            *col = e.col;
            *end_col = e.end_col;
            return 1;
        }
    }
    return 0;
}

/* The line of unit i (-1: none). */
int py_code_addr2line(const py_code_object *co, int i)
{
    int line, end_line, col, end_col;
    if (!py_code_addr2location(co, i, &line, &end_line, &col, &end_col)) return -1;
    return line;
}

/* ====================================================================== */
/* Exception table (3.11's co_exceptiontable)                              */
/* ====================================================================== */

/* A varint of the exception table: 6 bits per byte, most significant
 * first, 0x40 = more (the 0x80 bit marks an entry's first byte). */
static int read_exc_varint(loc_reader *r)
{
    unsigned v = 0;
    while (r->p < r->end) {
        unsigned b = *r->p++;
        v = (v << 6) | (b & 63u);
        if (!(b & 64)) break;
    }
    return (int)v;
}

/* Scan the sorted exception table for the entry covering unit i. */
int py_code_exception_handler(const py_code_object *co, int i, int *target, int *depth, int *lasti)
{
    const unsigned char *t = (const unsigned char *)py_bytes_as_string(co->co_exceptiontable);
    loc_reader r = {t, t + py_bytes_size(co->co_exceptiontable)};
    while (r.p < r.end) {
        int start = read_exc_varint(&r);
        int size = read_exc_varint(&r);
        int tgt = read_exc_varint(&r);
        int dl = read_exc_varint(&r);
        if (i < start) return 0; /* entries are sorted by start */
        if (i < start + size) {
            *target = tgt;
            *depth = dl >> 1;
            *lasti = dl & 1;
            return 1;
        }
    }
    return 0;
}

/* The index of a local by identity first, then by equality. */
int py_code_local_index(const py_code_object *co, py_obj *name)
{
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        py_obj *s = py_tuple_get(co->co_localsplusnames, i);
        if (s == name) return i;
    }
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        py_obj *s = py_tuple_get(co->co_localsplusnames, i);
        if (py_unicode_check(name) && py_unicode_eq(s, name)) return i;
    }
    return -1;
}
