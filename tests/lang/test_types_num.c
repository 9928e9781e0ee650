/*
 * test_types_num.c -- the methods of int and float beyond arithmetic
 * (src/types/int.c, float.c): to_bytes / from_bytes, bit_count,
 * as_integer_ratio, real / imag / numerator / denominator, __round__,
 * __trunc__ / __floor__ / __ceil__, against CPython 3.11.
 *
 * Each case is a Python expression evaluated by python3 3.11.7; the
 * expected text is repr() of its value (or of the exception raised).  The
 * C side calls the same method by name through the call protocol.
 */
#include <math.h>

#define PYFX_POOL /* S, I, F put their object in the pool that expect() releases */
#include "lang/support/pyfixture.h"

/* Keyword call: self.name(*args, **{kwname: kwval}) (n positional args). */
static py_obj *MK(py_obj *self, const char *name, int n, py_obj *a0, py_obj *a1, const char *kwname, py_obj *kwval)
{
    py_obj *args[3] = {a0, a1, NULL};
    args[n] = kwval;
    py_obj *kwnames = keep(py_tuple_pack(1, keep(py_unicode_from_string(kwname))));
    return call_method(self, name, n, args, kwnames);
}

static void test_int_methods(void **state)
{
    (void)state;
    expect(M(I(1024), "to_bytes", 2, I(2), S("big")), "b'\\x04\\x00'");
    expect(M(I(1024), "to_bytes", 2, I(2), S("little")), "b'\\x00\\x04'");
    expect(MK(I(-1), "to_bytes", 2, I(2), S("big"), "signed", py_true), "b'\\xff\\xff'");
    expect(MK(I(-128), "to_bytes", 2, I(1), S("big"), "signed", py_true), "b'\\x80'");
    expect(M(I(255), "to_bytes", 0), "b'\\xff'");
    expect(M(I(0), "to_bytes", 2, I(0), S("big")), "b''");
    expect(MK(I(-32768), "to_bytes", 2, I(2), S("little"), "signed", py_true), "b'\\x00\\x80'");
    py_obj *big = keep(py_number_lshift(I(1), I(70)));
    expect(M(big, "to_bytes", 2, I(9), S("big")), "b'@\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'");
    expect_error(MK(I(-129), "to_bytes", 2, I(1), S("big"), "signed", py_true), "OverflowError('int too big to convert')");
    expect_error(M(I(256), "to_bytes", 2, I(1), S("big")), "OverflowError('int too big to convert')");
    expect_error(M(I(-1), "to_bytes", 2, I(1), S("big")), "OverflowError(\"can't convert negative int to unsigned\")");
    expect_error(M(I(1), "to_bytes", 2, I(1), S("middle")), "ValueError(\"byteorder must be either 'little' or 'big'\")");
    expect_error(M(I(1), "to_bytes", 1, I(-1)), "ValueError('length argument must be non-negative')");
    expect_error(MK(I(128), "to_bytes", 2, I(1), S("big"), "signed", py_true), "OverflowError('int too big to convert')");
    expect_error(M(I(1), "to_bytes", 2, I(1), I(2)), "TypeError(\"to_bytes() argument 'byteorder' must be str, not int\")");
    expect_error(M(I(1), "to_bytes", 3, I(1), S("big"), py_true),
                 "TypeError('to_bytes() takes at most 2 positional arguments (3 given)')");
    py_obj *intt = py_long_info.type_obj;
    expect(M(intt, "from_bytes", 2, keep(py_bytes_from_string_and_size("\x04\x00", 2)), S("big")), "1024");
    expect(M(intt, "from_bytes", 2, keep(py_bytes_from_string_and_size("\x00\x04", 2)), S("little")), "1024");
    expect(MK(intt, "from_bytes", 2, keep(py_bytes_from_string_and_size("\xff\xff", 2)), S("big"), "signed", py_true), "-1");
    expect(MK(intt, "from_bytes", 1, keep(py_bytes_from_string_and_size("\x80", 1)), NULL, "signed", py_true), "-128");
    expect(M(intt, "from_bytes", 1, keep(py_bytes_from_string_and_size("", 0))), "0");
    py_obj *l = keep(py_list_new(0));
    py_list_append(l, I(1));
    py_list_append(l, I(2));
    expect(M(intt, "from_bytes", 1, l), "258");
    expect(M(intt, "from_bytes", 1, keep(py_bytes_from_string_and_size("\x01\0\0\0\0\0\0\0\0\0", 10))),
           "4722366482869645213696");
    expect(M(I(7), "bit_count", 0), "3");
    expect(M(I(-7), "bit_count", 0), "3");
    expect(M(I(5), "as_integer_ratio", 0), "(5, 1)");
    expect(py_object_get_attr_string(I(5), "real"), "5");
    expect(py_object_get_attr_string(I(5), "imag"), "0");
    expect(py_object_get_attr_string(I(5), "denominator"), "1");
    expect(py_object_get_attr_string(py_true, "real"), "1");
    expect(M(I(1234), "__round__", 1, I(-2)), "1200");
    expect(M(I(1250), "__round__", 1, I(-2)), "1200");
    expect(M(I(1350), "__round__", 1, I(-2)), "1400");
    expect(M(I(-1250), "__round__", 1, I(-2)), "-1200");
    expect(M(I(5), "__round__", 1, I(2)), "5");
}

static void test_float_methods(void **state)
{
    (void)state;
    expect(M(F(2.5), "__round__", 0), "2");
    expect(M(F(3.5), "__round__", 0), "4");
    expect(M(F(2.675), "__round__", 1, I(2)), "2.67");
    expect(M(F(1.5e300), "__round__", 1, I(-300)), "2e+300");
    expect(M(F(-0.5), "__round__", 0), "0");
    expect(M(F(2.5), "__trunc__", 0), "2");
    expect(M(F(-2.5), "__floor__", 0), "-3");
    expect(M(F(2.1), "__ceil__", 0), "3");
    expect(M(F(0.75), "as_integer_ratio", 0), "(3, 4)");
    expect(M(F(2.0), "as_integer_ratio", 0), "(2, 1)");
    expect(M(F(1e300), "as_integer_ratio", 0),
           "(1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160, 1)");
    expect(py_object_get_attr_string(F(-3.5), "real"), "-3.5");
    expect(py_object_get_attr_string(F(1.5), "imag"), "0.0");
    expect(M(F(3.7), "conjugate", 0), "3.7");
    expect(M(F(1.0), "__round__", 1, py_none), "1");
    expect_error(M(F(INFINITY), "__round__", 0), "OverflowError('cannot convert float infinity to integer')");
    expect_error(M(F(NAN), "__round__", 0), "ValueError('cannot convert float NaN to integer')");
    expect(M(F(1e308), "__round__", 1, I(-309)), "0.0");
    expect_error(M(F(1.7e308), "__round__", 1, I(-308)), "OverflowError('rounded value too large to represent')");
    expect_error(M(F(INFINITY), "as_integer_ratio", 0), "OverflowError('cannot convert Infinity to integer ratio')");
    expect_error(M(F(NAN), "as_integer_ratio", 0), "ValueError('cannot convert NaN to integer ratio')");
    expect_error(M(F(1.5), "__round__", 1, F(1.5)), "TypeError(\"'float' object cannot be interpreted as an integer\")");
    expect_error(M(F(INFINITY), "__floor__", 0), "OverflowError('cannot convert float infinity to integer')");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_int_methods),
        PYFX_TEST(test_float_methods),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
