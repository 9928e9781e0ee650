/*
 * ceval_trace.c -- the traced eval loop: ceval.c compiled a second time
 * with PY_CEVAL_TRACED, so that every instruction first calls
 * py_trace_hooks.instr and every frame exit py_trace_hooks.ret.  The
 * untraced loop pays one test of py_trace_vm_active per C-level entry and
 * nothing per instruction (see trace_vm.h; the hooks live in
 * trace_hooks.c).
 */
#define PY_CEVAL_TRACED 1
#include "lang/ceval.c"
