/*
 * unicodedatamodule.c -- the unicodedata module, character names only
 * (CPython 3.11's Modules/unicodedata.c for these):
 *
 *   unicodedata.lookup(name)          the character called name (any case,
 *                                     aliases included) or the named
 *                                     sequence (a str of several); KeyError
 *                                     "undefined character name 'X'", or
 *                                     "name too long" past 256 bytes; name
 *                                     may be str or bytes.
 *   unicodedata.name(chr[, default])  chr's name; default, else ValueError
 *                                     "no such name".
 *   unicodedata.unidata_version       '14.0.0'
 *
 * Both read types/unicodename.c's table (the one \N{...} uses).  The rest
 * of CPython's module (category, normalize, ...) is absent: using it is an
 * AttributeError, never a wrong answer.
 */
#include <string.h>

#include "lang/modules.h"
#include "types/objtypes.h"
#include "types/unicodename.h"

/* unicodedata.c's NAME_MAXLEN: longer names are refused before any lookup. */
#define NAME_MAXLEN 256

/* unicodedata.lookup(name). */
static py_obj *ud_lookup(py_obj *m, py_obj *arg)
{
    (void)m;
    const char *s;
    py_ssize_t len;
    if (py_unicode_check(arg)) {
        s = py_unicode_as_utf8_and_size(arg, &len);
        if (s == NULL) return NULL;
    } else if (py_bytes_check(arg)) {
        s = py_bytes_as_string(arg);
        len = py_bytes_size(arg);
    } else if (py_bytearray_check(arg)) {
        return py_err_format(py_exc_TypeError, "lookup() argument must be read-only bytes-like object, not %s",
                             py_obj_type_name(arg));
    } else {
        return py_err_format(py_exc_TypeError, "a bytes-like object is required, not '%s'", py_obj_type_name(arg));
    }
    if (len > NAME_MAXLEN) return py_err_format(py_exc_KeyError, "name too long");
    uint32_t cp;
    const uint16_t *seq;
    size_t seqlen;
    int found = py_uname_lookup_seq(s, (size_t)len, &cp, &seq, &seqlen);
    if (found == PY_UNAME_SEQUENCE) return py_unicode_from_kind_and_data(PY_UNICODE_2BYTE_KIND, seq, (py_ssize_t)seqlen);
    if (found == PY_UNAME_CHAR) return py_unicode_from_ordinal(cp);
    /* The message shows the name as a C string: up to a NUL, like CPython's %s. */
    char shown[NAME_MAXLEN + 1];
    memcpy(shown, s, (size_t)len);
    shown[len] = '\0';
    return py_err_format(py_exc_KeyError, "undefined character name '%s'", shown);
}

/* unicodedata.name(chr[, default]). */
static py_obj *ud_name(py_obj *m, py_obj *const *args, py_ssize_t nargs)
{
    (void)m;
    if (py_arg_check_positional("name", nargs, 1, 2) < 0) return NULL;
    py_obj *c = args[0];
    if (!py_unicode_check(c) || py_unicode_get_length(c) != 1)
        return py_err_format(py_exc_TypeError, "name() argument 1 must be a unicode character, not %.50s",
                             py_obj_type_name(c));
    char buf[PY_UNAME_BUFSIZE];
    if (py_uname_name(py_unicode_read_char(c, 0), buf, sizeof buf) > 0) return py_unicode_from_string(buf);
    if (nargs == 2) return py_new_ref(args[1]);
    return py_err_format(py_exc_ValueError, "no such name");
}

static const py_method_def unicodedata_functions[] = {
    {"lookup", {.o = ud_lookup}, PY_METH_O, "Look up character by name."},
    {"name", {.fast = ud_name}, PY_METH_FASTCALL, "Returns the name assigned to the character chr as a string."},
    {NULL, {NULL}, 0, NULL},
};

/* unidata_version. */
static int fill_unicodedata(py_obj *module, py_obj *dict)
{
    (void)module;
    py_obj *v = py_unicode_from_string("14.0.0");
    if (v == NULL) return -1;
    int r = py_dict_set_item_string(dict, "unidata_version", v);
    rg_decref(v);
    return r;
}

/* The module (import.c's table). */
py_obj *py_unicodedata_module_create(void)
{
    return py_module_from_defs("unicodedata", unicodedata_functions, fill_unicodedata);
}
