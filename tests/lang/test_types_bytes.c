/*
 * test_types_bytes.c -- bytes (src/types/bytes.c), the codecs
 * (src/types/codecs.c) and the Unicode error classes against CPython 3.11.
 *
 * Every expected value comes from python3 (3.11.7): reprs (quoting and
 * escapes), sizes (33 + n), the singletons, hashes equal to the str's,
 * comparisons, slicing, construction from ints / iterables / str with an
 * encoding and its error messages, the methods (split/rsplit with and
 * without separators, replace with an empty pattern, hex with separators,
 * fromhex, strip, join, the is* predicates), str.encode / bytes.decode with
 * every error handler, and UnicodeDecodeError / UnicodeEncodeError with
 * CPython's ranges, reasons, args and messages.
 *
 * Each test runs on a fresh debug heap with its own interpreter; teardown
 * deletes the interpreter and requires the heap consistent and empty.
 */
#include "lang/support/pyfixture.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* A new bytes (owned by the caller). */
static py_obj *Bn(const char *s, size_t n) { return ok(py_bytes_from_string_and_size(s, (py_ssize_t)n)); }
static py_obj *Bs(const char *s) { return Bn(s, strlen(s)); }

/* The pending exception's repr and str (cleared). */
static void check_error_repr(const char *repr, const char *msg)
{
    py_obj *e = py_err_get_raised_exception();
    assert_non_null(e);
    py_obj *r = ok(py_object_repr(e)), *s = ok(py_object_str(e));
    assert_string_equal(py_unicode_as_utf8(r), repr);
    assert_string_equal(py_unicode_as_utf8(s), msg);
    rg_decref(r);
    rg_decref(s);
    rg_decref(e);
}

/* obj.name(*args) with up to 3 positional args; the args are consumed. */
static py_obj *call(py_obj *obj, const char *name, int n, ...)
{
    py_obj *args[3];
    va_list va;
    va_start(va, n);
    for (int i = 0; i < n; i++) args[i] = va_arg(va, py_obj *);
    va_end(va);
    py_obj *r = call_method(obj, name, n, args, NULL);
    for (int i = 0; i < n; i++) rg_decref(args[i]);
    return r;
}

/* type(*args) with up to 5 positional args (consumed). */
static py_obj *make(py_typeinfo *t, int n, ...)
{
    py_obj *args[5];
    va_list va;
    va_start(va, n);
    for (int i = 0; i < n; i++) args[i] = va_arg(va, py_obj *);
    va_end(va);
    py_obj *r = py_object_vectorcall(t->type_obj, args, (size_t)n, NULL);
    for (int i = 0; i < n; i++) rg_decref(args[i]);
    return r;
}

/* ====================================================================== */
/* The object: repr, size, singletons, hash, comparisons, protocols        */
/* ====================================================================== */

static void test_bytes_object(void **state)
{
    (void)state;
    repr_is(Bn("ab\0\xff'", 5), "b\"ab\\x00\\xff'\"");
    repr_is(Bs("\""), "b'\"'");
    repr_is(Bs("'\""), "b'\\'\"'");
    repr_is(Bs("\t\n\r\\"), "b'\\t\\n\\r\\\\'");
    str_is(Bs("x"), "b'x'");
    py_obj *e1 = Bs(""), *e2 = Bs(""), *a1 = Bs("a"), *a2 = Bs("a");
    assert_ptr_equal(e1, e2); /* b'' is one object */
    assert_ptr_equal(a1, a2); /* and so is each one-byte bytes */
    assert_int_equal(py_sys_getsizeof(e1), 33);
    py_obj *abc = Bs("abc");
    assert_int_equal(py_sys_getsizeof(abc), 36);
    assert_false(rg_may_be_tracked(abc));
    assert_int_equal(py_object_hash(e1), 0);
    py_obj *sabc = S("abc");
    assert_true(py_object_hash(abc) == py_object_hash(sabc));
    /* Comparisons; bytes == str is False (NotImplemented both ways). */
    py_obj *abd = Bs("abd");
    assert_int_equal(py_object_rich_compare_bool(abc, abd, PY_LT), 1);
    assert_int_equal(py_object_rich_compare_bool(abc, sabc, PY_EQ), 0);
    assert_int_equal(py_object_rich_compare_bool(a1, abc, PY_LT), 1);
    /* Items, slices, containment. */
    py_obj *hw = Bs("Hello, World");
    repr_is(py_sequence_get_item(hw, 0), "72");
    repr_is(py_sequence_get_item(hw, -1), "100");
    py_obj *sl = py_slice_new(NULL, I(5), NULL);
    rg_decref(((py_slice_object *)sl)->stop);
    repr_is(py_object_get_item(hw, sl), "b'Hello'");
    rg_decref(sl);
    py_obj *m1 = I(-1);
    sl = py_slice_new(NULL, NULL, m1);
    repr_is(py_object_get_item(hw, sl), "b'dlroW ,olleH'");
    rg_decref(sl);
    rg_decref(m1);
    py_obj *n97 = I(97), *n256 = I(256), *bc = Bs("bc");
    assert_int_equal(py_sequence_contains(abc, n97), 1);
    assert_int_equal(py_sequence_contains(abc, bc), 1);
    assert_int_equal(py_sequence_contains(abc, n256), -1);
    check_error("ValueError", "byte must be in range(0, 256)");
    assert_int_equal(py_sequence_contains(abc, sabc), -1);
    check_error("TypeError", "a bytes-like object is required, not 'str'");
    py_obj *five = I(5);
    assert_null(py_object_get_item(abc, five));
    check_error("IndexError", "index out of range");
    assert_null(py_object_get_item(abc, sabc));
    check_error("TypeError", "byte indices must be integers or slices, not str");
    /* Concatenation and repetition. */
    py_obj *bang = Bs("!");
    repr_is(py_number_add(hw, bang), "b'Hello, World!'");
    assert_null(py_number_add(abc, sabc));
    check_error("TypeError", "can't concat str to bytes");
    py_obj *two = I(2);
    repr_is(py_number_multiply(bc, two), "b'bcbc'");
    py_obj *same = ok(py_number_add(abc, e1));
    assert_ptr_equal(same, abc);
    rg_decref(same);
    /* The iterator: tracked, 48 bytes. */
    py_obj *it = ok(py_object_get_iter(abc));
    assert_true(rg_is_tracked(it));
    assert_int_equal(py_sys_getsizeof(it), 48);
    repr_is(py_iter_next(it), "97");
    rg_decref(it);

    rg_decref(two);
    rg_decref(bang);
    rg_decref(five);
    rg_decref(n97);
    rg_decref(n256);
    rg_decref(bc);
    rg_decref(hw);
    rg_decref(abd);
    rg_decref(sabc);
    rg_decref(abc);
    rg_decref(e1);
    rg_decref(e2);
    rg_decref(a1);
    rg_decref(a2);
}

static void test_bytes_construction(void **state)
{
    (void)state;
    repr_is(make(&py_bytes_info, 0), "b''");
    repr_is(make(&py_bytes_info, 1, I(3)), "b'\\x00\\x00\\x00'");
    py_obj *l = ok(py_list_new(0));
    for (long v = 65; v < 68; v++) {
        py_obj *k = I(v);
        assert_int_equal(py_list_append(l, k), 0);
        rg_decref(k);
    }
    repr_is(make(&py_bytes_info, 1, py_new_ref(l)), "b'ABC'");
    repr_is(make(&py_bytes_info, 1, ok(make(&py_range_info, 1, I(5)))), "b'\\x00\\x01\\x02\\x03\\x04'");
    repr_is(make(&py_bytes_info, 1, Bs("xy")), "b'xy'");
    repr_is(make(&py_bytes_info, 2, S("h\xc3\xa9"), S("utf-8")), "b'h\\xc3\\xa9'");
    assert_null(make(&py_bytes_info, 1, I(-1)));
    check_error("ValueError", "negative count");
    py_obj *k = I(256);
    assert_int_equal(py_list_append(l, k), 0);
    rg_decref(k);
    assert_null(make(&py_bytes_info, 1, py_new_ref(l)));
    check_error("ValueError", "bytes must be in range(0, 256)");
    rg_decref(l);
    assert_null(make(&py_bytes_info, 1, py_float_from_double(1.5)));
    check_error("TypeError", "cannot convert 'float' object to bytes");
    assert_null(make(&py_bytes_info, 1, py_new_ref(py_none)));
    check_error("TypeError", "cannot convert 'NoneType' object to bytes");
    assert_null(make(&py_bytes_info, 1, S("abc")));
    check_error("TypeError", "string argument without an encoding");
    assert_null(make(&py_bytes_info, 2, S("a"), I(1)));
    check_error("TypeError", "bytes() argument 'encoding' must be str, not int");
    py_obj *four[4] = {py_none, py_none, py_none, py_none};
    assert_null(py_object_vectorcall(py_bytes_info.type_obj, four, 4, NULL));
    check_error("TypeError", "bytes() takes at most 3 arguments (4 given)");
    /* Keywords: bytes(foo=1), bytes('a', 'utf-8', encoding='x'), bytes(source=3). */
    py_obj *kw = ok(py_tuple_pack(1, py_id(__name__)));
    py_obj *one[1] = {py_none};
    assert_null(py_object_vectorcall(py_bytes_info.type_obj, one, 0, kw));
    check_error("TypeError", "'__name__' is an invalid keyword argument for bytes()");
    rg_decref(kw);
    py_obj *enc = S("encoding"), *src = S("source");
    kw = ok(py_tuple_pack(1, enc));
    py_obj *a = S("a"), *u8 = S("utf-8"), *x = S("x");
    py_obj *three[3] = {a, u8, x};
    assert_null(py_object_vectorcall(py_bytes_info.type_obj, three, 2, kw));
    check_error("TypeError", "argument for bytes() given by name ('encoding') and position (2)");
    rg_decref(kw);
    kw = ok(py_tuple_pack(1, src));
    py_obj *n3 = I(3);
    py_obj *vals[1] = {n3};
    repr_is(py_object_vectorcall(py_bytes_info.type_obj, vals, 0, kw), "b'\\x00\\x00\\x00'");
    rg_decref(kw);
    rg_decref(n3);
    rg_decref(a);
    rg_decref(u8);
    rg_decref(x);
    rg_decref(enc);
    rg_decref(src);
    /* fromhex */
    py_obj *fromhex = S("fromhex");
    py_obj *hexarg = S("B9 01EF");
    py_obj *fargs[2] = {py_bytes_info.type_obj, hexarg};
    repr_is(py_object_vectorcall_method(fromhex, fargs, 2, NULL), "b'\\xb9\\x01\\xef'");
    rg_decref(hexarg);
    hexarg = S("0g");
    fargs[1] = hexarg;
    assert_null(py_object_vectorcall_method(fromhex, fargs, 2, NULL));
    check_error("ValueError", "non-hexadecimal number found in fromhex() arg at position 1");
    rg_decref(hexarg);
    rg_decref(fromhex);
}

/* ====================================================================== */
/* Methods                                                                 */
/* ====================================================================== */

static void test_bytes_methods(void **state)
{
    (void)state;
    py_obj *b = Bs("Hello, World");
    repr_is(call(b, "lower", 0), "b'hello, world'");
    repr_is(call(b, "upper", 0), "b'HELLO, WORLD'");
    repr_is(call(b, "split", 1, Bs(", ")), "[b'Hello', b'World']");
    repr_is(call(b, "find", 1, Bs("o")), "4");
    repr_is(call(b, "rfind", 1, Bs("o")), "8");
    repr_is(call(b, "count", 1, Bs("l")), "3");
    repr_is(call(b, "replace", 2, Bs("l"), Bs("L")), "b'HeLLo, WorLd'");
    repr_is(call(b, "startswith", 1, Bs("He")), "True");
    repr_is(call(b, "strip", 1, Bs("Hd")), "b'ello, Worl'");
    repr_is(call(b, "hex", 0), "'48656c6c6f2c20576f726c64'");
    repr_is(call(b, "decode", 0), "'Hello, World'");
    py_obj *x = Bs(" x ");
    repr_is(call(x, "strip", 0), "b'x'");
    rg_decref(x);
    py_obj *dash = Bs("-");
    py_obj *l = ok(py_list_new(0)), *pa = Bs("a"), *pb = Bs("b");
    assert_int_equal(py_list_append(l, pa), 0);
    assert_int_equal(py_list_append(l, pb), 0);
    repr_is(call(dash, "join", 1, py_new_ref(l)), "b'a-b'");
    py_obj *sx = S("x");
    assert_int_equal(py_list_append(l, sx), 0);
    assert_null(call(dash, "join", 1, py_new_ref(l)));
    check_error("TypeError", "sequence item 2: expected a bytes-like object, str found");
    rg_decref(sx);
    rg_decref(l);
    rg_decref(pa);
    rg_decref(pb);
    rg_decref(dash);

    py_obj *w = Bs("a b  c ");
    repr_is(call(w, "split", 0), "[b'a', b'b', b'c']");
    rg_decref(w);
    w = Bs("  a b c");
    repr_is(call(w, "rsplit", 2, py_new_ref(py_none), I(1)), "[b'  a b', b'c']");
    rg_decref(w);
    w = Bs("a,b,,c");
    repr_is(call(w, "split", 2, Bs(","), I(2)), "[b'a', b'b', b',c']");
    repr_is(call(w, "rsplit", 2, Bs(","), I(2)), "[b'a,b', b'', b'c']");
    assert_null(call(w, "split", 1, Bs("")));
    check_error("ValueError", "empty separator");
    rg_decref(w);
    w = Bs("ab");
    repr_is(call(w, "replace", 2, Bs(""), Bs("-")), "b'-a-b-'");
    assert_null(call(w, "replace", 2, S("a"), Bs("b")));
    check_error("TypeError", "a bytes-like object is required, not 'str'");
    rg_decref(w);
    w = Bs("aaa");
    repr_is(call(w, "replace", 3, Bs("a"), Bs("bb"), I(2)), "b'bbbba'");
    rg_decref(w);
    w = Bs("abcdef");
    repr_is(call(w, "hex", 2, S("-"), I(2)), "'6162-6364-6566'");
    repr_is(call(w, "hex", 2, S("-"), I(-4)), "'61626364-6566'");
    rg_decref(w);
    w = Bs("abc");
    repr_is(call(w, "hex", 1, S(":")), "'61:62:63'");
    repr_is(call(w, "find", 1, I(99)), "2");
    assert_null(call(w, "find", 1, S("a")));
    check_error("TypeError", "argument should be integer or bytes-like object, not 'str'");
    assert_null(call(w, "index", 1, Bs("z")));
    check_error("ValueError", "subsection not found");
    rg_decref(w);
    w = Bs("abcabc");
    repr_is(call(w, "index", 2, Bs("c"), I(3)), "5");
    repr_is(call(w, "count", 1, Bs("")), "7");
    rg_decref(w);
    w = Bs("a");
    py_obj *tup = ok(py_tuple_pack(2, w, w));
    repr_is(call(w, "endswith", 1, tup), "True");
    assert_null(call(w, "startswith", 1, S("a")));
    check_error("TypeError", "startswith first arg must be bytes or a tuple of bytes, not str");
    rg_decref(w);
    w = Bs("AbC");
    repr_is(call(w, "swapcase", 0), "b'aBc'");
    rg_decref(w);
    w = Bs("hello world");
    repr_is(call(w, "title", 0), "b'Hello World'");
    rg_decref(w);
    w = Bs("hELLO");
    repr_is(call(w, "capitalize", 0), "b'Hello'");
    rg_decref(w);
    const struct {
        const char *data, *method, *expected;
    } preds[] = {{"123", "isdigit", "True"}, {"", "isdigit", "False"},   {"aB", "isalpha", "True"},
                 {"Ab1", "isalnum", "True"}, {" \t", "isspace", "True"}, {"ab1", "islower", "True"},
                 {"AB", "isupper", "True"},  {"a1", "isupper", "False"}};
    for (size_t i = 0; i < sizeof preds / sizeof *preds; i++) {
        w = Bs(preds[i].data);
        repr_is(call(w, preds[i].method, 0), preds[i].expected);
        rg_decref(w);
    }
    rg_decref(b);
}

/* ====================================================================== */
/* Codecs and Unicode errors                                               */
/* ====================================================================== */

static void test_codecs(void **state)
{
    (void)state;
    static const struct {
        const char *data;
        size_t len;
        const char *repr, *msg;
    } bad[] = {
        {"\xff", 1, "UnicodeDecodeError('utf-8', b'\\xff', 0, 1, 'invalid start byte')",
         "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"},
        {"ab\xc3", 3, "UnicodeDecodeError('utf-8', b'ab\\xc3', 2, 3, 'unexpected end of data')",
         "'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data"},
        {"ab\xc3(", 4, "UnicodeDecodeError('utf-8', b'ab\\xc3(', 2, 3, 'invalid continuation byte')",
         "'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte"},
        {"\xed\xa0\x80", 3, "UnicodeDecodeError('utf-8', b'\\xed\\xa0\\x80', 0, 1, 'invalid continuation byte')",
         "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"},
        {"\xf0\x90\x80", 3, "UnicodeDecodeError('utf-8', b'\\xf0\\x90\\x80', 0, 3, 'unexpected end of data')",
         "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"},
        {"\xf4\x90\x80\x80", 4,
         "UnicodeDecodeError('utf-8', b'\\xf4\\x90\\x80\\x80', 0, 1, 'invalid continuation byte')",
         "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"},
        {"a\xe2\x82", 3, "UnicodeDecodeError('utf-8', b'a\\xe2\\x82', 1, 3, 'unexpected end of data')",
         "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        py_obj *b = Bn(bad[i].data, bad[i].len);
        assert_null(call(b, "decode", 0));
        check_error_repr(bad[i].repr, bad[i].msg);
        rg_decref(b);
        /* The str constructor from UTF-8 raises the same. */
        assert_null(py_unicode_from_string_and_size(bad[i].data, (py_ssize_t)bad[i].len));
        check_error_repr(bad[i].repr, bad[i].msg);
    }
    static const struct {
        const char *utf8, *repr, *msg;
    } unenc[] = {
        {"\xc3\xa9", "UnicodeEncodeError('ascii', '\xc3\xa9', 0, 1, 'ordinal not in range(128)')",
         "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"},
        {"a\xc3\xa9\xc3\xa9", "UnicodeEncodeError('ascii', 'a\xc3\xa9\xc3\xa9', 1, 3, 'ordinal not in range(128)')",
         "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)"},
        {"x\xf0\x9f\x98\x80", "UnicodeEncodeError('ascii', 'x\xf0\x9f\x98\x80', 1, 2, 'ordinal not in range(128)')",
         "'ascii' codec can't encode character '\\U0001f600' in position 1: ordinal not in range(128)"},
        {"\xe2\x82\xac", "UnicodeEncodeError('ascii', '\xe2\x82\xac', 0, 1, 'ordinal not in range(128)')",
         "'ascii' codec can't encode character '\\u20ac' in position 0: ordinal not in range(128)"},
    };
    for (size_t i = 0; i < sizeof unenc / sizeof *unenc; i++) {
        py_obj *s = S(unenc[i].utf8);
        assert_null(call(s, "encode", 1, S("ascii")));
        check_error_repr(unenc[i].repr, unenc[i].msg);
        rg_decref(s);
    }
    /* Lone surrogates in UTF-8 (built with surrogatepass decoding). */
    py_obj *sur = Bs("a\xed\xa0\x80\xed\xb0\x80" "b");
    py_obj *lone = ok(call(sur, "decode", 2, S("utf-8"), S("surrogatepass")));
    assert_int_equal(py_unicode_get_length(lone), 4);
    assert_null(call(lone, "encode", 0));
    check_error_repr("UnicodeEncodeError('utf-8', 'a\\ud800\\udc00b', 1, 3, 'surrogates not allowed')",
                     "'utf-8' codec can't encode characters in position 1-2: surrogates not allowed");
    rg_decref(lone);
    rg_decref(sur);
    /* Error handlers. */
    py_obj *axb = Bs("a\xff" "b");
    repr_is(call(axb, "decode", 2, S("utf-8"), S("replace")), "'a\xef\xbf\xbd" "b'");
    repr_is(call(axb, "decode", 2, S("utf-8"), S("ignore")), "'ab'");
    repr_is(call(axb, "decode", 2, S("utf-8"), S("backslashreplace")), "'a\\\\xffb'");
    repr_is(call(axb, "decode", 2, S("utf-8"), S("surrogateescape")), "'a\\udcffb'");
    assert_null(call(axb, "decode", 2, S("utf-8"), S("bogus")));
    check_error("LookupError", "unknown error handler name 'bogus'");
    py_obj *a = Bs("a");
    repr_is(call(a, "decode", 2, S("utf-8"), S("bogus")), "'a'"); /* no error, no lookup */
    assert_null(call(a, "decode", 1, S("foo")));
    check_error("LookupError", "unknown encoding: foo");
    assert_null(call(a, "decode", 1, I(1)));
    check_error("TypeError", "decode() argument 'encoding' must be str, not int");
    rg_decref(a);
    rg_decref(axb);
    py_obj *ae = S("a\xc3\xa9\xe2\x82\xac");
    repr_is(call(ae, "encode", 2, S("ascii"), S("replace")), "b'a?" "?'");
    repr_is(call(ae, "encode", 2, S("ascii"), S("backslashreplace")), "b'a\\\\xe9\\\\u20ac'");
    repr_is(call(ae, "encode", 2, S("ascii"), S("xmlcharrefreplace")), "b'a&#233;&#8364;'");
    repr_is(call(ae, "encode", 2, S("latin-1"), S("ignore")), "b'a\\xe9'");
    repr_is(call(ae, "encode", 0), "b'a\\xc3\\xa9\\xe2\\x82\\xac'");
    assert_null(call(ae, "encode", 3, S("a"), S("b"), S("c")));
    check_error("TypeError", "encode() takes at most 2 arguments (3 given)");
    rg_decref(ae);
    py_obj *e9 = Bs("\xe9");
    repr_is(call(e9, "decode", 1, S("latin1")), "'\xc3\xa9'");
    rg_decref(e9);
    py_obj *eacute = S("\xc3\xa9");
    repr_is(call(eacute, "encode", 1, S("LATIN-1")), "b'\\xe9'");
    rg_decref(eacute);
    py_obj *sx = S("x");
    repr_is(call(sx, "encode", 1, S("UTF8")), "b'x'");
    rg_decref(sx);
    py_obj *bx = Bs("x");
    repr_is(call(bx, "decode", 1, S("US-ASCII")), "'x'");
    rg_decref(bx);

    /* The classes called directly. */
    py_obj *ude = ok(make(&py_exc_UnicodeDecodeError_info, 5, S("utf-8"), Bs("ab"), I(0), I(2), S("r")));
    repr_is(py_new_ref(ude), "UnicodeDecodeError('utf-8', b'ab', 0, 2, 'r')");
    str_is(py_new_ref(ude), "'utf-8' codec can't decode bytes in position 0-1: r");
    repr_is(py_object_get_attr_string(ude, "end"), "2");
    repr_is(py_object_get_attr_string(ude, "object"), "b'ab'");
    rg_decref(ude);
    assert_null(make(&py_exc_UnicodeDecodeError_info, 1, S("a")));
    check_error("TypeError", "function takes exactly 5 arguments (1 given)");
    assert_null(make(&py_exc_UnicodeEncodeError_info, 5, S("a"), I(1), I(2), I(3), S("x")));
    check_error("TypeError", "argument 2 must be str, not int");
    str_is(make(&py_exc_UnicodeEncodeError_info, 5, S("ascii"), S("abc"), I(5), I(9), S("x")),
           "'ascii' codec can't encode characters in position 5-8: x");
    str_is(make(&py_exc_UnicodeTranslateError_info, 4, S("\xc3\xa9"), I(0), I(1), S("why")),
           "can't translate character '\\xe9' in position 0: why");
}

/* ====================================================================== */
/* bytearray                                                               */
/* ====================================================================== */

static py_obj *BA(const char *s) { return ok(py_bytearray_from_string_and_size(s, (py_ssize_t)strlen(s))); }

static void test_bytearray(void **state)
{
    (void)state;
    /* Sizes as append grows it (python3: 58 61 61 61 64 64 64 68 ... 102). */
    static const int sizes[] = {58, 61, 61, 61, 64, 64, 64, 68, 68, 68, 68, 75, 75, 75, 75, 75, 75, 75, 83, 83,
                                83, 83, 83, 83, 83, 83, 92, 92, 92, 92, 92, 92, 92, 92, 92, 102, 102, 102, 102, 102};
    py_obj *b = ok(make(&py_bytearray_info, 0));
    assert_int_equal(py_sys_getsizeof(b), 56);
    assert_false(rg_may_be_tracked(b));
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        repr_is(call(b, "append", 1, I(1)), "None");
        assert_int_equal(py_sys_getsizeof(b), sizes[i]);
    }
    rg_decref(b);
    /* del b[:2] moves the start (63), the next append reallocates (64). */
    b = ok(make(&py_bytearray_info, 1, Bs("abcdef")));
    py_obj *sl = py_slice_new(NULL, I(2), NULL);
    rg_decref(((py_slice_object *)sl)->stop);
    assert_int_equal(py_object_del_item(b, sl), 0);
    rg_decref(sl);
    assert_int_equal(py_sys_getsizeof(b), 63);
    repr_is(py_new_ref(b), "bytearray(b'cdef')");
    repr_is(call(b, "append", 1, I(1)), "None");
    assert_int_equal(py_sys_getsizeof(b), 64);
    rg_decref(b);
    /* bytearray(100); del b[50:] keeps the block (157); del b[10:] shrinks (67). */
    b = ok(make(&py_bytearray_info, 1, I(100)));
    sl = py_slice_new(I(50), NULL, NULL);
    rg_decref(((py_slice_object *)sl)->start);
    assert_int_equal(py_object_del_item(b, sl), 0);
    rg_decref(sl);
    assert_int_equal(py_sys_getsizeof(b), 157);
    sl = py_slice_new(I(10), NULL, NULL);
    rg_decref(((py_slice_object *)sl)->start);
    assert_int_equal(py_object_del_item(b, sl), 0);
    rg_decref(sl);
    assert_int_equal(py_sys_getsizeof(b), 67);
    rg_decref(b);
    /* += and *= (65, 81). */
    b = BA("ab");
    py_obj *tail = Bs("cdefgh");
    py_obj *r = ok(py_number_inplace_add(b, tail));
    assert_ptr_equal(r, b);
    rg_decref(r);
    rg_decref(tail);
    assert_int_equal(py_sys_getsizeof(b), 65);
    py_obj *three = I(3);
    r = ok(py_number_inplace_multiply(b, three));
    rg_decref(r);
    rg_decref(three);
    assert_int_equal(py_sys_getsizeof(b), 81);
    rg_decref(b);

    repr_is(BA("hi"), "bytearray(b'hi')");
    repr_is(make(&py_bytearray_info, 0), "bytearray(b'')");
    repr_is(BA("'"), "bytearray(b\"\\'\")");
    repr_is(BA("'\""), "bytearray(b'\\'\"')");
    /* Items, slices, comparisons with bytes, concatenation. */
    b = BA("abc");
    py_obj *one = I(1);
    repr_is(py_object_get_item(b, one), "98");
    sl = py_slice_new(one, NULL, NULL);
    repr_is(py_object_get_item(b, sl), "bytearray(b'bc')");
    rg_decref(sl);
    py_obj *d = Bs("d"), *a = Bs("a"), *bb = Bs("b");
    repr_is(py_number_add(b, d), "bytearray(b'abcd')");
    repr_is(py_number_add(d, b), "b'dabc'");
    py_obj *ba_a = BA("a");
    assert_int_equal(py_object_rich_compare_bool(ba_a, a, PY_EQ), 1);
    assert_int_equal(py_object_rich_compare_bool(a, ba_a, PY_EQ), 1);
    assert_int_equal(py_object_rich_compare_bool(ba_a, bb, PY_LT), 1);
    assert_int_equal(py_object_hash(ba_a), -1);
    check_error("TypeError", "unhashable type: 'bytearray'");
    py_obj *n98 = I(98);
    assert_int_equal(py_sequence_contains(b, n98), 1);
    assert_int_equal(py_sequence_contains(b, bb), 1);
    rg_decref(n98);
    py_obj *five = I(5);
    assert_null(py_object_get_item(ba_a, five));
    check_error("IndexError", "bytearray index out of range");
    rg_decref(five);
    rg_decref(b);

    /* b = bytearray(b'hello'); b[0] = 74; b[1:3] = b'EY'; del b[-1] */
    b = BA("hello");
    py_obj *zero = I(0), *n74 = I(74), *m1 = I(-1);
    assert_int_equal(py_object_set_item(b, zero, n74), 0);
    py_obj *three_ = I(3);
    sl = py_slice_new(one, three_, NULL);
    py_obj *ey = Bs("EY");
    assert_int_equal(py_object_set_item(b, sl, ey), 0);
    rg_decref(sl);
    rg_decref(ey);
    assert_int_equal(py_object_del_item(b, m1), 0);
    repr_is(py_new_ref(b), "bytearray(b'JEYl')");
    py_obj *l = ok(py_list_new(0));
    py_obj *n33 = I(33), *n63 = I(63);
    py_list_append(l, n33);
    py_list_append(l, n63);
    repr_is(call(b, "extend", 1, py_new_ref(l)), "None");
    repr_is(call(b, "insert", 2, I(0), I(62)), "None");
    repr_is(py_new_ref(b), "bytearray(b'>JEYl!?')");
    repr_is(call(b, "pop", 0), "63");
    repr_is(call(b, "pop", 1, I(0)), "62");
    repr_is(call(b, "remove", 1, I(69)), "None");
    repr_is(call(b, "reverse", 0), "None");
    repr_is(py_new_ref(b), "bytearray(b'!lYJ')");
    rg_decref(b);
    /* b = bytearray(b'abc'); b[0:1] = [1, 2, 3]; b[::2] = b'xyz' */
    b = BA("abc");
    py_list_append(l, n33); /* l = [33, 63, 33] */
    sl = py_slice_new(zero, one, NULL);
    assert_int_equal(py_object_set_item(b, sl, l), 0);
    rg_decref(sl);
    repr_is(py_new_ref(b), "bytearray(b'!?!bc')");
    py_obj *two = I(2);
    sl = py_slice_new(NULL, NULL, two);
    py_obj *xyz = Bs("xyz"), *x = Bs("x");
    assert_int_equal(py_object_set_item(b, sl, xyz), 0);
    repr_is(py_new_ref(b), "bytearray(b'x?ybz')");
    assert_int_equal(py_object_set_item(b, sl, x), -1);
    check_error("ValueError", "attempt to assign bytes of size 1 to extended slice of size 3");
    assert_int_equal(py_object_del_item(b, sl), 0);
    repr_is(py_new_ref(b), "bytearray(b'?b')");
    rg_decref(sl);
    rg_decref(xyz);
    rg_decref(x);
    rg_decref(two);
    rg_decref(b);

    /* Errors. */
    b = ok(make(&py_bytearray_info, 0));
    assert_null(call(b, "pop", 0));
    check_error("IndexError", "pop from empty bytearray");
    assert_null(call(ba_a, "pop", 1, I(5)));
    check_error("IndexError", "pop index out of range");
    assert_null(call(ba_a, "remove", 1, I(9)));
    check_error("ValueError", "value not found in bytearray");
    assert_null(call(ba_a, "append", 1, I(256)));
    check_error("ValueError", "byte must be in range(0, 256)");
    assert_null(call(ba_a, "append", 1, S("x")));
    check_error("TypeError", "'str' object cannot be interpreted as an integer");
    assert_null(make(&py_bytearray_info, 1, S("abc")));
    check_error("TypeError", "string argument without an encoding");
    assert_null(make(&py_bytearray_info, 1, py_float_from_double(1.5)));
    check_error("TypeError", "cannot convert 'float' object to bytearray");
    py_obj *n300 = I(300);
    assert_int_equal(py_object_set_item(ba_a, zero, n300), -1);
    check_error("ValueError", "byte must be in range(0, 256)");
    rg_decref(n300);
    rg_decref(b);

    /* The shared methods give bytearrays. */
    b = BA("xyz");
    repr_is(call(b, "split", 1, Bs("y")), "[bytearray(b'x'), bytearray(b'z')]");
    rg_decref(b);
    b = BA(" a ");
    repr_is(call(b, "strip", 0), "bytearray(b'a')");
    rg_decref(b);
    b = BA("-");
    py_obj *parts = ok(py_list_new(0));
    py_obj *ba_b = BA("b");
    py_list_append(parts, a);
    py_list_append(parts, ba_b);
    repr_is(call(b, "join", 1, parts), "bytearray(b'a-b')"); /* parts consumed */
    rg_decref(ba_b);
    rg_decref(b);
    b = BA("abc");
    repr_is(call(b, "replace", 2, Bs("z"), Bs("q")), "bytearray(b'abc')");
    repr_is(call(b, "copy", 0), "bytearray(b'abc')");
    repr_is(call(b, "hex", 0), "'616263'");
    rg_decref(b);
    py_obj *fromhex = S("fromhex"), *h = S("4142");
    py_obj *fargs[2] = {py_bytearray_info.type_obj, h};
    repr_is(py_object_vectorcall_method(fromhex, fargs, 2, NULL), "bytearray(b'AB')");
    rg_decref(fromhex);
    rg_decref(h);
    b = ok(py_bytearray_from_string_and_size("\xc3\xa9", 2));
    repr_is(call(b, "decode", 0), "'\xc3\xa9'");
    py_obj *it = ok(py_object_get_iter(b));
    assert_int_equal(py_sys_getsizeof(it), 48);
    repr_is(py_new_ref(py_type_object_of_obj(it)), "<class 'bytearray_iterator'>");
    rg_decref(it);
    rg_decref(b);
    repr_is(make(&py_bytearray_info, 1, ok(make(&py_range_info, 1, I(3)))), "bytearray(b'\\x00\\x01\\x02')");

    rg_decref(l);
    rg_decref(n33);
    rg_decref(n63);
    rg_decref(zero);
    rg_decref(n74);
    rg_decref(m1);
    rg_decref(three_);
    rg_decref(ba_a);
    rg_decref(d);
    rg_decref(a);
    rg_decref(bb);
    rg_decref(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_bytes_object),
        PYFX_TEST(test_bytes_construction),
        PYFX_TEST(test_bytes_methods),
        PYFX_TEST(test_codecs),
        PYFX_TEST(test_bytearray),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
