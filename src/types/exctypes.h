/*
 * exctypes.h -- exceptions: the layouts of BaseException and of the
 * subclasses that add fields (StopIteration ... SyntaxError, the Unicode
 * errors, BaseExceptionGroup) and exceptions.c's API.  Part of object.h
 * (included by it, after objtypes.h, and nowhere else: include
 * "object.h"); it relies on everything object.h declares before it.  The
 * exception *state* (raising, fetching, py_exc_* type names) is errors.c's
 * and stays in object.h.  Split off to keep each file under ~1500 lines;
 * the ownership and error conventions are object.h's.
 */
#ifndef PY_EXCTYPES_H
#define PY_EXCTYPES_H
#ifndef PY_OBJECT_H
#error "include object.h, not exctypes.h"
#endif

/* ====================================================================== */
/* Exception layouts                                                       */
/* ====================================================================== */

/* BaseException and the subclasses that add fields. */
#define PY_EXCEPTION_HEAD                                                                         \
    RG_OBJECT_HEAD;                                                                               \
    py_obj *dict;                                                                                 \
    py_obj *args;                                                                                 \
    py_obj *notes;                                                                                \
    py_obj *traceback;                                                                            \
    py_obj *context;                                                                              \
    py_obj *cause;                                                                                \
    char suppress_context
typedef struct py_base_exception_object {
    PY_EXCEPTION_HEAD;
} py_base_exception_object;
typedef struct py_stop_iteration_object {
    PY_EXCEPTION_HEAD;
    py_obj *value;
} py_stop_iteration_object;
typedef struct py_system_exit_object {
    PY_EXCEPTION_HEAD;
    py_obj *code;
} py_system_exit_object;
typedef struct py_import_error_object {
    PY_EXCEPTION_HEAD;
    py_obj *msg, *name, *path;
} py_import_error_object;
typedef struct py_name_error_object {
    PY_EXCEPTION_HEAD;
    py_obj *name;
} py_name_error_object;
typedef struct py_attribute_error_object {
    PY_EXCEPTION_HEAD;
    py_obj *obj, *name;
} py_attribute_error_object;
typedef struct py_os_error_object {
    PY_EXCEPTION_HEAD;
    py_obj *myerrno, *strerror, *filename, *filename2;
    py_ssize_t written;
} py_os_error_object;
typedef struct py_syntax_error_object {
    PY_EXCEPTION_HEAD;
    py_obj *msg, *filename, *lineno, *offset, *end_lineno, *end_offset, *text,
        *print_file_and_line;
} py_syntax_error_object;

/* UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError. */
typedef struct py_unicode_error_object {
    PY_EXCEPTION_HEAD;
    py_obj *encoding; /* str (NULL for translate errors) */
    py_obj *object;   /* str, or bytes for decode errors */
    py_ssize_t start, end;
    py_obj *reason;   /* str */
} py_unicode_error_object;
/* BaseExceptionGroup / ExceptionGroup (excgroup.c): msg a str, excs a
 * non-empty tuple of exceptions. */
typedef struct py_base_exception_group_object {
    PY_EXCEPTION_HEAD;
    py_obj *msg;
    py_obj *excs;
} py_base_exception_group_object;

/* PyUnicodeDecodeError_Create / PyUnicodeEncodeError_Create: a new
 * exception instance (args as CPython's: encoding, object, start, end,
 * reason); NULL on failure. */
py_obj *py_unicode_decode_error_create(const char *encoding, const char *object, py_ssize_t length,
                                       py_ssize_t start, py_ssize_t end, const char *reason);
py_obj *py_unicode_encode_error_create(const char *encoding, py_obj *object, py_ssize_t start, py_ssize_t end,
                                       const char *reason);

/* ====================================================================== */
/* exceptions.c                                                            */
/* ====================================================================== */

/* Make the exception types and preallocate the MemoryErrors. */
int py_exceptions_init(py_interp *interp);
void py_exceptions_fini(py_interp *interp);
/* A new exception instance of type with the given args tuple (borrowed). */
py_obj *py_exception_new(py_typeinfo *type, py_obj *args);
/* Accessors (new references or NULL): __traceback__, __context__, __cause__. */
py_obj *py_exception_get_traceback(py_obj *exc);
int py_exception_set_traceback(py_obj *exc, py_obj *tb);
py_obj *py_exception_get_context(py_obj *exc);
void py_exception_set_context(py_obj *exc, py_obj *ctx);  /* steals ctx */
py_obj *py_exception_get_cause(py_obj *exc);
void py_exception_set_cause(py_obj *exc, py_obj *cause);  /* steals cause */
py_obj *py_exception_get_args(py_obj *exc);
/* StopIteration's value (new reference; None if none). */
py_obj *py_stop_iteration_value(py_obj *exc);

/* ExceptionGroup's type object (borrowed; a heap class made by
 * py_exception_groups_init, as 3.11's PyExc_ExceptionGroup).  The builtins
 * bind it as `ExceptionGroup`; BaseExceptionGroup is py_exc_BaseExceptionGroup_info. */
py_obj *py_exc_exception_group_type(void);
int py_exception_groups_init(py_interp *interp);
/* An instance of BaseExceptionGroup (or a subclass). */
int py_base_exception_group_check(const py_obj *o);

#endif /* PY_EXCTYPES_H */
