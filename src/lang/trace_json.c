/*
 * trace_json.c -- JSON text for the trace stream, built in malloc'd C
 * memory (never in the observed heap: the engine's sink calls these).
 *
 * Invariants: a failed append sets oom and leaves the buffer as it was;
 * py_trace_line_end drops such a line.  Strings are emitted as valid
 * UTF-8 JSON (control characters escaped, invalid bytes as U+FFFD).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/trace_int.h"

/* ====================================================================== */
/* The buffer                                                              */
/* ====================================================================== */

void py_tj_reset(py_tj *j)
{
    j->len = 0;
    j->oom = 0;
}

void py_tj_free(py_tj *j)
{
    free(j->buf);
    memset(j, 0, sizeof *j);
}

/* Room for n more bytes: 1, or 0 (oom set). */
static int reserve(py_tj *j, size_t n)
{
    if (j->oom) return 0;
    if (j->len + n + 1 <= j->cap) return 1;
    size_t cap = j->cap ? j->cap : 1024;
    while (cap < j->len + n + 1) cap *= 2;
    char *b = realloc(j->buf, cap);
    if (b == NULL) {
        j->oom = 1;
        return 0;
    }
    j->buf = b;
    j->cap = cap;
    return 1;
}

void py_tj_raw(py_tj *j, const char *s, size_t n)
{
    if (!reserve(j, n)) return;
    memcpy(j->buf + j->len, s, n);
    j->len += n;
}

void py_tj_puts(py_tj *j, const char *s) { py_tj_raw(j, s, strlen(s)); }

void py_tj_putc(py_tj *j, char c) { py_tj_raw(j, &c, 1); }

void py_tj_fmt(py_tj *j, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        py_tj_raw(j, small, (size_t)n);
        return;
    }
    if (!reserve(j, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(j->buf + j->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    j->len += (size_t)n;
}

/* ====================================================================== */
/* Strings                                                                 */
/* ====================================================================== */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) k = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) k = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) k = 4, min = 0x10000;
    else return 0;
    if (n < k) return 0;
    unsigned cp = c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return k;
}

void py_tj_str(py_tj *j, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    py_tj_putc(j, '"');
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\') run++;
        if (run > i) {
            py_tj_raw(j, s + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            py_tj_raw(j, e, 2);
            i++;
        } else if (c == '\n') {
            py_tj_raw(j, "\\n", 2), i++;
        } else if (c == '\t') {
            py_tj_raw(j, "\\t", 2), i++;
        } else if (c == '\r') {
            py_tj_raw(j, "\\r", 2), i++;
        } else if (c < 0x20 || c == 0x7F) {
            py_tj_fmt(j, "\\u%04x", c), i++;
        } else {
            size_t k = utf8_len(p + i, n - i);
            if (k == 0) {
                py_tj_raw(j, "\\ufffd", 6);
                i++;
            } else {
                py_tj_raw(j, s + i, k);
                i += k;
            }
        }
    }
    py_tj_putc(j, '"');
}

void py_tj_cstr(py_tj *j, const char *s)
{
    if (s == NULL) py_tj_puts(j, "null");
    else py_tj_str(j, s, strlen(s));
}

/* ====================================================================== */
/* Numbers (without printf: the sink writes many)                          */
/* ====================================================================== */

void py_tj_int(py_tj *j, long long v)
{
    char buf[24];
    size_t n = sizeof buf;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        buf[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0) buf[--n] = '-';
    py_tj_raw(j, buf + n, sizeof buf - n);
}

void py_tj_uint(py_tj *j, unsigned long long u)
{
    char buf[24];
    size_t n = sizeof buf;
    do {
        buf[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    py_tj_raw(j, buf + n, sizeof buf - n);
}

/* ====================================================================== */
/* Keys                                                                    */
/* ====================================================================== */

void py_tj_key(py_tj *j, const char *key)
{
    py_tj_putc(j, ',');
    py_tj_cstr(j, key);
    py_tj_putc(j, ':');
}

void py_tj_kint(py_tj *j, const char *key, long long v)
{
    py_tj_key(j, key);
    py_tj_int(j, v);
}

void py_tj_kstr(py_tj *j, const char *key, const char *s)
{
    py_tj_key(j, key);
    py_tj_cstr(j, s);
}

void py_tj_kbool(py_tj *j, const char *key, int v)
{
    py_tj_key(j, key);
    py_tj_puts(j, v ? "true" : "false");
}
