/*
 * ceval_call.c -- calling Python functions (CPython 3.11's
 * _PyEvalFramePushAndInit, initialize_locals, _PyEval_Vector,
 * _PyFunction_Vectorcall, PyEval_EvalCode): argument binding with 3.11's
 * exact error messages, and the entry points that run code.
 *
 * Owns: binding positional, keyword, *args, **kwargs, defaults and
 * keyword-only defaults into a new frame's fast locals; the messages
 * "missing N required positional argument(s)", "takes N positional
 * arguments but M were given", "got an unexpected keyword argument",
 * "got multiple values for argument", "got some positional-only
 * arguments passed as keyword arguments"; py_eval_code,
 * py_eval_function_with_locals.
 *
 * Invariants: the frame functions steal the function and the argument
 * references, also when they fail (3.11's convention), so CALL moves its
 * stack into the callee without touching reference counts.
 */
#include "lang/frame.h"

/* ====================================================================== */
/* Argument errors                                                         */
/* ====================================================================== */

/* "%U() missing N required <kind> argument(s): 'a', 'b', and 'c'". */
static void format_missing(const char *kind, py_obj *names, py_obj *qualname)
{
    py_ssize_t len = py_list_size(names);
    py_obj *name_str = NULL;
    if (len == 1) {
        name_str = py_new_ref(py_list_get(names, 0));
    } else if (len == 2) {
        name_str = py_unicode_from_format("%U and %U", py_list_get(names, 0), py_list_get(names, 1));
    } else {
        py_obj *tail = py_unicode_from_format(", %U, and %U", py_list_get(names, len - 2), py_list_get(names, len - 1));
        if (tail == NULL) return;
        py_obj *comma = py_unicode_from_string(", ");
        py_obj *head = comma ? py_list_get_slice(names, 0, len - 2) : NULL;
        py_obj *tmp = head ? py_unicode_join(comma, head) : NULL;
        if (tmp != NULL) name_str = py_unicode_concat(tmp, tail);
        rg_xdecref(tmp);
        rg_xdecref(head);
        rg_xdecref(comma);
        rg_decref(tail);
    }
    if (name_str == NULL) return;
    py_err_format(py_exc_TypeError, "%U() missing %i required %s argument%s: %U", qualname, (int)len, kind,
                  len == 1 ? "" : "s", name_str);
    rg_decref(name_str);
}

/* The missing arguments of localsplus (defcount -1: keyword-only ones). */
static void missing_arguments(py_code_object *co, py_ssize_t missing, py_ssize_t defcount, py_obj **localsplus,
                              py_obj *qualname)
{
    int positional = defcount != -1;
    py_obj *names = py_list_new(missing);
    if (names == NULL) return;
    py_ssize_t start = positional ? 0 : co->co_argcount;
    py_ssize_t end = positional ? co->co_argcount - defcount : co->co_argcount + co->co_kwonlyargcount;
    py_ssize_t j = 0;
    for (py_ssize_t i = start; i < end; i++) {
        if (localsplus[i] != NULL) continue;
        py_obj *name = py_object_repr(py_tuple_get(co->co_localsplusnames, i));
        if (name == NULL) {
            rg_decref(names);
            return;
        }
        ((py_list_object *)names)->ob_item[j++] = name;
    }
    format_missing(positional ? "positional" : "keyword-only", names, qualname);
    rg_decref(names);
}

/* "%U() takes N positional arguments but M were given". */
static void too_many_positional(py_code_object *co, py_ssize_t given, py_obj *defaults, py_obj **localsplus,
                                py_obj *qualname)
{
    py_ssize_t kwonly_given = 0, argcount = co->co_argcount;
    for (py_ssize_t i = argcount; i < argcount + co->co_kwonlyargcount; i++)
        if (localsplus[i] != NULL) kwonly_given++;
    py_ssize_t defcount = defaults == NULL ? 0 : py_tuple_size(defaults);
    int plural;
    py_obj *sig;
    if (defcount) {
        plural = 1;
        sig = py_unicode_from_format("from %zd to %zd", argcount - defcount, argcount);
    } else {
        plural = argcount != 1;
        sig = py_unicode_from_format("%zd", argcount);
    }
    if (sig == NULL) return;
    py_obj *kwonly_sig;
    if (kwonly_given)
        kwonly_sig = py_unicode_from_format(" positional argument%s (and %zd keyword-only argument%s)",
                                            given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    else
        kwonly_sig = py_new_ref(py_empty_str);
    if (kwonly_sig == NULL) {
        rg_decref(sig);
        return;
    }
    py_err_format(py_exc_TypeError, "%U() takes %U positional argument%s but %zd%U %s given", qualname, sig,
                  plural ? "s" : "", given, kwonly_sig, given == 1 && !kwonly_given ? "was" : "were");
    rg_decref(sig);
    rg_decref(kwonly_sig);
}

/* 1 (TypeError set) if positional-only parameters were passed by keyword. */
static int positional_only_passed_as_keyword(py_code_object *co, py_ssize_t kwcount, py_obj *kwnames,
                                             py_obj *qualname)
{
    py_obj *names = py_list_new(0);
    if (names == NULL) return 1;
    for (int k = 0; k < co->co_posonlyargcount; k++) {
        py_obj *posonly = py_tuple_get(co->co_localsplusnames, k);
        for (py_ssize_t k2 = 0; k2 < kwcount; k2++) {
            py_obj *kw = py_tuple_get(kwnames, k2);
            int cmp = kw == posonly ? 1 : py_object_rich_compare_bool(posonly, kw, PY_EQ);
            if (cmp < 0 || (cmp > 0 && py_list_append(names, kw) < 0)) {
                rg_decref(names);
                return 1;
            }
        }
    }
    if (py_list_size(names) == 0) {
        rg_decref(names);
        return 0;
    }
    py_obj *comma = py_unicode_from_string(", ");
    py_obj *joined = comma ? py_unicode_join(comma, names) : NULL;
    if (joined != NULL)
        py_err_format(py_exc_TypeError,
                      "%U() got some positional-only arguments passed as keyword arguments: '%U'", qualname,
                      joined);
    rg_xdecref(joined);
    rg_xdecref(comma);
    rg_decref(names);
    return 1;
}

/* ====================================================================== */
/* Binding (3.11's initialize_locals)                                      */
/* ====================================================================== */

/* Move args (stolen) into localsplus: 0, or -1 with the references
 * consumed. */
static int initialize_locals(py_function_object *func, py_obj **localsplus, py_obj *const *args,
                             py_ssize_t argcount, py_obj *kwnames)
{
    py_code_object *co = (py_code_object *)func->func_code;
    const py_ssize_t total_args = co->co_argcount + co->co_kwonlyargcount;
    py_obj *kwdict = NULL;
    py_ssize_t i, j, n;
    py_ssize_t kwcount = kwnames != NULL ? py_tuple_size(kwnames) : 0;

    /* The common case: exactly the positional parameters, nothing else. */
    if (kwcount == 0 && argcount == co->co_argcount && co->co_kwonlyargcount == 0 &&
        !(co->co_flags & (PY_CO_VARARGS | PY_CO_VARKEYWORDS))) {
        for (j = 0; j < argcount; j++) localsplus[j] = args[j];
        return 0;
    }

    if (co->co_flags & PY_CO_VARKEYWORDS) {
        kwdict = py_dict_new();
        if (kwdict == NULL) {
            for (j = 0; j < argcount; j++) rg_decref(args[j]);
            goto fail_post_positional;
        }
        i = total_args;
        if (co->co_flags & PY_CO_VARARGS) i++;
        localsplus[i] = kwdict;
    }

    n = argcount > co->co_argcount ? co->co_argcount : argcount;
    for (j = 0; j < n; j++) localsplus[j] = args[j];

    if (co->co_flags & PY_CO_VARARGS) {
        py_obj *u = argcount == n ? py_new_ref(py_empty_tuple) : py_tuple_from_array_steal(args + n, argcount - n);
        if (u == NULL) goto fail_post_positional;
        localsplus[total_args] = u;
    } else if (argcount > n) {
        for (j = n; j < argcount; j++) rg_decref(args[j]);
    }

    for (i = 0; i < kwcount; i++) {
        py_obj *keyword = py_tuple_get(kwnames, i);
        py_obj *value = args[i + argcount];
        py_obj **varnames = py_tuple_items(co->co_localsplusnames);
        if (keyword == NULL || !py_unicode_check(keyword)) {
            py_err_format(py_exc_TypeError, "%U() keywords must be strings", func->func_qualname);
            goto kw_fail;
        }
        for (j = co->co_posonlyargcount; j < total_args; j++)
            if (varnames[j] == keyword) goto kw_found;
        for (j = co->co_posonlyargcount; j < total_args; j++) {
            int cmp = py_object_rich_compare_bool(keyword, varnames[j], PY_EQ);
            if (cmp > 0) goto kw_found;
            if (cmp < 0) goto kw_fail;
        }
        if (kwdict == NULL) {
            if (co->co_posonlyargcount &&
                positional_only_passed_as_keyword(co, kwcount, kwnames, func->func_qualname))
                goto kw_fail;
            py_err_format(py_exc_TypeError, "%U() got an unexpected keyword argument '%S'", func->func_qualname,
                          keyword);
            goto kw_fail;
        }
        if (py_dict_set_item(kwdict, keyword, value) < 0) goto kw_fail;
        rg_decref(value);
        continue;
    kw_fail:
        for (; i < kwcount; i++) rg_decref(args[i + argcount]);
        return -1;
    kw_found:
        if (localsplus[j] != NULL) {
            py_err_format(py_exc_TypeError, "%U() got multiple values for argument '%S'", func->func_qualname,
                          keyword);
            goto kw_fail;
        }
        localsplus[j] = value;
    }

    if (argcount > co->co_argcount && !(co->co_flags & PY_CO_VARARGS)) {
        too_many_positional(co, argcount, func->func_defaults, localsplus, func->func_qualname);
        return -1;
    }

    if (argcount < co->co_argcount) {
        py_ssize_t defcount = func->func_defaults == NULL ? 0 : py_tuple_size(func->func_defaults);
        py_ssize_t m = co->co_argcount - defcount, missing = 0;
        for (i = argcount; i < m; i++)
            if (localsplus[i] == NULL) missing++;
        if (missing) {
            missing_arguments(co, missing, defcount, localsplus, func->func_qualname);
            return -1;
        }
        i = n > m ? n - m : 0;
        for (; i < defcount; i++)
            if (localsplus[m + i] == NULL) localsplus[m + i] = py_new_ref(py_tuple_get(func->func_defaults, i));
    }

    if (co->co_kwonlyargcount > 0) {
        py_ssize_t missing = 0;
        for (i = co->co_argcount; i < total_args; i++) {
            if (localsplus[i] != NULL) continue;
            if (func->func_kwdefaults != NULL) {
                py_obj *def =
                    py_dict_get_item_with_error(func->func_kwdefaults, py_tuple_get(co->co_localsplusnames, i));
                if (def != NULL) {
                    localsplus[i] = py_new_ref(def);
                    continue;
                }
                if (py_err_occurred()) return -1;
            }
            missing++;
        }
        if (missing) {
            missing_arguments(co, missing, -1, localsplus, func->func_qualname);
            return -1;
        }
    }
    return 0;

fail_post_positional:
    for (j = argcount; j < argcount + kwcount; j++) rg_decref(args[j]);
    return -1;
}

/* ====================================================================== */
/* Frames for calls                                                        */
/* ====================================================================== */

py_frame *py_eval_frame_push_and_init(py_obj *func, py_obj *locals, py_obj *const *args, size_t argcount,
                                      py_obj *kwnames)
{
    py_code_object *code = (py_code_object *)((py_function_object *)func)->func_code;
    py_frame *frame = py_frame_stack_push(py_code_framesize(code));
    if (frame == NULL) {
        size_t total = argcount + (kwnames != NULL ? (size_t)py_tuple_size(kwnames) : 0);
        for (size_t i = 0; i < total; i++) rg_decref(args[i]);
        rg_decref(func);
        return NULL;
    }
    py_frame_init_specials(frame, func, locals, code->co_nlocalsplus);
    for (int i = 0; i < code->co_nlocalsplus; i++) frame->localsplus[i] = NULL;
    if (initialize_locals((py_function_object *)func, frame->localsplus, args, (py_ssize_t)argcount, kwnames)) {
        py_eval_frame_clear_and_pop(frame);
        return NULL;
    }
    return frame;
}

/* Clear a finished thread-owned frame and give its slots back. */
void py_eval_frame_clear_and_pop(py_frame *frame)
{
    py_current->recursion_remaining--;
    py_frame_clear(frame);
    py_current->recursion_remaining++;
    py_frame_stack_pop(frame);
}

/* Call func with borrowed arguments in a new frame run by a nested eval loop. */
py_obj *py_eval_vector(py_obj *func, py_obj *locals, py_obj *const *args, size_t argcount, py_obj *kwnames)
{
    rg_incref(func);
    size_t total = argcount + (kwnames != NULL ? (size_t)py_tuple_size(kwnames) : 0);
    for (size_t i = 0; i < total; i++) rg_incref(args[i]);
    py_frame *frame = py_eval_frame_push_and_init(func, locals, args, argcount, kwnames);
    if (frame == NULL) return NULL;
    py_obj *retval = py_eval_frame(frame, 0);
    py_eval_frame_clear_and_pop(frame);
    return retval;
}

/* The function type's vectorcall (3.11's _PyFunction_Vectorcall). */
py_obj *py_function_vectorcall(py_obj *func, py_obj *const *stack, size_t nargsf, py_obj *kwnames)
{
    py_function_object *f = (py_function_object *)func;
    size_t nargs = (size_t)py_vectorcall_nargs(nargsf);
    if (((py_code_object *)f->func_code)->co_flags & PY_CO_OPTIMIZED)
        return py_eval_vector(func, NULL, stack, nargs, kwnames);
    return py_eval_vector(func, f->func_globals, stack, nargs, kwnames);
}

/* Run func's code with locals as its namespace (class bodies). */
py_obj *py_eval_function_with_locals(py_obj *func, py_obj *locals)
{
    return py_eval_vector(func, locals, NULL, 0, NULL);
}

/* ====================================================================== */
/* Running module code                                                     */
/* ====================================================================== */

py_obj *py_eval_code(py_obj *code, py_obj *globals, py_obj *locals)
{
    if (!py_code_check(code) || globals == NULL || !py_dict_check(globals)) return py_err_bad_internal_call();
    if (locals == NULL) locals = globals;
    int has = py_dict_contains(globals, py_id(__builtins__));
    if (has < 0) return NULL;
    if (!has) {
        py_obj *b = py_eval_get_builtins();
        if (b == NULL) b = py_current->builtins;
        if (b == NULL) {
            py_err_set_string(py_exc_SystemError, "no builtins");
            return NULL;
        }
        if (py_dict_set_item(globals, py_id(__builtins__), b) < 0) return NULL;
    }
    py_function_object *func = (py_function_object *)py_function_new(code, globals);
    if (func == NULL) return NULL;
    /* PyEval_EvalCode's function is named after the code, qualname too. */
    PY_SETREF(func->func_qualname, py_new_ref(((py_code_object *)code)->co_name));
    py_obj *res = py_eval_vector((py_obj *)func, locals, NULL, 0, NULL);
    rg_decref((py_obj *)func);
    return res;
}
