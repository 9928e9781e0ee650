/*
 * ceval_ops.c -- the eval loop's out-of-line helpers (CPython 3.11's
 * static functions of ceval.c): binary operators, unpacking, imports,
 * raise, f-string formatting, the error messages of NameError /
 * UnboundLocalError / bad star arguments, PRINT_EXPR, SETUP_ANNOTATIONS,
 * LOAD_BUILD_CLASS.
 *
 * Owns: the VM's state (py_vm), the eval breaker and KeyboardInterrupt
 * requests, interp->exc_info kept in step with the exception-info stack;
 * namespace lookups (LOAD_NAME, LOAD_GLOBAL's slow path), BUILD_SET /
 * BUILD_MAP; the texts of the errors, as 3.11 writes them; the interned
 * names the loop looks up (__build_class__, __import__, __all__).
 *
 * Must not: touch the value stack except where a helper's comment says it
 * writes below a given pointer (py_vm_unpack_iterable).
 */
#include <signal.h>

#include "lang/bltinmodule.h" /* py_builtin_import: IMPORT_NAME's fast path */
#include "lang/frame.h"

/* ====================================================================== */
/* Interned names                                                          */
/* ====================================================================== */

static py_obj *s_build_class, *s_import, *s_all;
static int names_cached;

/* An interned str (new reference), made on first use and cached while
 * the VM runs (after py_vm_fini nothing is cached: the interpreter's
 * teardown must free every str). */
static py_obj *name_of(py_obj **slot, const char *s)
{
    if (*slot != NULL) return py_new_ref(*slot);
    py_obj *n = py_unicode_intern_from_string(s);
    if (n != NULL && names_cached) *slot = py_new_ref(n);
    return n;
}

/* Drop the cached names; cache them again only while the VM runs. */
void py_vm_ops_reset(int running)
{
    RG_CLEAR(s_build_class);
    RG_CLEAR(s_import);
    RG_CLEAR(s_all);
    names_cached = running;
}

/* ====================================================================== */
/* The VM's state, the eval breaker, the exception-info stack              */
/* ====================================================================== */

py_vm_state py_vm;
volatile int py_vm_eval_breaker;
static volatile sig_atomic_t interrupt_pending;

/* Ask for KeyboardInterrupt at the next check (signal-safe). */
void py_vm_request_interrupt(void)
{
    interrupt_pending = 1;
    py_vm_eval_breaker = 1;
}

/* The step budget (py_vm_set_step_budget; -1: none).  While one is set the
 * breaker stays raised, so every check the loop already makes (backward
 * jumps, calls) costs a step; the unbudgeted hot path is unchanged. */
static long step_budget = -1;
#define POLL_STEPS 1000 /* what one poll of a long C loop costs */

/* Set (steps >= 0) or drop (-1) the budget; the breaker follows. */
void py_vm_set_step_budget(long steps)
{
    step_budget = steps < 0 ? -1 : steps;
    py_vm_eval_breaker = steps >= 0 || interrupt_pending;
}

/* Spend n steps of the budget: -1 (KeyboardInterrupt) once it is gone (and
 * at every check after that), else 0. */
static int spend_steps(long n)
{
    py_vm_eval_breaker = 1;
    if (step_budget < n) {
        step_budget = 0;
        py_err_set_string(py_exc_KeyboardInterrupt, "step budget exhausted");
        return -1;
    }
    step_budget -= n;
    return 0;
}

/* Serve the eval breaker: raise KeyboardInterrupt if requested (-1), else 0. */
int py_vm_handle_eval_breaker(void)
{
    py_vm_eval_breaker = 0;
    if (interrupt_pending) {
        interrupt_pending = 0;
        py_err_set_none(py_exc_KeyboardInterrupt);
        return -1;
    }
    return step_budget >= 0 ? spend_steps(1) : 0;
}

/* KeyboardInterrupt if one was requested (-1), else 0: for long C loops. */
int py_vm_check_interrupt(void)
{
    if (step_budget >= 0 && !interrupt_pending) return spend_steps(POLL_STEPS);
    if (!interrupt_pending) return 0;
    return py_vm_handle_eval_breaker();
}

/* interp->exc_info := the topmost exception being handled (or NULL). */
void py_vm_sync_exc_info(void)
{
    py_exc_stack_item *it = py_vm.exc_info;
    while (it != NULL && (it->exc_value == NULL || it->exc_value == py_none)) it = it->previous_item;
    py_current->exc_info = it != NULL ? it->exc_value : NULL;
}

/* namespace[name] (a dict, or any mapping): new reference, or NULL with
 * no exception when absent. */
py_obj *py_vm_ns_lookup(py_obj *ns, py_obj *name)
{
    if (RG_LIKELY(py_dict_check_exact(ns))) return py_xnew_ref(py_dict_get_item_with_error(ns, name));
    py_obj *v = py_object_get_item(ns, name);
    if (v == NULL && py_err_exception_matches(py_exc_KeyError)) py_err_clear();
    return v;
}

/* The globals' or builtins' value for name (3.11's _PyDict_LoadGlobal):
 * new reference, or NULL (NameError left to the caller when no error). */
py_obj *py_vm_load_global(py_obj *globals, py_obj *builtins, py_obj *name)
{
    py_obj *v = py_vm_ns_lookup(globals, name);
    if (v != NULL || py_err_occurred()) return v;
    return py_vm_ns_lookup(builtins, name);
}

/* ====================================================================== */
/* LOAD_GLOBAL's cache                                                     */
/* ====================================================================== */

/* 3.11 specializes LOAD_GLOBAL with the dict keys' versions in the inline
 * cache; the code units stay as the compiler wrote them here (co_code and
 * code comparisons read them), so the cache is a direct-mapped table
 * keyed by instruction.  Every hit is verified: a globals hit re-reads the
 * entry (its key must still be the name, its value set); a builtins hit
 * also needs the globals keys unchanged since the name was found absent
 * (dk_version: the dict layer resets it to 0 on every insertion and
 * deletion of a key, as 3.11's; a fresh number is handed out here, as
 * 3.11's _PyDictKeys_GetVersionForCurrentState). */
py_vm_global_cache_entry py_vm_global_cache[PY_VM_GLOBAL_CACHE_SIZE];
static uint32_t next_keys_version;

/* Empty LOAD_GLOBAL's cache and restart the keys versions. */
void py_vm_global_cache_reset(void)
{
    memset(py_vm_global_cache, 0, sizeof py_vm_global_cache);
    next_keys_version = 2; /* 1 is the shared empty keys' */
}

#define cache_slot py_vm_global_cache_slot
#define unicode_entries py_vm_unicode_entries
#define entry_value py_vm_global_entry_value

/* The entry index of name (by identity) in d, or -1. */
static int32_t entry_index(py_obj *d, py_obj *name)
{
    py_dict_unicode_entry *e = unicode_entries(d);
    if (e == NULL) return -1;
    py_ssize_t n = ((py_dict_object *)d)->ma_keys->dk_nentries;
    for (py_ssize_t i = n - 1; i >= 0; i--)
        if (e[i].me_key == name && e[i].me_value != NULL) return (int32_t)i;
    return -1;
}

/* LOAD_GLOBAL's lookup through the cache (misses fill it). */
py_obj *py_vm_load_global_cached(const py_codeunit *instr, py_obj *globals, py_obj *builtins, py_obj *name)
{
    if (!py_dict_check_exact(globals) || !py_dict_check_exact(builtins))
        return py_vm_load_global(globals, builtins, name);
    py_vm_global_cache_entry *c = cache_slot(instr);
    py_dict_object *g = (py_dict_object *)globals, *b = (py_dict_object *)builtins;
    py_obj *hit = py_vm_load_global_hit(instr, globals, builtins, name);
    if (hit != NULL) return py_new_ref(hit);
    py_obj *v = py_dict_get_item_with_error(globals, name);
    if (v != NULL) {
        int32_t ix = entry_index(globals, name);
        if (ix >= 0) *c = (py_vm_global_cache_entry){instr, g->ma_keys, NULL, 0, ix, 0};
        return py_new_ref(v);
    }
    if (py_err_occurred()) return NULL;
    v = py_dict_get_item_with_error(builtins, name);
    if (v == NULL) return NULL;
    int32_t ix = entry_index(builtins, name);
    if (ix >= 0 && unicode_entries(globals) != NULL) {
        py_dict_keys_object *gk = g->ma_keys;
        if (gk->dk_version == 0 && next_keys_version != 0) gk->dk_version = next_keys_version++;
        *c = (py_vm_global_cache_entry){instr, gk, b->ma_keys, gk->dk_version, ix, 1};
    }
    return py_new_ref(v);
}

/* ====================================================================== */
/* Building sets and dicts                                                 */
/* ====================================================================== */

py_obj *py_vm_build_set(py_obj **items, int n)
{
    py_obj *set = py_set_new(NULL);
    int err = set == NULL;
    for (int i = 0; i < n; i++) {
        if (err == 0) err = py_set_add(set, items[i]);
        rg_decref(items[i]);
    }
    if (err != 0) RG_CLEAR(set);
    return set;
}

/* BUILD_MAP / BUILD_CONST_KEY_MAP: a presized dict of the stolen items. */
py_obj *py_vm_build_map(py_obj **items, py_obj *keys, int n)
{
    py_obj *map = NULL;
    int nitems = keys != NULL ? n : 2 * n;
    if (keys != NULL && (!py_tuple_check_exact(keys) || py_tuple_size(keys) != n)) {
        py_err_set_string(py_exc_SystemError, "bad BUILD_CONST_KEY_MAP keys argument");
        goto done;
    }
    map = py_dict_new_presized(n);
    for (int i = 0; i < n && map != NULL; i++) {
        py_obj *k = keys != NULL ? py_tuple_get(keys, i) : items[2 * i];
        py_obj *v = keys != NULL ? items[i] : items[2 * i + 1];
        if (py_dict_set_item(map, k, v) < 0) RG_CLEAR(map);
    }
done:
    for (int i = 0; i < nitems; i++) rg_decref(items[i]);
    rg_xdecref(keys);
    return map;
}

/* ====================================================================== */
/* Operators                                                               */
/* ====================================================================== */

py_obj *py_vm_binary_op(int oparg, py_obj *lhs, py_obj *rhs)
{
    switch (oparg) {
    case PY_NB_ADD: return py_number_add(lhs, rhs);
    case PY_NB_AND: return py_number_and(lhs, rhs);
    case PY_NB_FLOOR_DIVIDE: return py_number_floor_divide(lhs, rhs);
    case PY_NB_LSHIFT: return py_number_lshift(lhs, rhs);
    case PY_NB_MATRIX_MULTIPLY: return py_number_matrix_multiply(lhs, rhs);
    case PY_NB_MULTIPLY: return py_number_multiply(lhs, rhs);
    case PY_NB_REMAINDER: return py_number_remainder(lhs, rhs);
    case PY_NB_OR: return py_number_or(lhs, rhs);
    case PY_NB_POWER: return py_number_power(lhs, rhs, py_none);
    case PY_NB_RSHIFT: return py_number_rshift(lhs, rhs);
    case PY_NB_SUBTRACT: return py_number_subtract(lhs, rhs);
    case PY_NB_TRUE_DIVIDE: return py_number_true_divide(lhs, rhs);
    case PY_NB_XOR: return py_number_xor(lhs, rhs);
    case PY_NB_INPLACE_ADD: return py_number_inplace_add(lhs, rhs);
    case PY_NB_INPLACE_AND: return py_number_inplace_and(lhs, rhs);
    case PY_NB_INPLACE_FLOOR_DIVIDE: return py_number_inplace_floor_divide(lhs, rhs);
    case PY_NB_INPLACE_LSHIFT: return py_number_inplace_lshift(lhs, rhs);
    case PY_NB_INPLACE_MATRIX_MULTIPLY: return py_number_inplace_matrix_multiply(lhs, rhs);
    case PY_NB_INPLACE_MULTIPLY: return py_number_inplace_multiply(lhs, rhs);
    case PY_NB_INPLACE_REMAINDER: return py_number_inplace_remainder(lhs, rhs);
    case PY_NB_INPLACE_OR: return py_number_inplace_or(lhs, rhs);
    case PY_NB_INPLACE_POWER: return py_number_inplace_power(lhs, rhs, py_none);
    case PY_NB_INPLACE_RSHIFT: return py_number_inplace_rshift(lhs, rhs);
    case PY_NB_INPLACE_SUBTRACT: return py_number_inplace_subtract(lhs, rhs);
    case PY_NB_INPLACE_TRUE_DIVIDE: return py_number_inplace_true_divide(lhs, rhs);
    case PY_NB_INPLACE_XOR: return py_number_inplace_xor(lhs, rhs);
    default:
        py_err_set_string(py_exc_SystemError, "bad BINARY_OP oparg");
        return NULL;
    }
}

/* ====================================================================== */
/* Unpacking (3.11's unpack_iterable)                                      */
/* ====================================================================== */

int py_vm_unpack_iterable(py_obj *v, int argcnt, int argcntafter, py_obj **sp)
{
    int i = 0, j;
    py_ssize_t ll;
    py_obj *w, *l;
    py_obj *it = py_object_get_iter(v);
    if (it == NULL) {
        if (py_err_exception_matches(py_exc_TypeError) && py_type_of(v)->iter == NULL && !py_sequence_check(v)) {
            py_err_clear();
            py_err_format(py_exc_TypeError, "cannot unpack non-iterable %.200s object", py_obj_type_name(v));
        }
        return 0;
    }
    for (; i < argcnt; i++) {
        w = py_iter_next(it);
        if (w == NULL) {
            if (!py_err_occurred()) {
                if (argcntafter == -1)
                    py_err_format(py_exc_ValueError, "not enough values to unpack (expected %d, got %d)", argcnt, i);
                else
                    py_err_format(py_exc_ValueError, "not enough values to unpack (expected at least %d, got %d)",
                                  argcnt + argcntafter, i);
            }
            goto error;
        }
        *--sp = w;
    }
    if (argcntafter == -1) {
        w = py_iter_next(it);
        if (w == NULL) {
            if (py_err_occurred()) goto error;
            rg_decref(it);
            return 1;
        }
        rg_decref(w);
        py_err_format(py_exc_ValueError, "too many values to unpack (expected %d)", argcnt);
        goto error;
    }
    l = py_sequence_list(it);
    if (l == NULL) goto error;
    *--sp = l;
    i++;
    ll = py_list_size(l);
    if (ll < argcntafter) {
        py_err_format(py_exc_ValueError, "not enough values to unpack (expected at least %d, got %zd)",
                      argcnt + argcntafter, argcnt + ll);
        goto error;
    }
    for (j = argcntafter; j > 0; j--, i++) *--sp = py_list_get(l, ll - j);
    ((py_list_object *)l)->ob_var.size = ll - argcntafter;
    rg_decref(it);
    return 1;
error:
    for (; i > 0; i--, sp++) rg_decref(*sp);
    rg_xdecref(it);
    return 0;
}

/* ====================================================================== */
/* Imports                                                                 */
/* ====================================================================== */

py_obj *py_vm_import_name(py_frame *frame, py_obj *name, py_obj *fromlist, py_obj *level)
{
    py_obj *key = name_of(&s_import, "__import__");
    if (key == NULL) return NULL;
    py_obj *import_func = py_dict_check(frame->f_builtins) ? py_dict_get_item_with_error(frame->f_builtins, key) : NULL;
    rg_decref(key);
    if (import_func == NULL) {
        if (!py_err_occurred()) py_err_set_string(py_exc_ImportError, "__import__ not found");
        return NULL;
    }
    py_obj *locals = frame->f_locals;
    if (py_is_type(import_func, &py_cfunction_info) &&
        ((py_cfunction_object *)import_func)->m_ml->meth.fast_kw == py_builtin_import) {
        /* The builtins' own __import__: called directly, as 3.11 does
         * when interp->import_func is not overridden. */
        long ilevel = py_long_as_long(level);
        if (ilevel == -1 && py_err_occurred()) return NULL;
        if (ilevel > INT32_MAX || ilevel < INT32_MIN) {
            py_err_set_string(py_exc_OverflowError, "Python int too large to convert to C int");
            return NULL;
        }
        return py_import_module_level(name, frame->f_globals, locals == NULL ? py_none : locals, fromlist,
                                      (int)ilevel);
    }
    rg_incref(import_func);
    py_obj *stack[5] = {name, frame->f_globals, locals == NULL ? py_none : locals, fromlist, level};
    py_obj *res = py_object_vectorcall(import_func, stack, 5, NULL);
    rg_decref(import_func);
    return res;
}

/* ImportError(msg, name=name) raised. */
static void set_import_error(py_obj *msg, py_obj *name)
{
    if (msg == NULL) return;
    py_obj *kw = py_dict_new();
    if (kw == NULL) return;
    if (name != NULL && py_dict_set_item(kw, py_id(name), name) < 0) {
        rg_decref(kw);
        return;
    }
    py_obj *args = py_tuple_pack(1, msg);
    py_obj *exc = args != NULL ? py_object_call(py_type_object_of(py_exc_ImportError), args, kw) : NULL;
    rg_xdecref(args);
    rg_decref(kw);
    if (exc != NULL) py_err_set_raised_exception(exc);
}

/* IMPORT_FROM: v.name, or sys.modules['pkg.name'], or ImportError. */
py_obj *py_vm_import_from(py_obj *v, py_obj *name)
{
    py_obj *x;
    if (py_object_lookup_attr(v, name, &x) != 0) return x;
    py_obj *pkgname = py_object_get_attr(v, py_id(__name__));
    if (pkgname != NULL && py_unicode_check(pkgname)) {
        py_obj *fullmodname = py_unicode_from_format("%U.%U", pkgname, name);
        if (fullmodname == NULL) {
            rg_decref(pkgname);
            return NULL;
        }
        x = py_current->modules != NULL ? py_dict_get_item_with_error(py_current->modules, fullmodname) : NULL;
        rg_decref(fullmodname);
        if (x != NULL || py_err_occurred()) {
            rg_decref(pkgname);
            return py_xnew_ref(x);
        }
    } else {
        RG_CLEAR(pkgname);
    }
    py_err_clear();
    py_obj *shown = pkgname != NULL ? py_new_ref(pkgname) : py_unicode_from_string("<unknown module name>");
    if (shown != NULL) {
        py_obj *msg = py_unicode_from_format("cannot import name %R from %R (unknown location)", name, shown);
        set_import_error(msg, pkgname);
        rg_xdecref(msg);
        rg_decref(shown);
    }
    rg_xdecref(pkgname);
    return NULL;
}

/* IMPORT_STAR: copy v's public names (or __all__) into locals. */
int py_vm_import_all_from(py_obj *locals, py_obj *v)
{
    py_obj *all, *dict;
    int skip_leading_underscores = 0, err = 0;
    py_obj *key = name_of(&s_all, "__all__");
    if (key == NULL) return -1;
    int found = py_object_lookup_attr(v, key, &all);
    rg_decref(key);
    if (found < 0) return -1;
    if (all == NULL) {
        if (py_object_lookup_attr(v, py_id(__dict__), &dict) < 0) return -1;
        if (dict == NULL) {
            py_err_set_string(py_exc_ImportError, "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = py_dict_check(dict) ? py_sequence_list(dict) : py_object_call_method_no_args(dict, py_id(keys));
        rg_decref(dict);
        if (all == NULL) return -1;
        skip_leading_underscores = 1;
    }
    for (py_ssize_t pos = 0;; pos++) {
        py_obj *name = py_sequence_get_item(all, pos);
        if (name == NULL) {
            if (!py_err_exception_matches(py_exc_IndexError)) err = -1;
            else py_err_clear();
            break;
        }
        if (!py_unicode_check(name)) {
            py_obj *modname = py_object_get_attr(v, py_id(__name__));
            if (modname != NULL) {
                if (!py_unicode_check(modname))
                    py_err_format(py_exc_TypeError, "module __name__ must be a string, not %.100s",
                                  py_obj_type_name(modname));
                else
                    py_err_format(py_exc_TypeError, "%s in %U.%s must be str, not %.100s",
                                  skip_leading_underscores ? "Key" : "Item", modname,
                                  skip_leading_underscores ? "__dict__" : "__all__", py_obj_type_name(name));
                rg_decref(modname);
            }
            rg_decref(name);
            err = -1;
            break;
        }
        if (skip_leading_underscores && py_unicode_get_length(name) > 0 && py_unicode_read_char(name, 0) == '_') {
            rg_decref(name);
            continue;
        }
        py_obj *value = py_object_get_attr(v, name);
        if (value == NULL) err = -1;
        else if (py_dict_check_exact(locals)) err = py_dict_set_item(locals, name, value);
        else err = py_object_set_item(locals, name, value);
        rg_decref(name);
        rg_xdecref(value);
        if (err != 0) break;
    }
    rg_decref(all);
    return err;
}

/* ====================================================================== */
/* Errors                                                                  */
/* ====================================================================== */

void py_vm_format_exc_check_arg(py_typeinfo *exc, const char *fmt, py_obj *name)
{
    if (name == NULL) return;
    const char *s = py_unicode_as_utf8(name);
    if (s == NULL) return;
    py_err_format(exc, fmt, s);
    if (exc == py_exc_NameError) {
        py_obj *type, *value, *tb;
        py_err_fetch(&type, &value, &tb);
        py_err_normalize_exception(&type, &value, &tb);
        if (py_object_type_check(value, py_exc_NameError) && ((py_name_error_object *)value)->name == NULL)
            ((py_name_error_object *)value)->name = py_new_ref(name);
        py_err_restore(type, value, tb);
    }
}

/* UnboundLocalError / NameError for an empty cell or local. */
void py_vm_format_exc_unbound(py_code_object *co, int oparg)
{
    if (py_err_occurred()) return;
    py_obj *name = py_tuple_get(co->co_localsplusnames, oparg);
    if (oparg < co->co_nplaincellvars + co->co_nlocals)
        py_vm_format_exc_check_arg(py_exc_UnboundLocalError,
                                   "cannot access local variable '%s' where it is not associated with a value", name);
    else
        py_vm_format_exc_check_arg(py_exc_NameError,
                                   "cannot access free variable '%s' where it is not associated with a value in "
                                   "enclosing scope",
                                   name);
}

/* RAISE_VARARGS: 1 for a bare re-raise (no new traceback entry), else 0; both set the exception. */
int py_vm_do_raise(py_obj *exc, py_obj *cause)
{
    py_obj *type = NULL, *value = NULL;
    if (exc == NULL) {
        py_obj *v = py_current->exc_info;
        if (v == NULL || v == py_none) {
            py_err_set_string(py_exc_RuntimeError, "No active exception to reraise");
            return 0;
        }
        py_obj *tb = py_exception_get_traceback(v);
        py_err_restore(py_new_ref(py_type_object_of_obj(v)), py_new_ref(v), tb);
        return 1;
    }
    if (py_exception_class_check(exc)) {
        type = exc;
        value = py_object_call_no_args(exc);
        if (value == NULL) goto raise_error;
        if (!py_exception_instance_check(value)) {
            py_err_format(py_exc_TypeError, "calling %R should have returned an instance of BaseException, not %R",
                          type, py_type_object_of_obj(value));
            goto raise_error;
        }
    } else if (py_exception_instance_check(exc)) {
        value = exc;
        type = py_new_ref(py_type_object_of_obj(exc));
    } else {
        rg_decref(exc);
        py_err_set_string(py_exc_TypeError, "exceptions must derive from BaseException");
        goto raise_error;
    }
    if (cause != NULL) {
        py_obj *fixed_cause;
        if (py_exception_class_check(cause)) {
            fixed_cause = py_object_call_no_args(cause);
            if (fixed_cause == NULL) goto raise_error;
            rg_decref(cause);
        } else if (py_exception_instance_check(cause)) {
            fixed_cause = cause;
        } else if (cause == py_none) {
            rg_decref(cause);
            fixed_cause = NULL;
        } else {
            py_err_set_string(py_exc_TypeError, "exception causes must derive from BaseException");
            goto raise_error;
        }
        py_exception_set_cause(value, fixed_cause);
        cause = NULL;
    }
    py_err_set_object_type(type, value);
    rg_decref(value);
    rg_decref(type);
    return 0;
raise_error:
    rg_xdecref(value);
    rg_xdecref(type);
    rg_xdecref(cause);
    return 0;
}

/* TypeError unless right is an exception class or a tuple of them. */
int py_vm_check_except_type_valid(py_obj *right)
{
    static const char msg[] = "catching classes that do not inherit from BaseException is not allowed";
    if (py_tuple_check(right)) {
        for (py_ssize_t i = 0; i < py_tuple_size(right); i++) {
            if (!py_exception_class_check(py_tuple_get(right, i))) {
                py_err_set_string(py_exc_TypeError, msg);
                return -1;
            }
        }
    } else if (!py_exception_class_check(right)) {
        py_err_set_string(py_exc_TypeError, msg);
        return -1;
    }
    return 0;
}

/* _PyObject_FunctionStr: "module.qualname()" ("qualname()" for builtins). */
py_obj *py_vm_func_desc_name(py_obj *x)
{
    py_obj *qualname, *module = NULL, *result = NULL;
    int ret = py_object_lookup_attr(x, py_id(__qualname__), &qualname);
    if (qualname == NULL) {
        if (ret < 0) return NULL;
        return py_object_str(x);
    }
    ret = py_object_lookup_attr(x, py_id(__module__), &module);
    if (module != NULL && module != py_none) {
        ret = py_object_rich_compare_bool(module, py_id(builtins), PY_NE);
        if (ret > 0) result = py_unicode_from_format("%S.%S()", module, qualname);
        else if (ret == 0) result = py_unicode_from_format("%S()", qualname);
    } else if (ret >= 0) {
        result = py_unicode_from_format("%S()", qualname);
    }
    rg_decref(qualname);
    rg_xdecref(module);
    return result;
}

/* Rewrite DICT_MERGE's AttributeError/KeyError as 3.11's TypeError about func. */
void py_vm_format_kwargs_error(py_obj *func, py_obj *kwargs)
{
    if (py_err_exception_matches(py_exc_AttributeError)) {
        py_obj *exc, *val, *tb;
        py_err_fetch(&exc, &val, &tb);
        py_err_normalize_exception(&exc, &val, &tb);
        if (val != NULL && py_object_type_check(val, py_exc_AttributeError) &&
            ((py_attribute_error_object *)val)->name != NULL &&
            py_unicode_check(((py_attribute_error_object *)val)->name) &&
            py_unicode_eq(((py_attribute_error_object *)val)->name, py_id(keys))) {
            rg_xdecref(exc);
            rg_xdecref(val);
            rg_xdecref(tb);
            py_obj *funcstr = py_vm_func_desc_name(func);
            if (funcstr != NULL) {
                py_err_format(py_exc_TypeError, "%U argument after ** must be a mapping, not %.200s", funcstr,
                              py_obj_type_name(kwargs));
                rg_decref(funcstr);
            }
            return;
        }
        py_err_restore(exc, val, tb);
    } else if (py_err_exception_matches(py_exc_KeyError)) {
        py_obj *exc, *val, *tb;
        py_err_fetch(&exc, &val, &tb);
        py_obj *key = NULL;
        if (val != NULL && py_tuple_check(val) && py_tuple_size(val) == 1) key = py_tuple_get(val, 0);
        else if (val != NULL && py_exception_instance_check(val)) {
            py_obj *args = ((py_base_exception_object *)val)->args;
            if (args != NULL && py_tuple_size(args) == 1) key = py_tuple_get(args, 0);
        }
        if (key != NULL) {
            rg_incref(key);
            rg_xdecref(exc);
            rg_xdecref(val);
            rg_xdecref(tb);
            py_obj *funcstr = py_vm_func_desc_name(func);
            if (funcstr != NULL) {
                py_err_format(py_exc_TypeError, "%U got multiple values for keyword argument '%S'", funcstr, key);
                rg_decref(funcstr);
            }
            rg_decref(key);
            return;
        }
        py_err_restore(exc, val, tb);
    }
}

/* TypeError "argument after * must be an iterable" for a non-iterable. */
int py_vm_check_args_iterable(py_obj *func, py_obj *args)
{
    if (py_type_of(args)->iter == NULL && !py_sequence_check(args)) {
        py_err_clear();
        py_obj *funcstr = py_vm_func_desc_name(func);
        if (funcstr != NULL) {
            py_err_format(py_exc_TypeError, "%U argument after * must be an iterable, not %.200s", funcstr,
                          py_obj_type_name(args));
            rg_decref(funcstr);
        }
        return -1;
    }
    return 0;
}

/* CALL_FUNCTION_EX: func(*callargs, **kwargs) with 3.11's conversions
 * and messages.  All three are stolen and released in 3.11's order: a
 * converted kwargs or callargs before the call, then func, callargs,
 * kwargs after it (on a conversion error: what 3.11 releases first, then
 * what its unwinding pops). */
py_obj *py_vm_call_function_ex(py_obj *func, py_obj *callargs, py_obj *kwargs)
{
    py_obj *result = NULL;
    if (kwargs != NULL && !py_dict_check_exact(kwargs)) {
        py_obj *d = py_dict_new();
        if (d == NULL) goto kwargs_error;
        if (py_dict_merge(d, kwargs, 2) < 0) {
            rg_decref(d);
            py_vm_format_kwargs_error(func, kwargs);
            goto kwargs_error;
        }
        PY_SETREF(kwargs, d);
    }
    if (!py_tuple_check_exact(callargs)) {
        if (py_vm_check_args_iterable(func, callargs) < 0) goto callargs_error;
        PY_SETREF(callargs, py_sequence_tuple(callargs));
        if (callargs == NULL) goto callargs_error;
    }
    result = py_object_call(func, callargs, kwargs);
    rg_decref(func);
    rg_decref(callargs);
    rg_xdecref(kwargs);
    return result;
kwargs_error:
    rg_decref(kwargs);
    rg_decref(callargs);
    rg_decref(func);
    return NULL;
callargs_error:
    rg_xdecref(callargs);
    rg_decref(func);
    rg_xdecref(kwargs);
    return NULL;
}

/* ====================================================================== */
/* FORMAT_VALUE, PRINT_EXPR, SETUP_ANNOTATIONS, LOAD_BUILD_CLASS           */
/* ====================================================================== */

py_obj *py_vm_format_value(py_obj *value, int which_conversion, py_obj *fmt_spec)
{
    py_obj *result;
    if (which_conversion != 0) {
        if (which_conversion == 1) result = py_object_str(value);
        else if (which_conversion == 2) result = py_object_repr(value);
        else result = py_object_ascii(value);
        rg_decref(value);
        if (result == NULL) {
            rg_xdecref(fmt_spec);
            return NULL;
        }
        value = result;
    }
    if (py_unicode_check_exact(value) && fmt_spec == NULL) return value;
    result = py_object_format(value, fmt_spec);
    rg_decref(value);
    rg_xdecref(fmt_spec);
    return result;
}

/* PRINT_EXPR: sys.displayhook(value). */
int py_vm_print_expr(py_obj *value)
{
    py_obj *hook = py_sys_get_object("displayhook");
    if (hook == NULL) {
        py_err_set_string(py_exc_RuntimeError, "lost sys.displayhook");
        return -1;
    }
    py_obj *res = py_object_call_one_arg(hook, value);
    if (res == NULL) return -1;
    rg_decref(res);
    return 0;
}

/* SETUP_ANNOTATIONS: an __annotations__ dict in the locals if absent. */
int py_vm_setup_annotations(py_frame *frame)
{
    py_obj *locals = frame->f_locals;
    if (locals == NULL) {
        py_err_set_string(py_exc_SystemError, "no locals found when setting up annotations");
        return -1;
    }
    py_obj *ann;
    if (py_dict_check_exact(locals)) {
        ann = py_dict_get_item_with_error(locals, py_id(__annotations__));
        if (ann != NULL) return 0;
        if (py_err_occurred()) return -1;
    } else {
        ann = py_object_get_item(locals, py_id(__annotations__));
        if (ann != NULL) {
            rg_decref(ann);
            return 0;
        }
        if (!py_err_exception_matches(py_exc_KeyError)) return -1;
        py_err_clear();
    }
    ann = py_dict_new();
    if (ann == NULL) return -1;
    int err = py_object_set_item(locals, py_id(__annotations__), ann);
    rg_decref(ann);
    return err;
}

/* LOAD_BUILD_CLASS: builtins.__build_class__ (new reference). */
py_obj *py_vm_load_build_class(py_frame *frame)
{
    py_obj *key = name_of(&s_build_class, "__build_class__");
    if (key == NULL) return NULL;
    py_obj *bc;
    if (py_dict_check_exact(frame->f_builtins)) {
        bc = py_dict_get_item_with_error(frame->f_builtins, key);
        rg_decref(key);
        if (bc == NULL) {
            if (!py_err_occurred()) py_err_set_string(py_exc_NameError, "__build_class__ not found");
            return NULL;
        }
        return py_new_ref(bc);
    }
    bc = py_object_get_item(frame->f_builtins, key);
    rg_decref(key);
    if (bc == NULL && py_err_exception_matches(py_exc_KeyError))
        py_err_set_string(py_exc_NameError, "__build_class__ not found");
    return bc;
}
