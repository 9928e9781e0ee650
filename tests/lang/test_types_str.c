/*
 * test_types_str.c -- str's methods and the formatting protocols
 * (src/types/strmethods.c) against CPython 3.11.
 *
 * Each case is a Python expression evaluated by python3 3.11.7; the
 * expected text is repr() of what it printed.  The C side performs the
 * same operation through the object layer's API (methods called by name
 * through the call protocol, `%` through the number protocol) and compares
 * repr() of the result.
 */
#define PYFX_POOL /* S, I, F put their object in the pool that expect() releases */
#include "lang/support/pyfixture.h"

/* A tuple of the n objects given (kept in the pool). */
static py_obj *T(int n, ...)
{
    va_list va;
    va_start(va, n);
    py_obj *t = py_tuple_new(n);
    for (int i = 0; i < n; i++) py_tuple_set(t, i, py_new_ref(va_arg(va, py_obj *)));
    va_end(va);
    return keep(t);
}

static void test_percent_format(void **state)
{
    (void)state;
    expect(py_number_remainder(S("%d|%5.2f|%-4s|%r|%x|%#o|%c|%%"),
                               T(7, I(42), F(3.14159), S("ab"), S("q"), I(255), I(8), I(65))),
           "\"42| 3.14|ab  |'q'|ff|0o10|A|%\"");
    expect(py_number_remainder(S("k%d"), I(7)), "'k7'");
    expect(py_number_remainder(S("%s and %s"), T(2, S("a"), S("b"))), "'a and b'");
    py_obj *d = keep(py_dict_new());
    py_dict_set_item(d, S("x"), S("v"));
    py_dict_set_item(d, S("y"), I(5));
    expect(py_number_remainder(S("%(x)s=%(y)03d"), d), "'v=005'");
    expect(py_number_remainder(S("%+.3e %g %G %10.4f"), T(4, F(12345.678), F(0.0001), F(1e20), F(-2.5))),
           "'+1.235e+04 0.0001 1E+20    -2.5000'");
    /* Errors. */
    assert_null(py_number_remainder(S("%d %d"), I(1)));
    py_obj *e = py_err_get_raised_exception();
    assert_string_equal(py_obj_type_name(e), "TypeError");
    rg_decref(e);
    assert_null(py_number_remainder(S("%d"), T(2, I(1), I(2))));
    e = py_err_get_raised_exception();
    py_obj *msg = py_object_str(e);
    assert_string_equal(py_unicode_as_utf8(msg), "not all arguments converted during string formatting");
    rg_decref(msg);
    rg_decref(e);
    expect(py_new_ref(py_none), "None");
}

/* Widths of 10**12: python3 fails at once with MemoryError (one
 * allocation of the final size); refgc reserves the fill at once too
 * (hostile 060/061), instead of writing it char by char. */
static void test_huge_widths(void **state)
{
    (void)state;
    py_obj *big = py_long_from_long_long(1000000000000LL); /* not pooled: used across expects */
    assert_non_null(big);
    expect_error(py_number_remainder(S("%*d"), T(2, big, I(1))), "MemoryError()");
    expect_error(py_number_remainder(S("%*s"), T(2, big, S("x"))), "MemoryError()");
    expect_error(py_number_remainder(S("%0*.1f"), T(2, big, F(1.5))), "MemoryError()");
    expect_error(py_object_format(S("x"), S(">1000000000000")), "MemoryError()");
    /* (format(7, "^1000000000000") is floatfmt.c's: one malloc of the width,
     * MemoryError too, but ASan aborts on such a request.) */
    expect_error(M(S("x"), "center", 1, big), "MemoryError()");
    expect(py_number_remainder(S("%*d|%-*s|"), T(4, I(4), I(7), I(3), S("a"))), "'   7|a  |'");
    expect(py_object_format(S("x"), S("*^5")), "'**x**'");
    rg_decref(big);
}

static void test_str_format(void **state)
{
    (void)state;
    py_obj *fmt = S("{} {!r} {:>6} {:08.3f} {x}");
    py_obj *args[6] = {fmt, I(1), S("s"), S("ab"), F(3.14159), I(9)};
    py_obj *kw = T(1, S("x"));
    py_obj *name = S("format");
    expect(py_object_vectorcall_method(name, args, 5, kw), "\"1 's'     ab 0003.142 9\"");
    expect(M(S("{0}{1}{0}"), "format", 2, S("a"), S("b")), "'aba'");
    expect(M(S("{:,}|{:_x}|{:+d}|{:^9}|{:*<7}"), "format", 5, I(1234567), I(255), I(5), S("mid"), S("l")),
           "'1,234,567|ff|+5|   mid   |l******'");
    expect(M(S("{:.2%}|{:e}|{:.3g}"), "format", 3, F(0.25), F(1234.5), F(0.000012345)), "'25.00%|1.234500e+03|1.23e-05'");
    py_obj *a = keep(py_object_format(I(255), S("#x"))), *b = keep(py_object_format(F(3.5), S(".1f")));
    py_obj *c = keep(py_object_format(S("s"), S(">3")));
    py_obj *ab = keep(py_number_add(a, b));
    expect(py_number_add(ab, c), "'0xff3.5  s'");
}

static void test_str_methods(void **state)
{
    (void)state;
    expect(M(S("  a b  c "), "split", 0), "['a', 'b', 'c']");
    expect(M(S("a,b,,c"), "split", 1, S(",")), "['a', 'b', '', 'c']");
    expect(M(S("a,b,c"), "split", 2, S(","), I(1)), "['a', 'b,c']");
    expect(M(S("a b c"), "rsplit", 2, py_none, I(1)), "['a b', 'c']");
    expect(M(S("  a  b  c  "), "split", 2, py_none, I(1)), "['a', 'b  c  ']");
    expect(M(S("  a  b  c  "), "rsplit", 2, py_none, I(1)), "['  a  b', 'c']");
    expect(M(S("xxhixx"), "strip", 1, S("x")), "'hi'");
    expect(M(S("  hi  "), "lstrip", 0), "'hi  '");
    expect(M(S("hello"), "startswith", 1, T(2, S("x"), S("he"))), "True");
    expect(M(S("hello"), "endswith", 3, S("lo"), I(0), I(5)), "True");
    expect(M(S("hello"), "find", 1, S("l")), "2");
    expect(M(S("hello"), "rfind", 1, S("l")), "3");
    expect(M(S("hello"), "count", 1, S("l")), "2");
    expect(M(S("aaa"), "replace", 3, S("a"), S("bb"), I(2)), "'bbbba'");
    expect(M(S("Hello World"), "lower", 0), "'hello world'");
    expect(M(S("stra\xc3\x9f" "e"), "upper", 0), "'STRASSE'");
    expect(M(S("hello world"), "title", 0), "'Hello World'");
    expect(M(S("hELLO"), "capitalize", 0), "'Hello'");
    expect(M(S("abc123"), "isalnum", 0), "True");
    expect(M(S("123"), "isdigit", 0), "True");
    expect(M(S(" "), "isspace", 0), "True");
    expect(M(S("Ab"), "islower", 0), "False");
    expect(M(S("a-b-c"), "partition", 1, S("-")), "('a', '-', 'b-c')");
    expect(M(S("42"), "zfill", 1, I(5)), "'00042'");
    expect(M(S("-42"), "zfill", 1, I(5)), "'-0042'");
    expect(M(S("ab"), "center", 2, I(7), S("*")), "'***ab**'");
    expect(M(S("ab"), "center", 1, I(6)), "'  ab  '");
    expect(M(S("a\nb\r\nc"), "splitlines", 0), "['a', 'b', 'c']");
    expect(M(S(","), "join", 1, T(3, S("a"), S("b"), S("c"))), "'a,b,c'");
    expect(py_object_get_item(S("hello"), keep(py_slice_new(I(1), I(4), NULL))), "'ell'");
    expect(py_object_get_item(S("hello"), keep(py_slice_new(NULL, NULL, I(-1)))), "'olleh'");
    expect(py_object_get_item(S("hello"), I(-1)), "'o'");
    /* python3: 'abc'.removeprefix('ab') 'c', removesuffix('bc') 'a', 'ß'.casefold() 'ss',
     * 'µ'.casefold() 'μ', 'ab\tc'.expandtabs(4) 'ab  c', 'a\r\tb'.expandtabs(4),
     * istitle / isprintable cases. */
    expect(M(S("abc"), "removeprefix", 1, S("ab")), "'c'");
    expect(M(S("abc"), "removesuffix", 1, S("bc")), "'a'");
    expect(M(S("abc"), "removesuffix", 1, S("")), "'abc'");
    assert_null(M(S("x"), "removeprefix", 1, I(1)));
    expect(py_err_get_raised_exception(), "TypeError('removeprefix() argument must be str, not int')");
    expect(M(S("\xc3\x9f\xc3\x80" "B"), "casefold", 0), "'ss\xc3\xa0" "b'");
    expect(M(S("\xc2\xb5"), "casefold", 0), "'\xce\xbc'");
    expect(M(S("ab\tc"), "expandtabs", 1, I(4)), "'ab  c'");
    expect(M(S("a\r\tb"), "expandtabs", 1, I(4)), "'a\\r    b'");
    expect(M(S("a\tbc\td"), "expandtabs", 0), "'a       bc      d'");
    expect(M(S("Hello World"), "istitle", 0), "True");
    expect(M(S("Hello world"), "istitle", 0), "False");
    expect(M(S(""), "istitle", 0), "False");
    expect(M(S("A1 B"), "istitle", 0), "True");
    expect(M(S("a\x7f"), "isprintable", 0), "False");
    expect(M(S(""), "isprintable", 0), "True");
    expect(M(S("\xc2\xa1"), "isprintable", 0), "True");
    expect(M(S("\xc2\xad"), "isprintable", 0), "False");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_percent_format),
        PYFX_TEST(test_str_format),
        PYFX_TEST(test_huge_widths),
        PYFX_TEST(test_str_methods),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
