/*
 * str.c -- the str type (CPython 3.11's Objects/unicodeobject.c: compact
 * PEP 393 strings, and the non-compact form of str subclass instances).
 *
 * Owns: str objects and their sizes (ASCII 48-byte header + n + 1 bytes,
 * otherwise the 72-byte compact header + (n + 1) * kind bytes, so
 * sys.getsizeof gives 49 + n, 73 + n, 74 + 2n, 76 + 4n), the static
 * singletons (the empty str, the 256 one-character latin-1 strs, the
 * identifiers of py_id()), interning (3.11's mortal interning: the
 * interned dict's two references are not counted), the hash (SipHash-1-3
 * with the key PYTHONHASHSEED=0 gives: CPython's values under that seed),
 * UTF-8 conversion, PyUnicode_FromFormat, and the writer.
 *
 * Str subclass instances (unicode_subtype_new) are 3.11's non-compact
 * PyUnicodeObject: the 72-byte compact header, then a data pointer to a
 * separate rg_malloc block (80 bytes: str.__basicsize__ 80, __itemsize__
 * 0, so a plain subclass gets __weakref__ at 80, basicsize 88 and a managed
 * dict, as in 3.11; __sizeof__ 80 + (n + 1) * kind, so sys.getsizeof of
 * class S(str) instances is 113 + n... as python3).  state.compact is 0,
 * ascii/kind as canonical, utf8 NULL for ASCII (the data serves).  Exact
 * strs are allocated through str_compact_rt (the ASCII header plus one
 * byte per item) and then given py_str_info's descriptor.
 *
 * Invariants: a str is in canonical form (the smallest kind that holds its
 * largest code point; ascii set iff all code points < 128), NUL-terminated;
 * hash is -1 or the cached hash; a non-ASCII str's utf8 is NULL or an
 * rg_malloc block of the interpreter's heap owned by the str (static strs'
 * caches are freed at interpreter teardown, py_str_fini).
 *
 * Must not: allocate scratch memory on the heap for building strings (the
 * writer uses the C library's malloc: only results are heap objects), or
 * return a non-canonical str.
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"
#include "strimpl.h"
#include "utf8.h"

/* Functions of this file the interpreter calls at start and end. */
int py_str_init(py_interp *interp);
void py_str_fini(py_interp *interp);

/* ====================================================================== */
/* Layout helpers                                                          */
/* ====================================================================== */

#define ASCII(o) ((py_ascii_object *)(o))
#define COMPACT(o) ((py_compact_unicode_object *)(o))
/* sizeof(PyUnicodeObject): the compact header and the data pointer. */
#define NONCOMPACT_SIZE ((py_ssize_t)(sizeof(py_compact_unicode_object) + sizeof(void *)))

static void str_init_header(py_ascii_object *a, py_ssize_t length, int kind, int ascii)
{
    a->length = length;
    a->hash = -1;
    a->state.interned = PY_SSTATE_NOT_INTERNED;
    a->state.kind = (unsigned)kind;
    a->state.compact = 1;
    a->state.ascii = (unsigned)ascii;
    a->state.ready = 1;
    a->wstr = NULL;
}

/* ====================================================================== */
/* Static singletons                                                       */
/* ====================================================================== */

#define STATIC_HEAD(t) {.refcnt = PY_STATIC_REFCNT, .type = &(t).rt}

py_static_str py_empty_str_struct; /* data[0] is its NUL */

typedef struct {
    py_ascii_object ob;
    char data[2];
} ascii_char;
typedef struct {
    py_compact_unicode_object ob;
    py_ucs1 data[2];
} latin1_char;
static ascii_char ascii_chars[128];
static latin1_char latin1_chars[128];

#define PY_ID_INIT(name) .name = {.ob = {.ob_base = STATIC_HEAD(py_str_info), .length = sizeof(#name) - 1, .hash = -1, .state = {.interned = PY_SSTATE_INTERNED_IMMORTAL, .kind = 1, .compact = 1, .ascii = 1, .ready = 1}}, .data = #name},
py_identifiers py_ids = {PY_IDENTIFIERS(PY_ID_INIT)};
#undef PY_ID_INIT

/* The one-character str for a latin-1 code point (borrowed). */
static py_obj *latin1_char_obj(py_ucs4 c)
{
    return c < 128 ? (py_obj *)&ascii_chars[c].ob : (py_obj *)&latin1_chars[c - 128].ob;
}

/* Reset the static strs: counts, caches, states. */
static void static_strs_reset(void)
{
    memset(&py_empty_str_struct, 0, sizeof py_empty_str_struct);
    py_empty_str_struct.ob.ob_base.refcnt = PY_STATIC_REFCNT;
    py_empty_str_struct.ob.ob_base.type = &py_str_info.rt;
    str_init_header(&py_empty_str_struct.ob, 0, PY_UNICODE_1BYTE_KIND, 1);
    for (int c = 0; c < 128; c++) {
        ascii_char *a = &ascii_chars[c];
        a->ob.ob_base.refcnt = PY_STATIC_REFCNT;
        a->ob.ob_base.type = &py_str_info.rt;
        str_init_header(&a->ob, 1, PY_UNICODE_1BYTE_KIND, 1);
        a->data[0] = (char)c;
        a->data[1] = 0;
        latin1_char *l = &latin1_chars[c];
        l->ob._base.ob_base.refcnt = PY_STATIC_REFCNT;
        l->ob._base.ob_base.type = &py_str_info.rt;
        str_init_header(&l->ob._base, 1, PY_UNICODE_1BYTE_KIND, 0);
        l->ob.utf8 = NULL;
        l->ob.utf8_length = 0;
        l->data[0] = (py_ucs1)(c + 128);
        l->data[1] = 0;
    }
}

/* ====================================================================== */
/* Allocation                                                              */
/* ====================================================================== */

/* The engine descriptor compact strs are allocated with (py_str_info.rt
 * describes the 80-byte non-compact layout its subclasses extend). */
static const rg_type str_compact_rt = {.name = "str", .size = sizeof(py_ascii_object), .item_size = 1};

py_obj *py_unicode_new(py_ssize_t size, py_ucs4 maxchar)
{
    if (size == 0) return py_new_ref(py_empty_str);
    if (size < 0 || maxchar > 0x10ffff) {
        py_err_bad_internal_call();
        return NULL;
    }
    int kind, ascii = 0;
    size_t header;
    if (maxchar < 128) {
        kind = PY_UNICODE_1BYTE_KIND;
        ascii = 1;
        header = sizeof(py_ascii_object);
    } else {
        kind = maxchar < 256 ? PY_UNICODE_1BYTE_KIND
                             : maxchar < 65536 ? PY_UNICODE_2BYTE_KIND : PY_UNICODE_4BYTE_KIND;
        header = sizeof(py_compact_unicode_object);
    }
    if ((size_t)size > (PY_SSIZE_T_MAX - header) / (size_t)kind - 1) return py_err_no_memory();
    /* The engine's descriptor has the ASCII header as its basic size and
     * one byte per item: the rest of the header and the data are items. */
    size_t extra = header - sizeof(py_ascii_object) + ((size_t)size + 1) * (size_t)kind;
    py_obj *o = rg_new_var(py_heap(), &str_compact_rt, extra);
    if (o == NULL) return py_err_no_memory();
    o->type = &py_str_info.rt;
    str_init_header(ASCII(o), size, kind, ascii);
    /* The body is zeroed: the NUL is there already. */
    return o;
}

/* The data of a str being built (before it is shared). */
static inline void *data_of(py_obj *s) { return py_unicode_data(s); }

py_ucs4 py_unicode_max_char(py_obj *s)
{
    int kind = py_unicode_kind(s);
    if (py_unicode_is_ascii(s)) return 127;
    if (kind == PY_UNICODE_1BYTE_KIND) return 255;
    if (kind == PY_UNICODE_2BYTE_KIND) return 0xffff;
    return 0x10ffff;
}

/* The largest code point of size units of data. */
static py_ucs4 find_max_char(int kind, const void *data, py_ssize_t size)
{
    py_ucs4 m = 0;
    for (py_ssize_t i = 0; i < size; i++) {
        py_ucs4 c = py_unicode_read(kind, data, i);
        if (c > m) m = c;
    }
    return m;
}

py_obj *py_unicode_from_kind_and_data(int kind, const void *data, py_ssize_t size)
{
    if (size == 0) return py_new_ref(py_empty_str);
    py_ucs4 maxchar = find_max_char(kind, data, size);
    if (size == 1 && maxchar < 256) return py_new_ref(latin1_char_obj(maxchar));
    py_obj *s = py_unicode_new(size, maxchar);
    if (s == NULL) return NULL;
    int k = py_unicode_kind(s);
    void *d = data_of(s);
    if (k == kind) memcpy(d, data, (size_t)size * (size_t)kind);
    else
        for (py_ssize_t i = 0; i < size; i++) py_unicode_write(k, d, i, py_unicode_read(kind, data, i));
    return s;
}

py_obj *py_unicode_from_ordinal(py_ucs4 c)
{
    if (c > 0x10ffff) {
        py_err_set_string(py_exc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    if (c < 256) return py_new_ref(latin1_char_obj(c));
    return py_unicode_from_kind_and_data(PY_UNICODE_4BYTE_KIND, &c, 1);
}

py_obj *py_unicode_substring(py_obj *s, py_ssize_t start, py_ssize_t end)
{
    py_ssize_t len = py_unicode_get_length(s);
    if (start < 0) start = 0;
    if (end > len) end = len;
    if (start == 0 && end == len && py_unicode_check_exact(s)) return py_new_ref(s);
    if (start >= end) return py_new_ref(py_empty_str);
    int kind = py_unicode_kind(s);
    return py_unicode_from_kind_and_data(kind, (char *)py_unicode_data(s) + (size_t)start * (size_t)kind,
                                         end - start);
}

/* ====================================================================== */
/* UTF-8                                                                   */
/* ====================================================================== */

/* Decode one UTF-8 sequence at s[i..n): the code point, or -1 if invalid
 * (with *why set to CPython's reason). */
static int32_t utf8_decode_one(const unsigned char *s, py_ssize_t n, py_ssize_t *i, const char **why)
{
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    int len;
    int32_t cp, min;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; min = 0x10000; }
    else {
        *why = "invalid start byte";
        return -1;
    }
    if (*i + len > n) {
        *why = "unexpected end of data";
        return -1;
    }
    for (int k = 1; k < len; k++) {
        unsigned char cc = s[*i + k];
        if ((cc & 0xc0) != 0x80) {
            *why = "invalid continuation byte";
            return -1;
        }
        cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        *why = "invalid continuation byte";
        return -1;
    }
    *i += len;
    return cp;
}

py_obj *py_unicode_from_string_and_size(const char *utf8, py_ssize_t size)
{
    const unsigned char *s = (const unsigned char *)utf8;
    if (size == 0) return py_new_ref(py_empty_str);
    /* First pass: validate, count, find the widest code point. */
    py_ssize_t n = 0, i = 0;
    py_ucs4 maxchar = 0;
    int all_ascii = 1;
    for (py_ssize_t k = 0; k < size; k++)
        if (s[k] >= 0x80) {
            all_ascii = 0;
            break;
        }
    if (all_ascii) {
        if (size == 1) return py_new_ref(latin1_char_obj(s[0]));
        py_obj *o = py_unicode_new(size, 127);
        if (o == NULL) return NULL;
        memcpy(data_of(o), s, (size_t)size);
        return o;
    }
    while (i < size) {
        const char *why = NULL;
        py_ssize_t at = i;
        int32_t cp = utf8_decode_one(s, size, &i, &why);
        if (cp < 0) {
            (void)at, (void)why;
            /* The codec raises CPython's UnicodeDecodeError (range, reason). */
            return py_unicode_decode(utf8, size, "utf-8", "strict");
        }
        if ((py_ucs4)cp > maxchar) maxchar = (py_ucs4)cp;
        n++;
    }
    if (n == 1 && maxchar < 256) return py_new_ref(latin1_char_obj(maxchar));
    py_obj *o = py_unicode_new(n, maxchar);
    if (o == NULL) return NULL;
    int kind = py_unicode_kind(o);
    void *d = data_of(o);
    i = 0;
    for (py_ssize_t k = 0; k < n; k++) {
        const char *why;
        py_unicode_write(kind, d, k, (py_ucs4)utf8_decode_one(s, size, &i, &why));
    }
    return o;
}

py_obj *py_unicode_from_string(const char *utf8)
{
    return py_unicode_from_string_and_size(utf8, (py_ssize_t)strlen(utf8));
}


const char *py_unicode_as_utf8_and_size(py_obj *s, py_ssize_t *size)
{
    if (!py_unicode_check(s)) {
        py_err_bad_internal_call();
        return NULL;
    }
    if (py_unicode_is_ascii(s)) {
        if (size) *size = py_unicode_get_length(s);
        return (const char *)py_unicode_data(s);
    }
    py_compact_unicode_object *c = COMPACT(s);
    if (c->utf8 == NULL) {
        int kind = py_unicode_kind(s);
        const void *d = py_unicode_data(s);
        py_ssize_t n = py_unicode_get_length(s), bytes = 0;
        for (py_ssize_t i = 0; i < n; i++) {
            py_ucs4 ch = py_unicode_read(kind, d, i);
            if (ch >= 0xd800 && ch <= 0xdfff) {
                /* The codec raises CPython's UnicodeEncodeError (the run). */
                py_obj *never = py_unicode_as_encoded_string(s, "utf-8", "strict");
                RG_ASSERT(never == NULL);
                rg_xdecref(never);
                return NULL;
            }
            bytes += (py_ssize_t)py_utf8_len(ch);
        }
        char *buf = rg_malloc(py_heap(), (size_t)bytes + 1);
        if (buf == NULL) {
            py_err_no_memory();
            return NULL;
        }
        char *p = buf;
        for (py_ssize_t i = 0; i < n; i++) p += py_utf8_put(p, py_unicode_read(kind, d, i));
        *p = 0;
        c->utf8 = buf;
        c->utf8_length = bytes;
    }
    if (size) *size = c->utf8_length;
    return c->utf8;
}

const char *py_unicode_as_utf8(py_obj *s) { return py_unicode_as_utf8_and_size(s, NULL); }

/* ====================================================================== */
/* Hashing: SipHash-1-3 (CPython's algorithm, key 0)                       */
/* ====================================================================== */

static inline uint64_t rotl64(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

#define SIP_HALF_ROUND(a, b, c, d, s, t)                                                          \
    a += b;                                                                                       \
    c += d;                                                                                       \
    b = rotl64(b, s) ^ a;                                                                         \
    d = rotl64(d, t) ^ c;                                                                         \
    a = rotl64(a, 32);
#define SIP_ROUND(v0, v1, v2, v3)                                                                 \
    SIP_HALF_ROUND(v0, v1, v2, v3, 13, 16);                                                       \
    SIP_HALF_ROUND(v2, v1, v0, v3, 17, 21);

/* SipHash-1-3 of src with the key (k0, k1). */
static uint64_t siphash13(uint64_t k0, uint64_t k1, const void *src, size_t len)
{
    uint64_t b = (uint64_t)len << 56;
    uint64_t v0 = k0 ^ UINT64_C(0x736f6d6570736575);
    uint64_t v1 = k1 ^ UINT64_C(0x646f72616e646f6d);
    uint64_t v2 = k0 ^ UINT64_C(0x6c7967656e657261);
    uint64_t v3 = k1 ^ UINT64_C(0x7465646279746573);
    const uint8_t *in = src;
    while (len >= 8) {
        uint64_t mi;
        memcpy(&mi, in, 8); /* little-endian host */
        in += 8;
        len -= 8;
        v3 ^= mi;
        SIP_ROUND(v0, v1, v2, v3);
        v0 ^= mi;
    }
    uint64_t t = 0;
    for (size_t i = 0; i < len; i++) t |= (uint64_t)in[i] << (8 * i);
    b |= t;
    v3 ^= b;
    SIP_ROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    return (v0 ^ v1) ^ (v2 ^ v3);
}

py_hash_t py_hash_bytes(const void *data, size_t len)
{
    if (len == 0) return 0;
    py_hash_t x = (py_hash_t)siphash13(0, 0, data, len);
    return x == -1 ? -2 : x;
}

py_hash_t py_unicode_hash(py_obj *s)
{
    py_ascii_object *a = ASCII(s);
    if (a->hash != -1) return a->hash;
    a->hash = py_hash_bytes(py_unicode_data(s), (size_t)a->length * a->state.kind);
    return a->hash;
}

/* ====================================================================== */
/* Comparison                                                              */
/* ====================================================================== */

int py_unicode_eq(py_obj *s, py_obj *t)
{
    if (s == t) return 1;
    py_ssize_t n = py_unicode_get_length(s);
    if (n != py_unicode_get_length(t)) return 0;
    int kind = py_unicode_kind(s);
    if (kind != py_unicode_kind(t)) return 0;
    return memcmp(py_unicode_data(s), py_unicode_data(t), (size_t)n * (size_t)kind) == 0;
}

int py_unicode_compare(py_obj *s, py_obj *t)
{
    if (s == t) return 0;
    int k1 = py_unicode_kind(s), k2 = py_unicode_kind(t);
    const void *d1 = py_unicode_data(s), *d2 = py_unicode_data(t);
    py_ssize_t n1 = py_unicode_get_length(s), n2 = py_unicode_get_length(t);
    py_ssize_t n = n1 < n2 ? n1 : n2;
    for (py_ssize_t i = 0; i < n; i++) {
        py_ucs4 a = py_unicode_read(k1, d1, i), b = py_unicode_read(k2, d2, i);
        if (a != b) return a < b ? -1 : 1;
    }
    return n1 < n2 ? -1 : n1 > n2 ? 1 : 0;
}

int py_unicode_equal_to_ascii_string(py_obj *s, const char *ascii)
{
    if (!py_unicode_is_ascii(s)) return 0;
    size_t n = strlen(ascii);
    return (size_t)py_unicode_get_length(s) == n && memcmp(py_unicode_data(s), ascii, n) == 0;
}

py_ssize_t py_unicode_find_char(py_obj *s, py_ucs4 ch, py_ssize_t start, py_ssize_t end, int direction)
{
    py_ssize_t len = py_unicode_get_length(s);
    if (start < 0) start = 0;
    if (end > len) end = len;
    int kind = py_unicode_kind(s);
    const void *d = py_unicode_data(s);
    if (direction > 0) {
        for (py_ssize_t i = start; i < end; i++)
            if (py_unicode_read(kind, d, i) == ch) return i;
    } else {
        for (py_ssize_t i = end - 1; i >= start; i--)
            if (py_unicode_read(kind, d, i) == ch) return i;
    }
    return -1;
}

/* ====================================================================== */
/* Interning                                                               */
/* ====================================================================== */

void py_unicode_intern_in_place(py_obj **p)
{
    py_obj *s = *p;
    if (s == NULL || !py_unicode_check_exact(s)) return;
    if (ASCII(s)->state.interned) return;
    py_obj *interned = py_current->interned;
    if (interned == NULL) return;
    py_obj *t = py_dict_set_default(interned, s, s);
    if (t == NULL) {
        py_err_clear();
        return;
    }
    if (t != s) {
        rg_incref(t);
        *p = t;
        rg_decref(s);
        return;
    }
    if (s->refcnt >= PY_STATIC_REFCNT / 2) {
        /* A static str: its references need no adjusting. */
        ASCII(s)->state.interned = PY_SSTATE_INTERNED_IMMORTAL;
        return;
    }
    /* The two references of the dict (key and value) are not counted. */
    s->refcnt -= 2;
    ASCII(s)->state.interned = PY_SSTATE_INTERNED_MORTAL;
}

py_obj *py_unicode_intern_from_string(const char *cp)
{
    py_obj *s = py_unicode_from_string(cp);
    if (s == NULL) return NULL;
    py_unicode_intern_in_place(&s);
    return s;
}

/* Enter a static (immortal) str into the interned dict. */
static int intern_static(py_obj *s)
{
    if (py_dict_set_item(py_current->interned, s, s) < 0) return -1;
    ASCII(s)->state.interned = PY_SSTATE_INTERNED_IMMORTAL;
    return 0;
}

/* ====================================================================== */
/* Concatenation, join, repr                                               */
/* ====================================================================== */

py_obj *py_unicode_concat(py_obj *a, py_obj *b)
{
    if (!py_unicode_check(a) || !py_unicode_check(b)) {
        py_obj *bad = py_unicode_check(a) ? b : a;
        return py_err_format(py_exc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                             py_obj_type_name(bad));
    }
    py_ssize_t na = py_unicode_get_length(a), nb = py_unicode_get_length(b);
    if (na == 0 && py_unicode_check_exact(b)) return py_new_ref(b);
    if (nb == 0 && py_unicode_check_exact(a)) return py_new_ref(a);
    if (na > PY_SSIZE_T_MAX - nb) {
        py_err_set_string(py_exc_OverflowError, "strings are too large to concat");
        return NULL;
    }
    py_ucs4 ma = py_unicode_max_char(a), mb = py_unicode_max_char(b);
    py_obj *r = py_unicode_new(na + nb, ma > mb ? ma : mb);
    if (r == NULL) return NULL;
    int kr = py_unicode_kind(r);
    void *d = data_of(r);
    int ka = py_unicode_kind(a), kb = py_unicode_kind(b);
    const void *da = py_unicode_data(a), *db = py_unicode_data(b);
    for (py_ssize_t i = 0; i < na; i++) py_unicode_write(kr, d, i, py_unicode_read(ka, da, i));
    for (py_ssize_t i = 0; i < nb; i++) py_unicode_write(kr, d, na + i, py_unicode_read(kb, db, i));
    return r;
}

py_obj *py_unicode_join_array(py_obj *sep, py_obj *const *items, py_ssize_t n)
{
    if (n == 0) return py_new_ref(py_empty_str);
    if (n == 1 && py_unicode_check_exact(items[0])) return py_new_ref(items[0]);
    py_ssize_t seplen = sep ? py_unicode_get_length(sep) : 0, total = 0;
    py_ucs4 maxchar = sep && seplen ? py_unicode_max_char(sep) : 0;
    for (py_ssize_t i = 0; i < n; i++) {
        if (!py_unicode_check(items[i])) {
            return py_err_format(py_exc_TypeError, "sequence item %zd: expected str instance, %.80s found", i,
                                 py_obj_type_name(items[i]));
        }
        py_ssize_t l = py_unicode_get_length(items[i]);
        if (total > PY_SSIZE_T_MAX - l - (i ? seplen : 0)) {
            py_err_set_string(py_exc_OverflowError, "join() result is too long for a Python string");
            return NULL;
        }
        total += l + (i ? seplen : 0);
        py_ucs4 m = py_unicode_max_char(items[i]);
        if (m > maxchar) maxchar = m;
    }
    py_obj *r = py_unicode_new(total, maxchar);
    if (r == NULL) return NULL;
    if (total == 0) return r;
    int kr = py_unicode_kind(r);
    void *d = data_of(r);
    py_ssize_t at = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        if (i && seplen) {
            for (py_ssize_t k = 0; k < seplen; k++) py_unicode_write(kr, d, at++, py_unicode_read_char(sep, k));
        }
        py_obj *it = items[i];
        int ki = py_unicode_kind(it);
        const void *di = py_unicode_data(it);
        py_ssize_t l = py_unicode_get_length(it);
        for (py_ssize_t k = 0; k < l; k++) py_unicode_write(kr, d, at++, py_unicode_read(ki, di, k));
    }
    /* The result may be narrower than maxchar claimed (never: maxchar is
     * exact per item), so it is canonical. */
    return r;
}

py_obj *py_unicode_join(py_obj *sep, py_obj *iterable)
{
    py_obj *seq = py_sequence_tuple(iterable);
    if (seq == NULL) {
        if (py_err_exception_matches(py_exc_TypeError)) {
            py_err_clear();
            py_err_set_string(py_exc_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    py_obj *r = py_unicode_join_array(sep, py_tuple_items(seq), py_tuple_size(seq));
    rg_decref(seq);
    return r;
}

/* Is c printable, as str.isprintable decides (Unicode 14.0: not a
 * control, format, surrogate, private-use, unassigned or separator other
 * than the space)? */
static int unicode_is_printable(py_ucs4 c)
{
    if (c < 128) return c >= 0x20 && c != 0x7f;
    return py__uni_has(PY_UNI_PRINTABLE, c);
}

py_obj *py_unicode_repr(py_obj *s)
{
    py_ssize_t n = py_unicode_get_length(s);
    int kind = py_unicode_kind(s);
    const void *d = py_unicode_data(s);
    /* Quote: ' unless the string has ' and no ". */
    int squote = 0, dquote = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        py_ucs4 c = py_unicode_read(kind, d, i);
        if (c == '\'') squote = 1;
        else if (c == '"') dquote = 1;
    }
    py_ucs4 quote = (squote && !dquote) ? '"' : '\'';
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    static const char hex[] = "0123456789abcdef";
    if (py_unicode_writer_write_char(&w, quote) < 0) goto fail;
    for (py_ssize_t i = 0; i < n; i++) {
        py_ucs4 c = py_unicode_read(kind, d, i);
        char buf[12];
        int len = 0;
        if (c == quote || c == '\\') {
            buf[len++] = '\\';
            buf[len++] = (char)c;
        } else if (c == '\t') {
            buf[len++] = '\\';
            buf[len++] = 't';
        } else if (c == '\n') {
            buf[len++] = '\\';
            buf[len++] = 'n';
        } else if (c == '\r') {
            buf[len++] = '\\';
            buf[len++] = 'r';
        } else if (c < ' ' || c == 0x7f) {
            buf[len++] = '\\';
            buf[len++] = 'x';
            buf[len++] = hex[(c >> 4) & 0xf];
            buf[len++] = hex[c & 0xf];
        } else if (c < 0x7f) {
            if (py_unicode_writer_write_char(&w, c) < 0) goto fail;
            continue;
        } else if (unicode_is_printable(c)) {
            if (py_unicode_writer_write_char(&w, c) < 0) goto fail;
            continue;
        } else if (c <= 0xff) {
            buf[len++] = '\\';
            buf[len++] = 'x';
            buf[len++] = hex[(c >> 4) & 0xf];
            buf[len++] = hex[c & 0xf];
        } else if (c <= 0xffff) {
            buf[len++] = '\\';
            buf[len++] = 'u';
            for (int sh = 12; sh >= 0; sh -= 4) buf[len++] = hex[(c >> sh) & 0xf];
        } else {
            buf[len++] = '\\';
            buf[len++] = 'U';
            for (int sh = 28; sh >= 0; sh -= 4) buf[len++] = hex[(c >> sh) & 0xf];
        }
        if (py_unicode_writer_write_ascii(&w, buf, len) < 0) goto fail;
    }
    if (py_unicode_writer_write_char(&w, quote) < 0) goto fail;
    return py_unicode_writer_finish(&w);
fail:
    py_unicode_writer_dealloc(&w);
    return NULL;
}

/* ====================================================================== */
/* The writer                                                              */
/* ====================================================================== */

void py_unicode_writer_init(py_unicode_writer *w)
{
    w->buf = NULL;
    w->len = w->cap = 0;
    w->maxchar = 0;
}

void py_unicode_writer_dealloc(py_unicode_writer *w)
{
    free(w->buf);
    py_unicode_writer_init(w);
}

/* Room for n more code points. */
static int writer_reserve(py_unicode_writer *w, py_ssize_t n)
{
    if (w->len + n <= w->cap) return 0;
    py_ssize_t cap = w->cap ? w->cap : 64;
    while (cap < w->len + n) {
        /* Scratch of 1 TiB or more: MemoryError without asking malloc (no
         * machine has it; sanitizers abort on such requests). */
        if (cap >= ((py_ssize_t)1 << 40) / (py_ssize_t)(2 * sizeof(py_ucs4))) {
            py_err_no_memory();
            return -1;
        }
        cap *= 2;
    }
    py_ucs4 *b = realloc(w->buf, (size_t)cap * sizeof(py_ucs4));
    if (b == NULL) {
        py_err_no_memory();
        return -1;
    }
    w->buf = b;
    w->cap = cap;
    return 0;
}

int py_unicode_writer_write_char(py_unicode_writer *w, py_ucs4 c)
{
    if (writer_reserve(w, 1) < 0) return -1;
    w->buf[w->len++] = c;
    if (c > w->maxchar) w->maxchar = c;
    return 0;
}

int py__writer_write_fill(py_unicode_writer *w, py_ucs4 c, py_ssize_t n)
{
    if (n <= 0) return 0;
    /* The result cannot exceed PY_SSIZE_T_MAX bytes (PyUnicode_New). */
    if (n > PY_SSIZE_T_MAX / 4 - w->len || writer_reserve(w, n) < 0) {
        if (!py_err_occurred()) py_err_no_memory();
        return -1;
    }
    for (py_ssize_t i = 0; i < n; i++) w->buf[w->len++] = c;
    if (c > w->maxchar) w->maxchar = c;
    return 0;
}

int py_unicode_writer_write_ascii(py_unicode_writer *w, const char *s, py_ssize_t len)
{
    if (len < 0) len = (py_ssize_t)strlen(s);
    if (writer_reserve(w, len) < 0) return -1;
    for (py_ssize_t i = 0; i < len; i++) {
        py_ucs4 c = (unsigned char)s[i];
        w->buf[w->len++] = c;
        if (c > w->maxchar) w->maxchar = c;
    }
    return 0;
}

int py_unicode_writer_write_utf8(py_unicode_writer *w, const char *s, py_ssize_t len)
{
    if (len < 0) len = (py_ssize_t)strlen(s);
    const unsigned char *u = (const unsigned char *)s;
    py_ssize_t i = 0;
    while (i < len) {
        const char *why;
        int32_t cp = utf8_decode_one(u, len, &i, &why);
        if (cp < 0) {
            cp = 0xfffd; /* errors="replace", as PyUnicode_FromFormat's %s */
            i++;
        }
        if (py_unicode_writer_write_char(w, (py_ucs4)cp) < 0) return -1;
    }
    return 0;
}

int py_unicode_writer_write_str(py_unicode_writer *w, py_obj *s)
{
    py_ssize_t n = py_unicode_get_length(s);
    if (writer_reserve(w, n) < 0) return -1;
    int kind = py_unicode_kind(s);
    const void *d = py_unicode_data(s);
    for (py_ssize_t i = 0; i < n; i++) w->buf[w->len++] = py_unicode_read(kind, d, i);
    py_ucs4 m = n ? py_unicode_max_char(s) : 0;
    if (m > w->maxchar) w->maxchar = n ? find_max_char(kind, d, n) : 0;
    return 0;
}

int py_unicode_writer_write_obj(py_unicode_writer *w, py_obj *o, int use_repr)
{
    py_obj *s = use_repr ? py_object_repr(o) : py_object_str(o);
    if (s == NULL) return -1;
    int r = py_unicode_writer_write_str(w, s);
    rg_decref(s);
    return r;
}

py_obj *py_unicode_writer_finish(py_unicode_writer *w)
{
    py_obj *r = py_unicode_from_kind_and_data(PY_UNICODE_4BYTE_KIND, w->buf, w->len);
    py_unicode_writer_dealloc(w);
    return r;
}

/* ====================================================================== */
/* PyUnicode_FromFormat                                                    */
/* ====================================================================== */

/* Write a str with CPython's %U width/precision rules (precision counts
 * code points; width pads with spaces on the left). */
static int write_padded_str(py_unicode_writer *w, py_obj *s, py_ssize_t width, py_ssize_t precision)
{
    py_ssize_t n = py_unicode_get_length(s);
    if (precision >= 0 && n > precision) n = precision;
    for (py_ssize_t i = n; i < width; i++)
        if (py_unicode_writer_write_char(w, ' ') < 0) return -1;
    for (py_ssize_t i = 0; i < n; i++)
        if (py_unicode_writer_write_char(w, py_unicode_read_char(s, i)) < 0) return -1;
    return 0;
}

/* A C string, precision limiting the bytes read, decoded as UTF-8. */
static int write_cstr(py_unicode_writer *w, const char *s, py_ssize_t width, py_ssize_t precision)
{
    py_ssize_t len = 0;
    if (precision < 0) len = (py_ssize_t)strlen(s);
    else
        while (len < precision && s[len]) len++;
    py_obj *u = py_unicode_from_string_and_size(s, len);
    if (u == NULL) {
        /* Undecodable: replace, as CPython's "replace" error handler. */
        py_err_clear();
        py_unicode_writer tmp;
        py_unicode_writer_init(&tmp);
        if (py_unicode_writer_write_utf8(&tmp, s, len) < 0) return -1;
        u = py_unicode_writer_finish(&tmp);
        if (u == NULL) return -1;
    }
    int r = write_padded_str(w, u, width, -1);
    rg_decref(u);
    return r;
}

py_obj *py_unicode_from_format_v(const char *fmt, va_list va_in)
{
    va_list va;
    va_copy(va, va_in);
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            const char *start = f;
            while (f[1] && f[1] != '%') f++;
            if (py_unicode_writer_write_ascii(&w, start, f - start + 1) < 0) goto fail;
            continue;
        }
        const char *spec = f++;
        if (*f == '%') {
            if (py_unicode_writer_write_char(&w, '%') < 0) goto fail;
            continue;
        }
        int zeropad = 0;
        if (*f == '0') {
            zeropad = 1;
            f++;
        }
        py_ssize_t width = -1, precision = -1;
        if (*f >= '0' && *f <= '9') {
            width = 0;
            while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        }
        if (*f == '.') {
            f++;
            precision = 0;
            while (*f >= '0' && *f <= '9') precision = precision * 10 + (*f++ - '0');
        }
        int longflag = 0, longlongflag = 0, sizeflag = 0;
        if (*f == 'l') {
            if (f[1] == 'l') {
                longlongflag = 1;
                f += 2;
            } else {
                longflag = 1;
                f++;
            }
        } else if (*f == 'z') {
            sizeflag = 1;
            f++;
        }
        char buf[96];
        int n;
        switch (*f) {
        case 'c': {
            int c = va_arg(va, int);
            if (c < 0 || c > 0x10ffff) {
                py_err_set_string(py_exc_OverflowError, "character argument not in range(0x110000)");
                goto fail;
            }
            if (py_unicode_writer_write_char(&w, (py_ucs4)c) < 0) goto fail;
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x': {
            char conv[16];
            int pos = 0;
            conv[pos++] = '%';
            if (zeropad) conv[pos++] = '0';
            if (width > 0) pos += snprintf(conv + pos, sizeof conv - (size_t)pos, "%d", (int)(width > 60 ? 60 : width));
            if (precision >= 0) pos += snprintf(conv + pos, sizeof conv - (size_t)pos, ".%d", (int)(precision > 60 ? 60 : precision));
            if (*f == 'u' || *f == 'x') {
                const char *m = longlongflag ? "ll" : longflag ? "l" : sizeflag ? "z" : "";
                snprintf(conv + pos, sizeof conv - (size_t)pos, "%s%c", m, *f);
                if (longlongflag) n = snprintf(buf, sizeof buf, conv, va_arg(va, unsigned long long));
                else if (longflag) n = snprintf(buf, sizeof buf, conv, va_arg(va, unsigned long));
                else if (sizeflag) n = snprintf(buf, sizeof buf, conv, va_arg(va, size_t));
                else n = snprintf(buf, sizeof buf, conv, va_arg(va, unsigned int));
            } else {
                snprintf(conv + pos, sizeof conv - (size_t)pos, "lld");
                long long v;
                if (longlongflag) v = va_arg(va, long long);
                else if (longflag) v = va_arg(va, long);
                else if (sizeflag) v = va_arg(va, py_ssize_t);
                else v = va_arg(va, int);
                n = snprintf(buf, sizeof buf, conv, v);
            }
            if (py_unicode_writer_write_ascii(&w, buf, n) < 0) goto fail;
            break;
        }
        case 'p': {
            n = snprintf(buf, sizeof buf, "%p", va_arg(va, void *));
            /* CPython guarantees the 0x prefix. */
            if (buf[1] != 'x' && buf[1] != 'X') {
                memmove(buf + 2, buf, (size_t)n + 1);
                buf[0] = '0';
                buf[1] = 'x';
                n += 2;
            }
            if (py_unicode_writer_write_ascii(&w, buf, n) < 0) goto fail;
            break;
        }
        case 's': {
            const char *s = va_arg(va, const char *);
            if (write_cstr(&w, s, width, precision) < 0) goto fail;
            break;
        }
        case 'U': {
            py_obj *o = va_arg(va, py_obj *);
            if (write_padded_str(&w, o, width, precision) < 0) goto fail;
            break;
        }
        case 'V': {
            py_obj *o = va_arg(va, py_obj *);
            const char *s = va_arg(va, const char *);
            if (o != NULL) {
                if (write_padded_str(&w, o, width, precision) < 0) goto fail;
            } else if (write_cstr(&w, s, width, precision) < 0) {
                goto fail;
            }
            break;
        }
        case 'S':
        case 'R':
        case 'A': {
            py_obj *o = va_arg(va, py_obj *);
            py_obj *s = *f == 'S' ? py_object_str(o) : *f == 'R' ? py_object_repr(o) : py_object_ascii(o);
            if (s == NULL) goto fail;
            int r = write_padded_str(&w, s, width, precision);
            rg_decref(s);
            if (r < 0) goto fail;
            break;
        }
        default:
            /* Unknown directive: the rest of the format is copied verbatim. */
            if (py_unicode_writer_write_ascii(&w, spec, -1) < 0) goto fail;
            va_end(va);
            return py_unicode_writer_finish(&w);
        }
    }
    va_end(va);
    return py_unicode_writer_finish(&w);
fail:
    va_end(va);
    py_unicode_writer_dealloc(&w);
    return NULL;
}

py_obj *py_unicode_from_format(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    py_obj *r = py_unicode_from_format_v(fmt, va);
    va_end(va);
    return r;
}

/* ====================================================================== */
/* The str type                                                            */
/* ====================================================================== */

/* unicode_dealloc: a mortal interned str leaves the interned dict first
 * (its count set to 3: the dict's key and value, and one for the delete). */
static void str_dealloc(py_obj *o)
{
    py_ascii_object *a = ASCII(o);
    if (a->state.interned == PY_SSTATE_INTERNED_MORTAL) {
        o->refcnt = 3;
        if (py_dict_del_item(py_current->interned, o) != 0) py_err_clear();
        RG_ASSERT(o->refcnt == 1);
        o->refcnt = 0;
        a->state.interned = PY_SSTATE_NOT_INTERNED;
    }
    RG_ASSERT(a->state.interned != PY_SSTATE_INTERNED_IMMORTAL);
    if (!a->state.ascii && COMPACT(o)->utf8 != NULL) rg_free(COMPACT(o)->utf8);
    if (!a->state.compact) rg_free(py_unicode_data(o));
    rg_object_free(o);
}

/* str.__sizeof__ (unicode_sizeof_impl). */
static py_ssize_t str_sizeof(py_obj *o)
{
    py_ascii_object *a = ASCII(o);
    py_ssize_t size;
    if (!a->state.compact) size = NONCOMPACT_SIZE + (a->length + 1) * a->state.kind;
    else if (a->state.ascii) size = (py_ssize_t)sizeof(py_ascii_object) + a->length + 1;
    else size = (py_ssize_t)sizeof(py_compact_unicode_object) + (a->length + 1) * a->state.kind;
    if (!a->state.ascii && COMPACT(o)->utf8 != NULL) size += COMPACT(o)->utf8_length + 1;
    return size;
}

static py_obj *str_repr(py_obj *o) { return py_unicode_repr(o); }

static py_obj *str_str(py_obj *o)
{
    if (py_unicode_check_exact(o)) return py_new_ref(o);
    return py_unicode_from_kind_and_data(py_unicode_kind(o), py_unicode_data(o), py_unicode_get_length(o));
}

static py_hash_t str_hash(py_obj *o) { return py_unicode_hash(o); }

static py_obj *str_richcompare(py_obj *a, py_obj *b, int op)
{
    if (!py_unicode_check(a) || !py_unicode_check(b)) return py_new_ref(py_notimplemented);
    if (op == PY_EQ || op == PY_NE) return py_bool_from_long(py_unicode_eq(a, b) == (op == PY_EQ));
    return py_bool_from_cmp(py_unicode_compare(a, b), op);
}

static py_ssize_t str_length(py_obj *o) { return py_unicode_get_length(o); }

static py_obj *str_item(py_obj *o, py_ssize_t i)
{
    if (i < 0 || i >= py_unicode_get_length(o)) {
        py_err_set_string(py_exc_IndexError, "string index out of range");
        return NULL;
    }
    py_ucs4 c = py_unicode_read_char(o, i);
    return py_unicode_from_ordinal(c);
}

static py_obj *str_concat(py_obj *a, py_obj *b) { return py_unicode_concat(a, b); }

static py_obj *str_repeat(py_obj *s, py_ssize_t n)
{
    if (n < 1) return py_new_ref(py_empty_str);
    py_ssize_t len = py_unicode_get_length(s);
    if (n == 1 && py_unicode_check_exact(s)) return py_new_ref(s);
    if (len == 0) return py_new_ref(py_empty_str);
    if (len > PY_SSIZE_T_MAX / n) {
        py_err_set_string(py_exc_OverflowError, "repeated string is too long");
        return NULL;
    }
    py_obj *r = py_unicode_new(len * n, py_unicode_max_char(s));
    if (r == NULL) return NULL;
    /* The canonical kind of the result is s's own (same code points). */
    int kind = py_unicode_kind(s);
    size_t bytes = (size_t)len * (size_t)kind;
    char *d = data_of(r);
    for (py_ssize_t k = 0; k < n; k++) memcpy(d + (size_t)k * bytes, py_unicode_data(s), bytes);
    return r;
}

static int str_contains(py_obj *s, py_obj *sub)
{
    if (!py_unicode_check(sub)) {
        py_err_format(py_exc_TypeError, "'in <string>' requires string as left operand, not %.100s",
                      py_obj_type_name(sub));
        return -1;
    }
    py_ssize_t n = py_unicode_get_length(s), m = py_unicode_get_length(sub);
    if (m == 0) return 1;
    for (py_ssize_t i = 0; i + m <= n; i++) {
        py_ssize_t k = 0;
        while (k < m && py_unicode_read_char(s, i + k) == py_unicode_read_char(sub, k)) k++;
        if (k == m) return 1;
    }
    return 0;
}

/* PyUnicode_FromEncodedObject: obj's bytes decoded. */
static py_obj *from_encoded_object(py_obj *obj, const char *encoding, const char *errors)
{
    if (py_unicode_check(obj)) {
        py_err_set_string(py_exc_TypeError, "decoding str is not supported");
        return NULL;
    }
    py_buffer view;
    if (py_type_of(obj)->as_buffer == NULL || py_object_get_buffer(obj, &view, PY_BUF_SIMPLE) < 0) {
        py_err_clear();
        py_err_format(py_exc_TypeError, "decoding to str: need a bytes-like object, %.80s found", py_obj_type_name(obj));
        return NULL;
    }
    py_obj *r = py_unicode_decode(view.buf, view.len, encoding, errors);
    py_buffer_release(&view);
    return r;
}

static const char *const str_new_kwlist[] = {"object", "encoding", "errors", NULL};

/* unicode_subtype_new: an instance of the str subclass type holding a
 * copy of the str u (non-compact: the data in its own block). */
static py_obj *str_subtype_new(py_typeinfo *type, py_obj *u)
{
    RG_ASSERT(py_unicode_check(u));
    py_ssize_t len = py_unicode_get_length(u);
    int kind = py_unicode_kind(u);
    void *data = rg_malloc(py_heap(), (size_t)(len + 1) * (size_t)kind);
    if (data == NULL) return py_err_no_memory();
    memcpy(data, py_unicode_data(u), (size_t)(len + 1) * (size_t)kind);
    py_obj *self = py_type_generic_alloc(type, 0);
    if (self == NULL) {
        rg_free(data);
        return NULL;
    }
    str_init_header(ASCII(self), len, kind, py_unicode_is_ascii(u));
    ASCII(self)->state.compact = 0;
    ASCII(self)->hash = ASCII(u)->hash;
    *(void **)(COMPACT(self) + 1) = data;
    return self;
}

/* str(object='') / str(object=b'', encoding='utf-8', errors='strict') */
static py_obj *str_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_obj *argv[3] = {NULL, NULL, NULL};
    if (py_arg_unpack_keywords(((py_tuple_object *)args)->ob_item, py_tuple_size(args), kwds, NULL, "str",
                               str_new_kwlist, 0, 0, 3, argv) < 0)
        return NULL;
    const char *encoding = NULL, *errors = NULL;
    if (argv[1] != NULL && (encoding = py_arg_str("str", "encoding", argv[1])) == NULL) return NULL;
    if (argv[2] != NULL && (errors = py_arg_str("str", "errors", argv[2])) == NULL) return NULL;
    py_obj *x = argv[0], *r;
    if (x == NULL) r = py_new_ref(py_empty_str);
    else if (encoding == NULL && errors == NULL) r = py_object_str(x);
    else r = from_encoded_object(x, encoding, errors);
    if (r == NULL || type == &py_str_info) return r;
    py_obj *sub = str_subtype_new(type, r);
    rg_decref(r);
    return sub;
}

static py_mapping_methods str_as_mapping = {
    .mp_length = str_length,
    .mp_subscript = py_unicode_subscript,
};

static py_sequence_methods str_as_sequence = {
    .sq_length = str_length,
    .sq_concat = str_concat,
    .sq_repeat = str_repeat,
    .sq_item = str_item,
    .sq_contains = str_contains,
};

/* str_iterator: iter(s). */
typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t index;
    py_obj *seq; /* NULL once exhausted */
} str_iter_object;

static int str_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((str_iter_object *)self)->seq);
    return 0;
}

static py_obj *str_iter_next(py_obj *self)
{
    str_iter_object *it = (str_iter_object *)self;
    if (it->seq == NULL) return NULL;
    if (it->index < py_unicode_get_length(it->seq)) {
        py_ucs4 c = py_unicode_read_char(it->seq, it->index++);
        return py_unicode_from_ordinal(c);
    }
    RG_CLEAR(it->seq);
    return NULL;
}

static py_obj *str_iter(py_obj *s)
{
    str_iter_object *it = (str_iter_object *)py_type_generic_alloc(&py_str_iter_info, 0);
    if (it == NULL) return NULL;
    it->seq = py_new_ref(s);
    return (py_obj *)it;
}

py_typeinfo py_str_iter_info = {
    .rt = {.name = "str_ascii_iterator", .size = sizeof(str_iter_object), .flags = RG_TYPE_GC,
           .traverse = str_iter_traverse, .refs_offset = offsetof(str_iter_object, seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = str_iter_next,
};

py_typeinfo py_str_info = {
    .rt = {.name = "str", .size = NONCOMPACT_SIZE, .dealloc = str_dealloc},
    .flags = PY_TPFLAGS_BASETYPE | PY_TPFLAGS_UNICODE_SUBCLASS | PY_TPFLAGS_IMMUTABLETYPE,
    .doc = "str(object='') -> str",
    .repr = str_repr,
    .str = str_str,
    .hash = str_hash,
    .richcompare = str_richcompare,
    .iter = str_iter,
    .new = str_new,
    .sizeof_ = str_sizeof,
    .as_number = &py_str_as_number,
    .as_sequence = &str_as_sequence,
    .as_mapping = &str_as_mapping,
    .methods = py_str_methods,
};

/* ====================================================================== */
/* Interpreter start and end                                               */
/* ====================================================================== */

/* Static strs reset, then the identifiers and the one-character strs
 * interned (as immortals).  The interned dict must exist. */
int py_str_init(py_interp *interp)
{
    (void)interp;
    static_strs_reset();
#define PY_ID_INTERN(name)                                                                        \
    py_ids.name.ob.ob_base.refcnt = PY_STATIC_REFCNT;                                             \
    py_ids.name.ob.hash = -1;                                                                     \
    if (intern_static(py_id(name)) < 0) return -1;
    PY_IDENTIFIERS(PY_ID_INTERN)
#undef PY_ID_INTERN
    return 0;
}

/* Free what static strs hold on the heap (UTF-8 caches). */
void py_str_fini(py_interp *interp)
{
    (void)interp;
    for (int c = 0; c < 128; c++) {
        if (latin1_chars[c].ob.utf8 != NULL) {
            rg_free(latin1_chars[c].ob.utf8);
            latin1_chars[c].ob.utf8 = NULL;
        }
        ascii_chars[c].ob.state.interned = PY_SSTATE_NOT_INTERNED;
        latin1_chars[c].ob._base.state.interned = PY_SSTATE_NOT_INTERNED;
    }
}
