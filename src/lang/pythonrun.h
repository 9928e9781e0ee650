/*
 * pythonrun.h -- what the runtime's own files (pylifecycle.c, pythonrun.c,
 * pythonrun_tb.c, the command line in src/cli/) share beyond vm.h's
 * "Runtime" block.
 */
#ifndef REFGC_LANG_PYTHONRUN_H
#define REFGC_LANG_PYTHONRUN_H

#include "lang/vm.h"

/* "Traceback (most recent call last):" and the entries of tb (a traceback
 * object) as 3.11's _PyTraceBack_Print: sys.tracebacklimit, source lines,
 * carets, "[Previous line repeated N more times]".  Never raises. */
void py_traceback_print(py_obj *tb, FILE *f);

/* Whether tracebacks show source lines (1, the default).  3.11 reads them
 * through the io module: once the exit has removed the modules from
 * sys.modules, tracebacks show no source lines. */
void py_traceback_set_source_lines(int on);

/* 3.11's default sys.unraisablehook output ("Exception ignored in: <obj>",
 * the traceback, "Type: message"); installed as interp->unraisable_hook. */
void py_runtime_unraisable_hook(py_obj *exc, py_obj *obj, const char *msg);

/* The "Did you mean" name for a NameError or AttributeError instance (new
 * reference), NULL when there is none; never raises. */
py_obj *py_offer_suggestions(py_obj *exc);

/* Run source in the interactive mode of the REPL (PY_COMPILE_SINGLE, in
 * __main__): 0, or 1 after printing the exception; SystemExit: its status
 * in *exit_status and 2 returned. */
int py_run_interactive_line(const char *src, size_t len, int *exit_status);

/* The status python3 exits with for SystemExit instance exc (None -> 0,
 * an int -> it, anything else printed on stderr -> 1). */
int py_system_exit_status(py_obj *exc);

/* py_runtime_finish for tests: the blocks still allocated on the heap
 * when the interpreter is gone (0: everything was freed) and, in *errors,
 * what rg_heap_check found; the heap is deleted afterwards. */
size_t py_runtime_finish_checked(py_interp *interp, size_t *errors);

/* Set when an uncaught KeyboardInterrupt ended py_run_main: the caller
 * should end the process by SIGINT after finishing, as python3 does. */
extern int py_run_main_interrupted;

#endif
