/*
 * test_unicode_names.c -- Unicode character names (src/types/unicodename.c)
 * and the \N{...} escapes of the parser against CPython 3.11.7.
 *
 * Expectations come from python3 through tools/gen-unicode-names:
 *  - tests/lang/unicode_names/vectors.txt: code points' names both ways
 *    (every 97th code point, every 7th named one, the edges of the CJK and
 *    Hangul ranges), every alias (and in lower case), case variants,
 *    names python3 refuses (lower-case CJK/Hangul prefixes, lower-case hex,
 *    bad jamo, spacing), the named sequences (unicodedata.lookup only),
 *    and the number of named code points;
 *  - tests/lang/unicode_names/parse.txt: sources with \N escapes in
 *    literals, f-strings, raw strings and bytes, and python3's ast.dump of
 *    each, or its SyntaxError with the position.
 * Plus self-consistency over the whole code space: every name py_uname_name
 * gives looks up to its code point, in upper and lower case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lang/ast.h"
#include "types/unicodename.h"

#ifndef REFGC_SOURCE_DIR
#define REFGC_SOURCE_DIR "."
#endif
#define DATA_DIR REFGC_SOURCE_DIR "/tests/lang/unicode_names"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* A whole file, NUL-terminated (fails the test if missing). */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fprintf(stderr, "cannot open %s\n", path);
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n == cap - 1) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* The next line of *s (cut in place at its '\n'), or NULL at the end. */
static char *next_line(char **s)
{
    if (!**s) return NULL;
    char *line = *s, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *s = nl + 1;
    } else {
        *s = line + strlen(line);
    }
    return line;
}

/* The lookup of a NUL-terminated name: the code point, or -1. */
static long lookup(const char *name)
{
    uint32_t cp;
    return py_uname_lookup(name, strlen(name), &cp) ? (long)cp : -1;
}

/* ====================================================================== */
/* The table against python3                                               */
/* ====================================================================== */

/* Every line of vectors.txt (kinds N, L, X, U, C, S: see the generator). */
static void test_vectors(void **state)
{
    (void)state;
    char *data = read_file(DATA_DIR "/vectors.txt"), *s = data, *line;
    int bad = 0, counts[6] = {0};
    long named_total = -1;
    while ((line = next_line(&s))) {
        if (line[0] == '#' || !line[0]) continue;
        char kind = line[0];
        char *f1 = line + 2, *tab = strchr(f1, '\t');
        char *name = tab ? tab + 1 : NULL;
        if (tab) *tab = '\0';
        char buf[PY_UNAME_BUFSIZE];
        if (kind == 'N' || kind == 'L' || kind == 'X') {
            uint32_t cp = (uint32_t)strtoul(f1, NULL, 16);
            if (kind == 'N' || kind == 'X') {
                size_t n = py_uname_name(cp, buf, sizeof buf);
                const char *want = kind == 'N' ? name : "";
                if (n != strlen(want) || strcmp(buf, want) != 0) {
                    fprintf(stderr, "name(U+%04X): want '%s', got '%s'\n", (unsigned)cp, want, buf);
                    bad++;
                }
            }
            if (kind != 'X' && lookup(name) != (long)cp) {
                fprintf(stderr, "lookup('%s'): want U+%04X, got %ld\n", name, (unsigned)cp, lookup(name));
                bad++;
            }
            counts[kind == 'N' ? 0 : kind == 'L' ? 1 : 2]++;
        } else if (kind == 'U') {
            if (lookup(f1) != -1) {
                fprintf(stderr, "lookup('%s'): want unknown, got U+%04lX\n", f1, lookup(f1));
                bad++;
            }
            counts[3]++;
        } else if (kind == 'S') {
            /* A named sequence: unicodedata.lookup finds it, \N{} does not. */
            uint32_t want[8], cp;
            size_t nwant = 0;
            for (char *h = f1; *h && nwant < 8;) want[nwant++] = (uint32_t)strtoul(h, &h, 16);
            const uint16_t *seq = NULL;
            size_t seqlen = 0;
            int r = py_uname_lookup_seq(name, strlen(name), &cp, &seq, &seqlen);
            int same = r == PY_UNAME_SEQUENCE && seqlen == nwant;
            for (size_t i = 0; same && i < nwant; i++) same = seq[i] == want[i];
            if (!same || lookup(name) != -1) {
                fprintf(stderr, "named sequence '%s' not resolved as python3 does\n", name);
                bad++;
            }
            counts[5]++;
        } else if (kind == 'C') {
            named_total = strtol(f1, NULL, 10);
            counts[4]++;
        } else {
            fail_msg("bad line in vectors.txt: %s", line);
        }
    }
    free(data);
    assert_int_equal(bad, 0);
    /* The file is whole: thousands of each kind. */
    assert_true(counts[0] > 5000 && counts[1] > 1500 && counts[2] > 5000 && counts[3] > 80 && counts[4] == 1 &&
                counts[5] > 400);

    /* The number of named code points is python3's. */
    long total = 0;
    char buf[PY_UNAME_BUFSIZE];
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) total += py_uname_name(cp, buf, sizeof buf) > 0;
    assert_int_equal(total, named_total);
}

/* Every name the table gives looks up back to its code point, in its own
 * case and in lower case; a name with one letter changed does not (or is
 * another code point's). */
static void test_round_trip(void **state)
{
    (void)state;
    char buf[PY_UNAME_BUFSIZE];
    long checked = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        size_t n = py_uname_name(cp, buf, sizeof buf);
        if (!n) continue;
        assert_int_equal(lookup(buf), (long)cp);
        int algorithmic = strncmp(buf, "CJK UNIFIED", 11) == 0 || strncmp(buf, "HANGUL SYLLABLE ", 16) == 0;
        if (cp % 3 == 0 && !algorithmic) {
            for (size_t i = 0; i < n; i++)
                if (buf[i] >= 'A' && buf[i] <= 'Z') buf[i] = (char)(buf[i] - 'A' + 'a');
            assert_int_equal(lookup(buf), (long)cp);
        }
        if (cp % 5 == 0) {
            py_uname_name(cp, buf, sizeof buf);
            buf[n - 1] = buf[n - 1] == 'Q' ? 'Z' : 'Q';
            long other = lookup(buf);
            if (other >= 0) {
                char again[PY_UNAME_BUFSIZE];
                py_uname_name((uint32_t)other, again, sizeof again);
                assert_string_equal(again, buf);
            }
        }
        checked++;
    }
    assert_true(checked > 138000);
}

/* Edge arguments: a buffer too small, lengths that run past the name,
 * names that are prefixes of names, bytes beyond ASCII. */
static void test_edges(void **state)
{
    (void)state;
    char small[8] = "xxxxxxx";
    assert_int_equal(py_uname_name(0x41, small, sizeof small), 0);
    assert_string_equal(small, "");
    uint32_t cp = 0;
    assert_int_equal(py_uname_lookup("EM DASHX", 7, &cp), 1);
    assert_int_equal(cp, 0x2014);
    assert_int_equal(py_uname_lookup("HANGUL SYLLABLE GAX", 18, &cp), 1);
    assert_int_equal(cp, 0xAC00);
    assert_int_equal(py_uname_lookup("CJK UNIFIED IDEOGRAPH-4E00}", 26, &cp), 1);
    assert_int_equal(cp, 0x4E00);
    assert_int_equal(py_uname_lookup("", 0, &cp), 0);
    assert_int_equal(py_uname_lookup("EM DASH", 6, &cp), 0);
    assert_int_equal(py_uname_lookup("EM DASH\0", 8, &cp), 0);
    assert_int_equal(lookup("EM D\xc3\x81SH"), -1);
    assert_int_equal(lookup("\xff\xff"), -1);
    static char longname[4096];
    memset(longname, 'A', sizeof longname - 1);
    assert_int_equal(lookup(longname), -1);
    memcpy(longname, "HANGUL SYLLABLE ", 16);
    assert_int_equal(lookup(longname), -1);
}

/* ====================================================================== */
/* The parser against python3                                              */
/* ====================================================================== */

/* test_parse.c's result line: ast.dump of the tree, or the error with its
 * position. */
static char *parse_result(const char *src, size_t len)
{
    py_arena *arena = py_arena_new();
    assert_non_null(arena);
    py_parse_error err;
    py_mod *mod = py_parse_file(src, len, "t.py", arena, PY_PARSE_CHECK_DEPTH, &err);
    char *out;
    if (mod) {
        size_t n;
        out = py_ast_dump(mod, 0, &n);
        assert_non_null(out);
    } else {
        out = malloc(sizeof err.msg + 100);
        assert_non_null(out);
        if (err.located)
            snprintf(out, sizeof err.msg + 100, "%s: %s (%d, %d, %d, %d)", py_error_type_name(err.type), err.msg,
                     err.lineno, err.offset, err.end_lineno, err.end_offset);
        else
            snprintf(out, sizeof err.msg + 100, "%s: %s (None, None, None, None)", py_error_type_name(err.type),
                     err.msg);
        py_parse_error_clear(&err);
    }
    py_arena_free(arena);
    return out;
}

/* A hex string's bytes into out (NUL-terminated); how many. */
static size_t unhex(const char *h, char *out)
{
    size_t n = 0;
    for (; h[0] && h[1]; h += 2) {
        unsigned v;
        assert_int_equal(sscanf(h, "%2x", &v), 1);
        out[n++] = (char)v;
    }
    out[n] = '\0';
    return n;
}

/* Every source of parse.txt parses (or fails) as in python3. */
static void test_parse(void **state)
{
    (void)state;
    char *data = read_file(DATA_DIR "/parse.txt"), *s = data, *line;
    int bad = 0, n = 0;
    char src[1024];
    size_t srclen = 0;
    while ((line = next_line(&s))) {
        if (line[0] == 'S') {
            assert_true(strlen(line + 2) / 2 < sizeof src);
            srclen = unhex(line + 2, src);
        } else if (line[0] == 'R') {
            char *got = parse_result(src, srclen);
            if (strcmp(got, line + 2) != 0) {
                fprintf(stderr, "source %s\n  want %s\n  got  %s\n", src, line + 2, got);
                bad++;
            }
            free(got);
            n++;
        }
    }
    free(data);
    assert_int_equal(bad, 0);
    assert_true(n >= 55);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
