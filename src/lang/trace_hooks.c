/*
 * trace_hooks.c -- where a traced run's hooks live: py_trace_vm_active and
 * py_trace_hooks (all NULL when no traced run; trace.c fills them while
 * it runs a program).
 *
 * A file of its own, defining nothing else, so that the builtins and sys
 * (which test the hooks) pull neither the VM nor trace.c into programs
 * that link them without those (unit tests with stand-ins).
 */
#include "lang/trace_vm.h"

int py_trace_vm_active;
py_trace_vm_hooks py_trace_hooks;
