/*
 * bltin_io.c -- the builtins that talk to the outside: print, input, and
 * open (refused).  CPython 3.11's builtin_print / builtin_input_impl and
 * PyFile_WriteObject / PyFile_WriteString / PyFile_GetLine.
 *
 * Streams: file=None means sys.stdout (py_sys_get_object), written
 * through its write method exactly as 3.11 does: for each piece,
 * getattr(file, 'write') (a bound method: a GC allocation, freed at once),
 * str(piece) (the same str for a str argument: no new object), the call.
 * The separators " " and "\n" are the cached one-character strs.  While no
 * sys module exists (interp->sysdict NULL: a bare interpreter, the unit
 * tests), the pieces go to C's stdout instead; once sys exists a missing
 * sys.stdout is 3.11's RuntimeError "lost sys.stdout".
 *
 * input() takes 3.11's non-interactive path always (prompt written to
 * sys.stdout, sys.stdout flushed, sys.stdin.readline()); refgc has no
 * readline integration here.
 */
#include <string.h>

#include "lang/bltinmodule.h"

/* ====================================================================== */
/* Static names                                                            */
/* ====================================================================== */

/* Static ASCII strs (3.11's _Py_ID(write) & co.), never stored as keys. */

PY_STATIC_ASCII_STR(str_write, "write");
PY_STATIC_ASCII_STR(str_flush, "flush");
PY_STATIC_ASCII_STR(str_readline, "readline");
#define STR(var) ((py_obj *)&(var).ob)

/* ====================================================================== */
/* Writing to a stream                                                     */
/* ====================================================================== */

/* PyFile_WriteObject(v, f, Py_PRINT_RAW): f.write(str(v)); f NULL: C's
 * stdout (no sys).  0 or -1. */
static int write_object(py_obj *v, py_obj *f)
{
    if (f == NULL) {
        py_obj *s = py_object_str(v);
        if (s == NULL) return -1;
        py_ssize_t n;
        const char *utf8 = py_unicode_as_utf8_and_size(s, &n);
        if (utf8 != NULL) fwrite(utf8, 1, (size_t)n, stdout);
        rg_decref(s);
        return utf8 != NULL ? 0 : -1;
    }
    py_obj *writer = py_object_get_attr(f, STR(str_write));
    if (writer == NULL) return -1;
    py_obj *value = py_object_str(v);
    if (value == NULL) {
        rg_decref(writer);
        return -1;
    }
    py_obj *result = py_object_call_one_arg(writer, value);
    rg_decref(value);
    rg_decref(writer);
    if (result == NULL) return -1;
    rg_decref(result);
    return 0;
}

/* PyFile_WriteString for one ASCII character (the cached str). */
static int write_char(char c, py_obj *f) { return write_object(py_unicode_from_ordinal((py_ucs4)c), f); }

/* f.flush() (C's stdout when f is NULL); 0 or -1. */
static int flush_stream(py_obj *f)
{
    if (f == NULL) {
        fflush(stdout);
        return 0;
    }
    py_obj *tmp = py_object_call_method_no_args(f, STR(str_flush));
    if (tmp == NULL) return -1;
    rg_decref(tmp);
    return 0;
}

/* sys.<name> for print/input: 1 and *f (borrowed; NULL = C stream, no
 * sys), 0 when it is None (print does nothing), -1 when sys lacks it. */
static int sys_stream(const char *name, const char *lost_msg, py_obj **f)
{
    *f = NULL;
    if (py_current->sysdict == NULL) return 1;
    *f = py_sys_get_object(name);
    if (*f == NULL) {
        if (!py_err_occurred()) py_err_set_string(py_exc_RuntimeError, lost_msg);
        return -1;
    }
    return *f == py_none ? 0 : 1;
}

/* ====================================================================== */
/* print                                                                   */
/* ====================================================================== */

/* print's keywords into kw[4] (sep, end, file, flush): 3.11 parses them
 * with *args, so an unknown one is named even when there are many. */
static int print_keywords(py_obj *const *values, py_obj *kwnames, py_obj **kw)
{
    static const char *const kwlist[] = {"sep", "end", "file", "flush"};
    for (py_ssize_t k = 0; k < py_tuple_size(kwnames); k++) {
        py_obj *key = py_tuple_get(kwnames, k);
        int i = 0;
        while (i < 4 && !py_unicode_equal_to_ascii_string(key, kwlist[i])) i++;
        if (i == 4) {
            py_err_format(py_exc_TypeError, "'%U' is an invalid keyword argument for print()", key);
            return -1;
        }
        kw[i] = values[k];
    }
    return 0;
}

/* 3.11's print is Argument Clinic with *args: its parser builds a tuple
 * of the keyword names on the first call (kept until the interpreter
 * ends: released by the interpreter's lang_destroy hook), and every call
 * with arguments packs them in a new tuple.  Both are GC allocations that
 * show in gc.get_count(), so refgc makes them too. */
static py_obj *print_kwtuple;

static py_obj *print_impl(py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);

/* lang_destroy: the keyword tuple goes with the interpreter. */
static void print_state_destroy(py_interp *interp)
{
    (void)interp;
    RG_CLEAR(print_kwtuple);
}

/* The first call's keyword tuple (failures ignored: it is never read). */
static void print_parser_init(void)
{
    if (print_kwtuple != NULL || py_current->lang_destroy != NULL) return;
    static const char *const names[] = {"sep", "end", "file", "flush"};
    print_kwtuple = py_tuple_new(4);
    for (int i = 0; print_kwtuple != NULL && i < 4; i++) {
        py_obj *s = py_unicode_from_string(names[i]);
        if (s == NULL) {
            RG_CLEAR(print_kwtuple);
            break;
        }
        py_tuple_set(print_kwtuple, i, s);
    }
    if (print_kwtuple == NULL) py_err_clear();
    else py_current->lang_destroy = print_state_destroy;
}

/* print: the pieces, separators and end through write_object. */
py_obj *py_builtin_print(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    print_parser_init();
    py_obj *varargs = nargs > 0 ? py_tuple_from_array(args, nargs) : NULL;
    if (nargs > 0 && varargs == NULL) return NULL;
    py_obj *r = print_impl(args, nargs, kwnames);
    rg_xdecref(varargs);
    return r;
}

/* The work of print once its arguments are parsed. */
static py_obj *print_impl(py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *kw[4] = {NULL, NULL, NULL, NULL};
    if (kwnames != NULL && print_keywords(args + nargs, kwnames, kw) < 0) return NULL;
    py_obj *sep = kw[0], *end = kw[1], *file = kw[2];
    int flush = 0;
    if (kw[3] != NULL && (flush = py_object_is_true(kw[3])) < 0) return NULL;
    if (file == NULL || file == py_none) {
        int r = sys_stream("stdout", "lost sys.stdout", &file);
        if (r <= 0) return r < 0 ? NULL : py_new_ref(py_none);
    }
    if (sep == py_none) {
        sep = NULL;
    } else if (sep != NULL && !py_unicode_check(sep)) {
        return py_err_format(py_exc_TypeError, "sep must be None or a string, not %.200s", py_obj_type_name(sep));
    }
    if (end == py_none) {
        end = NULL;
    } else if (end != NULL && !py_unicode_check(end)) {
        return py_err_format(py_exc_TypeError, "end must be None or a string, not %.200s", py_obj_type_name(end));
    }
    for (py_ssize_t i = 0; i < nargs; i++) {
        if (i > 0 && (sep == NULL ? write_char(' ', file) : write_object(sep, file)) < 0) return NULL;
        if (write_object(args[i], file) < 0) return NULL;
    }
    if ((end == NULL ? write_char('\n', file) : write_object(end, file)) < 0) return NULL;
    if (flush && flush_stream(file) < 0) return NULL;
    return py_new_ref(py_none);
}

/* ====================================================================== */
/* input                                                                   */
/* ====================================================================== */

/* A line from C's stdin without its newline; EOFError at end of file. */
static py_obj *read_c_line(void)
{
    size_t cap = 128, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL) return py_err_no_memory();
    int c;
    while ((c = getchar()) != EOF) {
        if (len + 1 >= cap) {
            char *nbuf = realloc(buf, cap *= 2);
            if (nbuf == NULL) {
                free(buf);
                return py_err_no_memory();
            }
            buf = nbuf;
        }
        if (c == '\n') break;
        buf[len++] = (char)c;
    }
    py_obj *r = NULL;
    if (c == EOF && len == 0)
        py_err_set_string(py_exc_EOFError, "EOF when reading a line");
    else
        r = py_unicode_decode(buf, (py_ssize_t)len, "utf-8", "replace");
    free(buf);
    return r;
}

/* PyFile_GetLine(f, -1): f.readline() without its trailing newline;
 * EOFError for an empty result. */
static py_obj *get_line(py_obj *f)
{
    py_obj *result = py_object_call_method_no_args(f, STR(str_readline));
    if (result == NULL) return NULL;
    if (!py_bytes_check(result) && !py_unicode_check(result)) {
        rg_decref(result);
        py_err_set_string(py_exc_TypeError, "object.readline() returned non-string");
        return NULL;
    }
    py_ssize_t len = py_bytes_check(result) ? py_bytes_size(result) : py_unicode_get_length(result);
    if (len == 0) {
        rg_decref(result);
        py_err_set_string(py_exc_EOFError, "EOF when reading a line");
        return NULL;
    }
    int nl = py_bytes_check(result) ? py_bytes_as_string(result)[len - 1] == '\n'
                                    : py_unicode_read_char(result, len - 1) == '\n';
    if (!nl) return result;
    py_obj *v = py_bytes_check(result) ? py_bytes_from_string_and_size(py_bytes_as_string(result), len - 1)
                                       : py_unicode_substring(result, 0, len - 1);
    rg_decref(result);
    return v;
}

/* sys.<name> for input(): -1 with "input(): lost sys.<name>" when it is
 * missing or None. */
static int input_stream(const char *name, py_obj **f)
{
    char msg[40];
    snprintf(msg, sizeof msg, "input(): lost sys.%s", name);
    int r = sys_stream(name, msg, f);
    if (r == 0) py_err_set_string(py_exc_RuntimeError, msg);
    return r > 0 ? 0 : -1;
}

/* input: 3.11's non-interactive path. */
py_obj *py_builtin_input(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("input", nargs, 0, 1) < 0) return NULL;
    py_obj *prompt = nargs > 0 ? args[0] : NULL;
    py_obj *fin, *fout, *ferr;
    if (input_stream("stdin", &fin) < 0 || input_stream("stdout", &fout) < 0 || input_stream("stderr", &ferr) < 0)
        return NULL;
    if (ferr != NULL && flush_stream(ferr) < 0) py_err_clear();
    if (prompt != NULL && write_object(prompt, fout) < 0) return NULL;
    if (flush_stream(fout) < 0) py_err_clear();
    return fin == NULL ? read_c_line() : get_line(fin);
}

/* ====================================================================== */
/* open                                                                    */
/* ====================================================================== */

/* open: refused (refgc has no file objects). */
py_obj *py_builtin_open(py_obj *self PY_UNUSED, py_obj *const *args PY_UNUSED, py_ssize_t nargs PY_UNUSED,
                        py_obj *kwnames PY_UNUSED)
{
    py_err_set_string(py_exc_NotImplementedError, "open() is not supported by refgc (it has no file objects)");
    return NULL;
}
