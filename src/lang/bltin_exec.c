/*
 * bltin_exec.c -- the builtins that reach the compiler, the VM and the
 * import system: __build_class__ (3.11's builtin___build_class__ and
 * update_bases), __import__, compile, eval, exec.
 *
 * Source strings go through py_compile_source (filename "<string>" for
 * eval/exec, as PyRun_StringFlags), code objects through py_eval_code; a
 * class body runs through py_eval_function_with_locals; __import__ is
 * py_import_module_level.  All declared in vm.h, owned elsewhere.
 *
 * Limits (documented in docs and the notes): compile() cannot produce AST
 * objects (PyCF_ONLY_AST raises NotImplementedError), does not inherit the
 * caller's __future__ flags, and ignores a coding cookie only as
 * py_compile_source does; exec() with closure= for a code object that has
 * free variables raises NotImplementedError after 3.11's checks.
 */
#include <limits.h>
#include <string.h>

#include "lang/bltinmodule.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* The source text of a str, bytes, bytearray or buffer argument
 * (_Py_SourceAsString): *view holds the buffer to release (view->obj NULL
 * when none was taken).  NULL with TypeError (wrong type) or SyntaxError
 * (a NUL byte). */
static const char *source_as_string(py_obj *cmd, const char *funcname, const char *what, py_buffer *view,
                                    py_ssize_t *size)
{
    const char *str;
    view->obj = NULL;
    if (py_unicode_check(cmd)) {
        str = py_unicode_as_utf8_and_size(cmd, size);
        if (str == NULL) return NULL;
    } else if (py_bytes_check(cmd)) {
        str = py_bytes_as_string(cmd);
        *size = py_bytes_size(cmd);
    } else if (py_bytearray_check(cmd)) {
        str = py_bytearray_as_string(cmd);
        *size = py_bytearray_size(cmd);
    } else if (py_object_check_buffer(cmd)) {
        if (py_object_get_buffer(cmd, view, PY_BUF_SIMPLE) < 0) return NULL;
        str = view->buf;
        *size = view->len;
    } else {
        py_err_format(py_exc_TypeError, "%s() arg 1 must be a %s object", funcname, what);
        return NULL;
    }
    if (memchr(str, 0, (size_t)*size) != NULL) {
        py_err_set_string(py_exc_SyntaxError, "source code string cannot contain null bytes");
        if (view->obj != NULL) py_buffer_release(view);
        view->obj = NULL;
        return NULL;
    }
    return str;
}

/* Compile a source argument (already checked) with the given filename. */
static py_obj *compile_argument(py_obj *source, const char *funcname, const char *what, const char *filename,
                                py_compile_mode mode, int strip_blanks)
{
    py_buffer view;
    py_ssize_t size;
    const char *str = source_as_string(source, funcname, what, &view, &size);
    if (str == NULL) return NULL;
    if (strip_blanks)
        while (size > 0 && (*str == ' ' || *str == '\t')) str++, size--;
    py_obj *code = py_compile_source(str, (size_t)size, filename, mode);
    if (view.obj != NULL) py_buffer_release(&view);
    return code;
}

/* Put __builtins__ into globals if absent (eval/exec). */
static int ensure_builtins(py_obj *globals)
{
    int r = py_dict_contains(globals, py_id(__builtins__));
    if (r != 0) return r < 0 ? -1 : 0;
    py_obj *b = py_eval_get_builtins();
    if (b == NULL) b = py_current->builtins;
    if (b == NULL) return 0;
    return py_dict_set_item(globals, py_id(__builtins__), b);
}

/* ====================================================================== */
/* eval, exec                                                              */
/* ====================================================================== */

/* eval: 3.11's argument rules, then the code object or compiled source. */
py_obj *py_builtin_eval(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("eval", nargs, 1, 3) < 0) return NULL;
    py_obj *source = args[0];
    py_obj *globals = nargs > 1 ? args[1] : py_none, *locals = nargs > 2 ? args[2] : py_none;
    if (locals != py_none && !py_mapping_check(locals)) {
        py_err_set_string(py_exc_TypeError, "locals must be a mapping");
        return NULL;
    }
    if (globals != py_none && !py_dict_check(globals)) {
        py_err_set_string(py_exc_TypeError, py_mapping_check(globals)
                                                ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                                : "globals must be a dict");
        return NULL;
    }
    if (globals == py_none) {
        globals = py_eval_get_globals();
        if (locals == py_none) {
            locals = py_eval_get_locals();
            if (locals == NULL && py_err_occurred()) return NULL;
        }
    } else if (locals == py_none) {
        locals = globals;
    }
    if (globals == NULL || locals == NULL) {
        py_err_set_string(py_exc_TypeError, "eval must be given globals and locals when called without a frame");
        return NULL;
    }
    if (ensure_builtins(globals) < 0) return NULL;
    if (py_code_check(source)) {
        if (((py_code_object *)source)->co_nfreevars > 0) {
            py_err_set_string(py_exc_TypeError, "code object passed to eval() may not contain free variables");
            return NULL;
        }
        return py_eval_code(source, globals, locals);
    }
    py_obj *code = compile_argument(source, "eval", "string, bytes or code", "<string>", PY_COMPILE_EVAL, 1);
    if (code == NULL) return NULL;
    py_obj *result = py_eval_code(code, globals, locals);
    rg_decref(code);
    return result;
}

/* exec's closure= checks for a code object (3.11's); 0 or -1. */
static int check_closure(py_obj *source, py_obj *closure)
{
    int nfree = ((py_code_object *)source)->co_nfreevars;
    if (nfree == 0) {
        if (closure == NULL) return 0;
        py_err_set_string(py_exc_TypeError, "cannot use a closure with this code object");
        return -1;
    }
    int ok = closure != NULL && py_tuple_check_exact(closure) && py_tuple_size(closure) == nfree;
    for (py_ssize_t i = 0; ok && i < nfree; i++) ok = py_is_type(py_tuple_get(closure, i), &py_cell_info);
    if (!ok) {
        py_err_format(py_exc_TypeError, "code object requires a closure of exactly length %d", nfree);
        return -1;
    }
    py_err_set_string(py_exc_NotImplementedError, "exec() with a closure is not supported by refgc");
    return -1;
}

/* exec: 3.11's argument rules; the result is dropped. */
py_obj *py_builtin_exec(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    static const char *const kwlist[] = {"", "", "", "closure", NULL};
    py_obj *a[4] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "exec", kwlist, 3, 1, 3, a) < 0) return NULL;
    py_obj *source = a[0], *globals = a[1] ? a[1] : py_none, *locals = a[2] ? a[2] : py_none;
    py_obj *closure = a[3] == py_none ? NULL : a[3];
    if (globals == py_none) {
        globals = py_eval_get_globals();
        if (locals == py_none) {
            locals = py_eval_get_locals();
            if (locals == NULL && py_err_occurred()) return NULL;
        }
        if (globals == NULL || locals == NULL) {
            py_err_set_string(py_exc_SystemError, "globals and locals cannot be NULL");
            return NULL;
        }
    } else if (locals == py_none) {
        locals = globals;
    }
    if (!py_dict_check(globals))
        return py_err_format(py_exc_TypeError, "exec() globals must be a dict, not %.100s", py_obj_type_name(globals));
    if (!py_mapping_check(locals))
        return py_err_format(py_exc_TypeError, "locals must be a mapping or None, not %.100s",
                             py_obj_type_name(locals));
    if (ensure_builtins(globals) < 0) return NULL;
    py_obj *v;
    if (py_code_check(source)) {
        if (check_closure(source, closure) < 0) return NULL;
        v = py_eval_code(source, globals, locals);
    } else {
        if (closure != NULL) {
            py_err_set_string(py_exc_TypeError, "closure can only be used when source is a code object");
            return NULL;
        }
        py_obj *code = compile_argument(source, "exec", "string, bytes or code", "<string>", PY_COMPILE_EXEC, 0);
        if (code == NULL) return NULL;
        v = py_eval_code(code, globals, locals);
        rg_decref(code);
    }
    if (v == NULL) return NULL;
    rg_decref(v);
    return py_new_ref(py_none);
}

/* ====================================================================== */
/* compile                                                                 */
/* ====================================================================== */

/* The flags compile() accepts: PyCF_MASK (the __future__ features),
 * PyCF_MASK_OBSOLETE (CO_NESTED) and PyCF_COMPILE_MASK. */
#define CF_ONLY_AST 0x400
#define CF_ACCEPTED (0x1fe0000 | 0x10 | CF_ONLY_AST | 0x200 | 0x1000 | 0x2000 | 0x4000)

/* The filename argument (PyUnicode_FSDecoder): a str or bytes, as UTF-8
 * (borrowed from arg). */
static const char *filename_argument(py_obj *arg)
{
    if (py_bytes_check(arg)) return py_bytes_as_string(arg);
    if (py_unicode_check(arg)) return py_unicode_as_utf8(arg);
    py_err_format(py_exc_TypeError, "expected str, bytes or os.PathLike object, not %.200s", py_obj_type_name(arg));
    return NULL;
}

/* compile: arguments checked as 3.11, then py_compile_source. */
py_obj *py_builtin_compile(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    static const char *const kwlist[] = {"source", "filename", "mode", "flags", "dont_inherit",
                                         "optimize", "_feature_version", NULL};
    py_obj *a[7] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "compile", kwlist, 0, 3, 6, a) < 0) return NULL;
    const char *filename = filename_argument(a[1]);
    if (filename == NULL) return NULL;
    const char *mode = py_arg_str("compile", "mode", a[2]);
    if (mode == NULL) return NULL;
    int flags = 0, dont_inherit = 0, optimize = -1, feature_version = -1;
    if ((a[3] && py_index_as_int(a[3], &flags) < 0) || (a[4] && py_index_as_int(a[4], &dont_inherit) < 0) ||
        (a[5] && py_index_as_int(a[5], &optimize) < 0) || (a[6] && py_index_as_int(a[6], &feature_version) < 0))
        return NULL;
    if (flags & ~CF_ACCEPTED) {
        py_err_set_string(py_exc_ValueError, "compile(): unrecognised flags");
        return NULL;
    }
    if (optimize < -1 || optimize > 2) {
        py_err_set_string(py_exc_ValueError, "compile(): invalid optimize value");
        return NULL;
    }
    py_compile_mode cmode;
    if (strcmp(mode, "exec") == 0) {
        cmode = PY_COMPILE_EXEC;
    } else if (strcmp(mode, "eval") == 0) {
        cmode = PY_COMPILE_EVAL;
    } else if (strcmp(mode, "single") == 0) {
        cmode = PY_COMPILE_SINGLE;
    } else if (strcmp(mode, "func_type") == 0) {
        if (!(flags & CF_ONLY_AST)) {
            py_err_set_string(py_exc_ValueError, "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
            return NULL;
        }
        cmode = PY_COMPILE_EXEC; /* refused just below */
    } else {
        py_err_set_string(py_exc_ValueError, (flags & CF_ONLY_AST)
                                                 ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
                                                 : "compile() mode must be 'exec', 'eval' or 'single'");
        return NULL;
    }
    if (flags & CF_ONLY_AST) {
        py_err_set_string(py_exc_NotImplementedError, "compile(): AST objects are not supported by refgc");
        return NULL;
    }
    return compile_argument(a[0], "compile", "string, bytes or AST", filename, cmode, 0);
}

/* ====================================================================== */
/* __import__                                                              */
/* ====================================================================== */

/* __import__: the arguments handed to py_import_module_level. */
py_obj *py_builtin_import(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    static const char *const kwlist[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    py_obj *a[5] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "__import__", kwlist, 0, 1, 5, a) < 0) return NULL;
    int level = 0;
    if (a[4] != NULL && py_index_as_int(a[4], &level) < 0) return NULL;
    return py_import_module_level(a[0], a[1], a[2], a[3] ? a[3] : py_empty_tuple, level);
}

/* ====================================================================== */
/* __build_class__                                                         */
/* ====================================================================== */

/* update_bases (PEP 560): the bases with every non-class that has
 * __mro_entries__ replaced by what it returns; `bases` itself (borrowed,
 * not a new reference) when nothing changed, else a new tuple. */
static py_obj *update_bases(py_obj *bases, py_obj *const *args, py_ssize_t nargs)
{
    py_obj *new_bases = NULL;
    for (py_ssize_t i = 0; i < nargs; i++) {
        py_obj *base = args[i], *meth;
        if (py_type_check(base)) {
            if (new_bases != NULL && py_list_append(new_bases, base) < 0) goto error;
            continue;
        }
        if (py_object_lookup_attr(base, py_id(__mro_entries__), &meth) < 0) goto error;
        if (meth == NULL) {
            if (new_bases != NULL && py_list_append(new_bases, base) < 0) goto error;
            continue;
        }
        py_obj *new_base = py_object_call_one_arg(meth, bases);
        rg_decref(meth);
        if (new_base == NULL) goto error;
        if (!py_tuple_check(new_base)) {
            py_err_set_string(py_exc_TypeError, "__mro_entries__ must return a tuple");
            rg_decref(new_base);
            goto error;
        }
        if (new_bases == NULL) {
            new_bases = py_list_new(i);
            if (new_bases == NULL) {
                rg_decref(new_base);
                goto error;
            }
            for (py_ssize_t j = 0; j < i; j++) py_list_set_item(new_bases, j, py_new_ref(args[j]));
        }
        py_ssize_t end = py_list_size(new_bases);
        int r = py_list_set_slice(new_bases, end, end, new_base);
        rg_decref(new_base);
        if (r < 0) goto error;
    }
    if (new_bases == NULL) return bases;
    py_obj *result = py_list_as_tuple(new_bases);
    rg_decref(new_bases);
    return result;
error:
    rg_xdecref(new_bases);
    return NULL;
}

/* After the class object is made: its __class__ cell must hold it. */
static int check_class_cell(py_obj *cell, py_obj *name, py_obj *cls)
{
    if (!py_type_check(cls) || !py_is_type(cell, &py_cell_info)) return 0;
    py_obj *cell_cls = py_cell_get(cell);
    if (cell_cls == cls) return 0;
    if (cell_cls == NULL)
        py_err_format(py_exc_RuntimeError,
                      "__class__ not set defining %R as %R. Was __classcell__ propagated to type.__new__?", name, cls);
    else
        py_err_format(py_exc_TypeError, "__class__ set to %R defining %R as %R", cell_cls, name, cls);
    return -1;
}

/* The metaclass: explicit (metaclass= removed from mkw), else type(bases[0])
 * or type; for a class, the most derived one.  New reference; *isclass. */
static py_obj *find_metaclass(py_obj *mkw, py_obj *bases, int *isclass)
{
    py_obj *meta = NULL;
    if (mkw != NULL) {
        meta = py_dict_get_item_with_error(mkw, py_id(metaclass));
        if (meta == NULL && py_err_occurred()) return NULL;
        if (meta != NULL) {
            rg_incref(meta);
            if (py_dict_del_item(mkw, py_id(metaclass)) < 0) {
                rg_decref(meta);
                return NULL;
            }
            *isclass = py_type_check(meta);
        }
    }
    if (meta == NULL) {
        meta = py_new_ref(py_tuple_size(bases) == 0 ? py_type_object_of(&py_type_info)
                                                     : py_type_object_of_obj(py_tuple_get(bases, 0)));
        *isclass = 1;
    }
    if (*isclass) {
        py_typeinfo *winner = py_type_calculate_metaclass(py_typeinfo_of(meta), bases);
        if (winner == NULL) {
            rg_decref(meta);
            return NULL;
        }
        PY_SETREF(meta, py_new_ref(py_type_object_of(winner)));
    }
    return meta;
}

/* The class namespace: meta.__prepare__(name, bases, **mkw), or a dict. */
static py_obj *prepare_namespace(py_obj *meta, int isclass, py_obj *name, py_obj *bases, py_obj *mkw)
{
    py_obj *prep, *ns;
    if (py_object_lookup_attr(meta, py_id(__prepare__), &prep) < 0) return NULL;
    if (prep == NULL) {
        ns = py_dict_new();
    } else {
        py_obj *pargs[2] = {name, bases};
        ns = py_object_vectorcall_dict(prep, pargs, 2, mkw);
        rg_decref(prep);
    }
    if (ns != NULL && !py_mapping_check(ns)) {
        py_err_format(py_exc_TypeError, "%.200s.__prepare__() must return a mapping, not %.200s",
                      isclass ? py_type_name(py_typeinfo_of(meta)) : "<metaclass>", py_obj_type_name(ns));
        RG_CLEAR(ns);
    }
    return ns;
}

/* __build_class__: 3.11's builtin___build_class__. */
py_obj *py_builtin_build_class(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    if (nargs < 2) {
        py_err_set_string(py_exc_TypeError, "__build_class__: not enough arguments");
        return NULL;
    }
    py_obj *func = args[0], *name = args[1];
    if (!py_is_type(func, &py_function_info)) {
        py_err_set_string(py_exc_TypeError, "__build_class__: func must be a function");
        return NULL;
    }
    if (!py_unicode_check(name)) {
        py_err_set_string(py_exc_TypeError, "__build_class__: name is not a string");
        return NULL;
    }
    py_obj *orig_bases = py_tuple_from_array(args + 2, nargs - 2);
    if (orig_bases == NULL) return NULL;
    py_obj *bases = update_bases(orig_bases, args + 2, nargs - 2);
    if (bases == NULL) {
        rg_decref(orig_bases);
        return NULL;
    }
    py_obj *mkw = NULL, *meta = NULL, *ns = NULL, *cell = NULL, *cls = NULL;
    int isclass = 0;
    if (kwnames != NULL && (mkw = py_stack_as_dict(args + nargs, kwnames)) == NULL) goto error;
    if ((meta = find_metaclass(mkw, bases, &isclass)) == NULL) goto error;
    if ((ns = prepare_namespace(meta, isclass, name, bases, mkw)) == NULL) goto error;
    cell = py_eval_function_with_locals(func, ns);
    if (cell != NULL) {
        if (bases != orig_bases) {
            py_obj *key = py_unicode_from_string("__orig_bases__");
            int r = key ? py_object_set_item(ns, key, orig_bases) : -1;
            rg_xdecref(key);
            if (r < 0) goto error;
        }
        py_obj *margs[3] = {name, bases, ns};
        cls = py_object_vectorcall_dict(meta, margs, 3, mkw);
        if (cls != NULL && check_class_cell(cell, name, cls) < 0) RG_CLEAR(cls);
    }
error:
    rg_xdecref(cell);
    rg_xdecref(ns);
    rg_xdecref(meta);
    rg_xdecref(mkw);
    if (bases != orig_bases) rg_decref(orig_bases);
    rg_decref(bases);
    return cls;
}
