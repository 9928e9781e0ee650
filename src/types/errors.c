/*
 * errors.c -- the current exception (CPython 3.11's Python/errors.c).
 *
 * Owns the interpreter's curexc triple (type, value, traceback), setting
 * it (with 3.11's implicit chaining of __context__ to the exception being
 * handled), fetching, restoring, normalizing and matching it, unraisable
 * exceptions, the recursion guard, the C stack guard, and the result check
 * of calls.
 *
 * Invariants: curexc_type is NULL exactly when no exception is set; when
 * set it is an exception class (a type object); curexc_value is NULL, a
 * non-exception argument (unnormalized, as PyErr_SetString leaves it) or an
 * instance of curexc_type.  The triple owns its references.
 *
 * Must not: create the exception instance before someone needs it (that
 * is a GC allocation CPython does not make for exceptions C code raises
 * and swallows), or print anything except through the unraisable hook.
 */
#include <stdint.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <pthread.h>
#elif defined(__EMSCRIPTEN__)
#include <emscripten/stack.h>
#endif

#include "object.h"

/* ====================================================================== */
/* Setting                                                                 */
/* ====================================================================== */

void py_err_restore(py_obj *type, py_obj *value, py_obj *tb)
{
    py_interp *in = py_current;
    py_obj *ot = in->curexc_type, *ov = in->curexc_value, *otb = in->curexc_traceback;
    in->curexc_type = type;
    in->curexc_value = value;
    in->curexc_traceback = tb;
    rg_xdecref(ot);
    rg_xdecref(ov);
    rg_xdecref(otb);
}

void py_err_fetch(py_obj **type, py_obj **value, py_obj **tb)
{
    py_interp *in = py_current;
    *type = in->curexc_type;
    *value = in->curexc_value;
    *tb = in->curexc_traceback;
    in->curexc_type = in->curexc_value = in->curexc_traceback = NULL;
}

void py_err_clear(void)
{
    if (py_current->curexc_type != NULL || py_current->curexc_value != NULL ||
        py_current->curexc_traceback != NULL)
        py_err_restore(NULL, NULL, NULL);
}

/* Instantiate exception_type from value (_PyErr_CreateException): no
 * argument for NULL/None, the items of a tuple, else the value itself. */
static py_obj *create_exception(py_obj *exception_type, py_obj *value)
{
    if (value == NULL || value == py_none) return py_object_call_no_args(exception_type);
    if (py_tuple_check(value)) return py_object_call(exception_type, value, NULL);
    return py_object_call_one_arg(exception_type, value);
}

/* Make value's __context__ the exception being handled (exc_value, a new
 * reference consumed), breaking a cycle through the context chain as
 * 3.11's _PyErr_SetObject does (Floyd's algorithm for old cycles). */
static void chain_context(py_obj *value, py_obj *exc_value)
{
    if (exc_value == value) {
        rg_decref(exc_value);
        return;
    }
    py_obj *o = exc_value, *slow_o = o, *context;
    int slow_update_toggle = 0;
    while ((context = py_exception_get_context(o)) != NULL) {
        rg_decref(context);
        if (context == value) {
            py_exception_set_context(o, NULL);
            break;
        }
        o = context;
        if (o == slow_o) break; /* a pre-existing cycle */
        if (slow_update_toggle) {
            slow_o = py_exception_get_context(slow_o);
            rg_decref(slow_o);
        }
        slow_update_toggle = !slow_update_toggle;
    }
    py_exception_set_context(value, exc_value);
}

void py_err_set_object_type(py_obj *exception, py_obj *value)
{
    if (exception != NULL && !py_exception_class_check(exception)) {
        py_err_format(py_exc_SystemError, "_PyErr_SetObject: exception %R is not a BaseException subclass",
                      exception);
        return;
    }
    rg_xincref(value);
    py_obj *exc_value = py_current->exc_info;
    if (exc_value != NULL && exc_value != py_none) {
        rg_incref(exc_value);
        if (value == NULL || !py_exception_instance_check(value)) {
            /* Normalize right now: the context goes on the instance. */
            py_err_clear();
            py_obj *fixed = create_exception(exception, value);
            rg_xdecref(value);
            if (fixed == NULL) {
                rg_decref(exc_value);
                return;
            }
            value = fixed;
        }
        chain_context(value, exc_value);
    }
    py_obj *tb = NULL;
    if (value != NULL && py_exception_instance_check(value)) tb = py_exception_get_traceback(value);
    rg_xincref(exception);
    py_err_restore(exception, value, tb);
}

void py_err_set_object(py_typeinfo *type, py_obj *value)
{
    py_err_set_object_type(py_type_object_of(type), value);
}

void py_err_set_none(py_typeinfo *type) { py_err_set_object(type, NULL); }

void py_err_set_string(py_typeinfo *type, const char *msg)
{
    py_obj *value = py_unicode_from_string(msg);
    if (value == NULL) return; /* MemoryError stays, not a bare `type` */
    py_err_set_object(type, value);
    rg_xdecref(value);
}

py_obj *py_err_format_v(py_typeinfo *type, const char *fmt, va_list va)
{
    /* The message is built with no exception set (bpo-23571). */
    py_err_clear();
    py_obj *msg = py_unicode_from_format_v(fmt, va);
    if (msg == NULL) return NULL; /* its error (MemoryError) stays, as 3.11 */
    py_err_set_object(type, msg);
    rg_xdecref(msg);
    return NULL;
}

py_obj *py_err_format(py_typeinfo *type, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    py_err_format_v(type, fmt, va);
    va_end(va);
    return NULL;
}

py_obj *py_err_no_memory(void)
{
    py_err_set_none(py_exc_MemoryError);
    return NULL;
}

py_obj *py_err_bad_internal_call(void)
{
    py_err_set_string(py_exc_SystemError, "bad argument to internal function");
    return NULL;
}

void py_err_set_key_error(py_obj *key)
{
    py_obj *tup = py_tuple_pack(1, key);
    if (tup == NULL) return;
    py_err_set_object(py_exc_KeyError, tup);
    rg_decref(tup);
}

/* ====================================================================== */
/* Normalizing                                                             */
/* ====================================================================== */

void py_err_normalize_exception(py_obj **exc, py_obj **val, py_obj **tb)
{
    py_interp *in = py_current;
    int depth = 0;
    in->recursion_headroom++;
    for (;;) {
        py_obj *type = *exc;
        if (type == NULL) break;
        py_obj *value = *val;
        if (value == NULL) value = py_new_ref(py_none);
        if (py_exception_class_check(type)) {
            int is_subclass = 0;
            py_obj *inclass = NULL;
            if (py_exception_instance_check(value)) {
                inclass = py_type_object_of_obj(value);
                is_subclass = py_type_is_subtype(py_typeinfo_of(inclass), py_typeinfo_of(type));
            }
            if (!is_subclass) {
                py_obj *fixed = create_exception(type, value);
                if (fixed == NULL) {
                    /* The new exception replaces the old; keep the old
                     * traceback if the new one has none. */
                    rg_decref(type);
                    rg_decref(value);
                    if (++depth == 32)
                        py_err_set_string(py_exc_RecursionError,
                                          "maximum recursion depth exceeded while normalizing an exception");
                    py_obj *initial_tb = *tb;
                    py_err_fetch(exc, val, tb);
                    if (initial_tb != NULL) {
                        if (*tb == NULL) *tb = initial_tb;
                        else rg_decref(initial_tb);
                    }
                    if (depth >= 32 + 2) {
                        fprintf(stderr, "Fatal Python error: Cannot recover from the recursive "
                                        "normalization of an exception.\n");
                        abort();
                    }
                    continue;
                }
                rg_decref(value);
                value = fixed;
            } else if (inclass != type) {
                rg_incref(inclass);
                rg_decref(type);
                type = inclass;
            }
        }
        *exc = type;
        *val = value;
        break;
    }
    in->recursion_headroom--;
}

py_obj *py_err_get_raised_exception(void)
{
    py_obj *type, *value, *tb;
    py_err_fetch(&type, &value, &tb);
    if (type == NULL) return NULL;
    py_err_normalize_exception(&type, &value, &tb);
    if (tb != NULL && py_exception_instance_check(value)) py_exception_set_traceback(value, tb);
    rg_xdecref(tb);
    rg_decref(type);
    return value;
}

void py_err_set_raised_exception(py_obj *exc)
{
    if (exc == NULL) {
        py_err_clear();
        return;
    }
    py_obj *type = py_new_ref(py_type_object_of_obj(exc));
    py_obj *tb = py_exception_get_traceback(exc);
    py_err_restore(type, exc, tb);
}

/* ====================================================================== */
/* Matching                                                                */
/* ====================================================================== */

int py_err_given_exception_matches(py_obj *err, py_obj *exc)
{
    if (err == NULL || exc == NULL) return 0;
    if (py_tuple_check(exc)) {
        py_ssize_t n = py_tuple_size(exc);
        for (py_ssize_t i = 0; i < n; i++)
            if (py_err_given_exception_matches(err, py_tuple_get(exc, i))) return 1;
        return 0;
    }
    if (py_exception_instance_check(err)) err = py_type_object_of_obj(err);
    if (py_exception_class_check(err) && py_exception_class_check(exc))
        return py_type_is_subtype(py_typeinfo_of(err), py_typeinfo_of(exc));
    return err == exc;
}

int py_err_exception_matches_obj(py_obj *exc)
{
    return py_err_given_exception_matches(py_current->curexc_type, exc);
}

int py_err_exception_matches(py_typeinfo *exc)
{
    py_obj *t = py_current->curexc_type;
    if (t == NULL) return 0;
    return py_type_check(t) && py_type_is_subtype(py_typeinfo_of(t), exc);
}

/* ====================================================================== */
/* Unraisable exceptions, call results, recursion                          */
/* ====================================================================== */

/* The default hook: "Exception ignored in: <obj>" and the exception's
 * "Type: message" line (a traceback is the front end's to print, through
 * its own hook). */
static void default_unraisable_hook(py_obj *exc, py_obj *obj, const char *msg)
{
    FILE *f = py_current->err_out ? py_current->err_out : stderr;
    if (msg == NULL) msg = "Exception ignored in";
    if (obj != NULL) {
        fprintf(f, "%s: ", msg);
        if (py_object_print(obj, f, 0) < 0) {
            py_err_clear();
            fprintf(f, "<object repr() failed>");
        }
        fprintf(f, "\n");
    } else {
        fprintf(f, "%s\n", msg);
    }
    if (exc != NULL) {
        py_obj *name = py_type_get_qualname(py_type_of(exc));
        py_obj *s = py_object_str(exc);
        const char *sn = name ? py_unicode_as_utf8(name) : NULL;
        const char *ss = s ? py_unicode_as_utf8(s) : NULL;
        py_err_clear();
        if (ss != NULL && ss[0] != '\0') fprintf(f, "%s: %s\n", sn ? sn : "<unknown>", ss);
        else fprintf(f, "%s\n", sn ? sn : "<unknown>");
        rg_xdecref(name);
        rg_xdecref(s);
    }
    fflush(f);
}

void py_err_write_unraisable(py_obj *obj)
{
    py_obj *exc = py_err_get_raised_exception();
    py_unraisable_hook hook = py_current->unraisable_hook ? py_current->unraisable_hook
                                                          : default_unraisable_hook;
    hook(exc, obj, NULL);
    rg_xdecref(exc);
    py_err_clear();
}

py_obj *py_check_function_result(py_obj *callable, py_obj *result, const char *where)
{
    if (result == NULL) {
        if (!py_err_occurred()) {
            if (callable != NULL)
                py_err_format(py_exc_SystemError, "%R returned NULL without setting an exception", callable);
            else
                py_err_format(py_exc_SystemError, "%s returned NULL without setting an exception", where);
        }
        return NULL;
    }
    if (py_err_occurred()) {
        rg_decref(result);
        py_obj *cause = py_err_get_raised_exception();
        if (callable != NULL)
            py_err_format(py_exc_SystemError, "%R returned a result with an exception set", callable);
        else
            py_err_format(py_exc_SystemError, "%s returned a result with an exception set", where);
        py_obj *exc = py_err_get_raised_exception();
        if (exc != NULL && cause != NULL) {
            py_exception_set_cause(exc, py_new_ref(cause));
            py_exception_set_context(exc, cause);
            cause = NULL;
        }
        rg_xdecref(cause);
        py_err_set_raised_exception(exc);
        return NULL;
    }
    return result;
}

int py_enter_recursive_call(const char *where)
{
    py_interp *in = py_current;
    if (in->recursion_remaining-- > 0) return 0;
    if (in->recursion_headroom) {
        if (in->recursion_remaining < -50) {
            fprintf(stderr, "Fatal Python error: Cannot recover from stack overflow.\n");
            abort();
        }
        return 0;
    }
    in->recursion_headroom++;
    py_err_format(py_exc_RecursionError, "maximum recursion depth exceeded%s", where);
    in->recursion_headroom--;
    in->recursion_remaining++;
    return -1;
}

/* ====================================================================== */
/* The C stack guard                                                       */
/* ====================================================================== */

/* The lowest frame address this thread may reach (1 = no limit known),
 * computed on first use from the thread's stack as glibc reports it (the
 * rlimit for the main thread), keeping an eighth of it (at least 64 KiB)
 * for raising and unwinding.  Under Emscripten the stack is the shadow
 * stack in linear memory (emscripten/stack.h gives its bounds), and the
 * engine's own native stack (V8: about 1 MiB) runs out long before it:
 * PY_WASM_C_STACK bytes of shadow stack below the first check is all a
 * recursion may use (see its definition). */
static _Thread_local uintptr_t c_stack_limit;

/* Under Emscripten: the most shadow stack a guarded recursion may use
 * (V8's native stack, about 1 MiB, overflows long before the 16 MiB
 * shadow stack). */
#define PY_WASM_C_STACK (512u << 10)

/* The frame address of the caller (the shadow stack pointer in wasm,
 * where __builtin_frame_address can be a frame-less function's 0). */
#ifdef __EMSCRIPTEN__
#define C_STACK_HERE() emscripten_stack_get_current()
#else
#define C_STACK_HERE() ((uintptr_t)__builtin_frame_address(0))
#endif

static uintptr_t c_stack_compute_limit(uintptr_t here)
{
    uintptr_t limit = 1;
#ifdef __EMSCRIPTEN__
    uintptr_t lo = emscripten_stack_get_end(), hi = emscripten_stack_get_base();
    if (here > lo && hi > here) {
        size_t room = (size_t)(here - lo);
        size_t keep = (size_t)(hi - lo) / 8 > (64u << 10) ? (size_t)(hi - lo) / 8 : (64u << 10);
        limit = room > 2 * keep ? lo + keep : here - room / 2;
        if (room > PY_WASM_C_STACK && here - PY_WASM_C_STACK > limit) limit = here - PY_WASM_C_STACK;
    }
#elif defined(__GLIBC__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *addr;
        size_t size;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0 && here > (uintptr_t)addr) {
            size_t room = (size_t)(here - (uintptr_t)addr);
            size_t keep = size / 8 > (64u << 10) ? size / 8 : (64u << 10);
            limit = room > 2 * keep ? (uintptr_t)addr + keep : here - room / 2;
        }
        pthread_attr_destroy(&attr);
    }
#else
    (void)here;
#endif
    return limit;
}

/* Recursive C paths that CPython leaves unguarded (iterator chains, tuple
 * hashes) call this: it does not touch the recursion counter, so depths
 * CPython survives cost nothing, and raises RecursionError instead of
 * letting the C stack overflow. */
int py_c_stack_check(const char *where)
{
    uintptr_t here = C_STACK_HERE();
    if (c_stack_limit == 0) c_stack_limit = c_stack_compute_limit(here);
    if (here > c_stack_limit) return 0;
    py_err_format(py_exc_RecursionError, "maximum recursion depth exceeded%s", where);
    return -1;
}
