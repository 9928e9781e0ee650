/*
 * utf8.h -- encoding one code point as UTF-8: the one definition the
 * string type, the number formatter, the tokenizer and the trace's reprs
 * share.  Surrogates are encoded like any other code point (as CPython's
 * "surrogatepass" would); callers that must refuse them check first.
 */
#ifndef REFGC_TYPES_UTF8_H
#define REFGC_TYPES_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of the UTF-8 encoding of c (1 to 4). */
static inline size_t py_utf8_len(uint32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

/* Write the UTF-8 encoding of c at out (room for 4 bytes); returns its
 * length. */
static inline size_t py_utf8_put(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

#endif
