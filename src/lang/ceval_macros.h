/*
 * ceval_macros.h -- the vocabulary of the eval loop (ceval.c): the trace
 * hooks of the traced copy, dispatch and value-stack macros, and the small
 * inline helpers its instructions share (compact int pairs, comparison
 * jumps).  Included once by ceval.c, above py_eval_frame; ceval.c is itself
 * compiled twice (ceval_trace.c sets PY_CEVAL_TRACED), so everything here
 * is static and expands in the function that includes it.
 *
 * Invariants: the macros name the loop's locals (frame, next_instr,
 * stack_pointer, word, opcode, oparg) and its labels (error); they are only
 * meaningful inside PY_EVAL_FRAME_FN.
 */
#ifndef REFGC_LANG_CEVAL_MACROS_H
#define REFGC_LANG_CEVAL_MACROS_H

#include "lang/frame.h"
#include "lang/trace_vm.h"

/* Compiled twice: here, and by ceval_trace.c with PY_CEVAL_TRACED set
 * (the traced loop: a hook before every instruction and at every frame
 * exit; see trace_vm.h).  Off, the hooks compile to nothing. */
#ifdef PY_CEVAL_TRACED
#define PY_EVAL_FRAME_FN py_eval_frame_traced
#define TRACE_INSTR()                                                                             \
    do {                                                                                          \
        SAVE_SP();                                                                                \
        if (py_trace_hooks.instr(frame, next_instr) < 0) {                                        \
            frame->prev_instr = next_instr++;                                                     \
            goto error;                                                                           \
        }                                                                                         \
    } while (0)
#define TRACE_RETURN(v) py_trace_hooks.ret(frame, (v))
#else
#define PY_EVAL_FRAME_FN py_eval_frame
#define TRACE_INSTR() ((void)0)
#define TRACE_RETURN(v) ((void)0)
#endif

/* ====================================================================== */
/* Small helpers of the loop                                               */
/* ====================================================================== */

/* A frame finished (RETURN_VALUE or an exception left it): pop it and
 * return its caller. */
static py_frame *pop_frame(py_frame *frame)
{
    py_frame *prev = frame->previous;
    /* Unlinked before it is cleared (3.11.1, GH-99729): a __del__ run by the
     * clear must not see it, or its traceback's frame object would make one
     * for this dying frame (dangling, and never freed). */
    py_vm.current_frame = prev;
    py_eval_frame_clear_and_pop(frame);
    return prev;
}

/* ====================================================================== */
/* The loop                                                                */
/* ====================================================================== */

#define TARGET(op) TARGET_##op : frame->prev_instr = next_instr++;
#define DISPATCH()                                                                                \
    do {                                                                                          \
        word = *next_instr;                                                                       \
        opcode = PY_OPCODE(word);                                                                 \
        oparg = PY_OPARG(word);                                                                   \
        TRACE_INSTR();                                                                            \
        goto *targets[opcode];                                                                    \
    } while (0)
#define JUMPBY(n) (next_instr += (n))
#define SKIP_CACHES(op) JUMPBY(PY_CACHE_ENTRIES(op))
#define STACK_LEVEL() ((int)(stack_pointer - py_frame_stackbase(frame)))
#define TOP() (stack_pointer[-1])
#define SECOND() (stack_pointer[-2])
#define THIRD() (stack_pointer[-3])
#define PEEK(n) (stack_pointer[-(n)])
#define SET_TOP(v) (stack_pointer[-1] = (v))
#define SET_SECOND(v) (stack_pointer[-2] = (v))
#define PUSH(v) (*stack_pointer++ = (v))
#define POP() (*--stack_pointer)
#define STACK_SHRINK(n) (stack_pointer -= (n))
#define STACK_GROW(n) (stack_pointer += (n))
#define GETLOCAL(i) (frame->localsplus[i])
#define SETLOCAL(i, v)                                                                            \
    do {                                                                                          \
        py_obj *tmp_ = GETLOCAL(i);                                                               \
        GETLOCAL(i) = (v);                                                                        \
        rg_xdecref(tmp_);                                                                         \
    } while (0)
#define GETNAME(i) (py_tuple_items(frame->f_code->co_names)[i])
#define GETCONST(i) (py_tuple_items(frame->f_code->co_consts)[i])
#define GLOBALS() (frame->f_globals)
#define BUILTINS() (frame->f_builtins)
#define LOCALS() (frame->f_locals)
/* Publish the stack pointer before running code that may look at it. */
#define SAVE_SP() (frame->stacktop = (int)(stack_pointer - frame->localsplus))
#define LOAD_SP() (stack_pointer = frame->localsplus + frame->stacktop)
#define CHECK_EVAL_BREAKER()                                                                      \
    do {                                                                                          \
        if (py_vm_eval_breaker) {                                                                 \
            SAVE_SP();                                                                            \
            if (py_vm_handle_eval_breaker() < 0) goto error;                                      \
        }                                                                                         \
    } while (0)
#define NAME_ERROR_MSG "name '%.200s' is not defined"
#define UNBOUNDLOCAL_ERROR_MSG "cannot access local variable '%s' where it is not associated with a value"

static int is_true_slow(py_obj *v) { return py_object_is_true(v); }

/* 1 and the values when a and b are both exact ints of at most one digit
 * (3.11's "compact" ints, which its BINARY_OP_ADD_INT / SUBTRACT_INT and
 * COMPARE_OP_INT_JUMP specializations compute inline). */
static inline int compact_int_pair(py_obj *a, py_obj *b, long *x, long *y)
{
    if (!py_long_check_exact(a) || !py_long_check_exact(b)) return 0;
    intptr_t sa = ((rg_varobject *)a)->size, sb = ((rg_varobject *)b)->size;
    if ((uintptr_t)(sa + 1) > 2 || (uintptr_t)(sb + 1) > 2) return 0;
    *x = (long)sa * (long)((py_long_object *)a)->ob_digit[0];
    *y = (long)sb * (long)((py_long_object *)b)->ob_digit[0];
    return 1;
}

/* The sign of y in x op y when op is + or - (plain or in place, as 3.11
 * specializes both), else 0. */
static inline int add_sub_sign(int op)
{
    switch (op) {
    case PY_NB_ADD:
    case PY_NB_INPLACE_ADD: return 1;
    case PY_NB_SUBTRACT:
    case PY_NB_INPLACE_SUBTRACT: return -1;
    default: return 0;
    }
}

/* 3.11's COMPARE_OP_INT_JUMP condition: a comparison followed by a
 * conditional jump, in quickened code (the specialized form skips the
 * generic path's " in comparison" recursion check). */
static inline int compare_jumps(const py_frame *frame, const py_codeunit *after)
{
    if (frame->f_code->co_warmup < PY_VM_QUICKENED) return 0;
    switch (PY_OPCODE(*after)) {
    case OP_POP_JUMP_FORWARD_IF_FALSE:
    case OP_POP_JUMP_FORWARD_IF_TRUE:
    case OP_POP_JUMP_BACKWARD_IF_FALSE:
    case OP_POP_JUMP_BACKWARD_IF_TRUE: return 1;
    default: return 0;
    }
}

/* x op y for a rich comparison op. */
static inline int compare_longs(long x, long y, int op)
{
    switch (op) {
    case PY_LT: return x < y;
    case PY_LE: return x <= y;
    case PY_EQ: return x == y;
    case PY_NE: return x != y;
    case PY_GT: return x > y;
    default: return x >= y;
    }
}

#endif
