/*
 * test_compile.c -- refgc's compiler against CPython 3.11.7's, byte for
 * byte.
 *
 * tools/gen-compile-oracle wrote tests/lang/compile/<prefix>_<name>.txt:
 * a canonical dump of every code object python3.11 compiles from a source
 * (tests/py/ sources, the parser corpus tests/lang/parse/ that python3
 * compiles, and tests/lang/compile/src/ for the compiler's own tricky
 * cases), or the SyntaxError it raises.  test_corpus compiles each source
 * with py_compile_source, dumps the result the same way and compares;
 * the first difference of each file is printed, and the count of
 * identical files.  A file may differ only if it is in known_mismatches
 * below, with the reason.
 *
 * The other tests: compile errors (messages and positions as python3's),
 * and the code object's decoders (every unit of every corpus code object
 * decodes; co_lines/co_positions agree with them).
 */
#include <dirent.h>
#include <stdarg.h>

#include "lang/code.h"
#include "lang/vm.h"
#include "os/os.h"
#include "support/pyfixture.h"
#include "support/xoshiro.h"

#ifndef REFGC_SOURCE_DIR
#define REFGC_SOURCE_DIR "."
#endif
#define ORACLE_DIR REFGC_SOURCE_DIR "/tests/lang/compile"

/* Files allowed to differ, each with the reason (goal: none). */
static const char *const known_mismatches[] = {
    "parse_async_constructs.txt", /* async def/for/with: the parser refuses them (refgc) */
    NULL,
};

/* ====================================================================== */
/* Text                                                                    */
/* ====================================================================== */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void text_printf(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_printf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    text_add(t, buf, (size_t)n);
}

static void text_str(text *t, py_obj *s)
{
    py_ssize_t n;
    const char *u = py_unicode_as_utf8_and_size(s, &n);
    assert_non_null(u);
    text_add(t, u, (size_t)n);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    *len = got;
    return buf;
}

/* ====================================================================== */
/* The dump (tools/gen-compile-oracle's format)                            */
/* ====================================================================== */

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void const_repr(text *t, py_obj *c)
{
    if (py_tuple_check_exact(c)) {
        py_ssize_t n = py_tuple_size(c);
        text_add(t, "(", 1);
        for (py_ssize_t i = 0; i < n; i++) {
            if (i) text_add(t, ", ", 2);
            const_repr(t, py_tuple_get(c, i));
        }
        text_add(t, n == 1 ? ",)" : ")", n == 1 ? 2 : 1);
        return;
    }
    if (py_frozenset_check_exact(c)) {
        py_ssize_t pos = 0, n = 0;
        py_obj *item;
        py_hash_t hash;
        char **items = calloc((size_t)py_set_size(c) + 1, sizeof(char *));
        while (py_set_next_entry(c, &pos, &item, &hash)) {
            text one = {0};
            const_repr(&one, item);
            items[n++] = one.s;
        }
        qsort(items, (size_t)n, sizeof(char *), cmp_cstr);
        text_add(t, "frozenset({", 11);
        for (py_ssize_t i = 0; i < n; i++) {
            if (i) text_add(t, ", ", 2);
            text_add(t, items[i], strlen(items[i]));
            free(items[i]);
        }
        free(items);
        text_add(t, "})", 2);
        return;
    }
    py_obj *r = ok(py_object_repr(c));
    text_str(t, r);
    rg_decref(r);
}

static void hex_bytes(text *t, const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char h[2] = {digits[p[i] >> 4], digits[p[i] & 15]};
        text_add(t, h, 2);
    }
}

static void dump_code(text *t, py_code_object *top)
{
    int nqueue = 1, qcap = 64;
    py_code_object **queue = malloc(sizeof(py_code_object *) * (size_t)qcap);
    assert_non_null(queue);
    queue[0] = top;
    for (int index = 0; index < nqueue; index++) {
        py_code_object *co = queue[index];
        text_printf(t, "code %d\nname ", index);
        text_str(t, co->co_name);
        text_add(t, "\nqualname ", 10);
        text_str(t, co->co_qualname);
        text_printf(t, "\nflags 0x%x\n", co->co_flags);
        text_printf(t, "argcount %d posonly %d kwonly %d\n", co->co_argcount, co->co_posonlyargcount,
                    co->co_kwonlyargcount);
        text_printf(t, "stacksize %d\nfirstlineno %d\nnlocals %d\nlocalsplus", co->co_stacksize, co->co_firstlineno,
                    co->co_nlocals);
        const unsigned char *kinds = (const unsigned char *)py_bytes_as_string(co->co_localspluskinds);
        for (int i = 0; i < co->co_nlocalsplus; i++) {
            text_add(t, " ", 1);
            text_str(t, py_tuple_get(co->co_localsplusnames, i));
            text_printf(t, ":%02x", kinds[i]);
        }
        text_add(t, "\nnames", 6);
        for (py_ssize_t i = 0; i < py_tuple_size(co->co_names); i++) {
            text_add(t, " ", 1);
            const_repr(t, py_tuple_get(co->co_names, i));
        }
        text_add(t, "\n", 1);
        for (py_ssize_t i = 0; i < py_tuple_size(co->co_consts); i++) {
            py_obj *c = py_tuple_get(co->co_consts, i);
            if (py_code_check(c)) {
                if (nqueue == qcap) {
                    qcap *= 2;
                    queue = realloc(queue, sizeof(py_code_object *) * (size_t)qcap);
                    assert_non_null(queue);
                }
                queue[nqueue++] = (py_code_object *)c;
                text_printf(t, "const %d <code %d>\n", (int)i, nqueue - 1);
            } else {
                text_printf(t, "const %d ", (int)i);
                const_repr(t, c);
                text_add(t, "\n", 1);
            }
        }
        text_add(t, "code ", 5);
        py_ssize_t n = py_code_ncodeunits(co);
        for (py_ssize_t i = 0; i < n; i++) {
            unsigned char u[2] = {(unsigned char)PY_OPCODE(co->co_code_adaptive[i]),
                                  (unsigned char)PY_OPARG(co->co_code_adaptive[i])};
            hex_bytes(t, u, 2);
        }
        text_add(t, "\nexceptiontable ", 16);
        hex_bytes(t, (const unsigned char *)py_bytes_as_string(co->co_exceptiontable),
                  (size_t)py_bytes_size(co->co_exceptiontable));
        text_add(t, "\nlinetable ", 11);
        hex_bytes(t, (const unsigned char *)py_bytes_as_string(co->co_linetable), (size_t)py_bytes_size(co->co_linetable));
        text_add(t, "\n", 1);
    }
    free(queue);
}

/* The oracle's line for an exception. */
static void dump_error(text *t)
{
    py_obj *e = py_err_get_raised_exception();
    assert_non_null(e);
    const char *tn = py_obj_type_name(e);
    if (strcmp(tn, "SyntaxError") == 0 || strcmp(tn, "IndentationError") == 0 || strcmp(tn, "TabError") == 0) {
        static const char *const fields[] = {"msg", "lineno", "offset", "end_lineno", "end_offset"};
        text_printf(t, "%s: ", tn);
        for (int i = 0; i < 5; i++) {
            py_obj *v = ok(py_object_get_attr_string(e, fields[i]));
            py_obj *s = ok(py_object_str(v));
            if (i == 1) text_add(t, " (", 2);
            if (i > 1) text_add(t, ", ", 2);
            text_str(t, s);
            rg_decref(s);
            rg_decref(v);
        }
        text_add(t, ")\n", 2);
    } else {
        py_obj *s = ok(py_object_str(e));
        text_printf(t, "%s: ", tn);
        text_str(t, s);
        text_add(t, "\n", 1);
        rg_decref(s);
    }
    rg_decref(e);
}

/* Every unit of every code object decodes; co_lines ranges agree. */
static void check_decoders(py_code_object *co)
{
    py_ssize_t n = py_code_ncodeunits(co);
    /* (addr2location walks the table: every unit of small code objects,
     * a sample of big ones) */
    py_ssize_t step = n > 4096 ? 97 : 1;
    for (py_ssize_t i = 0; i < n; i += step) {
        int l, el, c, ec;
        assert_int_equal(py_code_addr2location(co, (int)i, &l, &el, &c, &ec), 1);
        assert_int_equal(py_code_addr2line(co, (int)i), l);
        int target, depth, lasti;
        if (py_code_exception_handler(co, (int)i, &target, &depth, &lasti)) {
            assert_true(target >= 0 && target < n);
            assert_true(depth >= 0);
        }
    }
    int l, el, c, ec;
    assert_int_equal(py_code_addr2location(co, (int)n, &l, &el, &c, &ec), 0);
    for (py_ssize_t i = 0; i < py_tuple_size(co->co_consts); i++)
        if (py_code_check(py_tuple_get(co->co_consts, i))) check_decoders((py_code_object *)py_tuple_get(co->co_consts, i));
}

/* ====================================================================== */
/* The corpus                                                              */
/* ====================================================================== */

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The source of an oracle file name (prefix_name.txt). */
static void source_of(const char *oracle, char *path, size_t size, char *base, size_t bsize)
{
    const char *rest;
    const char *dir;
    if (strncmp(oracle, "py_", 3) == 0) {
        rest = oracle + 3;
        dir = REFGC_SOURCE_DIR "/tests/py/";
    } else if (strncmp(oracle, "parse_", 6) == 0) {
        rest = oracle + 6;
        dir = REFGC_SOURCE_DIR "/tests/lang/parse/";
    } else {
        rest = oracle + 4;
        dir = ORACLE_DIR "/src/";
    }
    size_t n = strlen(rest) - 4; /* .txt */
    snprintf(base, bsize, "%.*s.py", (int)n, rest);
    snprintf(path, size, "%s%s", dir, base);
}

/* The first differing line of two texts, printed. */
static void print_first_difference(const char *name, const char *want, const char *got)
{
    int line = 1;
    const char *w = want, *g = got;
    while (*w && *g) {
        const char *we = strchr(w, '\n'), *ge = strchr(g, '\n');
        size_t wl = we ? (size_t)(we - w) : strlen(w), gl = ge ? (size_t)(ge - g) : strlen(g);
        if (wl != gl || memcmp(w, g, wl) != 0) {
            /* the code object this line belongs to */
            printf("  %s line %d:\n    want %.*s\n    got  %.*s\n", name, line, (int)(wl > 300 ? 300 : wl), w,
                   (int)(gl > 300 ? 300 : gl), g);
            return;
        }
        w += wl + (we != NULL);
        g += gl + (ge != NULL);
        line++;
    }
    printf("  %s line %d: one dump ends first\n", name, line);
}

static int is_known(const char *name)
{
    for (int i = 0; known_mismatches[i]; i++)
        if (strcmp(known_mismatches[i], name) == 0) return 1;
    return 0;
}

/* COMPILE_EXTRA_DIR (for ad hoc runs, e.g. over the standard library):
 * a directory of NAME.py with NAME.txt made by gen-compile-oracle FILE. */
static void source_of_extra(const char *dir, const char *oracle, char *path, size_t size, char *base, size_t bsize)
{
    size_t n = strlen(oracle) - 4;
    snprintf(base, bsize, "%.*s.py", (int)n, oracle);
    snprintf(path, size, "%s/%s", dir, base);
}

static void test_corpus(void **state)
{
    (void)state;
    const char *extra = getenv("COMPILE_EXTRA_DIR");
    const char *odir = extra ? extra : ORACLE_DIR;
    DIR *d = opendir(odir);
    assert_non_null(d);
    char *names[2048];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
            assert_true(n < 2048);
            names[n++] = strdup(de->d_name);
        }
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof(char *), cmp_names);
    const char *only = getenv("COMPILE_ONLY");
    int identical = 0, total = 0, unexpected = 0;
    for (int i = 0; i < n; i++) {
        if (only && strstr(names[i], only) == NULL) {
            free(names[i]);
            continue;
        }
        char path[1024], base[512], opath[1024];
        if (extra) source_of_extra(extra, names[i], path, sizeof path, base, sizeof base);
        else source_of(names[i], path, sizeof path, base, sizeof base);
        snprintf(opath, sizeof opath, "%s/%s", odir, names[i]);
        size_t slen, wlen;
        char *src = read_file(path, &slen), *want = read_file(opath, &wlen);
        assert_non_null(want);
        if (src == NULL) {
            /* the source was removed since the oracle ran: tools/gen-compile-oracle --check says so */
            printf("  %s: stale (no %s)\n", names[i], path);
            free(want);
            free(names[i]);
            continue;
        }
        text got = {0};
        text_add(&got, "", 0);
        size_t blen = strlen(base);
        py_compile_mode mode = PY_COMPILE_EXEC;
        if (blen > 8 && strcmp(base + blen - 8, "_eval.py") == 0) mode = PY_COMPILE_EVAL;
        if (blen > 10 && strcmp(base + blen - 10, "_single.py") == 0) mode = PY_COMPILE_SINGLE;
        py_obj *co = py_compile_source(src, slen, base, mode);
        if (co == NULL) {
            dump_error(&got);
        } else {
            dump_code(&got, (py_code_object *)co);
            check_decoders((py_code_object *)co);
            rg_decref(co);
        }
        total++;
        const char *dumpdir = getenv("COMPILE_DUMP");
        if (dumpdir) {
            char dpath[1200];
            snprintf(dpath, sizeof dpath, "%s/%s", dumpdir, names[i]);
            FILE *df = fopen(dpath, "w");
            if (df) {
                fputs(got.s, df);
                fclose(df);
            }
        }
        if (strcmp(got.s, want) == 0) {
            identical++;
            if (is_known(names[i])) printf("  %s: in known_mismatches but identical now\n", names[i]);
        } else {
            print_first_difference(names[i], want, got.s);
            if (!is_known(names[i])) unexpected++;
        }
        free(got.s);
        free(src);
        free(want);
        free(names[i]);
    }
    printf("compile corpus: %d/%d identical to python3.11\n", identical, total);
    assert_int_equal(unexpected, 0);
}

/* ====================================================================== */
/* Errors                                                                  */
/* ====================================================================== */

typedef struct error_case {
    const char *src;
    const char *expected; /* the oracle's line */
} error_case;

/* What python3.11 says (compile(src, "t.py", "exec")). */
static const error_case error_cases[] = {
    {"return 1\n", "SyntaxError: 'return' outside function (1, 1, 1, 9)\n"},
    {"break\n", "SyntaxError: 'break' outside loop (1, 1, 1, 6)\n"},
    {"continue\n", "SyntaxError: 'continue' not properly in loop (1, 1, 1, 9)\n"},
    {"nonlocal x\n", "SyntaxError: nonlocal declaration not allowed at module level (1, 1, 1, 11)\n"},
    {"def f():\n  nonlocal x\n", "SyntaxError: no binding for nonlocal 'x' found (2, 3, 2, 13)\n"},
    {"def f():\n  x=1\n  global x\n", "SyntaxError: name 'x' is assigned to before global declaration (3, 3, 3, 11)\n"},
    {"def f():\n  print(x)\n  global x\n", "SyntaxError: name 'x' is used prior to global declaration (3, 3, 3, 11)\n"},
    {"def f(a):\n  global a\n", "SyntaxError: name 'a' is parameter and global (2, 3, 2, 11)\n"},
    {"def f(a, a): pass\n", "SyntaxError: duplicate argument 'a' in function definition (1, 10, 1, 11)\n"},
    {"f(a=1, a=2)\n", "SyntaxError: keyword argument repeated: a (1, 8, 1, 11)\n"},
    {"def f():\n  x = [(yield) for i in y]\n", "SyntaxError: 'yield' inside list comprehension (2, 9, 2, 14)\n"},
    {"try:\n  pass\nexcept:\n  pass\nexcept ValueError:\n  pass\n",
     "SyntaxError: default 'except:' must be last (3, 1, 4, 7)\n"},
    {"x = yield 1\n", "SyntaxError: 'yield' outside function (1, 5, 1, 12)\n"},
    {"x=1\nfrom __future__ import division\n",
     "SyntaxError: from __future__ imports must occur at the beginning of the file (2, 1, 2, 32)\n"},
    {"from __future__ import braces\n", "SyntaxError: not a chance (1, 1, 1, None)\n"},
    {"from __future__ import nope\n", "SyntaxError: future feature nope is not defined (1, 1, 1, None)\n"},
    {"def f():\n  from os import *\n",
     "SyntaxError: import * only allowed at module level (2, 18, 2, 19)\n"},
    {"def f():\n  global x\n  x: int = 1\n",
     "SyntaxError: annotated name 'x' can't be global (3, 3, 3, 13)\n"},
    {"def f():\n  x: int = 1\n  global x\n",
     "SyntaxError: annotated name 'x' can't be global (3, 3, 3, 11)\n"},
    {"[i := 0 for i in range(3)]\n",
     "SyntaxError: assignment expression cannot rebind comprehension iteration variable 'i' (1, 2, 1, 3)\n"},
    {"[x for x in (y := [1])]\n",
     "SyntaxError: assignment expression cannot be used in a comprehension iterable expression (1, 14, 1, 22)\n"},
    {"class C:\n  [(z := 1) for x in y]\n",
     "SyntaxError: assignment expression within a comprehension cannot be used in a class body (2, 5, 2, 6)\n"},
    {"def f():\n  x = 1\n  def g():\n    global x\n    nonlocal x\n",
     "SyntaxError: name 'x' is nonlocal and global (4, 5, 4, 13)\n"},
    {"def f(a):\n  nonlocal a\n",
     "SyntaxError: name 'a' is parameter and nonlocal (2, 3, 2, 13)\n"},
    {"x = (yield)\n",
     "SyntaxError: 'yield' outside function (1, 6, 1, 11)\n"},
    {"def f():\n  return [(yield x) for x in y]\n",
     "SyntaxError: 'yield' inside list comprehension (2, 12, 2, 19)\n"},
    {"def f():\n  return ((yield x) for x in y)\n",
     "SyntaxError: 'yield' inside generator expression (2, 12, 2, 19)\n"},
    {"def f():\n  x = {(yield x): 1 for x in y}\n",
     "SyntaxError: 'yield' inside dict comprehension (2, 9, 2, 16)\n"},
    {"del __debug__\n",
     "SyntaxError: cannot delete __debug__ (1, 5, 1, 14)\n"},
    {"__debug__ = 1\n",
     "SyntaxError: cannot assign to __debug__ (1, 1, 1, 10)\n"},
    {"def f(__debug__): pass\n",
     "SyntaxError: cannot assign to __debug__ (1, 1, 1, 23)\n"},
    {"f(__debug__=1)\n",
     "SyntaxError: cannot assign to __debug__ (1, 1, 1, 15)\n"},
    {"a.__debug__ = 1\n",
     "SyntaxError: cannot assign to __debug__ (1, 1, 1, 12)\n"},
    {"for __debug__ in x: pass\n",
     "SyntaxError: cannot assign to __debug__ (1, 5, 1, 14)\n"},
    {"a, *b, *c = d\n",
     "SyntaxError: multiple starred expressions in assignment (1, 1, 1, 10)\n"},
    {"*a = b\n",
     "SyntaxError: starred assignment target must be in a list or tuple (1, 1, 1, 3)\n"},
    {NULL, NULL},
};

static void test_errors(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; error_cases[i].src; i++) {
        py_obj *co = py_compile_source(error_cases[i].src, strlen(error_cases[i].src), "t.py", PY_COMPILE_EXEC);
        assert_null(co);
        text got = {0};
        dump_error(&got);
        if (strcmp(got.s, error_cases[i].expected) != 0) {
            printf("  case %d: want %s           got  %s", i, error_cases[i].expected, got.s);
            bad++;
        }
        free(got.s);
    }
    assert_int_equal(bad, 0);
}

/* The parser corpus files python3 refuses: the exception py_compile_source
 * raises (the parser's, converted to an exception object, or the
 * symbol table's and the compiler's) is the one tools/gen-parse-oracle
 * recorded from `python3 FILE`. */
static void test_parse_errors(void **state)
{
    (void)state;
    const char *dir = REFGC_SOURCE_DIR "/tests/lang/parse";
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    int total = 0, same = 0;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 10 || strcmp(de->d_name + l - 9, ".expected") != 0) continue;
        char epath[1024], spath[1024], base[512];
        snprintf(epath, sizeof epath, "%s/%s", dir, de->d_name);
        snprintf(base, sizeof base, "%.*s.py", (int)(l - 9), de->d_name);
        snprintf(spath, sizeof spath, "%s/%s", dir, base);
        size_t elen, slen;
        char *want = read_file(epath, &elen);
        assert_non_null(want);
        char *colon = strchr(want, ':');
        if (colon == NULL || colon - want < 5 || strncmp(colon - 5, "Error", 5) != 0 || strchr(want, '\n') != want + elen - 1) {
            free(want);
            continue;
        }
        char *src = read_file(spath, &slen);
        assert_non_null(src);
        py_obj *co = py_compile_source(src, slen, base, PY_COMPILE_EXEC);
        text got = {0};
        text_add(&got, "", 0);
        if (co != NULL) {
            text_add(&got, "(compiled)\n", 11);
            rg_decref(co);
        } else {
            dump_error(&got);
        }
        total++;
        if (strcmp(got.s, want) == 0) same++;
        else printf("  %s:\n    want %s    got  %s", base, want, got.s);
        free(got.s);
        free(src);
        free(want);
    }
    closedir(d);
    printf("parse errors: %d/%d as python3.11\n", same, total);
    assert_int_equal(same, total);
}

/* Replace every 0x<hex> by 0x0 in place (code object addresses). */
static void normalize_addresses(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        if (r[0] == '0' && r[1] == 'x' && ((r[2] >= '0' && r[2] <= '9') || (r[2] >= 'a' && r[2] <= 'f'))) {
            *w++ = '0';
            *w++ = 'x';
            *w++ = '0';
            r += 2;
            while ((*r >= '0' && *r <= '9') || (*r >= 'a' && *r <= 'f')) r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* py_code_dis prints what dis.dis prints (own sources, own_NAME.dis). */
static void test_dis(void **state)
{
    (void)state;
    DIR *d = opendir(ORACLE_DIR);
    assert_non_null(d);
    struct dirent *de;
    int total = 0, same = 0;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".dis") != 0) continue;
        char dpath[1024], spath[1024], base[512];
        snprintf(dpath, sizeof dpath, "%s/%s", ORACLE_DIR, de->d_name);
        snprintf(base, sizeof base, "%.*s.py", (int)(l - 8), de->d_name + 4);
        snprintf(spath, sizeof spath, "%s/src/%s", ORACLE_DIR, base);
        size_t wlen, slen;
        char *want = read_file(dpath, &wlen), *src = read_file(spath, &slen);
        assert_non_null(want);
        assert_non_null(src);
        size_t blen = strlen(base);
        py_compile_mode mode = PY_COMPILE_EXEC;
        if (blen > 8 && strcmp(base + blen - 8, "_eval.py") == 0) mode = PY_COMPILE_EVAL;
        if (blen > 10 && strcmp(base + blen - 10, "_single.py") == 0) mode = PY_COMPILE_SINGLE;
        py_obj *co = ok(py_compile_source(src, slen, base, mode));
        char *got = NULL;
        size_t glen = 0;
        FILE *f = open_memstream(&got, &glen);
        assert_non_null(f);
        assert_int_equal(py_code_dis((py_code_object *)co, f), 0);
        fclose(f);
        rg_decref(co);
        normalize_addresses(got);
        total++;
        if (strcmp(got, want) == 0) same++;
        else print_first_difference(de->d_name, want, got);
        free(got);
        free(want);
        free(src);
    }
    closedir(d);
    printf("dis: %d/%d as python3.11's dis.dis\n", same, total);
    assert_int_equal(same, total);
}

/* Line-level mutations of the corpus sources (a line dropped, doubled,
 * moved, or indented): every one compiles or raises, nothing crashes or
 * leaks (the heap is checked at teardown).  Fixed seed. */
static void test_mutations(void **state)
{
    (void)state;
    xoshiro g;
    xoshiro_seed(&g, 20261121);
    const char *dir = REFGC_SOURCE_DIR "/tests/py";
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    char *files[1024];
    int nfiles = 0, compiled = 0, raised = 0;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l >= 4 && strcmp(de->d_name + l - 3, ".py") == 0 && nfiles < 1024) files[nfiles++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(files, (size_t)nfiles, sizeof(char *), cmp_names);
    for (int fi = 0; fi < nfiles; fi++) {
        const char *name = files[fi];
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        size_t slen;
        char *src = read_file(path, &slen);
        assert_non_null(src);
        /* the lines */
        const char *lines[4096];
        size_t lens[4096];
        int n = 0;
        for (const char *p = src; *p && n < 4096;) {
            const char *e = strchr(p, '\n');
            size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
            lines[n] = p;
            lens[n++] = len;
            p += len;
        }
        for (int round = 0; round < 8 && n > 1; round++) {
            int a = (int)(xoshiro_next(&g) % (uint64_t)n), b = (int)(xoshiro_next(&g) % (uint64_t)n);
            int kind = (int)(xoshiro_next(&g) % 4);
            text t = {0};
            text_add(&t, "", 0);
            for (int i = 0; i < n; i++) {
                if (kind == 0 && i == a) continue;              /* drop */
                if (kind == 2 && i == a) continue;              /* move a before b */
                if (kind == 2 && i == b) text_add(&t, lines[a], lens[a]);
                if (kind == 3 && i == a) text_add(&t, "    ", 4); /* indent */
                text_add(&t, lines[i], lens[i]);
                if (kind == 1 && i == a) text_add(&t, lines[i], lens[i]); /* double */
            }
            py_obj *co = py_compile_source(t.s, t.len, name, PY_COMPILE_EXEC);
            if (co != NULL) {
                compiled++;
                rg_decref(co);
            } else {
                assert_non_null(py_err_occurred());
                py_err_clear();
                raised++;
            }
            free(t.s);
        }
        free(src);
        free(files[fi]);
    }
    printf("mutations: %d compiled, %d raised\n", compiled, raised);
}

/* Make the k-th allocation from now on fail (the C library's through
 * rg_os_*, and the heap's), for every k, while compiling programs: each
 * compile ends in a code object identical to the oracle's, or in an
 * exception (MemoryError mostly), and leaks nothing (teardown checks the
 * heap; LSan the C allocations). */
static void test_alloc_failure(void **state)
{
    (void)state;
    static const char *const files[] = {"own_closures.txt", "own_try_finally.txt", "own_future_annotations.txt",
                                        "own_comprehensions.txt"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[1024], base[512], opath[1024];
        source_of(files[f], path, sizeof path, base, sizeof base);
        snprintf(opath, sizeof opath, "%s/%s", ORACLE_DIR, files[f]);
        size_t slen, wlen;
        char *src = read_file(path, &slen), *want = read_file(opath, &wlen);
        assert_non_null(src);
        assert_non_null(want);
        int succeeded = 0, failures = 0;
        for (long k = 0; k < 1000000 && !succeeded; k++) {
            rg_os_fail_after(k);
            py_obj *co = py_compile_source(src, slen, base, PY_COMPILE_EXEC);
            rg_os_fail_after(-1);
            if (co != NULL) {
                text got = {0};
                dump_code(&got, (py_code_object *)co);
                rg_decref(co);
                assert_string_equal(got.s, want);
                free(got.s);
                succeeded = 1;
            } else {
                assert_non_null(py_err_occurred());
                py_err_clear();
                failures++;
            }
        }
        printf("alloc failure: %s compiled after %d failed attempts\n", files[f], failures);
        assert_true(succeeded);
        free(src);
        free(want);
    }
}

/* The code type at the Python level: repr, ==, hash, sizes and the
 * attributes, as python3.11 shows them for the same source. */
static void test_code_object(void **state)
{
    (void)state;
    assert_int_equal(py_type_ready(&py_code_info), 0);
    const char *src = "def f(a, b=1, *args, k, **kw):\n    x = a\n    def g():\n        return x + k\n    return g\n";
    py_obj *m1 = ok(py_compile_source(src, strlen(src), "m.py", PY_COMPILE_EXEC));
    py_obj *m2 = ok(py_compile_source(src, strlen(src), "m.py", PY_COMPILE_EXEC));
    py_obj *f = py_tuple_get(((py_code_object *)m1)->co_consts, 1);
    assert_true(py_code_check(f));
    assert_int_equal(py_object_rich_compare_bool(m1, m2, PY_EQ), 1);
    assert_int_equal(py_object_rich_compare_bool(m1, f, PY_EQ), 0);
    assert_true(py_object_hash(m1) == py_object_hash(m2));
    py_obj *r = ok(py_object_repr(f));
    const char *rs = py_unicode_as_utf8(r);
    assert_true(strncmp(rs, "<code object f at 0x", 20) == 0);
    assert_non_null(strstr(rs, ", file \"m.py\", line 1>"));
    rg_decref(r);
    /* python3.11: f.__code__.co_varnames ('a', 'b', 'k', 'args', 'kw', 'g'), co_cellvars ('k', 'x'),
     * co_nlocals 6, sys.getsizeof 192 + 2 per unit (rounded to 8), co_lines of g */
    repr_is(py_object_get_attr_string(f, "co_varnames"), "('a', 'b', 'k', 'args', 'kw', 'g')");
    repr_is(py_object_get_attr_string(f, "co_cellvars"), "('k', 'x')");
    repr_is(py_object_get_attr_string(f, "co_freevars"), "()");
    repr_is(py_object_get_attr_string(f, "co_nlocals"), "6");
    repr_is(py_object_get_attr_string(f, "co_flags"), "15");
    repr_is(py_object_get_attr_string(f, "co_name"), "'f'");
    py_obj *g = py_tuple_get(((py_code_object *)f)->co_consts, 1);
    assert_true(py_code_check(g));
    repr_is(py_object_get_attr_string(g, "co_freevars"), "('k', 'x')");
    repr_is(py_object_get_attr_string(g, "co_qualname"), "'f.<locals>.g'");
    repr_is(py_object_get_attr_string(g, "co_code"),
            "b'\\x95\\x02\\x97\\x00\\x89\\x01\\x89\\x00z\\x00\\x00\\x00S\\x00'");
    py_obj *sz = ok(py_object_get_attr_string(g, "__sizeof__"));
    repr_is(py_object_call_no_args(sz), "200");
    rg_decref(sz);
    py_obj *lines = ok(py_object_get_attr_string(g, "co_lines"));
    py_obj *it = ok(py_object_call_no_args(lines));
    repr_is(py_sequence_list(it), "[(0, 2, None), (2, 4, 3), (4, 6, 4), (6, 8, 4), (8, 12, 4), (12, 14, 4)]");
    rg_decref(it);
    rg_decref(lines);
    py_obj *positions = ok(py_object_get_attr_string(g, "co_positions"));
    it = ok(py_object_call_no_args(positions));
    repr_is(py_sequence_list(it), "[(None, None, None, None), (3, 3, 0, 0), (4, 4, 15, 16), (4, 4, 19, 20), "
                                  "(4, 4, 15, 20), (4, 4, 15, 20), (4, 4, 8, 20)]");
    rg_decref(it);
    rg_decref(positions);
    rg_decref(m1);
    rg_decref(m2);
}

/* The exception objects as python3 builds them: the compiler's and the
 * parser's with (msg, (filename, lineno, offset, text, end_lineno,
 * end_offset)) as args, the symbol table's with (msg,) and the location in
 * the attributes only. */
static void test_error_objects(void **state)
{
    (void)state;
    static const struct {
        const char *src, *args, *text;
    } cases[] = {
        {"return 1\n", "(\"'return' outside function\", ('t.py', 1, 1, 'return 1\\n', 1, 9))", "'return 1\\n'"},
        {"nonlocal x\n", "('nonlocal declaration not allowed at module level',)", "'nonlocal x\\n'"},
        {"x = (\n", "(\"'(' was never closed\", ('t.py', 1, 5, 'x = (\\n', 1, 0))", "'x = (\\n'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_null(py_compile_source(cases[i].src, strlen(cases[i].src), "t.py", PY_COMPILE_EXEC));
        py_obj *e = py_err_get_raised_exception();
        assert_non_null(e);
        repr_is(py_object_get_attr_string(e, "args"), cases[i].args);
        repr_is(py_object_get_attr_string(e, "text"), cases[i].text);
        repr_is(py_object_get_attr_string(e, "filename"), "'t.py'");
        rg_decref(e);
    }
}

/* Nesting beyond 20 blocks fails as python3's. */
static void test_too_many_blocks(void **state)
{
    (void)state;
    text src = {0};
    for (int i = 0; i < 21; i++) {
        for (int j = 0; j < i; j++) text_add(&src, " ", 1);
        text_add(&src, "for x in y:\n", 12);
    }
    for (int j = 0; j < 21; j++) text_add(&src, " ", 1);
    text_add(&src, "pass\n", 5);
    py_obj *co = py_compile_source(src.s, src.len, "t.py", PY_COMPILE_EXEC);
    assert_null(co);
    text got = {0};
    dump_error(&got);
    assert_string_equal(got.s, "SyntaxError: too many statically nested blocks (21, 21, 22, 26)\n");
    free(got.s);
    free(src.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_corpus),
        PYFX_TEST(test_errors),
        PYFX_TEST(test_error_objects),
        PYFX_TEST(test_parse_errors),
        PYFX_TEST(test_dis),
        PYFX_TEST(test_mutations),
        PYFX_TEST(test_code_object),
        PYFX_TEST(test_alloc_failure),
        PYFX_TEST(test_too_many_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
