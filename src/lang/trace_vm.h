/*
 * trace_vm.h -- where a traced run (trace.c) hooks into the interpreter:
 * the traced copy of the eval loop (ceval_trace.c: ceval.c compiled a
 * second time with PY_CEVAL_TRACED), the standard streams (sysmodule.c),
 * id() (bltinmodule.c), sys.getrefcount (sysmodule.c) and py_run_main
 * (pythonrun.c).
 *
 * Zero cost when off: py_eval_frame tests py_trace_vm_active once per
 * C-level entry and runs the traced copy when it is set; every other hook
 * is a NULL function pointer tested where it is used.  The hooks live in
 * trace_hooks.c, alone, so that testing them pulls neither the VM nor
 * trace.c into programs that never trace.
 *
 * Owner: the tracing front end (trace*.c).
 */
#ifndef REFGC_LANG_TRACE_VM_H
#define REFGC_LANG_TRACE_VM_H

#include "lang/vm.h"

struct py_frame;

typedef struct py_trace_vm_hooks {
    /* Before each instruction of the traced loop (next: the one about to
     * run; frame->stacktop is published): 0, or -1 with an exception set
     * (the instruction then raises it). */
    int (*instr)(struct py_frame *frame, const py_codeunit *next);
    /* A frame returns value (RETURN_VALUE), yields it (YIELD_VALUE), or is
     * left by an exception (value NULL). */
    void (*ret)(struct py_frame *frame, py_obj *value);
    /* Bytes the program writes on sys.stdout (fd 1) / sys.stderr (fd 2):
     * they go here instead of the descriptor. */
    void (*output)(int fd, const char *data, size_t len);
    /* py_run_main: the code is compiled and about to run / has run. */
    void (*before_eval)(void);
    void (*after_eval)(void);
    /* id(o) in a traced run. */
    uintptr_t (*id)(py_obj *o);
    /* sys.getrefcount(o) returns value (its argument's reference counted). */
    void (*getrefcount)(py_obj *o, intptr_t value);
} py_trace_vm_hooks;

/* Set while a traced run executes the program (trace_hooks.c). */
extern int py_trace_vm_active;
extern py_trace_vm_hooks py_trace_hooks;

/* The traced eval loop (ceval_trace.c): py_eval_frame with hooks. */
py_obj *py_eval_frame_traced(struct py_frame *frame, int throwflag);

#endif
