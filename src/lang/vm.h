/*
 * vm.h -- how the front end's parts meet: compiler, VM, builtins, modules,
 * runtime.  Each block names the file that owns it; nothing else defines
 * those names.  The object model is types/object.h; code objects are
 * lang/code.h; bytecode is lang/opcode.h (CPython 3.11's, unit for unit).
 *
 * Conventions: CPython's.  A function returning py_obj * returns a new
 * reference, or NULL with an exception set; an int-returning one returns
 * -1 with an exception set on failure.  "borrowed" says otherwise.
 *
 * One interpreter runs at a time (py_current); the front end's state lives
 * in file statics that each init function resets and each fini function
 * releases, so that a run ends with the heap empty (tests check it).
 */
#ifndef REFGC_LANG_VM_H
#define REFGC_LANG_VM_H

#include "lang/ast.h"
#include "lang/code.h"

/* ====================================================================== */
/* Compiler (compile.c, symtable.c, ...)                                   */
/* ====================================================================== */

typedef enum { PY_COMPILE_EXEC, PY_COMPILE_EVAL, PY_COMPILE_SINGLE } py_compile_mode;

/* Compile a tree the parser made (3.11's _PyAST_Compile with its AST
 * optimizer): the module's code object, or NULL with SyntaxError (or
 * RecursionError, MemoryError) set. */
py_obj *py_compile_ast(py_mod *mod, py_obj *filename, py_compile_mode mode, py_arena *arena);

/* Parse and compile source bytes (as read from a file: coding spec, BOM):
 * NULL with SyntaxError/IndentationError set (filename, lineno, offset,
 * text, end_lineno, end_offset as python3 sets them) on a parse error.
 * filename: what tracebacks print (python3 gives a script's absolute
 * path).  For exec()/eval()/compile() and the command line. */
py_obj *py_compile_source(const char *src, size_t len, const char *filename, py_compile_mode mode);

/* ====================================================================== */
/* Functions, frames, tracebacks, the eval loop (function.c, frame.c,     */
/* ceval*.c, genobject.c, traceback.c)                                     */
/* ====================================================================== */

/* function (PyFunctionObject, 3.11 layout and sizes). */
typedef struct py_function_object {
    RG_OBJECT_HEAD;
    py_obj *func_globals;     /* dict */
    py_obj *func_builtins;    /* dict */
    py_obj *func_name;        /* str */
    py_obj *func_qualname;    /* str */
    py_obj *func_code;        /* code */
    py_obj *func_defaults;    /* tuple or NULL */
    py_obj *func_kwdefaults;  /* dict or NULL */
    py_obj *func_closure;     /* tuple of cells or NULL */
    py_obj *func_doc;
    py_obj *func_dict;        /* __dict__ or NULL */
    rg_weakref *func_weakreflist;
    py_obj *func_module;      /* __module__ */
    py_obj *func_annotations; /* dict or NULL */
    py_vectorcallfunc vectorcall;
    uint32_t func_version;
} py_function_object;

extern py_typeinfo py_function_info;

/* A new function for code in globals (3.11's PyFunction_New: qualname
 * from the code, __module__ from globals["__name__"]). */
py_obj *py_function_new(py_obj *code, py_obj *globals);

/* Run a module-level code object: exec(code, globals, locals). locals may
 * be NULL (= globals).  Installs __builtins__ in globals if absent. */
py_obj *py_eval_code(py_obj *code, py_obj *globals, py_obj *locals);

/* Call a function with locals as its namespace instead of fast locals
 * (3.11's _PyEval_Vector(func, locals, NULL, 0, NULL): __build_class__
 * runs a class body this way).  The result is the body's return value. */
py_obj *py_eval_function_with_locals(py_obj *func, py_obj *locals);

/* The running Python frame's namespaces (borrowed; NULL when no frame
 * runs): globals(), builtins, and locals() (for a function: a dict made
 * from the fast locals, refreshed at each call, as 3.11's
 * PyEval_GetLocals). */
py_obj *py_eval_get_globals(void);
py_obj *py_eval_get_builtins(void);
py_obj *py_eval_get_locals(void);

/* The running frame as a frame object (sys._getframe(depth)): new
 * reference, materialising it as 3.11 does; ValueError "call stack is not
 * deep enough" when depth is too large. */
py_obj *py_eval_get_frame(int depth);

/* frame (PyFrameObject) and traceback (PyTracebackObject) types. */
extern py_typeinfo py_frame_info;
extern py_typeinfo py_traceback_info;

typedef struct py_traceback_object {
    RG_OBJECT_HEAD;
    struct py_traceback_object *tb_next;
    py_obj *tb_frame;
    int tb_lasti; /* byte offset, as 3.11's tb_lasti */
    int tb_lineno;
} py_traceback_object;

/* PyTraceBack_Here: prepend an entry for frame (a frame object) to the
 * current exception's traceback; 0, or -1 (MemoryError, SystemError). */
int py_traceback_here(py_obj *frame);

/* The code object and globals of a frame object (borrowed), and its
 * current line. */
py_code_object *py_frame_get_code(py_obj *frame);
py_obj *py_frame_get_globals(py_obj *frame);
int py_frame_get_lineno(py_obj *frame);

/* Ask the running code to raise KeyboardInterrupt at its next check (the
 * eval loop's backward jumps and calls, long int arithmetic).  Safe to
 * call from a signal handler. */
void py_vm_request_interrupt(void);
/* Raise KeyboardInterrupt if one was requested: -1 (exception set) or 0.
 * For C loops that may run long. */
int py_vm_check_interrupt(void);
/* A step budget for untrusted code (fuzzing): after `steps` eval-breaker
 * checks (backward jumps, calls; a poll of a long C loop costs 1000) every
 * further check raises KeyboardInterrupt("step budget exhausted").  -1:
 * none (the default).  Set it after py_runtime_start. */
void py_vm_set_step_budget(long steps);

/* Set up / tear down the VM's part of the interpreter (the function,
 * frame, traceback, generator, code types; the interp hooks
 * super_without_args, eval_get_globals, function_type). */
int py_vm_init(py_interp *interp);
void py_vm_fini(py_interp *interp);

/* ====================================================================== */
/* Builtins (bltinmodule.c)                                                */
/* ====================================================================== */

/* The builtins module (print, len, ..., __build_class__, __import__, the
 * built-in types and exceptions by name); also stored as interp->builtins
 * (its dict). */
py_obj *py_builtins_module_new(void);

/* ====================================================================== */
/* Modules and import (import.c, gcmodule.c, sysmodule.c, weakrefmodule.c, */
/* refgcmodule.c)                                                          */
/* ====================================================================== */

/* The import statement (3.11's PyImport_ImportModuleLevelObject restricted
 * to the built-in modules): sys.modules, then the built-in table;
 * ModuleNotFoundError "No module named 'x'" otherwise. */
py_obj *py_import_module_level(py_obj *name, py_obj *globals, py_obj *locals, py_obj *fromlist,
                               int level);

/* What sys reports about the command line. */
typedef struct py_sys_config {
    int argc;
    char **argv;          /* sys.argv (argv[0] is the script path or "-c") */
    const char *executable;
} py_sys_config;

/* Create sys (stored in interp->sysdict and sys.modules) and register the
 * built-in modules (gc, sys, weakref, _weakref, refgc, builtins, ...). */
int py_modules_init(py_interp *interp, const py_sys_config *config);
void py_modules_fini(py_interp *interp);

/* sys.stdout / sys.stderr writes (print goes through them). */
py_obj *py_sys_get_object(const char *name); /* borrowed, NULL if absent */

/* ====================================================================== */
/* Runtime: start, run, report, finish (pylifecycle.c, pythonrun.c)        */
/* ====================================================================== */

typedef struct py_runtime_config {
    py_sys_config sys;
    size_t max_heap;      /* bytes; 0: no limit */
} py_runtime_config;

/* A ready interpreter with __main__ (py_current), or NULL (message on
 * stderr). */
py_interp *py_runtime_start(const py_runtime_config *config);
/* Run source as __main__ (`python3 FILE` / -c): 0 on success, 1 when an
 * exception escaped (its traceback printed on stderr as python3 prints
 * it), SystemExit's status otherwise. */
int py_run_main(const char *src, size_t len, const char *filename);
/* Finalize as python3 does at exit (atexit callbacks, weakref.finalize,
 * final collections, __del__ of what is left), then delete the
 * interpreter. */
void py_runtime_finish(py_interp *interp);

/* Is the runtime finalizing (py_runtime_finish under way)?  3.11 runs no
 * gc.callbacks during its shutdown collections. */
int py_runtime_is_finalizing(void);

/* Print an exception (chained causes/contexts, tracebacks with 3.11's
 * carets, SyntaxError's caret line) to f as python3's default excepthook;
 * exc is a normalized exception instance. */
void py_err_display(py_obj *exc, FILE *f);
/* Fetch the current exception and print it (PyErr_Print): handles
 * SystemExit by returning its exit status (>= 0) without printing;
 * returns -1 after printing anything else. */
int py_err_print(void);

#endif
