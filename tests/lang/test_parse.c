/*
 * test_parse.c -- the front end's tokenizer, parser and AST against
 * CPython 3.11.7.
 *
 * The corpus (tests/lang/parse, NAME.py) holds small programs and one-error
 * files; tools/gen-parse-oracle wrote each one's .expected with python3.11
 * (ast.dump of the tree, with and without positions, or the exception as
 * "SyntaxError: msg (lineno, offset, end_lineno, end_offset)").  The
 * corpus test parses every file and compares byte for byte; another test
 * shows that a wrong expectation is caught.
 *
 * The rest is built here: what refgc refuses ("... not supported by
 * refgc"); nesting limits at the exact thresholds python3 3.11.7 showed
 * (MAXLEVEL brackets, the parser's MAXSTACK MemoryError, the compiler's
 * RecursionError); inputs no parser may choke on (100,000 nested brackets
 * or unary minuses, enormous literals, a 10 MB line, binary garbage);
 * a fixed-seed fuzz loop (token soup and byte mutations of the corpus)
 * that only asks for a tree or an error; and allocation failure at every
 * step of a parse, which must end in MemoryError and leak nothing.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lang/ast.h"
#include "os/os.h"
#include "support/xoshiro.h"

#ifndef REFGC_SOURCE_DIR
#define REFGC_SOURCE_DIR "."
#endif
#define CORPUS_DIR REFGC_SOURCE_DIR "/tests/lang/parse"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* A growing string. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

/* Append printf-style. */
static void text_printf(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    t->len += (size_t)n;
}

/* A whole file, or NULL. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0, r;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* What the oracle writes for one source: two dumps, or the error line. */
static char *parse_result(const char *src, size_t len, const char *filename, int flags)
{
    py_arena *arena = py_arena_new();
    assert_non_null(arena);
    py_parse_error err;
    py_mod *mod = py_parse_file(src, len, filename, arena, flags, &err);
    text t = {NULL, 0, 0};
    if (mod) {
        char *d0 = py_ast_dump(mod, 0, NULL), *d1 = py_ast_dump(mod, 1, NULL);
        assert_non_null(d0);
        assert_non_null(d1);
        text_printf(&t, "%s\n%s\n", d0, d1);
        free(d0);
        free(d1);
    } else {
        const char *name = py_error_type_name(err.type);
        if (err.type == PY_ERR_SYNTAX || err.type == PY_ERR_INDENTATION || err.type == PY_ERR_TAB) {
            if (err.located)
                text_printf(&t, "%s: %s (%d, %d, %d, %d)\n", name, err.msg, err.lineno, err.offset,
                            err.end_lineno, err.end_offset);
            else
                text_printf(&t, "%s: %s (None, None, None, None)\n", name, err.msg);
        } else {
            text_printf(&t, "%s: %s\n", name, err.msg);
        }
    }
    py_parse_error_clear(&err);
    py_arena_free(arena);
    return t.s;
}

/* The outcome of a parse in one line: "ok" for a tree (not dumped), or
 * the error line. */
static char *result_line(const char *src, size_t len, int flags)
{
    py_arena *arena = py_arena_new();
    assert_non_null(arena);
    py_parse_error err;
    py_mod *mod = py_parse_file(src, len, "t.py", arena, flags, &err);
    text t = {NULL, 0, 0};
    if (mod) {
        text_printf(&t, "ok");
    } else if (err.type == PY_ERR_MEMORY || err.type == PY_ERR_RECURSION || err.type == PY_ERR_UNICODE_DECODE) {
        text_printf(&t, "%s: %s", py_error_type_name(err.type), err.msg);
    } else if (err.located) {
        text_printf(&t, "%s: %s (%d, %d, %d, %d)", py_error_type_name(err.type), err.msg, err.lineno, err.offset,
                    err.end_lineno, err.end_offset);
    } else {
        text_printf(&t, "%s: %s (None, None, None, None)", py_error_type_name(err.type), err.msg);
    }
    py_parse_error_clear(&err);
    py_arena_free(arena);
    return t.s;
}

/* Set while test_corpus_detects_mismatch makes mismatches on purpose. */
static int quiet;

/* Compare a result with its expectation; 0 if equal, else print where
 * they part and return 1. */
static int compare(const char *name, const char *expected, size_t exp_len, const char *got)
{
    size_t got_len = strlen(got);
    if (exp_len == got_len && memcmp(expected, got, exp_len) == 0) return 0;
    if (quiet) return 1;
    size_t i = 0;
    while (i < exp_len && i < got_len && expected[i] == got[i]) i++;
    size_t from = i > 60 ? i - 60 : 0;
    fprintf(stderr, "MISMATCH %s at byte %zu\n  expected: %.*s\n  got:      %.*s\n", name, i,
            (int)(exp_len - from < 160 ? exp_len - from : 160), expected + from,
            (int)(got_len - from < 160 ? got_len - from : 160), got + from);
    return 1;
}

/* Does a name end with suffix? */
static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* qsort comparator for names. */
static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The corpus's .py files, sorted; *n of them. */
static char **corpus_files(size_t *n)
{
    DIR *d = opendir(CORPUS_DIR);
    assert_non_null(d);
    size_t cap = 512;
    char **names = malloc(cap * sizeof *names);
    assert_non_null(names);
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!ends_with(e->d_name, ".py")) continue;
        if (*n == cap) {
            cap *= 2;
            names = realloc(names, cap * sizeof *names);
            assert_non_null(names);
        }
        names[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, *n, sizeof *names, cmp_names);
    return names;
}

/* Free a list of names. */
static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

/* One corpus file: parse it, compare with its .expected (or with
 * override, if given). */
static int check_corpus_file(const char *name, const char *override)
{
    char path[4096];
    size_t len, exp_len;
    snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, name);
    char *src = read_file(path, &len);
    assert_non_null(src);
    snprintf(path, sizeof path, "%s/%.*s.expected", CORPUS_DIR, (int)(strlen(name) - 3), name);
    char *expected = override ? strdup(override) : read_file(path, &exp_len);
    if (!expected) {
        fprintf(stderr, "MISSING %s\n", path);
        free(src);
        return 1;
    }
    if (override) exp_len = strlen(override);
    /* CPython parses async code: so does refgc when allowed. */
    char *got = parse_result(src, len, name, PY_PARSE_ALLOW_ASYNC);
    int bad = compare(name, expected, exp_len, got);
    free(got);
    free(expected);
    free(src);
    return bad;
}

/* ====================================================================== */
/* The corpus                                                              */
/* ====================================================================== */

/* Every corpus file parses to exactly what CPython 3.11.7 made of it. */
static void test_corpus(void **state)
{
    (void)state;
    size_t n, bad = 0, errors = 0;
    char **names = corpus_files(&n);
    for (size_t i = 0; i < n; i++) {
        bad += (size_t)check_corpus_file(names[i], NULL);
        errors += strncmp(names[i], "err_", 4) == 0;
    }
    fprintf(stderr, "corpus: %zu files (%zu error files), %zu mismatches\n", n, errors, bad);
    free_names(names, n);
    assert_true(n >= 150);
    assert_true(errors >= 50);
    assert_int_equal(bad, 0);
}

/* A wrong expectation is caught: the comparison can fail. */
static void test_corpus_detects_mismatch(void **state)
{
    (void)state;
    char path[4096];
    size_t len;
    static const char *const files[] = {"program_small.py", "err_invalid_syntax_eq.py"};
    quiet = 1;
    for (size_t f = 0; f < 2; f++) {
        snprintf(path, sizeof path, "%s/%.*s.expected", CORPUS_DIR, (int)(strlen(files[f]) - 3), files[f]);
        char *expected = read_file(path, &len);
        assert_non_null(expected);
        char *s = realloc(expected, len + 1);
        assert_non_null(s);
        s[len] = '\0';
        assert_int_equal(check_corpus_file(files[f], s), 0);
        /* One byte off, in the middle and at the end. */
        s[len / 2] ^= 1;
        assert_int_equal(check_corpus_file(files[f], s), 1);
        s[len / 2] ^= 1;
        s[len - 1] = '\0';
        assert_int_equal(check_corpus_file(files[f], s), 1);
        free(s);
    }
    quiet = 0;
}

/* ====================================================================== */
/* What refgc refuses                                                      */
/* ====================================================================== */

static void test_unsupported(void **state)
{
    (void)state;
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"match x:\n    case 1:\n        pass\n",
         "SyntaxError: 'match' statements are not supported by refgc (1, 1, 1, 6)"},
        {"x = 1\nmatch (a, b):\n    case _:\n        pass\n",
         "SyntaxError: 'match' statements are not supported by refgc (2, 1, 2, 6)"},
        {"async def f():\n    pass\n", "SyntaxError: 'async def' is not supported by refgc (1, 1, 1, 6)"},
        {"@d\nasync def f():\n    pass\n", "SyntaxError: 'async def' is not supported by refgc (2, 1, 2, 6)"},
        {"def f():\n    async for x in y:\n        pass\n",
         "SyntaxError: 'async for' is not supported by refgc (2, 5, 2, 10)"},
        {"def f():\n    async with a:\n        pass\n",
         "SyntaxError: 'async with' is not supported by refgc (2, 5, 2, 10)"},
        {"x = await y\n", "SyntaxError: 'await' expressions are not supported by refgc (1, 5, 1, 10)"},
        {"x = [a async for a in b]\n",
         "SyntaxError: 'async' comprehensions are not supported by refgc (1, 8, 1, 13)"},
        /* async is refused at its first use in source order, once the
         * file has parsed; a file that does not parse gets CPython's
         * error. */
        {"def f():\n    return await x\nasync def g():\n    pass\n",
         "SyntaxError: 'await' expressions are not supported by refgc (2, 12, 2, 17)"},
        {"x = f'{await y}'\n", "SyntaxError: 'await' expressions are not supported by refgc (1, 8, 1, 13)"},
        {"async def f():\n    pass\nx = = 1\n", "SyntaxError: invalid syntax (3, 5, 3, 6)"},
        /* \N{...} escapes are supported (tests/lang/test_unicode_names.c). */
        {"s = '\\N{EM DASH}'\n", "ok"},
        {"\xc2\xb5 = 1\n",
         "SyntaxError: identifier '\xc2\xb5' needs NFKC normalization, which is not supported by refgc (1, 1, 1, 3)"},
        {"# coding: cp1252\nx = 1\n",
         "SyntaxError: encoding problem: cp1252 is not supported by refgc (None, None, None, None)"},
        /* What is not refused: the soft keyword as a name, await as a
         * NAME is a keyword token in 3.11 (so a syntax error). */
        {"match = case = _ = 1\nmatch(x)\n", "ok"},
        {"await = 1\n", "SyntaxError: invalid syntax (1, 7, 1, 8)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = result_line(cases[i].src, strlen(cases[i].src), PY_PARSE_CHECK_DEPTH);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "case %zu: %s\n  want %s\n  got  %s\n", i, cases[i].src, cases[i].want, got);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

/* With PY_PARSE_ALLOW_ASYNC the tree comes back, and py_ast_first_async
 * finds what the default refuses. */
static void test_allow_async(void **state)
{
    (void)state;
    const char *src = "async def f():\n    async with a as b:\n        async for x in y:\n"
                      "            await z\n    return [i async for i in j]\n";
    py_arena *arena = py_arena_new();
    assert_non_null(arena);
    py_parse_error err;
    py_mod *mod = py_parse_file(src, strlen(src), "a.py", arena, PY_PARSE_ALLOW_ASYNC, &err);
    assert_non_null(mod);
    py_stmt *f = mod->body->items[0];
    assert_int_equal(f->kind, PY_AsyncFunctionDef_kind);
    py_async_use use;
    assert_int_equal(py_ast_first_async(mod, &use), 1);
    assert_int_equal(use.kind, PY_ASYNC_DEF);
    assert_int_equal(use.lineno, 1);
    assert_int_equal(use.col_offset, 0);
    py_arena_free(arena);
}

/* ====================================================================== */
/* Nesting limits                                                          */
/* ====================================================================== */

/* prefix, then item n times, then middle, then close n times, then "\n". */
static char *nested(const char *prefix, const char *item, size_t n, const char *middle, const char *close,
                    size_t *len)
{
    size_t lp = strlen(prefix), li = strlen(item), lm = strlen(middle), lc = strlen(close);
    size_t total = lp + n * (li + lc) + lm + 1;
    char *s = malloc(total + 1);
    assert_non_null(s);
    char *q = s;
    memcpy(q, prefix, lp);
    q += lp;
    for (size_t i = 0; i < n; i++, q += li) memcpy(q, item, li);
    memcpy(q, middle, lm);
    q += lm;
    for (size_t i = 0; i < n; i++, q += lc) memcpy(q, close, lc);
    *q++ = '\n';
    *q = '\0';
    *len = total;
    return s;
}

#define MEMORY "MemoryError: "
#define RECURSION "RecursionError: maximum recursion depth exceeded during compilation"

/* The thresholds python3 3.11.7 showed running such files (thr scripts in
 * the notes): brackets stop at 200 (MAXLEVEL), rule nesting at 6000
 * (MAXSTACK, a bare MemoryError), trees deeper than 3000 stmt/expr nodes
 * at compilation (RecursionError). */
static void test_nesting_limits(void **state)
{
    (void)state;
    static const struct {
        const char *prefix, *item, *middle, *close;
        size_t n;
        const char *want;
    } cases[] = {
        {"x = ", "[", "1", "]", 200, "ok"},
        {"x = ", "[", "1", "]", 201, "SyntaxError: too many nested parentheses (1, 205, 1, 205)"},
        {"x = ", "f(", "1", ")", 200, "ok"},
        {"x = ", "f(", "1", ")", 201, "SyntaxError: too many nested parentheses (1, 406, 1, 406)"},
        {"x = ", "a[", "1", "]", 200, "ok"},
        {"x = ", "{1:", "1", "}", 200, "ok"},
        {"x = ", "{", "1", "}", 200, "ok"},
        {"x = ", "(", "1,", ")", 200, "ok"},
        {"x = ", "[x for x in ", "y", "]", 200, "ok"},
        {"x = ", "[x for x in ", "y", "]", 201, "SyntaxError: too many nested parentheses (1, 2405, 1, 2405)"},
        {"x = ", "(x for x in ", "y", ")", 200, "ok"},
        {"x = ", "(lambda: ", "1", ")", 199, "ok"},
        {"x = ", "(lambda: ", "1", ")", 200, MEMORY},
        {"", "-", "1", "", 2998, "ok"},
        {"", "-", "1", "", 2999, RECURSION},
        {"", "-", "1", "", 5969, RECURSION},
        {"", "-", "1", "", 5970, MEMORY},
        {"x = ", "-", "1", "", 5967, RECURSION},
        {"x = ", "-", "1", "", 5968, MEMORY},
        {"", "not ", "1", "", 2998, "ok"},
        {"", "not ", "1", "", 2999, RECURSION},
        {"", "not ", "1", "", 5970, MEMORY},
        {"", "-~", "1", "", 1499, "ok"},
        {"", "-~", "1", "", 1500, RECURSION},
        {"", "lambda: ", "1", "", 2984, "ok"},
        {"", "lambda: ", "1", "", 2985, MEMORY},
        {"", "1 if 1 else ", "1", "", 2998, "ok"},
        {"", "1 if 1 else ", "1", "", 2999, RECURSION},
        {"", "1 if 1 else ", "1", "", 5970, MEMORY},
        {"", "a**", "a", "", 2984, "ok"},
        {"", "a**", "a", "", 2985, MEMORY},
        {"", "1+", "1", "", 2998, "ok"},
        {"", "1+", "1", "", 2999, RECURSION},
        {"a", "", "", ".b", 2998, "ok"},
        {"a", "", "", ".b", 2999, RECURSION},
        {"a", "", "", "()", 2999, RECURSION},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        char *src = nested(cases[i].prefix, cases[i].item, cases[i].n, cases[i].middle, cases[i].close, &len);
        char *got = result_line(src, len, PY_PARSE_CHECK_DEPTH);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "case %zu (%s%s x %zu): want %s, got %s\n", i, cases[i].prefix, cases[i].item, cases[i].n,
                    cases[i].want, got);
        assert_string_equal(got, cases[i].want);
        free(got);
        free(src);
    }
}

/* 100 levels of indentation is CPython's MAXINDENT. */
static void test_indentation_limit(void **state)
{
    (void)state;
    for (int levels = 99; levels <= 101; levels++) {
        text t = {NULL, 0, 0};
        for (int i = 0; i < levels; i++) text_printf(&t, "%*sif x:\n", i, "");
        text_printf(&t, "%*spass\n", levels, "");
        char *got = result_line(t.s, t.len, PY_PARSE_CHECK_DEPTH);
        if (levels < 100) assert_string_equal(got, "ok");
        else assert_string_equal(got, "IndentationError: too many levels of indentation (101, 1, 101, 0)");
        free(got);
        free(t.s);
    }
}

/* ====================================================================== */
/* Huge inputs                                                             */
/* ====================================================================== */

/* n copies of item. */
static char *repeat(const char *head, const char *item, size_t n, const char *tail, size_t *len)
{
    return nested(head, item, n, tail, "", len);
}

/* Inputs far past every limit, and enormous ones: an error or a tree,
 * quickly, with python3's answers (checked with `python3 FILE`). */
static void test_huge_inputs(void **state)
{
    (void)state;
    size_t len;
    char *s, *got;
    static const struct {
        const char *prefix, *item, *middle, *close;
        size_t n;
        const char *want;
    } deep[] = {
        {"", "(", "1", ")", 100000, "SyntaxError: too many nested parentheses (1, 201, 1, 201)"},
        {"", "[", "", "", 100000, "SyntaxError: too many nested parentheses (1, 201, 1, 201)"},
        {"", "-", "1", "", 100000, MEMORY},
        {"", "not ", "1", "", 100000, MEMORY},
        {"", "~", "x", "", 100000, MEMORY},
        {"", "lambda: ", "1", "", 100000, MEMORY},
        {"", "1 if 1 else ", "1", "", 100000, MEMORY},
        {"", "a**", "a", "", 100000, MEMORY},
        {"", "1+", "1", "", 100000, RECURSION},
        {"", "1 < ", "1", "", 100000, "ok"},
        {"", "a and ", "b", "", 100000, "ok"},
        {"a", "", "", ".b", 100000, RECURSION},
        {"a", "", "", "[0]", 100000, RECURSION},
        {"a", "", "", "()", 100000, RECURSION},
        {"x = ", "'a' ", "'b'", "", 100000, "ok"},
        {"x = ", "f'{a}' ", "''", "", 20000, "ok"},
        {"", "*", "a", "", 100000, "SyntaxError: invalid syntax (1, 1, 1, 3)"},
        {"x = ", "", "1", ",1", 200000, "ok"},
        {"", "", "", "x = 1\n", 100000, "ok"},
        {"", "", "", "\\\n", 100000, "ok"},
    };
    for (size_t i = 0; i < sizeof deep / sizeof deep[0]; i++) {
        s = nested(deep[i].prefix, deep[i].item, deep[i].n, deep[i].middle, deep[i].close, &len);
        got = result_line(s, len, PY_PARSE_CHECK_DEPTH);
        if (strcmp(got, deep[i].want) != 0)
            fprintf(stderr, "case %zu (%s%s x %zu): want %s, got %s\n", i, deep[i].prefix, deep[i].item,
                    deep[i].n, deep[i].want, got);
        assert_string_equal(got, deep[i].want);
        free(got);
        free(s);
    }
    /* A 10 MB line: a string literal, then a comment. */
    s = repeat("x = '", "abcdefghij", 1000000, "'", &len);
    got = result_line(s, len, PY_PARSE_CHECK_DEPTH);
    assert_string_equal(got, "ok");
    free(got);
    free(s);
    s = repeat("x = 1  # ", "abcdefghij", 1000000, "", &len);
    got = result_line(s, len, PY_PARSE_CHECK_DEPTH);
    assert_string_equal(got, "ok");
    free(got);
    free(s);
    /* Enormous numbers: a decimal int past 3.11.7's 4300 digits is an
     * error at (1, 0, 1, 0); a hex one is not limited. */
    s = repeat("x = 1", "0", 1000000, "", &len);
    got = result_line(s, len, PY_PARSE_CHECK_DEPTH);
    assert_string_equal(got, "SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: value "
                             "has 1000001 digits; use sys.set_int_max_str_digits() to increase the limit - "
                             "Consider hexadecimal for huge integer literals to avoid decimal conversion "
                             "limits. (1, 0, 1, 0)");
    free(got);
    free(s);
    s = repeat("x = 0x", "f", 1000000, "", &len);
    got = result_line(s, len, PY_PARSE_CHECK_DEPTH);
    assert_string_equal(got, "ok");
    free(got);
    free(s);
    s = repeat("x = 1.", "5", 1000000, "e5j", &len);
    got = result_line(s, len, PY_PARSE_CHECK_DEPTH);
    assert_string_equal(got, "ok");
    free(got);
    free(s);
    /* An unterminated string as big as the file. */
    s = repeat("x = '''", "abc\n", 500000, "", &len);
    got = result_line(s, len, PY_PARSE_CHECK_DEPTH);
    assert_string_equal(got, "SyntaxError: unterminated triple-quoted string literal (detected at line 500001) "
                             "(1, 5, 1, 5)");
    free(got);
    free(s);
}

/* ====================================================================== */
/* Garbage and fuzzing                                                     */
/* ====================================================================== */

/* Parse something; it must give a tree (which must dump) or an error. */
static void parse_anything(const char *src, size_t len)
{
    py_arena *arena = py_arena_new();
    assert_non_null(arena);
    py_parse_error err;
    py_mod *mod = py_parse_file(src, len, "fuzz.py", arena, PY_PARSE_CHECK_DEPTH, &err);
    if (mod) {
        char *d = py_ast_dump(mod, 1, NULL);
        assert_non_null(d);
        assert_true(strncmp(d, "Module(", 7) == 0);
        free(d);
    } else {
        assert_true(err.type != PY_ERR_NONE);
        assert_true(err.type != PY_ERR_MEMORY || err.msg[0] == '\0');
    }
    py_parse_error_clear(&err);
    py_arena_free(arena);
}

/* Random bytes, and random bytes with Python-ish density. */
static void test_binary_garbage(void **state)
{
    (void)state;
    xoshiro g;
    xoshiro_seed(&g, 20240611);
    char buf[4096];
    for (int iter = 0; iter < 1500; iter++) {
        size_t len = xoshiro_next(&g) % sizeof buf;
        int mode = iter % 3;
        for (size_t i = 0; i < len; i++) {
            uint64_t r = xoshiro_next(&g);
            if (mode == 0) buf[i] = (char)r;                          /* any byte */
            else if (mode == 1) buf[i] = (char)(0x80 | (r & 0x7F));  /* UTF-8 soup */
            else buf[i] = "()[]{}'\"\\\n\t #:=.,xf0123456789eEjJ_rbu"[r % 37];
        }
        parse_anything(buf, len);
    }
}

/* Tokens to make soup from. */
static const char *const soup[] = {
    "x", "y", "_", "match", "case", "print", "f", "lambda", "def", "class", "if", "elif", "else", "for",
    "while", "in", "not", "and", "or", "is", "try", "except", "finally", "with", "as", "return", "yield",
    "from", "import", "global", "nonlocal", "del", "pass", "break", "continue", "raise", "assert", "async",
    "await", "None", "True", "False", "1", "0x1f", "1.5e3", "2j", "'s'", "\"d\"", "b'b'", "r'\\d'",
    "f'{x}'", "f'{x!r:>{y}}'", "'''t'''", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "...", "=",
    "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "//", "%", "**", "@", "|", "&", "^", "~", "<<",
    ">>", "+=", "-=", "**=", ":=", "->", "\n", "\n", "\n", "\n    ", "\n        ", "\\\n", " ", "#c\n",
    "\t", "\xc3\xa9", "\x01", "$", "?", "!", "`", "'unterminated", "\"\"\"", "0o8", "1_", "09"};

/* Random sequences of Python tokens and near-tokens (fixed seed). */
static void test_fuzz_token_soup(void **state)
{
    (void)state;
    xoshiro g;
    xoshiro_seed(&g, 42);
    size_t nsoup = sizeof soup / sizeof soup[0];
    for (int iter = 0; iter < 3000; iter++) {
        text t = {NULL, 0, 0};
        size_t n = 1 + xoshiro_next(&g) % 60;
        for (size_t i = 0; i < n; i++) {
            text_printf(&t, "%s", soup[xoshiro_next(&g) % nsoup]);
            if (xoshiro_next(&g) % 3) text_printf(&t, " ");
        }
        parse_anything(t.s, t.len);
        free(t.s);
    }
}

/* Byte mutations of the corpus: flips, insertions, deletions, copies. */
static void test_fuzz_mutations(void **state)
{
    (void)state;
    size_t n;
    char **names = corpus_files(&n);
    xoshiro g;
    xoshiro_seed(&g, 7);
    for (int iter = 0; iter < 3000; iter++) {
        char path[4096];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, names[xoshiro_next(&g) % n]);
        char *src = read_file(path, &len);
        assert_non_null(src);
        char *buf = malloc(len * 2 + 64);
        assert_non_null(buf);
        memcpy(buf, src, len);
        int edits = 1 + (int)(xoshiro_next(&g) % 4);
        for (int e = 0; e < edits; e++) {
            size_t pos = len ? xoshiro_next(&g) % (len + 1) : 0;
            switch (xoshiro_next(&g) % 5) {
            case 0: /* flip a byte */
                if (pos < len) buf[pos] = (char)xoshiro_next(&g);
                break;
            case 1: /* insert a punctuation byte */
                if (len < len * 2 + 60) {
                    memmove(buf + pos + 1, buf + pos, len - pos);
                    buf[pos] = "()[]{}:,.=\n \t'\"\\#@*"[xoshiro_next(&g) % 20];
                    len++;
                }
                break;
            case 2: /* delete a byte */
                if (pos < len) {
                    memmove(buf + pos, buf + pos + 1, len - pos - 1);
                    len--;
                }
                break;
            case 3: { /* duplicate a short run */
                size_t k = xoshiro_next(&g) % 16;
                if (pos + k <= len && len + k <= len * 2 + 60) {
                    memmove(buf + pos + k, buf + pos, len - pos);
                    len += k;
                }
                break;
            }
            default: /* truncate */
                len = pos;
                break;
            }
        }
        parse_anything(buf, len);
        free(buf);
        free(src);
    }
    free_names(names, n);
}

/* ====================================================================== */
/* Allocation failure                                                      */
/* ====================================================================== */

/* Make the k-th allocation from now on fail, for every k, while parsing a
 * real program: each parse ends in a tree (enough allocations passed) or
 * in MemoryError, and leaks nothing (LSan in the sanitizer build). */
static void test_alloc_failure(void **state)
{
    (void)state;
    static const char *const files[] = {"program_small.py", "fstring_nested.py", "err_fstring_syntax2.py",
                                        "err_tokenizer_overrides.py"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[4096];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, files[f]);
        char *src = read_file(path, &len);
        assert_non_null(src);
        char *want = parse_result(src, len, files[f], PY_PARSE_CHECK_DEPTH);
        int succeeded = 0;
        for (long k = 0; k < 100000 && !succeeded; k++) {
            py_arena *arena = py_arena_new();
            assert_non_null(arena);
            py_parse_error err;
            rg_os_fail_after(k);
            py_mod *mod = py_parse_file(src, len, files[f], arena, PY_PARSE_CHECK_DEPTH, &err);
            char *d = mod ? py_ast_dump(mod, 1, NULL) : NULL;
            rg_os_fail_after(-1);
            if (mod && d) {
                succeeded = 1;
            } else if (!mod && err.type != PY_ERR_MEMORY) {
                /* The parse got through; only an error file gets here. */
                text t = {NULL, 0, 0};
                text_printf(&t, "%s: %s", py_error_type_name(err.type), err.msg);
                assert_true(strncmp(want, t.s, t.len) == 0);
                free(t.s);
                succeeded = 1;
            }
            free(d);
            py_parse_error_clear(&err);
            py_arena_free(arena);
        }
        assert_true(succeeded);
        free(want);
        free(src);
    }
}

/* ====================================================================== */
/* Helpers of ast.h                                                        */
/* ====================================================================== */

static void test_ast_helpers(void **state)
{
    (void)state;
    uint64_t v;
    py_constant c = {PY_CONST_INT, "0x_ff", 5};
    assert_int_equal(py_ast_int_value(&c, &v), 0);
    assert_true(v == 255);
    c = (py_constant){PY_CONST_INT, "18446744073709551615", 20};
    assert_int_equal(py_ast_int_value(&c, &v), 0);
    assert_true(v == UINT64_MAX);
    c = (py_constant){PY_CONST_INT, "18446744073709551616", 20};
    assert_int_equal(py_ast_int_value(&c, &v), -1);
    c = (py_constant){PY_CONST_FLOAT, "1_0.5e1", 7};
    assert_true(py_ast_float_value(&c) == 105.0);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    assert_int_equal(py_ast_repr_str("it's \"x\"\n\xed\xa0\x80\xc3\xa9", 14, 0, &buf, &len, &cap), 0);
    assert_string_equal(buf, "'it\\'s \"x\"\\n\\ud800\xc3\xa9'");
    len = 0;
    assert_int_equal(py_ast_repr_str("a'\x80", 3, 1, &buf, &len, &cap), 0);
    assert_string_equal(buf, "b\"a'\\x80\"");
    free(buf);
}

/* The tests, in order. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_corpus_detects_mismatch),
        cmocka_unit_test(test_unsupported),
        cmocka_unit_test(test_allow_async),
        cmocka_unit_test(test_nesting_limits),
        cmocka_unit_test(test_indentation_limit),
        cmocka_unit_test(test_huge_inputs),
        cmocka_unit_test(test_binary_garbage),
        cmocka_unit_test(test_fuzz_token_soup),
        cmocka_unit_test(test_fuzz_mutations),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_ast_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
