/*
 * warnings.c -- a minimal warnings emitter (see warnings.h): 3.11's
 * default warning filters and its warnings.formatwarning output, written
 * through the sys.stderr object so it interleaves with other output as in
 * python3.
 *
 * Owns: one cached source file (name + bytes) for the "  <line>" part,
 * as linecache keeps the file it read (a file with many warnings is read
 * once); it is reloaded when the file's size, inode or mtime change (a
 * fresh python3 process never sees a stale cache).  Invariant: the cache
 * is plain malloc memory outside the heap.
 */
#include "lang/warnings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lang/vm.h"

/* ====================================================================== */
/* Source lines (linecache.getline)                                        */
/* ====================================================================== */

static char *cache_name;  /* the file's name as given (UTF-8) */
static char *cache_data;  /* its bytes, NULL if it could not be read */
static size_t cache_len;
static struct stat cache_st; /* reloaded when the file changes */

/* Forget the cached file. */
void py_warnings_clear_cache(void)
{
    free(cache_name);
    free(cache_data);
    cache_name = cache_data = NULL;
    cache_len = 0;
}

/* Read the whole file into the cache (data NULL when unreadable). */
static void cache_load(const char *name)
{
    py_warnings_clear_cache();
    cache_name = strdup(name);
    if (cache_name == NULL) return;
    FILE *f = fopen(name, "rb");
    if (f == NULL) return;
    if (fstat(fileno(f), &cache_st) != 0) memset(&cache_st, 0, sizeof cache_st);
    size_t cap = 0, n = 0;
    char *data = NULL;
    for (;;) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8192;
            char *p = realloc(data, ncap);
            if (p == NULL) {
                free(data);
                fclose(f);
                return;
            }
            data = p;
            cap = ncap;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(data);
        return;
    }
    cache_data = data;
    cache_len = n;
}

/* Line lineno (1-based) of the named file, stripped of surrounding
 * whitespace as str.strip() does; NULL (no error) when there is none: a
 * "<...>" name, an unreadable file, no such line, or not UTF-8. */
static py_obj *source_line(py_obj *filename, int lineno)
{
    if (!py_unicode_check(filename) || lineno < 1) return NULL;
    const char *name = py_unicode_as_utf8(filename);
    if (name == NULL) {
        py_err_clear();
        return NULL;
    }
    size_t nlen = strlen(name);
    if (nlen == 0 || (name[0] == '<' && name[nlen - 1] == '>')) return NULL;
    struct stat st;
    int have = stat(name, &st) == 0;
    if (cache_name == NULL || strcmp(cache_name, name) != 0 || !have || st.st_size != cache_st.st_size ||
        st.st_ino != cache_st.st_ino || st.st_mtim.tv_sec != cache_st.st_mtim.tv_sec ||
        st.st_mtim.tv_nsec != cache_st.st_mtim.tv_nsec)
        cache_load(name);
    if (cache_data == NULL) return NULL;
    const char *p = cache_data, *end = cache_data + cache_len;
    if (cache_len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) p += 3; /* utf-8-sig */
    /* universal newlines: \n, \r\n and \r end a line */
    for (int line = 1; line < lineno; line++) {
        while (p < end && *p != '\n' && *p != '\r') p++;
        if (p == end) return NULL;
        if (*p == '\r' && p + 1 < end && p[1] == '\n') p++;
        p++;
    }
    if (p == end) return NULL;
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r') e++;
    py_obj *s = py_unicode_decode(p, (py_ssize_t)(e - p), "utf-8", "strict");
    if (s == NULL) {
        py_err_clear();
        return NULL;
    }
    py_obj *name_strip = py_unicode_from_string("strip");
    py_obj *stripped = name_strip ? py_object_call_method_no_args(s, name_strip) : NULL;
    rg_xdecref(name_strip);
    rg_decref(s);
    if (stripped == NULL) py_err_clear();
    return stripped;
}

/* ====================================================================== */
/* Filters and output                                                      */
/* ====================================================================== */

/* Is category ignored by 3.11's default filters? */
static int ignored(py_typeinfo *category)
{
    py_typeinfo *const quiet[] = {py_exc_DeprecationWarning, &py_exc_PendingDeprecationWarning_info,
                                  &py_exc_ImportWarning_info, py_exc_ResourceWarning};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
        if (category == quiet[i] || py_type_is_subtype(category, quiet[i])) return 1;
    return 0;
}

int py_warn_explicit(py_typeinfo *category, py_obj *message, py_obj *filename, int lineno)
{
    if (ignored(category)) return 0;
    py_obj *err = py_sys_get_object("stderr");
    if (err == NULL || err == py_none) return 0;
    rg_incref(err);
    py_obj *line = source_line(filename, lineno);
    py_obj *text;
    if (line != NULL && py_unicode_get_length(line) > 0)
        text = py_unicode_from_format("%S:%d: %s: %S\n  %S\n", filename, lineno,
                                      py_type_short_name(py_type_name(category)), message, line);
    else
        text = py_unicode_from_format("%S:%d: %s: %S\n", filename, lineno,
                                      py_type_short_name(py_type_name(category)), message);
    rg_xdecref(line);
    py_obj *r = NULL;
    py_obj *name_write = py_unicode_from_string("write");
    if (text != NULL && name_write != NULL) r = py_object_call_method_one_arg(err, name_write, text);
    rg_xdecref(text);
    rg_xdecref(name_write);
    rg_decref(err);
    if (r == NULL) return -1;
    rg_decref(r);
    return 0;
}

int py_warn_explicit_format(py_typeinfo *category, py_obj *filename, int lineno, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    py_obj *msg = py_unicode_from_format_v(fmt, va);
    va_end(va);
    if (msg == NULL) return -1;
    int r = py_warn_explicit(category, msg, filename, lineno);
    rg_decref(msg);
    return r;
}
