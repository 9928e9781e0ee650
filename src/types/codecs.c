/*
 * codecs.c -- str <-> bytes for the built-in codecs (CPython 3.11's fast
 * paths in Objects/unicodeobject.c: PyUnicode_Decode,
 * PyUnicode_AsEncodedString, the UTF-8 decoder's error classification in
 * Objects/stringlib/codecs.h, and the common error handlers of
 * Python/codecs.c).
 *
 * Owns: encoding-name normalization (_Py_normalize_encoding) and the
 * names accepted for utf-8, ascii, latin-1, utf-16(-le/-be), utf-32(-le/
 * -be) and cp1252 (the fast paths plus the usual aliases of the encodings
 * package; utf-16/utf-32 write a little-endian BOM and decoding consumes
 * either BOM, as 3.11 on a little-endian machine; cp1252 is a charmap:
 * errors name the "charmap" codec), the error handlers strict,
 * ignore, replace, backslashreplace, xmlcharrefreplace (encode),
 * surrogateescape and surrogatepass, and the UnicodeDecodeError /
 * UnicodeEncodeError instances they raise (CPython's ranges and reasons:
 * "invalid start byte", "invalid continuation byte", "unexpected end of
 * data", "ordinal not in range(128)", "surrogates not allowed").
 *
 * Invariants: scratch buffers are C malloc (only the results are heap
 * objects, like the str writer); an unknown error handler is reported
 * only when an error needs it (CPython looks handlers up lazily).
 *
 * Must not: accept other encodings silently -- anything else is
 * LookupError("unknown encoding: NAME"), as without the codec registry.
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"

enum codec {
    CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1, CODEC_UTF16, CODEC_UTF16LE, CODEC_UTF16BE,
    CODEC_UTF32, CODEC_UTF32LE, CODEC_UTF32BE, CODEC_CP1252, NCODECS
};
enum handler { H_STRICT, H_IGNORE, H_REPLACE, H_BACKSLASH, H_XMLCHARREF, H_SURROGATEESCAPE, H_SURROGATEPASS, H_UNKNOWN };

/* ====================================================================== */
/* Names                                                                   */
/* ====================================================================== */

/* _Py_normalize_encoding: lower case, runs of other than [a-z0-9.] become
 * one '_' (none leading).  0 if the name does not fit. */
static int normalize_encoding(const char *encoding, char *lower, size_t lower_len)
{
    char *l = lower, *l_end = lower + lower_len - 1;
    int punct = 0;
    for (const char *e = encoding; *e; e++) {
        unsigned char c = (unsigned char)*e;
        int alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (alnum || c == '.') {
            if (punct && l != lower) {
                if (l == l_end) return 0;
                *l++ = '_';
            }
            punct = 0;
            if (l == l_end) return 0;
            *l++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else {
            punct = 1;
        }
    }
    *l = '\0';
    return 1;
}

/* The codec of an encoding name; -1 with LookupError. */
static int lookup_codec(const char *encoding)
{
    if (encoding == NULL) return CODEC_UTF8;
    static const char *const utf8[] = {"utf_8", "utf8", "u8", "utf", "cp65001", NULL};
    static const char *const ascii[] = {"ascii", "us_ascii", "646", "ansi_x3.4_1968", "ansi_x3_4_1968",
                                        "ansi_x3.4_1986", "cp367", "csascii", "ibm367", "iso646_us",
                                        "iso_646.irv_1991", "iso_ir_6", "us", NULL};
    static const char *const latin1[] = {"latin_1", "latin1", "iso_8859_1", "iso8859_1", "8859", "cp819",
                                         "csisolatin1", "ibm819", "iso_8859_1_1987", "iso_ir_100", "l1",
                                         "latin", NULL};
    static const char *const utf16[] = {"utf_16", "u16", "utf16", NULL};
    static const char *const utf16le[] = {"utf_16_le", "utf_16le", "unicodelittleunmarked", NULL};
    static const char *const utf16be[] = {"utf_16_be", "utf_16be", "unicodebigunmarked", NULL};
    static const char *const utf32[] = {"utf_32", "u32", "utf32", NULL};
    static const char *const utf32le[] = {"utf_32_le", "utf_32le", NULL};
    static const char *const utf32be[] = {"utf_32_be", "utf_32be", NULL};
    static const char *const cp1252[] = {"cp1252", "windows_1252", "1252", NULL};
    char lower[40];
    if (normalize_encoding(encoding, lower, sizeof lower)) {
        static const char *const *const tables[NCODECS] = {utf8, ascii, latin1, utf16, utf16le,
                                                           utf16be, utf32, utf32le, utf32be, cp1252};
        for (int t = 0; t < NCODECS; t++)
            for (const char *const *n = tables[t]; *n; n++)
                if (strcmp(lower, *n) == 0) return t;
    }
    py_err_format(py_exc_LookupError, "unknown encoding: %s", encoding);
    return -1;
}

static int lookup_handler(const char *errors)
{
    if (errors == NULL || strcmp(errors, "strict") == 0) return H_STRICT;
    if (strcmp(errors, "ignore") == 0) return H_IGNORE;
    if (strcmp(errors, "replace") == 0) return H_REPLACE;
    if (strcmp(errors, "backslashreplace") == 0) return H_BACKSLASH;
    if (strcmp(errors, "xmlcharrefreplace") == 0) return H_XMLCHARREF;
    if (strcmp(errors, "surrogateescape") == 0) return H_SURROGATEESCAPE;
    if (strcmp(errors, "surrogatepass") == 0) return H_SURROGATEPASS;
    return H_UNKNOWN;
}

static const char *const codec_names[NCODECS] = {"utf-8",     "ascii",  "latin-1",   "utf-16",    "utf-16-le",
                                                 "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "charmap"};

/* cp1252's 0x80..0x9f (0: undefined); the other bytes are latin-1. */
static const uint16_t cp1252_high[32] = {
    0x20ac, 0x0000, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x0000, 0x017d, 0x0000, 0x0000, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x0000, 0x017e, 0x0178};

/* The cp1252 byte of c, or -1 if it has none. */
static int cp1252_encode(py_ucs4 c)
{
    if (c < 0x80 || (c >= 0xa0 && c < 0x100)) return (int)c;
    for (int k = 0; k < 32; k++)
        if (cp1252_high[k] == c && c != 0) return 0x80 + k;
    return -1;
}

/* UTF-16/32 layout of a codec: bytes per unit, big-endian. */
static int wide_unit(int codec) { return codec >= CODEC_UTF32 && codec <= CODEC_UTF32BE ? 4 : 2; }
static int wide_be(int codec) { return codec == CODEC_UTF16BE || codec == CODEC_UTF32BE; }
static int is_wide(int codec) { return codec >= CODEC_UTF16 && codec <= CODEC_UTF32BE; }

/* The unit of `unit` bytes at p in the given byte order. */
static uint32_t read_unit(const unsigned char *p, int unit, int be)
{
    uint32_t v = 0;
    for (int k = 0; k < unit; k++) v |= (uint32_t)p[be ? unit - 1 - k : k] << (8 * k);
    return v;
}

/* Raise an error handler's own failure or the codec error exc (consumed). */
static void raise_codec_error(py_obj *exc, py_typeinfo *type, int handler, const char *errors)
{
    if (exc == NULL) return;
    if (handler == H_UNKNOWN) {
        rg_decref(exc);
        py_err_format(py_exc_LookupError, "unknown error handler name '%.400s'", errors);
        return;
    }
    py_err_set_object(type, exc);
    rg_decref(exc);
}

/* ====================================================================== */
/* Growing scratch buffers                                                 */
/* ====================================================================== */

typedef struct {
    unsigned char *p;
    size_t len, cap, item; /* item: bytes per element */
    int nerr;              /* errors met by this call; the first one: */
    py_ssize_t first_start, first_end;
    const char *first_reason;
} scratch;

/* Note an error of this call: 3.11 makes one exception object per call
 * and moves it to each later error, so its args (repr) keep the first
 * error while start/end/reason (and str) follow the last. */
static void note_error(scratch *b, py_ssize_t start, py_ssize_t end, const char *reason)
{
    if (b->nerr++ > 0) return;
    b->first_start = start;
    b->first_end = end;
    b->first_reason = reason;
}

/* exc (made from the first error noted, consumed) moved to [start, end)
 * and reason: the exception 3.11 raises. */
static py_obj *retarget(py_obj *exc, py_ssize_t start, py_ssize_t end, const char *reason)
{
    if (exc == NULL) return NULL;
    py_unicode_error_object *e = (py_unicode_error_object *)exc;
    if (e->start == start && e->end == end) return exc;
    py_obj *r = py_unicode_from_string(reason);
    if (r == NULL) {
        rg_decref(exc);
        return NULL;
    }
    e->start = start;
    e->end = end;
    PY_SETREF(e->reason, r);
    return exc;
}

static int scratch_reserve(scratch *b, size_t more)
{
    if (b->len + more <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + more) cap *= 2;
    unsigned char *p = realloc(b->p, cap * b->item);
    if (p == NULL) {
        py_err_no_memory();
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

static int put_ucs4(scratch *b, py_ucs4 c)
{
    if (scratch_reserve(b, 1) < 0) return -1;
    ((py_ucs4 *)(void *)b->p)[b->len++] = c;
    return 0;
}

static int put_byte(scratch *b, unsigned char c)
{
    if (scratch_reserve(b, 1) < 0) return -1;
    b->p[b->len++] = c;
    return 0;
}

static int put_ascii(scratch *b, const char *s)
{
    size_t n = strlen(s);
    if (scratch_reserve(b, n) < 0) return -1;
    if (b->item == 1) {
        memcpy(b->p + b->len, s, n);
    } else {
        for (size_t i = 0; i < n; i++) ((py_ucs4 *)(void *)b->p)[b->len + i] = (unsigned char)s[i];
    }
    b->len += n;
    return 0;
}

/* ====================================================================== */
/* Decoding                                                                */
/* ====================================================================== */

/* One UTF-8 sequence at s[i]: the code point (i advanced), or the error
 * as CPython's decoder classifies it: -1 end of data inside a sequence,
 * -2 invalid start byte, -(2+k) invalid continuation after k good bytes. */
static int32_t utf8_step(const unsigned char *s, py_ssize_t size, py_ssize_t *i)
{
    py_ssize_t at = *i, left = size - at;
    unsigned ch = s[at];
#define CONT(c) (((c) & 0xc0) == 0x80)
    if (ch < 0x80) {
        *i = at + 1;
        return (int32_t)ch;
    }
    if (ch < 0xc2) return -2;
    if (ch < 0xe0) {
        if (left < 2) return -1;
        if (!CONT(s[at + 1])) return -3;
        *i = at + 2;
        return (int32_t)(((ch & 0x1f) << 6) | (s[at + 1] & 0x3f));
    }
    if (ch < 0xf0) {
        if (left < 2) return -1;
        unsigned ch2 = s[at + 1];
        if (!CONT(ch2) || (ch2 < 0xa0 ? ch == 0xe0 : ch == 0xed)) return -3;
        if (left < 3) return -1;
        if (!CONT(s[at + 2])) return -4;
        *i = at + 3;
        return (int32_t)(((ch & 0x0f) << 12) | ((ch2 & 0x3f) << 6) | (s[at + 2] & 0x3f));
    }
    if (ch < 0xf5) {
        if (left < 2) return -1;
        unsigned ch2 = s[at + 1];
        if (!CONT(ch2) || (ch2 < 0x90 ? ch == 0xf0 : ch == 0xf4)) return -3;
        if (left < 3) return -1;
        if (!CONT(s[at + 2])) return -4;
        if (left < 4) return -1;
        if (!CONT(s[at + 3])) return -5;
        *i = at + 4;
        return (int32_t)(((ch & 0x07) << 18) | ((ch2 & 0x3f) << 12) | ((s[at + 2] & 0x3f) << 6) | (s[at + 3] & 0x3f));
    }
    return -2;
#undef CONT
}

/* A decode error over [start, end): the handler's replacement appended
 * (0: resume at end; n > 0: resume at start + n), -2 for surrogatepass on
 * an encoded surrogate (the caller decodes it), or -1 with the exception
 * raised. */
static int decode_error(scratch *out, int codec, int handler, const char *errors, const char *s, py_ssize_t size,
                        py_ssize_t start, py_ssize_t end, const char *reason)
{
    const unsigned char *u = (const unsigned char *)s;
    note_error(out, start, end, reason);
    switch (handler) {
    case H_IGNORE:
        return 0;
    case H_REPLACE:
        return put_ucs4(out, 0xfffd);
    case H_BACKSLASH:
        for (py_ssize_t k = start; k < end; k++) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\x%02x", u[k]);
            if (put_ascii(out, esc) < 0) return -1;
        }
        return 0;
    case H_SURROGATEESCAPE: {
        /* The leading bytes >= 128 (3.11: the handler resumes after them;
         * only UTF-16/32 ranges can hold a byte < 128). */
        py_ssize_t k = start;
        while (k < end && u[k] >= 128) k++;
        if (k > start) {
            for (py_ssize_t j = start; j < k; j++)
                if (put_ucs4(out, 0xdc00 + u[j]) < 0) return -1;
            return k == end ? 0 : (int)(k - start);
        }
        break;
    }
    case H_SURROGATEPASS:
        /* Encoded surrogates (ED A0..BF xx) are accepted by utf-8. */
        if (codec == CODEC_UTF8 && size - start >= 3 && u[start] == 0xed && (u[start + 1] & 0xe0) == 0xa0 &&
            (u[start + 2] & 0xc0) == 0x80)
            return -2; /* the caller consumes the three bytes */
        if (is_wide(codec) && size - start >= wide_unit(codec)) {
            uint32_t v = read_unit(u + start, wide_unit(codec), wide_be(codec));
            if (v >= 0xd800 && v <= 0xdfff) return -2; /* the caller consumes the unit */
        }
        break;
    default:
        break;
    }
    raise_codec_error(retarget(py_unicode_decode_error_create(codec_names[codec], s, size, out->first_start,
                                                              out->first_end, out->first_reason),
                               start, end, reason),
                      py_exc_UnicodeDecodeError, handler, errors);
    return -1;
}

/* UTF-16 / UTF-32 (PyUnicode_DecodeUTF16/32Stateful, final): the plain
 * names read a BOM (either order, consumed; none: little-endian) and
 * name the codec of the order found in errors. */
static py_obj *decode_wide(const char *s, py_ssize_t size, int codec, const char *errors)
{
    const unsigned char *u = (const unsigned char *)s;
    int unit = wide_unit(codec), be = wide_be(codec), handler = lookup_handler(errors);
    py_ssize_t i = 0;
    if (codec == CODEC_UTF16 || codec == CODEC_UTF32) {
        if (size >= unit && read_unit(u, unit, 0) == 0xfeff) i = unit;
        else if (size >= unit && read_unit(u, unit, 1) == 0xfeff) i = unit, be = 1;
        codec += be ? 2 : 1;
    }
    scratch out = {.item = sizeof(py_ucs4)};
    while (i < size) {
        py_ssize_t end = size;
        const char *reason;
        if (size - i < unit) {
            reason = "truncated data";
        } else {
            uint32_t v = read_unit(u + i, unit, be);
            if (unit == 4 && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff)) {
                if (put_ucs4(&out, v) < 0) goto fail;
                i += 4;
                continue;
            }
            if (unit == 2 && !(v >= 0xd800 && v <= 0xdfff)) {
                if (put_ucs4(&out, v) < 0) goto fail;
                i += 2;
                continue;
            }
            if (unit == 4) {
                end = i + 4;
                reason = v > 0x10ffff ? "code point not in range(0x110000)"
                                      : "code point in surrogate code point range(0xd800, 0xe000)";
            } else if (v >= 0xdc00) {
                end = i + 2;
                reason = "illegal encoding";
            } else if (size - i < 4) {
                reason = "unexpected end of data";
            } else {
                uint32_t w = read_unit(u + i + 2, 2, be);
                if (w >= 0xdc00 && w <= 0xdfff) {
                    if (put_ucs4(&out, 0x10000 + ((v - 0xd800) << 10) + (w - 0xdc00)) < 0) goto fail;
                    i += 4;
                    continue;
                }
                end = i + 2;
                reason = "illegal UTF-16 surrogate";
            }
        }
        int r = decode_error(&out, codec, handler, errors, s, size, i, end, reason);
        if (r == -2) { /* surrogatepass: the unit itself */
            if (put_ucs4(&out, read_unit(u + i, unit, be)) < 0) goto fail;
            i += unit;
            continue;
        }
        if (r < 0) goto fail;
        i = r > 0 ? i + r : end; /* r > 0: surrogateescape took r bytes */
    }
    py_obj *result = py_unicode_from_kind_and_data(PY_UNICODE_4BYTE_KIND, out.p, (py_ssize_t)out.len);
    free(out.p);
    return result;
fail:
    free(out.p);
    return NULL;
}

/* An unknown error handler met by a codec outside 3.11's C fast paths
 * (utf[_]8/16/32, ascii, latin-1): the codec registry's wrapping,
 * "decoding with 'NAME' codec failed (LookupError: ...)". */
static void wrap_registry_error(const char *encoding, const char *errors, const char *what)
{
    static const char *const fast[] = {"utf_8", "utf8", "utf_16", "utf16", "utf_32", "utf32", "ascii",
                                       "us_ascii", "latin1", "latin_1", "iso_8859_1", "iso8859_1", NULL};
    char lower[40];
    if (encoding == NULL || lookup_handler(errors) != H_UNKNOWN || !py_err_exception_matches(py_exc_LookupError))
        return;
    if (normalize_encoding(encoding, lower, sizeof lower))
        for (const char *const *n = fast; *n; n++)
            if (strcmp(lower, *n) == 0) return;
    py_obj *type, *value, *tb;
    py_err_fetch(&type, &value, &tb);
    py_obj *msg = value != NULL ? py_object_str(value) : NULL;
    if (msg != NULL)
        py_err_format(py_exc_LookupError, "%s with '%.200s' codec failed (LookupError: %U)", what, encoding, msg);
    else
        py_err_restore(py_xnew_ref(type), py_xnew_ref(value), py_xnew_ref(tb));
    rg_xdecref(msg);
    rg_xdecref(type);
    rg_xdecref(value);
    rg_xdecref(tb);
}

static py_obj *decode_impl(const char *s, py_ssize_t size, int codec, const char *errors);
static py_obj *encode_impl(py_obj *str, int codec, const char *errors);

py_obj *py_unicode_decode(const char *s, py_ssize_t size, const char *encoding, const char *errors)
{
    int codec = lookup_codec(encoding);
    if (codec < 0) return NULL;
    py_obj *r = decode_impl(s, size, codec, errors);
    if (r == NULL) wrap_registry_error(encoding, errors, "decoding");
    return r;
}

py_obj *py_unicode_as_encoded_string(py_obj *str, const char *encoding, const char *errors)
{
    if (!py_unicode_check(str)) return py_err_bad_internal_call();
    int codec = lookup_codec(encoding);
    if (codec < 0) return NULL;
    py_obj *r = encode_impl(str, codec, errors);
    if (r == NULL) wrap_registry_error(encoding, errors, "encoding");
    return r;
}

/* The decoder of a known codec. */
static py_obj *decode_impl(const char *s, py_ssize_t size, int codec, const char *errors)
{
    const unsigned char *u = (const unsigned char *)s;
    if (codec == CODEC_LATIN1) return py_unicode_from_kind_and_data(PY_UNICODE_1BYTE_KIND, s, size);
    if (is_wide(codec)) return decode_wide(s, size, codec, errors);
    /* Valid input: the direct constructors. */
    py_ssize_t k = 0;
    while (k < size && u[k] < 128) k++;
    if (k == size) return py_unicode_from_kind_and_data(PY_UNICODE_1BYTE_KIND, s, size);
    int handler = lookup_handler(errors);
    scratch out = {.item = sizeof(py_ucs4)};
    py_ssize_t i = 0;
    while (i < size) {
        if (codec == CODEC_ASCII) {
            if (u[i] < 128) {
                if (put_ucs4(&out, u[i]) < 0) goto fail;
                i++;
            } else {
                if (decode_error(&out, codec, handler, errors, s, size, i, i + 1, "ordinal not in range(128)") < 0)
                    goto fail;
                i++;
            }
            continue;
        }
        if (codec == CODEC_CP1252) {
            py_ucs4 c = u[i] >= 0x80 && u[i] < 0xa0 ? cp1252_high[u[i] - 0x80] : u[i];
            if (c == 0 && u[i] != 0) {
                if (decode_error(&out, codec, handler, errors, s, size, i, i + 1, "character maps to <undefined>") < 0)
                    goto fail;
            } else if (put_ucs4(&out, c) < 0) {
                goto fail;
            }
            i++;
            continue;
        }
        py_ssize_t at = i;
        int32_t cp = utf8_step(u, size, &i);
        if (cp >= 0) {
            if (put_ucs4(&out, (py_ucs4)cp) < 0) goto fail;
            continue;
        }
        py_ssize_t end;
        const char *reason;
        if (cp == -1) {
            reason = "unexpected end of data";
            end = size;
        } else if (cp == -2) {
            reason = "invalid start byte";
            end = at + 1;
        } else {
            reason = "invalid continuation byte";
            end = at + (-cp - 2);
        }
        int r = decode_error(&out, codec, handler, errors, s, size, at, end, reason);
        if (r == -2) { /* surrogatepass: an encoded surrogate */
            py_ucs4 c = ((py_ucs4)(u[at] & 0x0f) << 12) | ((py_ucs4)(u[at + 1] & 0x3f) << 6) | (u[at + 2] & 0x3f);
            if (put_ucs4(&out, c) < 0) goto fail;
            i = at + 3;
            continue;
        }
        if (r < 0) goto fail;
        i = end;
    }
    py_obj *result = py_unicode_from_kind_and_data(PY_UNICODE_4BYTE_KIND, out.p, (py_ssize_t)out.len);
    free(out.p);
    return result;
fail:
    free(out.p);
    return NULL;
}

/* ====================================================================== */
/* Encoding                                                                */
/* ====================================================================== */

static int put_utf8(scratch *b, py_ucs4 c)
{
    unsigned char t[4];
    int n;
    if (c < 0x80) {
        t[0] = (unsigned char)c;
        n = 1;
    } else if (c < 0x800) {
        t[0] = (unsigned char)(0xc0 | (c >> 6));
        t[1] = (unsigned char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        t[0] = (unsigned char)(0xe0 | (c >> 12));
        t[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
        t[2] = (unsigned char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        t[0] = (unsigned char)(0xf0 | (c >> 18));
        t[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
        t[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
        t[3] = (unsigned char)(0x80 | (c & 0x3f));
        n = 4;
    }
    if (scratch_reserve(b, (size_t)n) < 0) return -1;
    memcpy(b->p + b->len, t, (size_t)n);
    b->len += (size_t)n;
    return 0;
}

/* One UTF-16/32 unit (or a UTF-16 surrogate pair for c >= 0x10000). */
static int put_wide(scratch *b, py_ucs4 c, int unit, int be)
{
    if (unit == 2 && c >= 0x10000)
        return put_wide(b, 0xd800 + ((c - 0x10000) >> 10), 2, be) < 0 ? -1
                                                                      : put_wide(b, 0xdc00 + (c & 0x3ff), 2, be);
    if (scratch_reserve(b, (size_t)unit) < 0) return -1;
    for (int k = 0; k < unit; k++) b->p[b->len + (size_t)k] = (unsigned char)(c >> (8 * (be ? unit - 1 - k : k)));
    b->len += (size_t)unit;
    return 0;
}

/* UTF-16 / UTF-32 encoding (the plain names write a little-endian BOM);
 * each lone surrogate is one error "surrogates not allowed". */
static py_obj *encode_wide(py_obj *str, int codec, const char *errors)
{
    int unit = wide_unit(codec), be = wide_be(codec), handler = lookup_handler(errors);
    py_ssize_t size = py_unicode_get_length(str);
    int kind = py_unicode_kind(str);
    const void *data = py_unicode_data(str);
    scratch out = {.item = 1};
    if ((codec == CODEC_UTF16 || codec == CODEC_UTF32) && put_wide(&out, 0xfeff, unit, 0) < 0) goto fail;
    for (py_ssize_t i = 0; i < size; i++) {
        py_ucs4 c = py_unicode_read(kind, data, i);
        if (!(c >= 0xd800 && c <= 0xdfff)) {
            if (put_wide(&out, c, unit, be) < 0) goto fail;
            continue;
        }
        note_error(&out, i, i + 1, "surrogates not allowed");
        char esc[16] = "";
        if (handler == H_IGNORE) continue;
        if (handler == H_REPLACE || handler == H_SURROGATEPASS) {
            if (put_wide(&out, handler == H_REPLACE ? '?' : c, unit, be) < 0) goto fail;
            continue;
        }
        if (handler == H_BACKSLASH) snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
        else if (handler == H_XMLCHARREF) snprintf(esc, sizeof esc, "&#%u;", (unsigned)c);
        if (esc[0] != '\0') {
            for (const char *e = esc; *e; e++)
                if (put_wide(&out, (unsigned char)*e, unit, be) < 0) goto fail;
            continue;
        }
        raise_codec_error(retarget(py_unicode_encode_error_create(codec_names[codec], str, out.first_start,
                                                                  out.first_end, out.first_reason),
                                   i, i + 1, "surrogates not allowed"),
                          py_exc_UnicodeEncodeError, handler, errors);
        goto fail;
    }
    py_obj *result = py_bytes_from_string_and_size((const char *)out.p, (py_ssize_t)out.len);
    free(out.p);
    return result;
fail:
    free(out.p);
    return NULL;
}

/* The encoder of a known codec. */
static py_obj *encode_impl(py_obj *str, int codec, const char *errors)
{
    py_ssize_t size = py_unicode_get_length(str);
    int kind = py_unicode_kind(str);
    const void *data = py_unicode_data(str);
    if (is_wide(codec)) return encode_wide(str, codec, errors);
    if (py_unicode_is_ascii(str)) return py_bytes_from_string_and_size(data, size);
    if (codec == CODEC_UTF8) {
        /* Without lone surrogates the cached UTF-8 is the answer. */
        int has_surrogate = 0;
        if (kind != PY_UNICODE_1BYTE_KIND)
            for (py_ssize_t i = 0; i < size && !has_surrogate; i++) {
                py_ucs4 c = py_unicode_read(kind, data, i);
                has_surrogate = c >= 0xd800 && c <= 0xdfff;
            }
        if (!has_surrogate) {
            py_ssize_t n;
            const char *utf8 = py_unicode_as_utf8_and_size(str, &n);
            return utf8 ? py_bytes_from_string_and_size(utf8, n) : NULL;
        }
    }
    py_ucs4 limit = codec == CODEC_ASCII ? 128 : codec == CODEC_LATIN1 ? 256 : 0;
    int handler = lookup_handler(errors);
    scratch out = {.item = 1};
    for (py_ssize_t i = 0; i < size;) {
        py_ucs4 c = py_unicode_read(kind, data, i);
        int bad = codec == CODEC_UTF8 ? (c >= 0xd800 && c <= 0xdfff) : codec == CODEC_CP1252 ? cp1252_encode(c) < 0 : c >= limit;
        if (!bad) {
            if (codec == CODEC_CP1252) c = (py_ucs4)cp1252_encode(c);
            if ((codec == CODEC_UTF8 ? put_utf8(&out, c) : put_byte(&out, (unsigned char)c)) < 0) goto fail;
            i++;
            continue;
        }
        /* The run of unencodable characters. */
        py_ssize_t end = i + 1;
        while (end < size) {
            py_ucs4 d = py_unicode_read(kind, data, end);
            if (codec == CODEC_UTF8 ? !(d >= 0xd800 && d <= 0xdfff) : codec == CODEC_CP1252 ? cp1252_encode(d) >= 0 : d < limit) break;
            end++;
        }
        note_error(&out, i, end, codec == CODEC_UTF8     ? "surrogates not allowed"
                                 : codec == CODEC_ASCII  ? "ordinal not in range(128)"
                                 : codec == CODEC_CP1252 ? "character maps to <undefined>"
                                                         : "ordinal not in range(256)");
        int ok = 1;
        for (py_ssize_t k = i; k < end && ok; k++) {
            py_ucs4 d = py_unicode_read(kind, data, k);
            char esc[16];
            switch (handler) {
            case H_IGNORE:
                break;
            case H_REPLACE:
                if (put_byte(&out, '?') < 0) goto fail;
                break;
            case H_BACKSLASH:
                snprintf(esc, sizeof esc, d <= 0xff ? "\\x%02x" : d <= 0xffff ? "\\u%04x" : "\\U%08x", (unsigned)d);
                if (put_ascii(&out, esc) < 0) goto fail;
                break;
            case H_XMLCHARREF:
                snprintf(esc, sizeof esc, "&#%u;", (unsigned)d);
                if (put_ascii(&out, esc) < 0) goto fail;
                break;
            case H_SURROGATEESCAPE:
                if (d >= 0xdc80 && d <= 0xdcff) {
                    if (put_byte(&out, (unsigned char)(d - 0xdc00)) < 0) goto fail;
                } else {
                    ok = 0;
                }
                break;
            case H_SURROGATEPASS:
                if (codec == CODEC_UTF8 && d >= 0xd800 && d <= 0xdfff) {
                    if (put_utf8(&out, d) < 0) goto fail;
                } else {
                    ok = 0;
                }
                break;
            default:
                ok = 0;
                break;
            }
        }
        if (!ok) {
            const char *reason = codec == CODEC_UTF8     ? "surrogates not allowed"
                                 : codec == CODEC_ASCII  ? "ordinal not in range(128)"
                                 : codec == CODEC_CP1252 ? "character maps to <undefined>"
                                                         : "ordinal not in range(256)";
            raise_codec_error(retarget(py_unicode_encode_error_create(codec_names[codec], str, out.first_start,
                                                                      out.first_end, out.first_reason),
                                       i, end, reason),
                              py_exc_UnicodeEncodeError, handler, errors);
            goto fail;
        }
        i = end;
    }
    py_obj *result = py_bytes_from_string_and_size((const char *)out.p, (py_ssize_t)out.len);
    free(out.p);
    return result;
fail:
    free(out.p);
    return NULL;
}
