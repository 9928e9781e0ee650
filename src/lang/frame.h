/*
 * frame.h -- the VM's private interface (ceval*.c, frame.c, function.c,
 * genobject.c, traceback.c): interpreter frames, frame objects, generator
 * objects, the exception-info stack and the VM's per-interpreter state.
 *
 * Interpreter frames (3.11's _PyInterpreterFrame) live in a data stack of
 * malloc'd chunks (not heap objects: a call allocates nothing the
 * collector counts), or inline in a generator, or inline in a frame
 * object once the frame has died while its frame object lived on.  A
 * frame holds strong references to f_func, f_code, f_locals, frame_obj
 * and localsplus[0..stacktop); f_globals and f_builtins are borrowed from
 * the function.
 *
 * Frame objects (3.11's PyFrameObject) are made only when asked for
 * (tracebacks, sys._getframe, generators' gi_frame); they are GC objects
 * created untracked and tracked when they take ownership of a dead frame's
 * data.  Sizes follow 3.11 (sys.getsizeof).
 *
 * Owner: the VM engineer.  Nothing outside src/lang/ceval*.c, frame.c,
 * function.c, genobject.c, traceback.c, marshal.c includes this.
 */
#ifndef REFGC_LANG_FRAME_H
#define REFGC_LANG_FRAME_H

#include "lang/vm.h"

/* ====================================================================== */
/* Interpreter frames                                                      */
/* ====================================================================== */

enum { PY_FRAME_OWNED_BY_THREAD = 0, PY_FRAME_OWNED_BY_GENERATOR = 1, PY_FRAME_OWNED_BY_FRAME_OBJECT = 2 };

struct py_frame_object;

typedef struct py_frame {
    py_obj *f_func;                    /* strong */
    py_obj *f_globals;                 /* borrowed */
    py_obj *f_builtins;                /* borrowed */
    py_obj *f_locals;                  /* strong, may be NULL */
    py_code_object *f_code;            /* strong */
    struct py_frame_object *frame_obj; /* strong, may be NULL */
    struct py_frame *previous;
    const py_codeunit *prev_instr;     /* the instruction running (or last run) */
    int stacktop;                      /* localsplus[0..stacktop) are live */
    char is_entry;                     /* the first frame of a C-level eval call */
    char owner;                        /* PY_FRAME_OWNED_BY_* */
    py_obj *localsplus[];
} py_frame;

/* 3.11's FRAME_SPECIALS_SIZE: the header in pointer-sized slots. */
#define PY_FRAME_SPECIALS_SIZE ((int)((sizeof(py_frame) + sizeof(py_obj *) - 1) / sizeof(py_obj *)))

static inline const py_codeunit *py_frame_first_instr(const py_frame *f) { return py_code_units(f->f_code); }
/* 3.11's _PyInterpreterFrame_LASTI: unit index of the current instruction. */
static inline int py_frame_lasti(const py_frame *f) { return (int)(f->prev_instr - py_frame_first_instr(f)); }
static inline py_obj **py_frame_stackbase(py_frame *f) { return f->localsplus + f->f_code->co_nlocalsplus; }
/* A frame still in its prologue (before the first traceable instruction;
 * not for generator frames): invisible to tracebacks and sys._getframe. */
static inline int py_frame_is_incomplete(const py_frame *f)
{
    return f->owner != PY_FRAME_OWNED_BY_GENERATOR &&
           f->prev_instr < py_frame_first_instr(f) + f->f_code->_co_firsttraceable;
}
/* Number of slots of a frame for code (3.11's co_framesize). */
static inline int py_code_framesize(const py_code_object *co)
{
    return co->co_nlocalsplus + co->co_stacksize + PY_FRAME_SPECIALS_SIZE;
}

/* py_frame_stack_push / py_frame_stack_pop's slow paths (a new chunk,
 * the first frame of a chunk), and py_frame_init_specials: below, after
 * the VM state they use. */
py_frame *py_frame_stack_push_slow(int slots);
void py_frame_stack_pop_slow(py_frame *f);
/* Release everything a frame holds (3.11's _PyFrame_Clear): a frame
 * object that outlives it takes a copy. */
void py_frame_clear(py_frame *f);
/* The frame object of f, made on first use (borrowed; NULL: MemoryError). */
struct py_frame_object *py_frame_get_frame_object(py_frame *f);
/* Copy a frame's header and live slots (3.11's _PyFrame_Copy). */
void py_frame_copy(py_frame *src, py_frame *dest);
/* Visit a frame's references (3.11's _PyFrame_Traverse). */
int py_frame_traverse(py_frame *f, rg_visitproc visit, void *arg);
/* Fast locals -> f_locals dict (3.11's _PyFrame_FastToLocalsWithError):
 * 0 or -1. */
int py_frame_fast_to_locals(py_frame *f);
/* Line of the current instruction. */
int py_frame_current_line(py_frame *f);

/* ====================================================================== */
/* Frame objects                                                           */
/* ====================================================================== */

/* 3.11's PyFrameObject is 48 bytes before its frame data; so is this one
 * (the engine's var-object header takes the place of 3.11's f_lineno and
 * trace flags, which only tracing uses: refgc has no tracing). */
typedef struct py_frame_object {
    RG_VAROBJECT_HEAD;              /* ob_size: slots of the inline frame data */
    struct py_frame_object *f_back; /* strong, may be NULL */
    py_frame *f_frame;              /* the frame (on the data stack, in a generator, or inline below) */
    py_obj *f_trace;                /* kept for frame.f_trace; never called */
    py_obj *f_frame_data[];         /* a py_frame when owned by this object */
} py_frame_object;

/* A frame object for frame (untracked, refcount 1, not yet linked). */
py_frame_object *py_frame_object_new(py_frame *frame);

/* ====================================================================== */
/* Exceptions being handled (3.11's _PyErr_StackItem chain)                */
/* ====================================================================== */

typedef struct py_exc_stack_item {
    py_obj *exc_value; /* strong; NULL or None: nothing handled here */
    struct py_exc_stack_item *previous_item;
} py_exc_stack_item;

/* ====================================================================== */
/* Generators                                                              */
/* ====================================================================== */

enum { PY_FRAME_CREATED = -2, PY_FRAME_SUSPENDED = -1, PY_FRAME_EXECUTING = 0, PY_FRAME_COMPLETED = 1,
       PY_FRAME_CLEARED = 4 };

typedef struct py_gen_object {
    RG_VAROBJECT_HEAD;
    py_obj *gi_code;
    rg_weakref *gi_weakreflist;
    py_obj *gi_name;
    py_obj *gi_qualname;
    py_exc_stack_item gi_exc_state;
    int8_t gi_frame_state;
    py_obj *gi_iframe[]; /* a py_frame */
} py_gen_object;

extern py_typeinfo py_gen_info;
/* A generator for the function running in frame (RETURN_GENERATOR): the
 * frame's data is moved into it. */
py_obj *py_gen_new_from_frame(py_frame *frame);
static inline py_frame *py_gen_frame(py_gen_object *g) { return (py_frame *)(void *)g->gi_iframe; }
static inline py_gen_object *py_frame_generator(py_frame *f)
{
    return (py_gen_object *)((char *)f - offsetof(py_gen_object, gi_iframe));
}
/* PyIter_Send: 0 PYGEN_RETURN (*result the return value), 1 PYGEN_NEXT
 * (*result yielded), -1 error. */
enum { PY_GEN_RETURN = 0, PY_GEN_NEXT = 1, PY_GEN_ERROR = -1 };
int py_iter_send(py_obj *iter, py_obj *arg, py_obj **result);
/* The object a suspended `yield from` delegates to (new ref) or NULL. */
py_obj *py_gen_yf(py_gen_object *gen);
/* StopIteration's value taken from the current exception: 0 (*value new
 * reference) or -1 (another exception is set). */
int py_gen_fetch_stop_iteration_value(py_obj **value);

/* ====================================================================== */
/* The VM's state (one interpreter at a time)                              */
/* ====================================================================== */

typedef struct py_data_chunk py_data_chunk;

typedef struct py_vm_state {
    py_frame *current_frame;        /* innermost running frame, or NULL */
    py_exc_stack_item *exc_info;    /* top of the exception-info stack */
    py_exc_stack_item exc_base;     /* the thread's own item */
    py_data_chunk *chunk;           /* current data-stack chunk */
    py_obj **datastack_top, **datastack_limit;
    py_obj **datastack_base;        /* the current chunk's first slot */
} py_vm_state;

extern py_vm_state py_vm;
extern volatile int py_vm_eval_breaker;

/* Push an uninitialized frame of `slots` slots on the data stack (NULL:
 * MemoryError set). */
static inline py_frame *py_frame_stack_push(int slots)
{
    py_obj **top = py_vm.datastack_top;
    if (RG_LIKELY(top != NULL && top + slots <= py_vm.datastack_limit)) {
        py_vm.datastack_top = top + slots;
        return (py_frame *)(void *)top;
    }
    return py_frame_stack_push_slow(slots);
}

/* Pop the top frame (its references already released). */
static inline void py_frame_stack_pop(py_frame *f)
{
    if (RG_LIKELY((py_obj **)(void *)f != py_vm.datastack_base)) {
        py_vm.datastack_top = (py_obj **)(void *)f;
        return;
    }
    py_frame_stack_pop_slow(f);
}

/* Fill a frame's header (3.11's _PyFrame_InitializeSpecials): func is
 * stolen, locals (may be NULL) referenced, the code referenced. */
static inline void py_frame_init_specials(py_frame *f, py_obj *func, py_obj *locals, int nlocalsplus)
{
    py_function_object *fn = (py_function_object *)func;
    f->f_func = func;
    f->f_code = (py_code_object *)py_new_ref(fn->func_code);
    f->f_builtins = fn->func_builtins;
    f->f_globals = fn->func_globals;
    f->f_locals = py_xnew_ref(locals);
    f->stacktop = nlocalsplus;
    f->frame_obj = NULL;
    f->prev_instr = py_code_units(f->f_code) - 1;
    f->is_entry = 0;
    f->owner = PY_FRAME_OWNED_BY_THREAD;
    f->previous = NULL;
}

/* Set interp->exc_info to the topmost exception being handled. */
void py_vm_sync_exc_info(void);

/* Run a frame (3.11's _PyEval_EvalFrameDefault): the frame becomes the
 * current one, its previous the caller's.  throwflag: start by raising
 * the current exception in it. */
py_obj *py_eval_frame(py_frame *frame, int throwflag);
/* 3.11's _PyEvalFramePushAndInit: a frame for func with arguments bound;
 * steals func and the argument references (also on failure); locals
 * (may be NULL) is borrowed. */
py_frame *py_eval_frame_push_and_init(py_obj *func, py_obj *locals, py_obj *const *args, size_t argcount,
                                      py_obj *kwnames);
/* Clear and pop a thread-owned frame (3.11's _PyEvalFrameClearAndPop). */
void py_eval_frame_clear_and_pop(py_frame *frame);
/* 3.11's _PyEval_Vector: call func with borrowed arguments. */
py_obj *py_eval_vector(py_obj *func, py_obj *locals, py_obj *const *args, size_t argcount, py_obj *kwnames);

/* The function's vectorcall (function.c uses it). */
py_obj *py_function_vectorcall(py_obj *func, py_obj *const *stack, size_t nargsf, py_obj *kwnames);

/* ceval_eg.c: except* (CHECK_EG_MATCH, PREP_RERAISE_STAR). */
int py_vm_check_except_star_type_valid(py_obj *right);
/* *match / *rest (new references; None when empty): 0, or -1 (both NULL). */
int py_vm_exception_group_match(py_obj *exc_value, py_obj *match_type, py_obj **match, py_obj **rest);
/* The exception to re-raise after a try/except* (orig: what was caught;
 * excs: a list of what the clauses raised or re-raised): new reference. */
py_obj *py_vm_prep_reraise_star(py_obj *orig, py_obj *excs);
/* ceval_spec.c: 3.11's quickening as far as it is observable (the
 * recursion units of specialized calls to C functions). */
#define PY_VM_QUICKENED 8
void py_vm_warmup(py_code_object *co);
void py_vm_spec_reset(void);
/* At a PRECALL of quickened code: make the call as 3.11's specialized
 * form would (*spp moved, the result pushed) and return 1 (2: the
 * following POP_TOP is skipped too, LIST_APPEND), -1 on error (exception
 * set, the stack as 3.11 leaves it), or 0: take the generic path. */
int py_vm_precall_specialized(const py_codeunit *instr, py_obj ***spp, int oparg, py_obj *kwnames);
/* ceval_spec.c's site table: direct-mapped by PRECALL address; kind 0 is
 * unset (the first call there specializes the site). */
typedef struct py_vm_site_entry {
    const py_codeunit *instr;
    int kind;
} py_vm_site_entry;
#define PY_VM_SITE_TABLE_SIZE 4096
#define PY_VM_SITE_GENERIC 1 /* ceval_spec.c's SITE_GENERIC */
extern py_vm_site_entry py_vm_sites[PY_VM_SITE_TABLE_SIZE];
/* The table slot of a PRECALL. */
static inline py_vm_site_entry *py_vm_site_slot(const py_codeunit *instr)
{
    return &py_vm_sites[((uintptr_t)instr >> 1) & (PY_VM_SITE_TABLE_SIZE - 1)];
}
/* Release ceval_ops.c's cached names; running: cache them from now on
 * (py_vm_init) or not (py_vm_fini). */
void py_vm_ops_reset(int running);

/* ceval_ops.c: helpers of the loop. */
/* ns[name] for a dict or mapping: new reference, NULL without exception
 * when absent. */
py_obj *py_vm_ns_lookup(py_obj *ns, py_obj *name);
/* globals, then builtins (3.11's _PyDict_LoadGlobal): same convention. */
py_obj *py_vm_load_global(py_obj *globals, py_obj *builtins, py_obj *name);
/* LOAD_GLOBAL's cache (ceval_ops.c): a direct-mapped table keyed by
 * instruction.  Every hit is verified: a globals hit re-reads the entry
 * (its key must still be the name, its value set); a builtins hit also
 * needs the globals keys unchanged since the name was found absent
 * (dk_version: the dict layer resets it to 0 on every insertion and
 * deletion of a key, as 3.11's; ceval_ops.c hands out fresh numbers, as
 * 3.11's _PyDictKeys_GetVersionForCurrentState). */
typedef struct py_vm_global_cache_entry {
    const py_codeunit *instr;
    py_dict_keys_object *gkeys, *bkeys;
    uint32_t gversion;
    int32_t index;
    int builtin;
} py_vm_global_cache_entry;

#define PY_VM_GLOBAL_CACHE_SIZE 2048
extern py_vm_global_cache_entry py_vm_global_cache[PY_VM_GLOBAL_CACHE_SIZE];

/* The cache slot of an instruction. */
static inline py_vm_global_cache_entry *py_vm_global_cache_slot(const py_codeunit *instr)
{
    return &py_vm_global_cache[((uintptr_t)instr >> 1) & (PY_VM_GLOBAL_CACHE_SIZE - 1)];
}

/* The unicode entries of a combined table, or NULL. */
static inline py_dict_unicode_entry *py_vm_unicode_entries(py_obj *d)
{
    py_dict_object *mp = (py_dict_object *)d;
    py_dict_keys_object *dk = mp->ma_keys;
    if (mp->ma_values != NULL || dk->dk_kind != PY_DICT_KEYS_UNICODE) return NULL;
    return (py_dict_unicode_entry *)(void *)((char *)dk->dk_indices + ((size_t)1 << dk->dk_log2_index_bytes));
}

/* d's value at entry ix if that entry's key is name (borrowed), else NULL. */
static inline py_obj *py_vm_global_entry_value(py_obj *d, int32_t ix, py_obj *name)
{
    py_dict_unicode_entry *e = py_vm_unicode_entries(d);
    if (e == NULL || ix < 0 || ix >= ((py_dict_object *)d)->ma_keys->dk_nentries) return NULL;
    return e[ix].me_key == name ? e[ix].me_value : NULL;
}

/* A verified cache hit of LOAD_GLOBAL at instr (borrowed), or NULL: the
 * loop's inline fast path; py_vm_load_global_cached does the rest. */
static inline py_obj *py_vm_load_global_hit(const py_codeunit *instr, py_obj *globals, py_obj *builtins,
                                            py_obj *name)
{
    if (!py_dict_check_exact(globals) || !py_dict_check_exact(builtins)) return NULL;
    py_vm_global_cache_entry *c = py_vm_global_cache_slot(instr);
    py_dict_object *g = (py_dict_object *)globals, *b = (py_dict_object *)builtins;
    if (c->instr != instr || g->ma_keys != c->gkeys) return NULL;
    if (!c->builtin) return py_vm_global_entry_value(globals, c->index, name);
    if (c->gversion != 0 && c->gkeys->dk_version == c->gversion && b->ma_keys == c->bkeys)
        return py_vm_global_entry_value(builtins, c->index, name);
    return NULL;
}

/* LOAD_GLOBAL with the per-instruction cache (instr: the instruction);
 * py_vm_global_cache_reset empties it (py_vm_init, py_vm_fini). */
py_obj *py_vm_load_global_cached(const py_codeunit *instr, py_obj *globals, py_obj *builtins, py_obj *name);
void py_vm_global_cache_reset(void);
/* BUILD_SET: a set of items[0..n) (stolen). */
py_obj *py_vm_build_set(py_obj **items, int n);
/* BUILD_MAP (keys NULL: items are key, value pairs) and
 * BUILD_CONST_KEY_MAP (keys a tuple, items the values); all stolen. */
py_obj *py_vm_build_map(py_obj **items, py_obj *keys, int n);
py_obj *py_vm_binary_op(int oparg, py_obj *lhs, py_obj *rhs);
int py_vm_unpack_iterable(py_obj *v, int argcnt, int argcntafter, py_obj **sp);
py_obj *py_vm_import_name(py_frame *frame, py_obj *name, py_obj *fromlist, py_obj *level);
py_obj *py_vm_import_from(py_obj *v, py_obj *name);
int py_vm_import_all_from(py_obj *locals, py_obj *v);
void py_vm_format_exc_check_arg(py_typeinfo *exc, const char *fmt, py_obj *name);
void py_vm_format_exc_unbound(py_code_object *co, int oparg);
int py_vm_do_raise(py_obj *exc, py_obj *cause);
py_obj *py_vm_format_value(py_obj *value, int which_conversion, py_obj *fmt_spec);
int py_vm_check_except_type_valid(py_obj *right);
/* CALL_FUNCTION_EX's call: func, callargs, kwargs (may be NULL) stolen. */
py_obj *py_vm_call_function_ex(py_obj *func, py_obj *callargs, py_obj *kwargs);
void py_vm_format_kwargs_error(py_obj *func, py_obj *kwargs);
int py_vm_check_args_iterable(py_obj *func, py_obj *vararg);
py_obj *py_vm_func_desc_name(py_obj *func);
int py_vm_print_expr(py_obj *value);
int py_vm_setup_annotations(py_frame *frame);
py_obj *py_vm_load_build_class(py_frame *frame);
int py_vm_handle_eval_breaker(void);

#endif
