/*
 * ceval.c -- the eval loop (CPython 3.11's _PyEval_EvalFrameDefault): one
 * function running 3.11 bytecode, unit for unit, on the frames of
 * frame.h.
 *
 * Owns: the instruction dispatch (computed gotos), the value stack
 * discipline of every instruction (what each pushes, pops, borrows and
 * steals, as 3.11), Python-to-Python calls inlined in the same C loop
 * (CALL pushes the callee's frame and jumps to it; RETURN_VALUE pops it),
 * zero-cost exception handling (co_exceptiontable), traceback entries as
 * an exception leaves each frame, the recursion counters (one unit per
 * frame, as 3.11's start_frame), the eval breaker (KeyboardInterrupt at
 * RESUME, backward jumps and after calls).  Out of line: ceval_macros.h
 * (the loop's macros, trace hooks and small inline helpers), ceval_ops.c
 * (helpers, LOAD_GLOBAL's cache), ceval_call.c (argument binding, frames
 * for calls), ceval_eg.c (except*).
 *
 * Invariants: between instructions, frame->prev_instr is the instruction
 * that runs (or ran last); the stack holds strong references (NULL only
 * where 3.11 keeps a NULL: below a callable, after LOAD_GLOBAL with the
 * low bit, LOAD_METHOD's non-method case); frame->stacktop is published
 * (SAVE_SP) before C calls and at frame switches; a suspended generator's
 * is exact (its traversal reads it), a running frame's stack is never
 * traversed (3.11 hides it the same way).
 *
 * Must not: recurse in C for Python-to-Python calls made by CALL (only C
 * code calling back into Python, generators and CALL_FUNCTION_EX do, as
 * 3.11); allocate per instruction.
 */
#include "lang/frame.h"
#include "lang/trace_vm.h"

#include "lang/ceval_macros.h"

/* The eval loop: run frame (and the frames it calls) until it returns or raises. */
py_obj *PY_EVAL_FRAME_FN(py_frame *frame, int throwflag)
{
#include "lang/ceval_targets.h"
#ifndef PY_CEVAL_TRACED
    if (RG_UNLIKELY(py_trace_vm_active)) return py_eval_frame_traced(frame, throwflag);
#endif
    py_interp *interp = py_current;
    const py_codeunit *next_instr;
    py_obj **stack_pointer;
    py_codeunit word;
    int opcode, oparg;
    py_obj *kwnames = NULL; /* borrowed: KW_NAMES sets it, CALL resets it */

    frame->is_entry = 1;
    frame->previous = py_vm.current_frame;
    py_vm.current_frame = frame;

    if (throwflag) {
        if (py_enter_recursive_call("") < 0) {
            interp->recursion_remaining--;
            goto exit_unwind;
        }
        goto resume_with_error;
    }

start_frame:
    if (RG_LIKELY(interp->recursion_remaining > 0)) {
        interp->recursion_remaining--;
    } else if (py_enter_recursive_call("") < 0) {
        interp->recursion_remaining--;
        goto exit_unwind;
    }

resume_frame:
    next_instr = frame->prev_instr + 1;
    LOAD_SP();
    DISPATCH();

    TARGET(NOP) { DISPATCH(); }

    TARGET(RESUME)
    {
        if (RG_UNLIKELY(frame->f_code->co_warmup < PY_VM_QUICKENED)) py_vm_warmup(frame->f_code);
        if (py_vm_eval_breaker && oparg < 2) {
            SAVE_SP();
            if (py_vm_handle_eval_breaker() < 0) goto error;
        }
        DISPATCH();
    }

    TARGET(CACHE)
    {
        py_err_set_string(py_exc_SystemError, "unknown opcode");
        goto error;
    }

    TARGET(LOAD_FAST)
    {
        py_obj *value = GETLOCAL(oparg);
        if (value == NULL) goto unbound_local_error;
        PUSH(py_new_ref(value));
        DISPATCH();
    }

    TARGET(LOAD_CONST)
    {
        PUSH(py_new_ref(GETCONST(oparg)));
        DISPATCH();
    }

    TARGET(STORE_FAST)
    {
        py_obj *value = POP();
        SETLOCAL(oparg, value);
        DISPATCH();
    }

    TARGET(DELETE_FAST)
    {
        py_obj *v = GETLOCAL(oparg);
        if (v == NULL) goto unbound_local_error;
        SETLOCAL(oparg, NULL);
        DISPATCH();
    }

    TARGET(POP_TOP)
    {
        py_obj *value = POP();
        rg_decref(value);
        DISPATCH();
    }

    TARGET(PUSH_NULL)
    {
        PUSH(NULL);
        DISPATCH();
    }

    TARGET(UNARY_POSITIVE)
    TARGET_UNARY_NEGATIVE_body:
    {
        py_obj *value = TOP();
        SAVE_SP();
        py_obj *res = opcode == OP_UNARY_POSITIVE   ? py_number_positive(value)
                      : opcode == OP_UNARY_NEGATIVE ? py_number_negative(value)
                                                    : py_number_invert(value);
        rg_decref(value);
        SET_TOP(res);
        if (res == NULL) goto error;
        DISPATCH();
    }
    TARGET(UNARY_NEGATIVE) { goto TARGET_UNARY_NEGATIVE_body; }
    TARGET(UNARY_INVERT) { goto TARGET_UNARY_NEGATIVE_body; }

    TARGET(UNARY_NOT)
    {
        py_obj *value = TOP();
        SAVE_SP();
        int err = py_object_is_true(value);
        rg_decref(value);
        if (err < 0) {
            STACK_SHRINK(1);
            goto error;
        }
        SET_TOP(py_new_ref(err ? py_false : py_true));
        DISPATCH();
    }

    TARGET(BINARY_OP)
    {
        py_obj *rhs = POP();
        py_obj *lhs = TOP();
        SAVE_SP();
        long x, y;
        int sign = add_sub_sign(oparg);
        py_obj *res;
        if (sign != 0 && compact_int_pair(lhs, rhs, &x, &y)) res = py_long_from_long(x + sign * y);
        else res = py_vm_binary_op(oparg, lhs, rhs);
        rg_decref(lhs);
        rg_decref(rhs);
        SET_TOP(res);
        if (res == NULL) goto error;
        SKIP_CACHES(OP_BINARY_OP);
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR)
    {
        py_obj *sub = POP();
        py_obj *container = TOP();
        SAVE_SP();
        py_obj *res = py_object_get_item(container, sub);
        rg_decref(container);
        rg_decref(sub);
        SET_TOP(res);
        if (res == NULL) goto error;
        SKIP_CACHES(OP_BINARY_SUBSCR);
        DISPATCH();
    }

    TARGET(STORE_SUBSCR)
    {
        py_obj *sub = TOP(), *container = SECOND(), *v = THIRD();
        STACK_SHRINK(3);
        SAVE_SP();
        int err = py_object_set_item(container, sub, v);
        rg_decref(v);
        rg_decref(container);
        rg_decref(sub);
        if (err != 0) goto error;
        SKIP_CACHES(OP_STORE_SUBSCR);
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR)
    {
        py_obj *sub = TOP(), *container = SECOND();
        STACK_SHRINK(2);
        SAVE_SP();
        int err = py_object_del_item(container, sub);
        rg_decref(container);
        rg_decref(sub);
        if (err != 0) goto error;
        DISPATCH();
    }

    TARGET(GET_LEN)
    {
        SAVE_SP();
        py_ssize_t len = py_object_size(TOP());
        if (len < 0) goto error;
        py_obj *l = py_long_from_ssize_t(len);
        if (l == NULL) goto error;
        PUSH(l);
        DISPATCH();
    }

    TARGET(MATCH_MAPPING)
    {
        int m = py_type_has_feature(py_type_of(TOP()), PY_TPFLAGS_MAPPING);
        PUSH(py_new_ref(m ? py_true : py_false));
        DISPATCH();
    }

    TARGET(MATCH_SEQUENCE)
    {
        int m = py_type_has_feature(py_type_of(TOP()), PY_TPFLAGS_SEQUENCE);
        PUSH(py_new_ref(m ? py_true : py_false));
        DISPATCH();
    }

    TARGET(MATCH_KEYS)
    TARGET_unsupported_body:
    {
        SAVE_SP();
        py_err_format(py_exc_SystemError, "refgc: unsupported opcode %s", py_opcode_names[opcode]);
        goto error;
    }
    TARGET(MATCH_CLASS) { goto TARGET_unsupported_body; }
    TARGET(GET_AITER) { goto TARGET_unsupported_body; }
    TARGET(GET_ANEXT) { goto TARGET_unsupported_body; }
    TARGET(GET_AWAITABLE) { goto TARGET_unsupported_body; }
    TARGET(BEFORE_ASYNC_WITH) { goto TARGET_unsupported_body; }
    TARGET(END_ASYNC_FOR) { goto TARGET_unsupported_body; }
    TARGET(ASYNC_GEN_WRAP) { goto TARGET_unsupported_body; }

    TARGET(PUSH_EXC_INFO)
    {
        py_obj *value = TOP();
        py_exc_stack_item *ei = py_vm.exc_info;
        SET_TOP(ei->exc_value != NULL ? ei->exc_value : py_new_ref(py_none));
        ei->exc_value = py_new_ref(value);
        py_vm_sync_exc_info();
        PUSH(value);
        DISPATCH();
    }

    TARGET(POP_EXCEPT)
    {
        py_exc_stack_item *ei = py_vm.exc_info;
        py_obj *value = ei->exc_value;
        ei->exc_value = POP();
        py_vm_sync_exc_info();
        SAVE_SP();
        rg_xdecref(value);
        DISPATCH();
    }

    TARGET(CHECK_EXC_MATCH)
    {
        py_obj *right = POP();
        py_obj *left = TOP();
        SAVE_SP();
        if (py_vm_check_except_type_valid(right) < 0) {
            rg_decref(right);
            goto error;
        }
        int res = py_err_given_exception_matches(left, right);
        rg_decref(right);
        PUSH(py_new_ref(res > 0 ? py_true : py_false));
        DISPATCH();
    }

    TARGET(CHECK_EG_MATCH)
    {
        py_obj *match_type = POP();
        SAVE_SP();
        if (py_vm_check_except_star_type_valid(match_type) < 0) {
            rg_decref(match_type);
            goto error;
        }
        py_obj *exc_value = TOP();
        py_obj *match, *rest;
        int res = py_vm_exception_group_match(exc_value, match_type, &match, &rest);
        rg_decref(match_type);
        if (res < 0) goto error;
        if (match == py_none) {
            PUSH(match);
            rg_decref(rest);
        } else {
            /* [val] -> [rest, match]; match becomes the exception handled. */
            SET_TOP(rest);
            PUSH(match);
            PY_XSETREF(py_vm.exc_info->exc_value, py_new_ref(match));
            py_vm_sync_exc_info();
            rg_decref(exc_value);
        }
        DISPATCH();
    }

    TARGET(PREP_RERAISE_STAR)
    {
        py_obj *excs = POP();
        py_obj *orig = POP();
        SAVE_SP();
        py_obj *val = py_list_check(excs) ? py_vm_prep_reraise_star(orig, excs) : py_err_bad_internal_call();
        rg_decref(excs);
        rg_decref(orig);
        if (val == NULL) goto error;
        PUSH(val);
        DISPATCH();
    }

    TARGET(RERAISE)
    {
        if (oparg) {
            py_obj *lasti = PEEK(oparg + 1);
            if (!py_long_check(lasti)) {
                py_err_set_string(py_exc_SystemError, "lasti is not an int");
                goto error;
            }
            frame->prev_instr = py_frame_first_instr(frame) + py_long_as_long(lasti);
        }
        py_obj *val = POP();
        SAVE_SP();
        py_obj *tb = py_exception_get_traceback(val);
        py_err_restore(py_new_ref(py_type_object_of_obj(val)), val, tb);
        goto exception_unwind;
    }

    TARGET(WITH_EXCEPT_START)
    {
        py_obj *val = TOP();
        py_obj *exc = py_type_object_of_obj(val);
        py_obj *tb = py_exception_get_traceback(val);
        if (tb == NULL) tb = py_new_ref(py_none);
        py_obj *exit_func = PEEK(4);
        py_obj *stack[4] = {NULL, exc, val, tb};
        SAVE_SP();
        py_obj *res = py_object_vectorcall(exit_func, stack + 1, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        rg_decref(tb);
        if (res == NULL) goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(BEFORE_WITH)
    {
        py_obj *mgr = TOP();
        SAVE_SP();
        py_obj *enter = py_object_lookup_special(mgr, py_id(__enter__));
        if (enter == NULL) {
            if (!py_err_occurred())
                py_err_format(py_exc_TypeError, "'%.200s' object does not support the context manager protocol",
                              py_obj_type_name(mgr));
            goto error;
        }
        py_obj *exit = py_object_lookup_special(mgr, py_id(__exit__));
        if (exit == NULL) {
            if (!py_err_occurred())
                py_err_format(py_exc_TypeError,
                              "'%.200s' object does not support the context manager protocol "
                              "(missed __exit__ method)",
                              py_obj_type_name(mgr));
            rg_decref(enter);
            goto error;
        }
        SET_TOP(exit);
        rg_decref(mgr);
        py_obj *res = py_object_call_no_args(enter);
        rg_decref(enter);
        if (res == NULL) goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(GET_ITER)
    {
        py_obj *iterable = TOP();
        SAVE_SP();
        py_obj *iter = py_object_get_iter(iterable);
        rg_decref(iterable);
        SET_TOP(iter);
        if (iter == NULL) goto error;
        DISPATCH();
    }

    TARGET(GET_YIELD_FROM_ITER)
    {
        py_obj *iterable = TOP();
        if (!py_is_type(iterable, &py_gen_info)) {
            SAVE_SP();
            py_obj *iter = py_object_get_iter(iterable);
            rg_decref(iterable);
            SET_TOP(iter);
            if (iter == NULL) goto error;
        }
        DISPATCH();
    }

    TARGET(FOR_ITER)
    {
        py_obj *iter = TOP();
        SAVE_SP();
        py_iternextfunc next = py_type_of(iter)->iternext;
        py_obj *v = next != NULL ? next(iter) : NULL;
        if (v != NULL) {
            PUSH(v);
            DISPATCH();
        }
        if (next == NULL) {
            py_err_format(py_exc_TypeError, "'%.200s' object is not an iterator", py_obj_type_name(iter));
            goto error;
        }
        if (py_err_occurred()) {
            if (!py_err_exception_matches(py_exc_StopIteration)) goto error;
            py_err_clear();
        }
        STACK_SHRINK(1);
        rg_decref(iter);
        JUMPBY(oparg);
        DISPATCH();
    }

    TARGET(PRINT_EXPR)
    {
        py_obj *value = POP();
        SAVE_SP();
        int err = py_vm_print_expr(value);
        rg_decref(value);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(LOAD_BUILD_CLASS)
    {
        SAVE_SP();
        py_obj *bc = py_vm_load_build_class(frame);
        if (bc == NULL) goto error;
        PUSH(bc);
        DISPATCH();
    }

    TARGET(LOAD_ASSERTION_ERROR)
    {
        PUSH(py_new_ref(py_type_object_of(py_exc_AssertionError)));
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE)
    {
        py_obj *list = POP();
        SAVE_SP();
        py_obj *tuple = py_list_as_tuple(list);
        rg_decref(list);
        if (tuple == NULL) goto error;
        PUSH(tuple);
        DISPATCH();
    }

    TARGET(IMPORT_STAR)
    {
        py_obj *from = POP();
        SAVE_SP();
        if (py_frame_fast_to_locals(frame) < 0) {
            rg_decref(from);
            goto error;
        }
        if (LOCALS() == NULL) {
            py_err_set_string(py_exc_SystemError, "no locals found during 'import *'");
            rg_decref(from);
            goto error;
        }
        int err = py_vm_import_all_from(LOCALS(), from);
        rg_decref(from);
        if (err != 0) goto error;
        DISPATCH();
    }

    TARGET(SETUP_ANNOTATIONS)
    {
        SAVE_SP();
        if (py_vm_setup_annotations(frame) < 0) goto error;
        DISPATCH();
    }

    TARGET(STORE_NAME)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *v = POP();
        py_obj *ns = LOCALS();
        SAVE_SP();
        int err;
        if (ns == NULL) {
            py_err_format(py_exc_SystemError, "no locals found when storing %R", name);
            rg_decref(v);
            goto error;
        }
        if (py_dict_check_exact(ns)) err = py_dict_set_item(ns, name, v);
        else err = py_object_set_item(ns, name, v);
        rg_decref(v);
        if (err != 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_NAME)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *ns = LOCALS();
        SAVE_SP();
        if (ns == NULL) {
            py_err_format(py_exc_SystemError, "no locals when deleting %R", name);
            goto error;
        }
        if (py_object_del_item(ns, name) != 0) {
            py_vm_format_exc_check_arg(py_exc_NameError, NAME_ERROR_MSG, name);
            goto error;
        }
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE)
    {
        py_obj *seq = POP();
        SAVE_SP();
        if (py_tuple_check_exact(seq) && py_tuple_size(seq) == oparg) {
            py_obj **items = py_tuple_items(seq);
            while (oparg--) PUSH(py_new_ref(items[oparg]));
        } else if (py_list_check_exact(seq) && py_list_size(seq) == oparg) {
            py_obj **items = ((py_list_object *)seq)->ob_item;
            while (oparg--) PUSH(py_new_ref(items[oparg]));
        } else if (py_vm_unpack_iterable(seq, oparg, -1, stack_pointer + oparg)) {
            STACK_GROW(oparg);
        } else {
            rg_decref(seq);
            goto error;
        }
        rg_decref(seq);
        SKIP_CACHES(OP_UNPACK_SEQUENCE);
        DISPATCH();
    }

    TARGET(UNPACK_EX)
    {
        int totalargs = 1 + (oparg & 0xFF) + (oparg >> 8);
        py_obj *seq = POP();
        SAVE_SP();
        if (py_vm_unpack_iterable(seq, oparg & 0xFF, oparg >> 8, stack_pointer + totalargs)) {
            STACK_GROW(totalargs);
        } else {
            rg_decref(seq);
            goto error;
        }
        rg_decref(seq);
        DISPATCH();
    }

    TARGET(STORE_ATTR)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *owner = TOP(), *v = SECOND();
        STACK_SHRINK(2);
        SAVE_SP();
        int err = py_object_set_attr(owner, name, v);
        rg_decref(v);
        rg_decref(owner);
        if (err != 0) goto error;
        SKIP_CACHES(OP_STORE_ATTR);
        DISPATCH();
    }

    TARGET(DELETE_ATTR)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *owner = POP();
        SAVE_SP();
        int err = py_object_set_attr(owner, name, NULL);
        rg_decref(owner);
        if (err != 0) goto error;
        DISPATCH();
    }

    TARGET(STORE_GLOBAL)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *v = POP();
        SAVE_SP();
        int err = py_dict_set_item(GLOBALS(), name, v);
        rg_decref(v);
        if (err != 0) goto error;
        DISPATCH();
    }

    TARGET(DELETE_GLOBAL)
    {
        py_obj *name = GETNAME(oparg);
        SAVE_SP();
        if (py_dict_del_item(GLOBALS(), name) != 0) {
            if (py_err_exception_matches(py_exc_KeyError))
                py_vm_format_exc_check_arg(py_exc_NameError, NAME_ERROR_MSG, name);
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_NAME)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *locals = LOCALS();
        SAVE_SP();
        if (locals == NULL) {
            py_err_format(py_exc_SystemError, "no locals when loading %R", name);
            goto error;
        }
        py_obj *v = py_vm_ns_lookup(locals, name);
        if (v == NULL) {
            if (py_err_occurred()) goto error;
            v = py_vm_load_global(GLOBALS(), BUILTINS(), name);
            if (v == NULL) {
                if (!py_err_occurred()) py_vm_format_exc_check_arg(py_exc_NameError, NAME_ERROR_MSG, name);
                goto error;
            }
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL)
    {
        py_obj *name = GETNAME(oparg >> 1);
        py_obj *v = py_vm_load_global_hit(frame->prev_instr, GLOBALS(), BUILTINS(), name);
        if (RG_LIKELY(v != NULL)) rg_incref(v);
        else v = py_vm_load_global_cached(frame->prev_instr, GLOBALS(), BUILTINS(), name);
        if (v == NULL) {
            SAVE_SP();
            if (!py_err_occurred()) py_vm_format_exc_check_arg(py_exc_NameError, NAME_ERROR_MSG, name);
            goto error;
        }
        if (oparg & 1) PUSH(NULL);
        PUSH(v);
        SKIP_CACHES(OP_LOAD_GLOBAL);
        DISPATCH();
    }

    TARGET(SWAP)
    {
        py_obj *top = TOP();
        SET_TOP(PEEK(oparg));
        PEEK(oparg) = top;
        DISPATCH();
    }

    TARGET(COPY)
    {
        py_obj *peek = PEEK(oparg);
        PUSH(py_new_ref(peek));
        DISPATCH();
    }

    TARGET(BUILD_TUPLE)
    {
        SAVE_SP();
        py_obj *tup = py_tuple_from_array_steal(stack_pointer - oparg, oparg);
        STACK_SHRINK(oparg);
        if (tup == NULL) goto error;
        PUSH(tup);
        DISPATCH();
    }

    TARGET(BUILD_LIST)
    {
        SAVE_SP();
        py_obj *list = py_list_new(oparg);
        if (list == NULL) goto error;
        while (--oparg >= 0) ((py_list_object *)list)->ob_item[oparg] = POP();
        PUSH(list);
        DISPATCH();
    }

    TARGET(BUILD_SET)
    {
        SAVE_SP();
        py_obj *set = py_vm_build_set(stack_pointer - oparg, oparg);
        STACK_SHRINK(oparg);
        if (set == NULL) goto error;
        PUSH(set);
        DISPATCH();
    }

    TARGET(BUILD_MAP)
    {
        SAVE_SP();
        py_obj *map = py_vm_build_map(stack_pointer - 2 * oparg, NULL, oparg);
        STACK_SHRINK(2 * oparg);
        if (map == NULL) goto error;
        PUSH(map);
        DISPATCH();
    }

    TARGET(BUILD_CONST_KEY_MAP)
    {
        SAVE_SP();
        py_obj *map = py_vm_build_map(stack_pointer - 1 - oparg, TOP(), oparg);
        STACK_SHRINK(oparg + 1);
        if (map == NULL) goto error;
        PUSH(map);
        DISPATCH();
    }

    TARGET(BUILD_STRING)
    {
        SAVE_SP();
        py_obj *str = py_unicode_join_array(py_empty_str, stack_pointer - oparg, oparg);
        for (int i = 0; i < oparg; i++) rg_decref(POP());
        if (str == NULL) goto error;
        PUSH(str);
        DISPATCH();
    }

    TARGET(BUILD_SLICE)
    {
        py_obj *step = oparg == 3 ? POP() : NULL;
        py_obj *stop = POP();
        py_obj *start = TOP();
        SAVE_SP();
        py_obj *slice = py_slice_new(start, stop, step);
        rg_decref(start);
        rg_decref(stop);
        rg_xdecref(step);
        SET_TOP(slice);
        if (slice == NULL) goto error;
        DISPATCH();
    }

    TARGET(LIST_APPEND)
    {
        py_obj *v = POP();
        py_obj *list = PEEK(oparg);
        SAVE_SP();
        int err = py_list_append(list, v);
        rg_decref(v);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(SET_ADD)
    {
        py_obj *v = POP();
        py_obj *set = PEEK(oparg);
        SAVE_SP();
        int err = py_set_add(set, v);
        rg_decref(v);
        if (err != 0) goto error;
        DISPATCH();
    }

    TARGET(MAP_ADD)
    {
        py_obj *value = TOP(), *key = SECOND();
        STACK_SHRINK(2);
        py_obj *map = PEEK(oparg);
        SAVE_SP();
        int err = py_dict_set_item(map, key, value);
        rg_decref(value);
        rg_decref(key);
        if (err != 0) goto error;
        DISPATCH();
    }

    TARGET(LIST_EXTEND)
    {
        py_obj *iterable = POP();
        py_obj *list = PEEK(oparg);
        SAVE_SP();
        if (py_list_extend(list, iterable) < 0) {
            if (py_err_exception_matches(py_exc_TypeError) && py_type_of(iterable)->iter == NULL &&
                !py_sequence_check(iterable)) {
                py_err_clear();
                py_err_format(py_exc_TypeError, "Value after * must be an iterable, not %.200s",
                              py_obj_type_name(iterable));
            }
            rg_decref(iterable);
            goto error;
        }
        rg_decref(iterable);
        DISPATCH();
    }

    TARGET(SET_UPDATE)
    {
        py_obj *iterable = POP();
        py_obj *set = PEEK(oparg);
        SAVE_SP();
        int err = py_set_update(set, iterable);
        rg_decref(iterable);
        if (err < 0) goto error;
        DISPATCH();
    }

    TARGET(DICT_UPDATE)
    {
        py_obj *update = POP();
        py_obj *dict = PEEK(oparg);
        SAVE_SP();
        if (py_dict_merge(dict, update, 1) < 0) {
            if (py_err_exception_matches(py_exc_AttributeError)) {
                py_err_clear();
                py_err_format(py_exc_TypeError, "'%.200s' object is not a mapping", py_obj_type_name(update));
            }
            rg_decref(update);
            goto error;
        }
        rg_decref(update);
        DISPATCH();
    }

    TARGET(DICT_MERGE)
    {
        py_obj *update = POP();
        py_obj *dict = PEEK(oparg);
        SAVE_SP();
        if (py_dict_merge(dict, update, 2) < 0) {
            py_vm_format_kwargs_error(PEEK(2 + oparg), update);
            rg_decref(update);
            goto error;
        }
        rg_decref(update);
        DISPATCH();
    }

    TARGET(LOAD_ATTR)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *owner = TOP();
        SAVE_SP();
        py_obj *res = py_object_get_attr(owner, name);
        rg_decref(owner);
        SET_TOP(res);
        if (res == NULL) goto error;
        SKIP_CACHES(OP_LOAD_ATTR);
        DISPATCH();
    }

    TARGET(LOAD_METHOD)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *obj = TOP();
        py_obj *meth = NULL;
        SAVE_SP();
        int meth_found = py_object_get_method(obj, name, &meth);
        if (meth == NULL) goto error;
        if (meth_found) {
            SET_TOP(meth);
            PUSH(obj);
        } else {
            SET_TOP(NULL);
            rg_decref(obj);
            PUSH(meth);
        }
        SKIP_CACHES(OP_LOAD_METHOD);
        DISPATCH();
    }

    TARGET(COMPARE_OP)
    {
        py_obj *right = POP();
        py_obj *left = TOP();
        SAVE_SP();
        long x, y;
        py_obj *res;
        if (compact_int_pair(left, right, &x, &y) && oparg <= PY_GE &&
            compare_jumps(frame, next_instr + PY_CACHE_ENTRIES(OP_COMPARE_OP)))
            res = py_new_ref(compare_longs(x, y, oparg) ? py_true : py_false);
        else res = py_object_rich_compare(left, right, oparg);
        SET_TOP(res);
        rg_decref(left);
        rg_decref(right);
        if (res == NULL) goto error;
        SKIP_CACHES(OP_COMPARE_OP);
        DISPATCH();
    }

    TARGET(IS_OP)
    {
        py_obj *right = POP();
        py_obj *left = TOP();
        int res = (left == right) ^ oparg;
        SET_TOP(py_new_ref(res ? py_true : py_false));
        SAVE_SP();
        rg_decref(left);
        rg_decref(right);
        DISPATCH();
    }

    TARGET(CONTAINS_OP)
    {
        py_obj *right = POP();
        py_obj *left = POP();
        SAVE_SP();
        int res = py_sequence_contains(right, left);
        rg_decref(left);
        rg_decref(right);
        if (res < 0) goto error;
        PUSH(py_new_ref((res ^ oparg) ? py_true : py_false));
        DISPATCH();
    }

    TARGET(IMPORT_NAME)
    {
        py_obj *name = GETNAME(oparg);
        py_obj *fromlist = POP();
        py_obj *level = TOP();
        SAVE_SP();
        py_obj *res = py_vm_import_name(frame, name, fromlist, level);
        rg_decref(level);
        rg_decref(fromlist);
        SET_TOP(res);
        if (res == NULL) goto error;
        DISPATCH();
    }

    TARGET(IMPORT_FROM)
    {
        py_obj *name = GETNAME(oparg);
        SAVE_SP();
        py_obj *res = py_vm_import_from(TOP(), name);
        if (res == NULL) goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(JUMP_FORWARD)
    {
        JUMPBY(oparg);
        DISPATCH();
    }

    TARGET(JUMP_BACKWARD)
    {
        if (RG_UNLIKELY(frame->f_code->co_warmup < PY_VM_QUICKENED)) py_vm_warmup(frame->f_code);
        JUMPBY(-oparg);
        CHECK_EVAL_BREAKER();
        DISPATCH();
    }

    TARGET(JUMP_BACKWARD_NO_INTERRUPT)
    {
        JUMPBY(-oparg);
        DISPATCH();
    }

#define POP_JUMP_IF_BOOL(name, when_true, dist)                                                   \
    TARGET(name)                                                                                  \
    {                                                                                             \
        py_obj *cond = POP();                                                                     \
        int truth;                                                                                \
        if (cond == py_true) truth = 1;                                                           \
        else if (cond == py_false) truth = 0;                                                     \
        else {                                                                                    \
            SAVE_SP();                                                                            \
            truth = is_true_slow(cond);                                                           \
            rg_decref(cond);                                                                      \
            if (truth < 0) goto error;                                                            \
            goto name##_decided;                                                                  \
        }                                                                                         \
        rg_decref(cond);                                                                          \
    name##_decided:                                                                               \
        if (truth == (when_true)) {                                                               \
            JUMPBY(dist);                                                                         \
            if ((dist) < 0) CHECK_EVAL_BREAKER();                                                 \
        }                                                                                         \
        DISPATCH();                                                                               \
    }
    POP_JUMP_IF_BOOL(POP_JUMP_FORWARD_IF_FALSE, 0, oparg)
    POP_JUMP_IF_BOOL(POP_JUMP_FORWARD_IF_TRUE, 1, oparg)
    POP_JUMP_IF_BOOL(POP_JUMP_BACKWARD_IF_FALSE, 0, -oparg)
    POP_JUMP_IF_BOOL(POP_JUMP_BACKWARD_IF_TRUE, 1, -oparg)
#undef POP_JUMP_IF_BOOL

#define POP_JUMP_IF_NONE(name, when_none, dist)                                                   \
    TARGET(name)                                                                                  \
    {                                                                                             \
        py_obj *value = POP();                                                                    \
        int is_none = value == py_none;                                                           \
        rg_decref(value);                                                                         \
        if (is_none == (when_none)) {                                                             \
            JUMPBY(dist);                                                                         \
            if ((dist) < 0) CHECK_EVAL_BREAKER();                                                 \
        }                                                                                         \
        DISPATCH();                                                                               \
    }
    POP_JUMP_IF_NONE(POP_JUMP_FORWARD_IF_NONE, 1, oparg)
    POP_JUMP_IF_NONE(POP_JUMP_FORWARD_IF_NOT_NONE, 0, oparg)
    POP_JUMP_IF_NONE(POP_JUMP_BACKWARD_IF_NONE, 1, -oparg)
    POP_JUMP_IF_NONE(POP_JUMP_BACKWARD_IF_NOT_NONE, 0, -oparg)
#undef POP_JUMP_IF_NONE

    TARGET(JUMP_IF_FALSE_OR_POP)
    {
        py_obj *cond = TOP();
        int truth;
        if (cond == py_true) truth = 1;
        else if (cond == py_false) truth = 0;
        else {
            SAVE_SP();
            truth = is_true_slow(cond);
            if (truth < 0) goto error;
        }
        if (truth) {
            STACK_SHRINK(1);
            rg_decref(cond);
        } else {
            JUMPBY(oparg);
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_TRUE_OR_POP)
    {
        py_obj *cond = TOP();
        int truth;
        if (cond == py_true) truth = 1;
        else if (cond == py_false) truth = 0;
        else {
            SAVE_SP();
            truth = is_true_slow(cond);
            if (truth < 0) goto error;
        }
        if (!truth) {
            STACK_SHRINK(1);
            rg_decref(cond);
        } else {
            JUMPBY(oparg);
        }
        DISPATCH();
    }

    TARGET(RAISE_VARARGS)
    {
        py_obj *cause = NULL, *exc = NULL;
        switch (oparg) {
        case 2: cause = POP(); /* fall through */
        case 1: exc = POP(); /* fall through */
        case 0:
            SAVE_SP();
            if (py_vm_do_raise(exc, cause)) goto exception_unwind;
            break;
        default:
            SAVE_SP();
            py_err_set_string(py_exc_SystemError, "bad RAISE_VARARGS oparg");
            break;
        }
        goto error;
    }

    TARGET(MAKE_FUNCTION)
    {
        py_obj *codeobj = POP();
        SAVE_SP();
        py_function_object *func = (py_function_object *)py_function_new(codeobj, GLOBALS());
        rg_decref(codeobj);
        if (func == NULL) goto error;
        if (oparg & 0x08) func->func_closure = POP();
        if (oparg & 0x04) func->func_annotations = POP();
        if (oparg & 0x02) func->func_kwdefaults = POP();
        if (oparg & 0x01) func->func_defaults = POP();
        PUSH((py_obj *)func);
        DISPATCH();
    }

    TARGET(MAKE_CELL)
    {
        py_obj *initial = GETLOCAL(oparg);
        SAVE_SP();
        py_obj *cell = py_cell_new(initial);
        if (cell == NULL) goto error;
        SETLOCAL(oparg, cell);
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE)
    {
        py_obj *value = GETLOCAL(oparg);
        if (value == NULL) goto unbound_local_error;
        PUSH(py_new_ref(value));
        DISPATCH();
    }

    TARGET(LOAD_DEREF)
    {
        py_obj *value = py_cell_get(GETLOCAL(oparg));
        if (value == NULL) {
            SAVE_SP();
            py_vm_format_exc_unbound(frame->f_code, oparg);
            goto error;
        }
        PUSH(py_new_ref(value));
        DISPATCH();
    }

    TARGET(LOAD_CLASSDEREF)
    {
        py_obj *name = py_tuple_get(frame->f_code->co_localsplusnames, oparg);
        SAVE_SP();
        py_obj *value = py_vm_ns_lookup(LOCALS(), name);
        if (value == NULL) {
            if (py_err_occurred()) goto error;
            value = py_cell_get(GETLOCAL(oparg));
            if (value == NULL) {
                py_vm_format_exc_unbound(frame->f_code, oparg);
                goto error;
            }
            rg_incref(value);
        }
        PUSH(value);
        DISPATCH();
    }

    TARGET(STORE_DEREF)
    {
        py_obj *v = POP();
        SAVE_SP();
        py_obj *cell = GETLOCAL(oparg);
        py_cell_set(cell, v);
        rg_decref(v);
        DISPATCH();
    }

    TARGET(DELETE_DEREF)
    {
        py_obj *cell = GETLOCAL(oparg);
        SAVE_SP();
        if (py_cell_get(cell) == NULL) {
            py_vm_format_exc_unbound(frame->f_code, oparg);
            goto error;
        }
        py_cell_set(cell, NULL);
        DISPATCH();
    }

    TARGET(COPY_FREE_VARS)
    {
        py_obj *closure = ((py_function_object *)frame->f_func)->func_closure;
        int offset = frame->f_code->co_nlocalsplus - oparg;
        for (int i = 0; i < oparg; i++) frame->localsplus[offset + i] = py_new_ref(py_tuple_get(closure, i));
        DISPATCH();
    }

    TARGET(FORMAT_VALUE)
    {
        py_obj *fmt_spec = (oparg & 0x04) ? POP() : NULL;
        py_obj *value = POP();
        SAVE_SP();
        py_obj *result = py_vm_format_value(value, oparg & 0x03, fmt_spec);
        if (result == NULL) goto error;
        PUSH(result);
        DISPATCH();
    }

    TARGET(KW_NAMES)
    {
        kwnames = GETCONST(oparg);
        DISPATCH();
    }

    TARGET(PRECALL)
    {
        py_vm_site_entry *site = py_vm_site_slot(frame->prev_instr);
        /* (a site known to be generic has nothing specialized to do) */
        if (frame->f_code->co_warmup >= PY_VM_QUICKENED &&
            (site->instr != frame->prev_instr || site->kind != PY_VM_SITE_GENERIC)) {
            SAVE_SP();
            int r = py_vm_precall_specialized(frame->prev_instr, &stack_pointer, oparg, kwnames);
            if (r != 0) {
                /* 3.11's specialized PRECALL did the call: skip CALL (and
                 * the POP_TOP after list.append). */
                kwnames = NULL;
                JUMPBY(PY_CACHE_ENTRIES(OP_PRECALL) + 1 + PY_CACHE_ENTRIES(OP_CALL) + (r == 2));
                if (r < 0) goto error;
                if (r == 1) CHECK_EVAL_BREAKER();
                DISPATCH();
            }
        }
        int is_meth = PEEK(oparg + 2) != NULL;
        py_obj *function = PEEK(oparg + 1);
        if (!is_meth && py_is_type(function, &py_method_info)) {
            py_method_object *m = (py_method_object *)function;
            PEEK(oparg + 1) = py_new_ref(m->im_self);
            PEEK(oparg + 2) = py_new_ref(m->im_func);
            rg_decref(function);
        }
        SKIP_CACHES(OP_PRECALL);
        DISPATCH();
    }

    TARGET(CALL)
    {
        int is_meth = PEEK(oparg + 2) != NULL;
        py_obj *function = PEEK(oparg + 1);
        if (!is_meth && py_is_type(function, &py_method_info)) {
            py_method_object *m = (py_method_object *)function;
            PEEK(oparg + 1) = py_new_ref(m->im_self);
            PEEK(oparg + 2) = py_new_ref(m->im_func);
            rg_decref(function);
            is_meth = 1;
        }
        int total_args = oparg + is_meth;
        function = PEEK(total_args + 1);
        int positional_args = total_args - (kwnames != NULL ? (int)py_tuple_size(kwnames) : 0);
        SKIP_CACHES(OP_CALL);
        if (py_type_of(function) == interp->function_type) {
            py_function_object *fn = (py_function_object *)function;
            int flags = ((py_code_object *)fn->func_code)->co_flags;
            py_obj *locals = (flags & PY_CO_OPTIMIZED) ? NULL : fn->func_globals;
            STACK_SHRINK(total_args);
            SAVE_SP();
            py_frame *new_frame =
                py_eval_frame_push_and_init(function, locals, stack_pointer, (size_t)positional_args, kwnames);
            kwnames = NULL;
            STACK_SHRINK(2 - is_meth);
            SAVE_SP();
            if (new_frame == NULL) goto error;
            frame->prev_instr = next_instr - 1;
            new_frame->previous = frame;
            py_vm.current_frame = frame = new_frame;
            goto start_frame;
        }
        SAVE_SP();
        py_obj *res = py_object_vectorcall(function, stack_pointer - total_args,
                                           (size_t)positional_args | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        kwnames = NULL;
        rg_decref(function);
        STACK_SHRINK(total_args);
        for (int i = 0; i < total_args; i++) rg_decref(stack_pointer[i]);
        STACK_SHRINK(2 - is_meth);
        PUSH(res);
        if (res == NULL) goto error;
        CHECK_EVAL_BREAKER();
        DISPATCH();
    }

    TARGET(CALL_FUNCTION_EX)
    {
        py_obj *kwargs = (oparg & 0x01) ? POP() : NULL;
        py_obj *callargs = POP();
        py_obj *func = POP();
        SAVE_SP();
        py_obj *result = py_vm_call_function_ex(func, callargs, kwargs);
        SET_TOP(result); /* over the NULL */
        if (result == NULL) goto error;
        CHECK_EVAL_BREAKER();
        DISPATCH();
    }

    TARGET(RETURN_VALUE)
    {
        py_obj *retval = POP();
        SAVE_SP();
        TRACE_RETURN(retval);
        py_leave_recursive_call();
        if (!frame->is_entry) {
            frame = py_vm.current_frame = pop_frame(frame);
            frame->localsplus[frame->stacktop++] = retval;
            goto resume_frame;
        }
        py_vm.current_frame = frame->previous;
        return retval;
    }

    TARGET(RETURN_GENERATOR)
    {
        SAVE_SP();
        py_obj *gen = py_gen_new_from_frame(frame);
        if (gen == NULL) goto error;
        py_leave_recursive_call();
        if (!frame->is_entry) {
            py_frame *prev = frame->previous;
            py_frame_stack_pop(frame);
            frame = py_vm.current_frame = prev;
            frame->localsplus[frame->stacktop++] = gen;
            goto resume_frame;
        }
        /* The caller (py_eval_vector) clears and pops this frame: leave it
         * valid but empty (the generator took its references). */
        frame->stacktop = 0;
        frame->f_locals = NULL;
        rg_incref(frame->f_func);
        rg_incref((py_obj *)frame->f_code);
        frame->frame_obj = NULL;
        py_vm.current_frame = frame->previous;
        return gen;
    }

    TARGET(YIELD_VALUE)
    {
        py_obj *retval = POP();
        TRACE_RETURN(retval);
        py_frame_generator(frame)->gi_frame_state = PY_FRAME_SUSPENDED;
        SAVE_SP();
        py_leave_recursive_call();
        py_vm.current_frame = frame->previous;
        return retval;
    }

    TARGET(SEND)
    {
        py_obj *v = POP();
        py_obj *receiver = TOP();
        py_obj *retval = NULL;
        SAVE_SP();
        int status = py_iter_send(receiver, v, &retval);
        rg_decref(v);
        if (status == PY_GEN_ERROR) goto error;
        if (status == PY_GEN_RETURN) {
            rg_decref(receiver);
            SET_TOP(retval);
            JUMPBY(oparg);
            DISPATCH();
        }
        PUSH(retval);
        DISPATCH();
    }

    TARGET(EXTENDED_ARG)
    {
        int oldoparg = oparg;
        word = *next_instr;
        opcode = PY_OPCODE(word);
        oparg = PY_OPARG(word) | (oldoparg << 8);
        goto *targets[opcode];
    }

unknown_opcode:
    frame->prev_instr = next_instr++;
    SAVE_SP();
    py_err_format(py_exc_SystemError, "%U:%d: unknown opcode %d", frame->f_code->co_filename,
                  py_frame_current_line(frame), PY_OPCODE(*frame->prev_instr));
    goto error;

unbound_local_error:
    SAVE_SP();
    py_vm_format_exc_check_arg(py_exc_UnboundLocalError, UNBOUNDLOCAL_ERROR_MSG,
                               py_tuple_get(frame->f_code->co_localsplusnames, oparg));
    goto error;

    /* ---- exceptions ---------------------------------------------------- */

error:
    kwnames = NULL;
    if (!py_err_occurred()) py_err_set_string(py_exc_SystemError, "error return without exception set");
    if (!py_frame_is_incomplete(frame)) {
        py_frame_object *f = py_frame_get_frame_object(frame);
        if (f != NULL) py_traceback_here((py_obj *)f);
    }

exception_unwind: {
    /* The raising instruction (RERAISE may have moved prev_instr for
     * the handler's lasti, not for the lookup). */
    int offset = (int)(next_instr - py_frame_first_instr(frame)) - 1;
    int level, handler, lasti;
    if (!py_code_exception_handler(frame->f_code, offset, &handler, &level, &lasti)) {
        py_obj **stackbase = py_frame_stackbase(frame);
        while (stack_pointer > stackbase) {
            py_obj *o = POP();
            rg_xdecref(o);
        }
        SAVE_SP();
        goto exit_unwind;
    }
    py_obj **new_top = py_frame_stackbase(frame) + level;
    while (stack_pointer > new_top) {
        py_obj *v = POP();
        rg_xdecref(v);
    }
    if (lasti) {
        py_obj *l = py_long_from_long(py_frame_lasti(frame));
        if (l == NULL) goto exception_unwind;
        PUSH(l);
    }
    py_obj *exc, *val, *tb;
    py_err_fetch(&exc, &val, &tb);
    py_err_normalize_exception(&exc, &val, &tb);
    py_exception_set_traceback(val, tb != NULL ? tb : py_none);
    rg_xdecref(tb);
    rg_xdecref(exc);
    PUSH(val);
    next_instr = py_frame_first_instr(frame) + handler;
    DISPATCH();
}

exit_unwind:
    TRACE_RETURN(NULL);
    py_leave_recursive_call();
    if (frame->is_entry) {
        py_vm.current_frame = frame->previous;
        return NULL;
    }
    frame = py_vm.current_frame = pop_frame(frame);

resume_with_error:
    next_instr = frame->prev_instr + 1;
    LOAD_SP();
    goto error;
}
