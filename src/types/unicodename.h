/*
 * unicodename.h -- Unicode character names (CPython 3.11's unicodedata
 * name database, Unicode 14.0.0): what \N{...} escapes look up.
 *
 * Owns the interface of unicodename.c.  One lookup serves every place that
 * decodes \N{...} (string literals in the parser, and any codec or module
 * added later).
 */
#ifndef PY_UNICODENAME_H
#define PY_UNICODENAME_H

#include <stddef.h>
#include <stdint.h>

/* A buffer this large holds any name py_uname_name writes (with its NUL). */
#define PY_UNAME_BUFSIZE 128

/* The code point \N{name} stands for (name: len bytes, not NUL-terminated),
 * as CPython 3.11 resolves it: character names case-insensitively (ASCII),
 * the name aliases, "CJK UNIFIED IDEOGRAPH-XXXX" and "HANGUL SYLLABLE ..."
 * computed (their prefixes and parts case-sensitive); named sequences are
 * not names here.  1 and *cp set if found, else 0. */
int py_uname_lookup(const char *name, size_t len, uint32_t *cp);

/* unicodedata.lookup's resolution of name (len bytes): 0 if unknown;
 * PY_UNAME_CHAR with *cp set (as py_uname_lookup), or PY_UNAME_SEQUENCE:
 * a named sequence, *seq pointing at its *seqlen code points (all in the
 * BMP; static data). */
enum { PY_UNAME_CHAR = 1, PY_UNAME_SEQUENCE = 2 };
int py_uname_lookup_seq(const char *name, size_t len, uint32_t *cp, const uint16_t **seq, size_t *seqlen);

/* unicodedata.name(chr(cp)) into buf (size >= PY_UNAME_BUFSIZE): its
 * length, or 0 (buf "") if cp has no name. */
size_t py_uname_name(uint32_t cp, char *buf, size_t size);

#endif /* PY_UNICODENAME_H */
