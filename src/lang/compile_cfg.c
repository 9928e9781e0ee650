/*
 * compile_cfg.c -- from a unit's control flow graph to a code object
 * (CPython 3.11's assemble() and its passes): exit-block extension, the
 * MAKE_CELL / COPY_FREE_VARS / RETURN_GENERATOR prologue and cell offsets,
 * optimize_cfg (constant conditions, tuple folding, SWAP optimization,
 * jump threading, unreachable code, redundant jumps), duplication of
 * exits without line numbers, trailing constants trimmed, line number
 * propagation, stack depth, the exception table from SETUP_ and
 * POP_BLOCK pseudo instructions, NOP removal, jump direction and offsets
 * (EXTENDED_ARG until stable), CACHE units, the location table and
 * makecode.
 *
 * Block order is fixed by b_next (3.11 does not move cold blocks).
 */
#include "lang/compile.h"

#include <limits.h>
#include <string.h>

#include "os/os.h"

#define TRY(x)                                                                                                 \
    do {                                                                                                       \
        if ((x) < 0) return -1;                                                                                \
    } while (0)

/* ====================================================================== */
/* Instruction properties                                                  */
/* ====================================================================== */

static int is_virtual_jump(int op) { return op <= PYC_JUMP && op >= PYC_POP_JUMP_IF_NOT_NONE; }
/* Is the instruction a jump (pseudo or real)? */
static int is_jump(const pyc_instr *i) { return is_virtual_jump(i->opcode) || (i->opcode >= 0 && py_op_is_jump(i->opcode)); }
/* Is it a SETUP_* pseudo instruction? */
static int is_block_push(const pyc_instr *i)
{
    return i->opcode == PYC_SETUP_FINALLY || i->opcode == PYC_SETUP_WITH || i->opcode == PYC_SETUP_CLEANUP;
}
/* Does the opcode take an argument? */
static int has_arg(int op) { return op >= PY_HAVE_ARGUMENT; }

/* Units an instruction takes: EXTENDED_ARGs, itself, its caches. */
static int instr_size(const pyc_instr *i)
{
    int oparg = has_arg(i->opcode) ? i->oparg : 0;
    int ext = (0xFFFFFF < oparg) + (0xFFFF < oparg) + (0xFF < oparg);
    return ext + 1 + PY_CACHE_ENTRIES(i->opcode);
}

/* The stack effect of an instruction (3.11's stack_effect); see compile.h. */
int pyc_stack_effect(int opcode, int oparg, int jump)
{
    switch (opcode) {
    case OP_NOP: case OP_EXTENDED_ARG: case OP_RESUME: case OP_CACHE: return 0;
    case OP_POP_TOP: return -1;
    case OP_SWAP: return 0;
    case OP_UNARY_POSITIVE: case OP_UNARY_NEGATIVE: case OP_UNARY_NOT: case OP_UNARY_INVERT: return 0;
    case OP_SET_ADD: case OP_LIST_APPEND: return -1;
    case OP_MAP_ADD: return -2;
    case OP_BINARY_SUBSCR: return -1;
    case OP_STORE_SUBSCR: return -3;
    case OP_DELETE_SUBSCR: return -2;
    case OP_GET_ITER: return 0;
    case OP_PRINT_EXPR: return -1;
    case OP_LOAD_BUILD_CLASS: return 1;
    case OP_RETURN_VALUE: return -1;
    case OP_IMPORT_STAR: return -1;
    case OP_SETUP_ANNOTATIONS: return 0;
    case OP_ASYNC_GEN_WRAP: case OP_YIELD_VALUE: return 0;
    case PYC_POP_BLOCK: return 0;
    case OP_POP_EXCEPT: return -1;
    case OP_STORE_NAME: return -1;
    case OP_DELETE_NAME: return 0;
    case OP_UNPACK_SEQUENCE: return oparg - 1;
    case OP_UNPACK_EX: return (oparg & 0xFF) + (oparg >> 8);
    case OP_FOR_ITER: return jump > 0 ? -1 : 1;
    case OP_SEND: return jump > 0 ? -1 : 0;
    case OP_STORE_ATTR: return -2;
    case OP_DELETE_ATTR: return -1;
    case OP_STORE_GLOBAL: return -1;
    case OP_DELETE_GLOBAL: return 0;
    case OP_LOAD_CONST: return 1;
    case OP_LOAD_NAME: return 1;
    case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING: return 1 - oparg;
    case OP_BUILD_MAP: return 1 - 2 * oparg;
    case OP_BUILD_CONST_KEY_MAP: return -oparg;
    case OP_LOAD_ATTR: return 0;
    case OP_COMPARE_OP: case OP_IS_OP: case OP_CONTAINS_OP: return -1;
    case OP_CHECK_EXC_MATCH: case OP_CHECK_EG_MATCH: return 0;
    case OP_IMPORT_NAME: return -1;
    case OP_IMPORT_FROM: return 1;
    case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD: case PYC_JUMP: case OP_JUMP_BACKWARD_NO_INTERRUPT:
    case PYC_JUMP_NO_INTERRUPT: return 0;
    case OP_JUMP_IF_TRUE_OR_POP: case OP_JUMP_IF_FALSE_OR_POP: return jump ? 0 : -1;
    case OP_POP_JUMP_BACKWARD_IF_NONE: case OP_POP_JUMP_FORWARD_IF_NONE: case PYC_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_BACKWARD_IF_NOT_NONE: case OP_POP_JUMP_FORWARD_IF_NOT_NONE: case PYC_POP_JUMP_IF_NOT_NONE:
    case OP_POP_JUMP_FORWARD_IF_FALSE: case OP_POP_JUMP_BACKWARD_IF_FALSE: case PYC_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_FORWARD_IF_TRUE: case OP_POP_JUMP_BACKWARD_IF_TRUE: case PYC_POP_JUMP_IF_TRUE: return -1;
    case OP_LOAD_GLOBAL: return (oparg & 1) + 1;
    case PYC_SETUP_FINALLY: return jump ? 1 : 0;
    case PYC_SETUP_CLEANUP: return jump ? 2 : 0;
    case PYC_SETUP_WITH: return jump ? 1 : 0;
    case OP_PREP_RERAISE_STAR: return -1;
    case OP_RERAISE: return -1;
    case OP_PUSH_EXC_INFO: return 1;
    case OP_WITH_EXCEPT_START: return 1;
    case OP_LOAD_FAST: return 1;
    case OP_STORE_FAST: return -1;
    case OP_DELETE_FAST: return 0;
    case OP_RETURN_GENERATOR: return 0;
    case OP_RAISE_VARARGS: return -oparg;
    case OP_PRECALL: return -oparg;
    case OP_KW_NAMES: return 0;
    case OP_CALL: return -1;
    case OP_CALL_FUNCTION_EX: return -2 - ((oparg & 0x01) != 0);
    case OP_MAKE_FUNCTION:
        return 0 - ((oparg & 0x01) != 0) - ((oparg & 0x02) != 0) - ((oparg & 0x04) != 0) - ((oparg & 0x08) != 0);
    case OP_BUILD_SLICE: return oparg == 3 ? -2 : -1;
    case OP_MAKE_CELL: case OP_COPY_FREE_VARS: return 0;
    case OP_LOAD_CLOSURE: return 1;
    case OP_LOAD_DEREF: case OP_LOAD_CLASSDEREF: return 1;
    case OP_STORE_DEREF: return -1;
    case OP_DELETE_DEREF: return 0;
    case OP_GET_AWAITABLE: return 0;
    case OP_BEFORE_ASYNC_WITH: case OP_BEFORE_WITH: return 1;
    case OP_GET_AITER: return 0;
    case OP_GET_ANEXT: return 1;
    case OP_GET_YIELD_FROM_ITER: return 0;
    case OP_END_ASYNC_FOR: return -2;
    case OP_FORMAT_VALUE: return (oparg & 0x4) ? -1 : 0;
    case OP_LOAD_METHOD: return 1;
    case OP_LOAD_ASSERTION_ERROR: return 1;
    case OP_LIST_TO_TUPLE: return 0;
    case OP_LIST_EXTEND: case OP_SET_UPDATE: case OP_DICT_MERGE: case OP_DICT_UPDATE: return -1;
    case OP_MATCH_CLASS: return -2;
    case OP_GET_LEN: case OP_MATCH_MAPPING: case OP_MATCH_SEQUENCE: case OP_MATCH_KEYS: return 1;
    case OP_COPY: case OP_PUSH_NULL: return 1;
    case OP_BINARY_OP: return -1;
    default: return -1000;
    }
}

/* ====================================================================== */
/* Blocks                                                                  */
/* ====================================================================== */

static pyc_block *copy_block(pyc_compiler *c, pyc_block *block)
{
    pyc_block *r = pyc_new_block(c);
    if (r == NULL) return NULL;
    for (int i = 0; i < block->iused; i++) {
        int n = pyc_next_instr(r);
        if (n < 0) return NULL;
        r->instr[n] = block->instr[i];
    }
    r->exit = block->exit;
    r->nofallthrough = 1;
    return r;
}

/* Insert instr at pos in b. */
static int insert_instruction(pyc_block *b, int pos, const pyc_instr *instr)
{
    TRY(pyc_next_instr(b));
    for (int i = b->iused - 1; i > pos; i--) b->instr[i] = b->instr[i - 1];
    b->instr[pos] = *instr;
    return 0;
}

/* Mark exits and blocks without fall-through; skip empty jump targets. */
static int normalize_basic_block(pyc_block *bb)
{
    for (int i = 0; i < bb->iused; i++) {
        switch (bb->instr[i].opcode) {
        case OP_RETURN_VALUE:
        case OP_RAISE_VARARGS:
        case OP_RERAISE:
            bb->exit = 1;
            bb->nofallthrough = 1;
            break;
        case PYC_JUMP:
        case PYC_JUMP_NO_INTERRUPT:
            bb->nofallthrough = 1;
            /* fall through */
        case PYC_POP_JUMP_IF_NOT_NONE:
        case PYC_POP_JUMP_IF_NONE:
        case PYC_POP_JUMP_IF_FALSE:
        case PYC_POP_JUMP_IF_TRUE:
        case OP_JUMP_IF_FALSE_OR_POP:
        case OP_JUMP_IF_TRUE_OR_POP:
        case OP_FOR_ITER:
            if (i != bb->iused - 1) {
                py_err_set_string(py_exc_SystemError, "malformed control flow graph.");
                return -1;
            }
            while (bb->instr[i].target->iused == 0) bb->instr[i].target = bb->instr[i].target->next;
            break;
        default:
            break;
        }
    }
    return 0;
}

/* Does any instruction of b have a line number? */
static int block_has_lineno(const pyc_block *b)
{
    for (int i = 0; i < b->iused; i++)
        if (b->instr[i].lineno > 0) return 1;
    return 0;
}

/* A block ending with a jump to a small exit block without line numbers
 * gets a copy of it instead (extend_block). */
static int extend_block(pyc_block *bb)
{
    if (bb->iused == 0) return 0;
    pyc_instr *last = &bb->instr[bb->iused - 1];
    if (last->opcode != PYC_JUMP && last->opcode != OP_JUMP_FORWARD && last->opcode != OP_JUMP_BACKWARD) return 0;
    pyc_block *to_copy = last->target;
    if (to_copy->exit && to_copy->iused <= 4) {
        if (block_has_lineno(to_copy)) return 0;
        last->opcode = OP_NOP;
        for (int i = 0; i < to_copy->iused; i++) {
            int idx = pyc_next_instr(bb);
            if (idx < 0) return -1;
            bb->instr[idx] = to_copy->instr[i];
        }
        bb->exit = 1;
    }
    return 0;
}

/* Remove NOPs that carry no needed line number (clean_basic_block). */
static void clean_basic_block(pyc_block *bb)
{
    int dest = 0, prev_lineno = -1;
    for (int src = 0; src < bb->iused; src++) {
        int lineno = bb->instr[src].lineno;
        if (bb->instr[src].opcode == OP_NOP) {
            if (lineno < 0) continue;
            if (prev_lineno == lineno) continue;
            if (src < bb->iused - 1) {
                int next_lineno = bb->instr[src + 1].lineno;
                if (next_lineno == lineno) continue;
                if (next_lineno < 0) {
                    pyc_instr *n = &bb->instr[src + 1];
                    n->lineno = bb->instr[src].lineno;
                    n->end_lineno = bb->instr[src].end_lineno;
                    n->col = bb->instr[src].col;
                    n->end_col = bb->instr[src].end_col;
                    continue;
                }
            } else {
                pyc_block *next = bb->next;
                while (next && next->iused == 0) next = next->next;
                if (next && lineno == next->instr[0].lineno) continue;
            }
        }
        if (dest != src) bb->instr[dest] = bb->instr[src];
        dest++;
        prev_lineno = lineno;
    }
    bb->iused = dest;
}

/* Copy an instruction's location to another. */
static void copy_loc(const pyc_instr *from, pyc_instr *to)
{
    to->lineno = from->lineno;
    to->end_lineno = from->end_lineno;
    to->col = from->col;
    to->end_col = from->end_col;
}

/* ====================================================================== */
/* Cells and the prologue                                                  */
/* ====================================================================== */

static int compute_code_flags(pyc_compiler *c)
{
    py_ste *ste = c->u->ste;
    int flags = 0;
    if (ste->type == PY_BLOCK_FUNCTION) {
        flags |= PY_CO_NEWLOCALS | PY_CO_OPTIMIZED;
        if (ste->nested) flags |= PY_CO_NESTED;
        if (ste->generator && !ste->coroutine) flags |= PY_CO_GENERATOR;
        if (!ste->generator && ste->coroutine) flags |= PY_CO_COROUTINE;
        if (ste->generator && ste->coroutine) flags |= PY_CO_ASYNC_GENERATOR;
        if (ste->varargs) flags |= PY_CO_VARARGS;
        if (ste->varkeywords) flags |= PY_CO_VARKEYWORDS;
    }
    return flags | c->future_features;
}

/* Where each cell and free variable lands in localsplus (cells of arguments share the argument's slot). */
static int *build_cellfixedoffsets(pyc_unit *u)
{
    int nlocals = u->varnames.n, ncells = u->cellvars.n, nfree = u->freevars.n;
    int *fixed = rg_os_malloc(sizeof(int) * (size_t)(ncells + nfree + 1));
    if (fixed == NULL) {
        py_err_no_memory();
        return NULL;
    }
    for (int i = 0; i < ncells + nfree; i++) fixed[i] = nlocals + i;
    for (int i = 0; i < ncells; i++) {
        int v = pyc_names_find(&u->varnames, u->cellvars.items[i]);
        if (v >= 0) fixed[i] = v;
    }
    return fixed;
}

/* RETURN_GENERATOR/POP_TOP, MAKE_CELLs and COPY_FREE_VARS before the code. */
static int insert_prefix_instructions(pyc_compiler *c, pyc_block *entry, int *fixed, int nfreevars)
{
    int flags = compute_code_flags(c);
    pyc_unit *u = c->u;
    if (flags & (PY_CO_GENERATOR | PY_CO_COROUTINE | PY_CO_ASYNC_GENERATOR)) {
        pyc_instr make_gen = {OP_RETURN_GENERATOR, 0, NULL, NULL, u->firstlineno, u->firstlineno, -1, -1};
        TRY(insert_instruction(entry, 0, &make_gen));
        pyc_instr pop_top = {OP_POP_TOP, 0, NULL, NULL, -1, -1, -1, -1};
        TRY(insert_instruction(entry, 1, &pop_top));
    }
    int ncells = u->cellvars.n;
    if (ncells) {
        int nvars = ncells + u->varnames.n;
        int *sorted = rg_os_calloc((size_t)nvars, sizeof(int));
        if (sorted == NULL) {
            py_err_no_memory();
            return -1;
        }
        for (int i = 0; i < ncells; i++) sorted[fixed[i]] = i + 1;
        for (int i = 0, used = 0; used < ncells; i++) {
            int oldindex = sorted[i] - 1;
            if (oldindex == -1) continue;
            pyc_instr make_cell = {OP_MAKE_CELL, oldindex, NULL, NULL, -1, -1, -1, -1};
            if (insert_instruction(entry, used, &make_cell) < 0) {
                rg_os_free(sorted);
                return -1;
            }
            used++;
        }
        rg_os_free(sorted);
    }
    if (nfreevars) {
        pyc_instr copy_frees = {OP_COPY_FREE_VARS, nfreevars, NULL, NULL, -1, -1, -1, -1};
        TRY(insert_instruction(entry, 0, &copy_frees));
    }
    return 0;
}

/* Rewrite cell opargs to localsplus indices; the number of cells that are arguments. */
static int fix_cell_offsets(pyc_unit *u, pyc_block *entry, int *fixedmap)
{
    int nlocals = u->varnames.n, noffsets = u->cellvars.n + u->freevars.n, numdropped = 0;
    for (int i = 0; i < noffsets; i++) {
        if (fixedmap[i] == i + nlocals) fixedmap[i] -= numdropped;
        else numdropped++;
    }
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++) {
            pyc_instr *inst = &b->instr[i];
            switch (inst->opcode) {
            case OP_MAKE_CELL:
            case OP_LOAD_CLOSURE:
            case OP_LOAD_DEREF:
            case OP_STORE_DEREF:
            case OP_DELETE_DEREF:
            case OP_LOAD_CLASSDEREF: inst->oparg = fixedmap[inst->oparg]; break;
            default: break;
            }
        }
    }
    return numdropped;
}

/* ====================================================================== */
/* optimize_cfg                                                            */
/* ====================================================================== */

typedef struct {
    py_obj **items; /* borrowed (the cache owns them) */
    int n, cap;
} constlist;

/* Append a constant (borrowed). */
static int constlist_append(constlist *l, py_obj *o)
{
    if (l->n == l->cap) {
        int n = l->cap ? l->cap * 2 : 16;
        py_obj **p = rg_os_realloc(l->items, (size_t)n * sizeof(py_obj *));
        if (p == NULL) {
            py_err_no_memory();
            return -1;
        }
        l->items = p;
        l->cap = n;
    }
    l->items[l->n++] = o;
    return 0;
}

/* LOAD_CONST c1 ... LOAD_CONST cn BUILD_TUPLE n -> LOAD_CONST (c1..cn). */
static int fold_tuple_on_constants(pyc_compiler *c, pyc_instr *inst, int n, constlist *consts)
{
    for (int i = 0; i < n; i++)
        if (inst[i].opcode != OP_LOAD_CONST) return 0;
    py_obj *t = py_tuple_new(n);
    if (t == NULL) return -1;
    for (int i = 0; i < n; i++) py_tuple_set(t, i, py_new_ref(consts->items[inst[i].oparg]));
    py_obj *k = pyc_merge_const(c, t);
    rg_decref(t);
    if (k == NULL) return -1;
    int index;
    for (index = 0; index < consts->n; index++)
        if (consts->items[index] == k) break;
    if (index == consts->n) TRY(constlist_append(consts, k));
    for (int i = 0; i < n; i++) inst[i].opcode = OP_NOP;
    inst[n].opcode = OP_LOAD_CONST;
    inst[n].oparg = index;
    return 0;
}

#define VISITED (-1)

/* Replace a run of SWAPs and NOPs by an optimal one (swaptimize). */
static int swaptimize(pyc_block *block, int *ix)
{
    pyc_instr *instructions = &block->instr[*ix];
    int depth = instructions[0].oparg, len = 0, more = 0, limit = block->iused - *ix;
    while (++len < limit) {
        int opcode = instructions[len].opcode;
        if (opcode == OP_SWAP) {
            if (instructions[len].oparg > depth) depth = instructions[len].oparg;
            more = 1;
        } else if (opcode != OP_NOP) {
            break;
        }
    }
    if (!more) return 0;
    int *stack = rg_os_malloc(sizeof(int) * (size_t)depth);
    if (stack == NULL) {
        py_err_no_memory();
        return -1;
    }
    for (int i = 0; i < depth; i++) stack[i] = i;
    for (int i = 0; i < len; i++) {
        if (instructions[i].opcode == OP_SWAP) {
            int oparg = instructions[i].oparg, top = stack[0];
            stack[0] = stack[oparg - 1];
            stack[oparg - 1] = top;
        }
    }
    int current = len - 1;
    for (int i = 0; i < depth; i++) {
        if (stack[i] == VISITED || stack[i] == i) continue;
        int j = i;
        for (;;) {
            if (j) {
                instructions[current].opcode = OP_SWAP;
                instructions[current--].oparg = j + 1;
            }
            if (stack[j] == VISITED) break;
            int next_j = stack[j];
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while (0 <= current) instructions[current--].opcode = OP_NOP;
    rg_os_free(stack);
    *ix += len - 1;
    return 0;
}

#define SWAPPABLE(op) ((op) == OP_STORE_FAST || (op) == OP_POP_TOP)
#define STORES_TO(instr) (((instr).opcode == OP_STORE_FAST) ? (instr).oparg : -1)

/* The next STORE_FAST or POP_TOP on the same line, -1 if none. */
static int next_swappable_instruction(pyc_block *block, int i, int lineno)
{
    while (++i < block->iused) {
        pyc_instr *instruction = &block->instr[i];
        if (0 <= lineno && instruction->lineno != lineno) return -1;
        if (instruction->opcode == OP_NOP) continue;
        if (SWAPPABLE(instruction->opcode)) return i;
        return -1;
    }
    return -1;
}

/* Turn SWAPs before stores/pops into reordered stores/pops (3.11). */
static void apply_static_swaps(pyc_block *block, int i)
{
    for (; 0 <= i; i--) {
        pyc_instr *swap = &block->instr[i];
        if (swap->opcode != OP_SWAP) {
            if (swap->opcode == OP_NOP || SWAPPABLE(swap->opcode)) continue;
            return;
        }
        int j = next_swappable_instruction(block, i, -1);
        if (j < 0) return;
        int k = j, lineno = block->instr[j].lineno;
        for (int count = swap->oparg - 1; 0 < count; count--) {
            k = next_swappable_instruction(block, k, lineno);
            if (k < 0) return;
        }
        int store_j = STORES_TO(block->instr[j]), store_k = STORES_TO(block->instr[k]);
        if (store_j >= 0 || store_k >= 0) {
            if (store_j == store_k) return;
            for (int idx = j + 1; idx < k; idx++) {
                int store_idx = STORES_TO(block->instr[idx]);
                if (store_idx >= 0 && (store_idx == store_j || store_idx == store_k)) return;
            }
        }
        swap->opcode = OP_NOP;
        pyc_instr temp = block->instr[j];
        block->instr[j] = block->instr[k];
        block->instr[k] = temp;
    }
}

/* Retarget a jump to a jump's target: 1 if done. */
static int jump_thread(pyc_instr *inst, pyc_instr *target, int opcode)
{
    if (inst->lineno == target->lineno && inst->target != target->target) {
        inst->target = target->target;
        inst->opcode = opcode;
        return 1;
    }
    return 0;
}

/* The peephole optimizations of one block (3.11's optimize_basic_block). */
static int optimize_basic_block(pyc_compiler *c, pyc_block *bb, constlist *consts)
{
    pyc_instr nop;
    memset(&nop, 0, sizeof nop);
    nop.opcode = OP_NOP;
    for (int i = 0; i < bb->iused; i++) {
        pyc_instr *inst = &bb->instr[i], *target;
        int oparg = inst->oparg;
        int nextop = i + 1 < bb->iused ? bb->instr[i + 1].opcode : 0;
        if (is_jump(inst) || is_block_push(inst)) {
            while (inst->target->iused == 0) inst->target = inst->target->next;
            target = &inst->target->instr[0];
        } else {
            target = &nop;
        }
        switch (inst->opcode) {
        case OP_LOAD_CONST: {
            py_obj *cnt = consts->items[oparg];
            int is_true, jump_if_true;
            switch (nextop) {
            case PYC_POP_JUMP_IF_FALSE:
            case PYC_POP_JUMP_IF_TRUE:
                is_true = py_object_is_true(cnt);
                if (is_true < 0) return -1;
                inst->opcode = OP_NOP;
                jump_if_true = nextop == PYC_POP_JUMP_IF_TRUE;
                if (is_true == jump_if_true) {
                    bb->instr[i + 1].opcode = PYC_JUMP;
                    bb->nofallthrough = 1;
                } else {
                    bb->instr[i + 1].opcode = OP_NOP;
                }
                break;
            case OP_JUMP_IF_FALSE_OR_POP:
            case OP_JUMP_IF_TRUE_OR_POP:
                is_true = py_object_is_true(cnt);
                if (is_true < 0) return -1;
                jump_if_true = nextop == OP_JUMP_IF_TRUE_OR_POP;
                if (is_true == jump_if_true) {
                    bb->instr[i + 1].opcode = PYC_JUMP;
                    bb->nofallthrough = 1;
                } else {
                    inst->opcode = OP_NOP;
                    bb->instr[i + 1].opcode = OP_NOP;
                }
                break;
            case OP_IS_OP: {
                int jump_op = i + 2 < bb->iused ? bb->instr[i + 2].opcode : 0;
                if (cnt == py_none && (jump_op == PYC_POP_JUMP_IF_FALSE || jump_op == PYC_POP_JUMP_IF_TRUE)) {
                    unsigned char nextarg = (unsigned char)bb->instr[i + 1].oparg;
                    inst->opcode = OP_NOP;
                    bb->instr[i + 1].opcode = OP_NOP;
                    bb->instr[i + 2].opcode =
                        (nextarg ^ (jump_op == PYC_POP_JUMP_IF_FALSE)) ? PYC_POP_JUMP_IF_NOT_NONE : PYC_POP_JUMP_IF_NONE;
                }
                break;
            }
            default: break;
            }
            break;
        }
        case OP_BUILD_TUPLE:
            if (nextop == OP_UNPACK_SEQUENCE && oparg == bb->instr[i + 1].oparg) {
                if (oparg == 1) {
                    inst->opcode = OP_NOP;
                    bb->instr[i + 1].opcode = OP_NOP;
                    continue;
                }
                if (oparg == 2 || oparg == 3) {
                    inst->opcode = OP_NOP;
                    bb->instr[i + 1].opcode = OP_SWAP;
                    continue;
                }
            }
            if (i >= oparg) TRY(fold_tuple_on_constants(c, inst - oparg, oparg, consts));
            break;
        case OP_JUMP_IF_FALSE_OR_POP:
            switch (target->opcode) {
            case PYC_POP_JUMP_IF_FALSE: i -= jump_thread(inst, target, PYC_POP_JUMP_IF_FALSE); break;
            case PYC_JUMP:
            case OP_JUMP_IF_FALSE_OR_POP: i -= jump_thread(inst, target, OP_JUMP_IF_FALSE_OR_POP); break;
            case OP_JUMP_IF_TRUE_OR_POP:
            case PYC_POP_JUMP_IF_TRUE:
                if (inst->lineno == target->lineno) {
                    inst->opcode = PYC_POP_JUMP_IF_FALSE;
                    inst->target = inst->target->next;
                    --i;
                }
                break;
            default: break;
            }
            break;
        case OP_JUMP_IF_TRUE_OR_POP:
            switch (target->opcode) {
            case PYC_POP_JUMP_IF_TRUE: i -= jump_thread(inst, target, PYC_POP_JUMP_IF_TRUE); break;
            case PYC_JUMP:
            case OP_JUMP_IF_TRUE_OR_POP: i -= jump_thread(inst, target, OP_JUMP_IF_TRUE_OR_POP); break;
            case OP_JUMP_IF_FALSE_OR_POP:
            case PYC_POP_JUMP_IF_FALSE:
                if (inst->lineno == target->lineno) {
                    inst->opcode = PYC_POP_JUMP_IF_TRUE;
                    inst->target = inst->target->next;
                    --i;
                }
                break;
            default: break;
            }
            break;
        case PYC_POP_JUMP_IF_NOT_NONE:
        case PYC_POP_JUMP_IF_NONE:
        case PYC_POP_JUMP_IF_FALSE:
        case PYC_POP_JUMP_IF_TRUE:
        case PYC_JUMP:
            if (target->opcode == PYC_JUMP) i -= jump_thread(inst, target, inst->opcode);
            break;
        case OP_SWAP:
            if (oparg == 1) {
                inst->opcode = OP_NOP;
                break;
            }
            TRY(swaptimize(bb, &i));
            apply_static_swaps(bb, i);
            break;
        case OP_PUSH_NULL:
            if (nextop == OP_LOAD_GLOBAL && (inst[1].opcode & 1) == 0) {
                inst->opcode = OP_NOP;
                inst->oparg = 0;
                inst[1].oparg |= 1;
            }
            break;
        default: break;
        }
    }
    return 0;
}

/* Count every block's predecessors from the entry. */
static int mark_reachable(pyc_block *entry, int nblocks)
{
    pyc_block **stack = rg_os_malloc(sizeof(pyc_block *) * (size_t)(nblocks + 1)), **sp = stack;
    if (stack == NULL) {
        py_err_no_memory();
        return -1;
    }
    entry->predecessors = 1;
    *sp++ = entry;
    while (sp > stack) {
        pyc_block *b = *(--sp);
        if (b->next && !b->nofallthrough) {
            if (b->next->predecessors == 0) *sp++ = b->next;
            b->next->predecessors++;
        }
        for (int i = 0; i < b->iused; i++) {
            pyc_instr *instr = &b->instr[i];
            if (is_jump(instr) || is_block_push(instr)) {
                pyc_block *target = instr->target;
                if (target->predecessors == 0) *sp++ = target;
                target->predecessors++;
            }
        }
    }
    rg_os_free(stack);
    return 0;
}

/* Skip empty blocks in the fall-through chain and in jump targets. */
static void eliminate_empty_basic_blocks(pyc_block *entry)
{
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        pyc_block *next = b->next;
        if (next) {
            while (next->iused == 0 && next->next) next = next->next;
            b->next = next;
        }
    }
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        if (b->iused == 0) continue;
        if (is_jump(&b->instr[b->iused - 1])) {
            pyc_block *target = b->instr[b->iused - 1].target;
            while (target->iused == 0) target = target->next;
            b->instr[b->iused - 1].target = target;
        }
    }
}

/* Optimize blocks, drop unreachable code and redundant jumps (3.11's optimize_cfg). */
static int optimize_cfg(pyc_compiler *c, pyc_block *entry, int nblocks, constlist *consts)
{
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        TRY(optimize_basic_block(c, b, consts));
        clean_basic_block(b);
    }
    for (pyc_block *b = c->u->blocks; b != NULL; b = b->list) TRY(extend_block(b));
    TRY(mark_reachable(entry, nblocks));
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        if (b->predecessors == 0) {
            b->iused = 0;
            b->nofallthrough = 0;
        }
    }
    eliminate_empty_basic_blocks(entry);
    for (pyc_block *b = entry; b != NULL; b = b->next) clean_basic_block(b);
    int maybe_empty = 0;
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        if (b->iused > 0) {
            pyc_instr *last = &b->instr[b->iused - 1];
            if ((last->opcode == PYC_JUMP || last->opcode == PYC_JUMP_NO_INTERRUPT) && last->target == b->next) {
                b->nofallthrough = 0;
                last->opcode = OP_NOP;
                maybe_empty = 1;
            }
        }
    }
    if (maybe_empty) eliminate_empty_basic_blocks(entry);
    return 0;
}

/* Drop constants after the last one used. */
static void trim_unused_consts(pyc_block *entry, constlist *consts)
{
    int max_const_index = 0;
    for (pyc_block *b = entry; b != NULL; b = b->next)
        for (int i = 0; i < b->iused; i++)
            if ((b->instr[i].opcode == OP_LOAD_CONST || b->instr[i].opcode == OP_KW_NAMES) &&
                b->instr[i].oparg > max_const_index)
                max_const_index = b->instr[i].oparg;
    if (max_const_index + 1 < consts->n) consts->n = max_const_index + 1;
}

/* An exit block whose instructions have no line number? */
static int is_exit_without_lineno(pyc_block *b)
{
    if (!b->exit) return 0;
    for (int i = 0; i < b->iused; i++)
        if (b->instr[i].lineno >= 0) return 0;
    return 1;
}

/* Give each jump its own copy of a shared exit block without line numbers. */
static int duplicate_exits_without_lineno(pyc_compiler *c)
{
    for (pyc_block *b = c->u->blocks; b != NULL; b = b->list) {
        if (b->iused > 0 && is_jump(&b->instr[b->iused - 1])) {
            pyc_block *target = b->instr[b->iused - 1].target;
            if (is_exit_without_lineno(target) && target->predecessors > 1) {
                pyc_block *nt = copy_block(c, target);
                if (nt == NULL) return -1;
                copy_loc(&b->instr[b->iused - 1], &nt->instr[0]);
                b->instr[b->iused - 1].target = nt;
                target->predecessors--;
                nt->predecessors = 1;
                nt->next = target->next;
                target->next = nt;
            }
        }
    }
    for (pyc_block *b = c->u->blocks; b != NULL; b = b->list)
        while (b->next && b->next->iused == 0) b->next = b->next->next;
    for (pyc_block *b = c->u->blocks; b != NULL; b = b->list)
        if (!b->nofallthrough && b->next && b->iused > 0 && is_exit_without_lineno(b->next))
            copy_loc(&b->instr[b->iused - 1], &b->next->instr[0]);
    return 0;
}

/* Artificial instructions take the location before them (3.11). */
static void propagate_line_numbers(pyc_block *entry)
{
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        if (b->iused == 0) continue;
        pyc_instr prev;
        memset(&prev, 0, sizeof prev);
        prev.lineno = prev.end_lineno = prev.col = prev.end_col = -1;
        for (int i = 0; i < b->iused; i++) {
            if (b->instr[i].lineno < 0) copy_loc(&prev, &b->instr[i]);
            else copy_loc(&b->instr[i], &prev);
        }
        if (!b->nofallthrough && b->next->predecessors == 1) {
            if (b->next->instr[0].lineno < 0) copy_loc(&prev, &b->next->instr[0]);
        }
        if (is_jump(&b->instr[b->iused - 1])) {
            pyc_block *target = b->instr[b->iused - 1].target;
            if (target->predecessors == 1 && target->instr[0].lineno < 0) copy_loc(&prev, &target->instr[0]);
        }
    }
}

/* Returns without a line get the last line seen. */
static void guarantee_lineno_for_exits(pyc_block *entry, int firstlineno)
{
    int lineno = firstlineno;
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        if (b->iused == 0) continue;
        pyc_instr *last = &b->instr[b->iused - 1];
        if (last->lineno < 0) {
            if (last->opcode == OP_RETURN_VALUE)
                for (int i = 0; i < b->iused; i++) b->instr[i].lineno = lineno;
        } else {
            lineno = last->lineno;
        }
    }
}

/* ====================================================================== */
/* Stack depth and exception handlers                                      */
/* ====================================================================== */

static void stackdepth_push(pyc_block ***sp, pyc_block *b, int depth)
{
    if (b->startdepth < depth && b->startdepth < 100) {
        b->startdepth = depth;
        *(*sp)++ = b;
    }
}

/* The maximum stack depth over every path. */
static int stackdepth(pyc_compiler *c)
{
    pyc_block *entry = NULL;
    int nblocks = 0, maxdepth = 0;
    for (pyc_block *b = c->u->blocks; b != NULL; b = b->list) {
        b->startdepth = INT_MIN;
        entry = b;
        nblocks++;
    }
    pyc_block **stack = rg_os_malloc(sizeof(pyc_block *) * (size_t)nblocks), **sp = stack;
    if (stack == NULL) {
        py_err_no_memory();
        return -1;
    }
    stackdepth_push(&sp, entry, (c->u->ste->generator || c->u->ste->coroutine) ? 1 : 0);
    while (sp != stack) {
        pyc_block *b = *--sp;
        int depth = b->startdepth;
        pyc_block *next = b->next;
        for (int i = 0; i < b->iused; i++) {
            pyc_instr *instr = &b->instr[i];
            int effect = pyc_stack_effect(instr->opcode, instr->oparg, 0);
            if (effect == -1000) {
                rg_os_free(stack);
                py_err_format(py_exc_SystemError, "compiler stack_effect(opcode=%d, arg=%d) failed", instr->opcode,
                              instr->oparg);
                return -1;
            }
            int new_depth = depth + effect;
            if (new_depth > maxdepth) maxdepth = new_depth;
            if (is_jump(instr) || is_block_push(instr)) {
                int target_depth = depth + pyc_stack_effect(instr->opcode, instr->oparg, 1);
                if (target_depth > maxdepth) maxdepth = target_depth;
                stackdepth_push(&sp, instr->target, target_depth);
            }
            depth = new_depth;
            if (instr->opcode == PYC_JUMP_NO_INTERRUPT || instr->opcode == PYC_JUMP ||
                instr->opcode == OP_RETURN_VALUE || instr->opcode == OP_RAISE_VARARGS ||
                instr->opcode == OP_RERAISE) {
                next = NULL;
                break;
            }
        }
        if (next != NULL) stackdepth_push(&sp, next, depth);
    }
    rg_os_free(stack);
    return maxdepth;
}

typedef struct {
    pyc_block *handlers[PYC_MAXBLOCKS + 2];
    int depth;
} except_stack;

/* A copy of a handler stack. */
static except_stack *copy_except_stack(const except_stack *s)
{
    except_stack *copy = rg_os_malloc(sizeof *copy);
    if (copy == NULL) {
        py_err_no_memory();
        return NULL;
    }
    memcpy(copy, s, sizeof *copy);
    return copy;
}

/* The handler of every instruction, from the SETUP_ and POP_BLOCK pseudo instructions. */
static int label_exception_targets(pyc_block *entry)
{
    int nblocks = 0;
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        b->visited = 0;
        nblocks++;
    }
    pyc_block **todo_stack = rg_os_malloc(sizeof(pyc_block *) * (size_t)(nblocks + 1));
    except_stack *es = rg_os_calloc(1, sizeof *es);
    if (todo_stack == NULL || es == NULL) {
        rg_os_free(todo_stack);
        rg_os_free(es);
        py_err_no_memory();
        return -1;
    }
    todo_stack[0] = entry;
    entry->visited = 1;
    entry->exceptstack = es;
    pyc_block **todo = &todo_stack[1];
    while (todo > todo_stack) {
        todo--;
        pyc_block *b = todo[0];
        es = b->exceptstack;
        b->exceptstack = NULL;
        pyc_block *handler = es->handlers[es->depth];
        for (int i = 0; i < b->iused; i++) {
            pyc_instr *instr = &b->instr[i];
            if (is_block_push(instr)) {
                if (!instr->target->visited) {
                    except_stack *copy = copy_except_stack(es);
                    if (copy == NULL) goto error;
                    instr->target->exceptstack = copy;
                    todo[0] = instr->target;
                    instr->target->visited = 1;
                    todo++;
                }
                if (instr->opcode == PYC_SETUP_WITH || instr->opcode == PYC_SETUP_CLEANUP)
                    instr->target->preserve_lasti = 1;
                es->handlers[++es->depth] = instr->target;
                handler = instr->target;
            } else if (instr->opcode == PYC_POP_BLOCK) {
                handler = es->handlers[--es->depth];
            } else if (is_jump(instr)) {
                instr->except = handler;
                if (!instr->target->visited) {
                    if (b->nofallthrough == 0) {
                        except_stack *copy = copy_except_stack(es);
                        if (copy == NULL) goto error;
                        instr->target->exceptstack = copy;
                    } else {
                        instr->target->exceptstack = es;
                        es = NULL;
                    }
                    todo[0] = instr->target;
                    instr->target->visited = 1;
                    todo++;
                }
            } else {
                instr->except = handler;
            }
        }
        if (b->nofallthrough == 0 && !b->next->visited) {
            b->next->exceptstack = es;
            todo[0] = b->next;
            b->next->visited = 1;
            todo++;
        } else {
            rg_os_free(es);
        }
    }
    rg_os_free(todo_stack);
    return 0;
error:
    rg_os_free(todo_stack);
    rg_os_free(es);
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        rg_os_free(b->exceptstack);
        b->exceptstack = NULL;
    }
    return -1;
}

/* ====================================================================== */
/* Emission                                                                */
/* ====================================================================== */

typedef struct {
    unsigned char *p;
    size_t n, cap;
} bytebuf;

/* Append a byte. */
static int buf_put(bytebuf *b, int byte)
{
    if (b->n == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        unsigned char *p = rg_os_realloc(b->p, ncap);
        if (p == NULL) {
            py_err_no_memory();
            return -1;
        }
        b->p = p;
        b->cap = ncap;
    }
    b->p[b->n++] = (unsigned char)byte;
    return 0;
}

/* Pseudo jumps become forward or backward jumps by block order. */
static void normalize_jumps(pyc_block *entry)
{
    for (pyc_block *b = entry; b != NULL; b = b->next) b->visited = 0;
    for (pyc_block *b = entry; b != NULL; b = b->next) {
        b->visited = 1;
        if (b->iused == 0) continue;
        pyc_instr *last = &b->instr[b->iused - 1];
        if (!is_jump(last)) continue;
        int fwd = last->target->visited == 0;
        switch (last->opcode) {
        case PYC_JUMP: last->opcode = fwd ? OP_JUMP_FORWARD : OP_JUMP_BACKWARD; break;
        case PYC_JUMP_NO_INTERRUPT: last->opcode = fwd ? OP_JUMP_FORWARD : OP_JUMP_BACKWARD_NO_INTERRUPT; break;
        case PYC_POP_JUMP_IF_NOT_NONE:
            last->opcode = fwd ? OP_POP_JUMP_FORWARD_IF_NOT_NONE : OP_POP_JUMP_BACKWARD_IF_NOT_NONE;
            break;
        case PYC_POP_JUMP_IF_NONE: last->opcode = fwd ? OP_POP_JUMP_FORWARD_IF_NONE : OP_POP_JUMP_BACKWARD_IF_NONE; break;
        case PYC_POP_JUMP_IF_FALSE:
            last->opcode = fwd ? OP_POP_JUMP_FORWARD_IF_FALSE : OP_POP_JUMP_BACKWARD_IF_FALSE;
            break;
        case PYC_POP_JUMP_IF_TRUE: last->opcode = fwd ? OP_POP_JUMP_FORWARD_IF_TRUE : OP_POP_JUMP_BACKWARD_IF_TRUE; break;
        default: break;
        }
    }
}

/* Does this jump opcode go backwards? */
static int is_backward(int op)
{
    return op == OP_JUMP_BACKWARD || op == OP_JUMP_BACKWARD_NO_INTERRUPT || op == OP_POP_JUMP_BACKWARD_IF_NONE ||
           op == OP_POP_JUMP_BACKWARD_IF_NOT_NONE || op == OP_POP_JUMP_BACKWARD_IF_TRUE ||
           op == OP_POP_JUMP_BACKWARD_IF_FALSE;
}

/* Block offsets and jump opargs, until no EXTENDED_ARG changes a size. */
static void assemble_jump_offsets(pyc_block *entry)
{
    int again;
    do {
        int totsize = 0;
        for (pyc_block *b = entry; b != NULL; b = b->next) {
            b->offset = totsize;
            for (int i = 0; i < b->iused; i++) totsize += instr_size(&b->instr[i]);
        }
        again = 0;
        for (pyc_block *b = entry; b != NULL; b = b->next) {
            int bsize = b->offset;
            for (int i = 0; i < b->iused; i++) {
                pyc_instr *instr = &b->instr[i];
                int isize = instr_size(instr);
                bsize += isize;
                if (is_jump(instr)) {
                    int t = instr->target->offset;
                    instr->oparg = is_backward(instr->opcode) ? bsize - t : t - bsize;
                    if (instr_size(instr) != isize) again = 1;
                }
            }
        }
    } while (again);
}

/* The units of one instruction: EXTENDED_ARGs, itself, zeroed caches. */
static void write_instr(py_codeunit *code, const pyc_instr *i, int ilen)
{
    int oparg = has_arg(i->opcode) ? i->oparg : 0, caches = PY_CACHE_ENTRIES(i->opcode);
    switch (ilen - caches) {
    case 4: *code++ = PY_MAKE_CODEUNIT(OP_EXTENDED_ARG, (oparg >> 24) & 0xFF); /* fall through */
    case 3: *code++ = PY_MAKE_CODEUNIT(OP_EXTENDED_ARG, (oparg >> 16) & 0xFF); /* fall through */
    case 2: *code++ = PY_MAKE_CODEUNIT(OP_EXTENDED_ARG, (oparg >> 8) & 0xFF); /* fall through */
    default: *code++ = PY_MAKE_CODEUNIT(i->opcode, oparg & 0xFF); break;
    }
    while (caches--) *code++ = PY_MAKE_CODEUNIT(OP_CACHE, 0);
}

/* ---- the exception table --------------------------------------------- */

static int exc_item(bytebuf *b, int value, int msb)
{
    for (int shift = 24; shift >= 6; shift -= 6) {
        if (value >= (1 << shift)) {
            TRY(buf_put(b, ((value >> shift) & 0x3f) | 64 | msb));
            msb = 0;
        }
    }
    return buf_put(b, (value & 0x3f) | msb);
}

/* One exception table entry: start, size, target, depth and lasti. */
static int exc_entry(bytebuf *b, int start, int end, pyc_block *handler)
{
    int depth = handler->startdepth - 1;
    if (handler->preserve_lasti) depth -= 1;
    int depth_lasti = (depth << 1) | handler->preserve_lasti;
    TRY(exc_item(b, start, 1 << 7));
    TRY(exc_item(b, end - start, 0));
    TRY(exc_item(b, handler->offset, 0));
    return exc_item(b, depth_lasti, 0);
}

/* One entry per run of instructions with the same handler. */
static int assemble_exception_table(pyc_block *entry, bytebuf *b)
{
    int ioffset = 0, start = -1;
    pyc_block *handler = NULL;
    for (pyc_block *bb = entry; bb != NULL; bb = bb->next) {
        ioffset = bb->offset;
        for (int i = 0; i < bb->iused; i++) {
            pyc_instr *instr = &bb->instr[i];
            if (instr->except != handler) {
                if (handler != NULL) TRY(exc_entry(b, start, ioffset, handler));
                start = ioffset;
                handler = instr->except;
            }
            ioffset += instr_size(instr);
        }
    }
    if (handler != NULL) TRY(exc_entry(b, start, ioffset, handler));
    return 0;
}

/* ---- the location table ---------------------------------------------- */

static int loc_varint(bytebuf *b, unsigned val)
{
    while (val >= 64) {
        TRY(buf_put(b, 64 | (int)(val & 63)));
        val >>= 6;
    }
    return buf_put(b, (int)val);
}

/* A signed varint of the location table. */
static int loc_svarint(bytebuf *b, int val)
{
    unsigned u = val < 0 ? (((unsigned)-val) << 1) | 1 : ((unsigned)val) << 1;
    return loc_varint(b, u);
}

/* The first byte of a location entry: its code and length. */
static int loc_start(bytebuf *b, int code, int length) { return buf_put(b, 128 | (code << 3) | (length - 1)); }

/* One location entry in the shortest form that fits (3.11). */
static int write_location_entry(bytebuf *b, const pyc_instr *i, int isize, int *a_lineno)
{
    if (i->lineno < 0) return loc_start(b, 15, isize);
    int line_delta = i->lineno - *a_lineno, column = i->col, end_column = i->end_col;
    if (column < 0 || end_column < 0) {
        if (i->end_lineno == i->lineno || i->end_lineno == -1) {
            TRY(loc_start(b, 13, isize));
            TRY(loc_svarint(b, line_delta));
            *a_lineno = i->lineno;
            return 0;
        }
    } else if (i->end_lineno == i->lineno) {
        if (line_delta == 0 && column < 80 && end_column - column < 16 && end_column >= column) {
            TRY(loc_start(b, column >> 3, isize));
            return buf_put(b, ((column & 7) << 4) | (end_column - column));
        }
        if (line_delta >= 0 && line_delta < 3 && column < 128 && end_column < 128) {
            TRY(loc_start(b, 10 + line_delta, isize));
            TRY(buf_put(b, column));
            TRY(buf_put(b, end_column));
            *a_lineno = i->lineno;
            return 0;
        }
    }
    TRY(loc_start(b, 14, isize));
    TRY(loc_svarint(b, i->lineno - *a_lineno));
    TRY(loc_varint(b, (unsigned)(i->end_lineno - i->lineno)));
    TRY(loc_varint(b, (unsigned)(i->col + 1)));
    TRY(loc_varint(b, (unsigned)(i->end_col + 1)));
    *a_lineno = i->lineno;
    return 0;
}

/* An instruction's location, in entries of at most 8 units. */
static int assemble_emit_location(bytebuf *b, const pyc_instr *i, int *a_lineno)
{
    int isize = instr_size(i);
    while (isize > 8) {
        TRY(write_location_entry(b, i, 8, a_lineno));
        isize -= 8;
    }
    return write_location_entry(b, i, isize, a_lineno);
}

/* ====================================================================== */
/* makecode                                                                */
/* ====================================================================== */

/* A tuple of str from names[0..n). */
static py_obj *names_tuple(const char *const *names, int n)
{
    py_obj *t = py_tuple_new(n);
    if (t == NULL) return NULL;
    for (int i = 0; i < n; i++) {
        py_obj *s = py_unicode_from_string(names[i]);
        if (s == NULL) {
            rg_decref(t);
            return NULL;
        }
        py_tuple_set(t, i, s);
    }
    return t;
}

/* The canonical (merged) object for a new one; o is released. */
static py_obj *merge_new(pyc_compiler *c, py_obj *o)
{
    if (o == NULL) return NULL;
    py_obj *k = pyc_merge_const(c, o);
    rg_decref(o);
    return k ? py_new_ref(k) : NULL;
}

/* The code object from the assembled pieces (3.11's makecode). */
static py_obj *makecode(pyc_compiler *c, const py_codeunit *code, py_ssize_t ncode, bytebuf *lt, bytebuf *et,
                        constlist *consts, int maxdepth, int nlocalsplus)
{
    pyc_unit *u = c->u;
    py_obj *names = NULL, *ctuple = NULL, *lpnames = NULL, *lpkinds = NULL, *linetable = NULL, *exctable = NULL;
    py_obj *name = NULL, *qualname = NULL, *co = NULL;
    names = merge_new(c, names_tuple(u->names.items, u->names.n));
    ctuple = py_tuple_new(consts->n);
    if (ctuple) {
        for (int i = 0; i < consts->n; i++) py_tuple_set(ctuple, i, py_new_ref(consts->items[i]));
        ctuple = merge_new(c, ctuple);
    }
    lpnames = py_tuple_new(nlocalsplus);
    lpkinds = py_bytes_from_string_and_size(NULL, nlocalsplus);
    linetable = merge_new(c, py_bytes_from_string_and_size((const char *)lt->p, (py_ssize_t)lt->n));
    exctable = merge_new(c, py_bytes_from_string_and_size((const char *)et->p, (py_ssize_t)et->n));
    /* identifiers are interned (3.11's parser interns them); a qualname
     * equal to the name is the same object, as in 3.11 */
    name = py_unicode_intern_from_string(u->name);
    if (u->qualname == NULL || strcmp(u->qualname, u->name) == 0) qualname = py_xnew_ref(name);
    else qualname = py_unicode_from_string(u->qualname);
    if (!names || !ctuple || !lpnames || !lpkinds || !linetable || !exctable || !name || !qualname) goto done;
    unsigned char *kinds = (unsigned char *)py_bytes_as_string(lpkinds);
    int nlocals = u->varnames.n;
    for (int i = 0; i < nlocals; i++) {
        py_obj *s = py_unicode_from_string(u->varnames.items[i]);
        if (s == NULL) goto done;
        py_tuple_set(lpnames, i, s);
        kinds[i] = PY_CO_FAST_LOCAL | (pyc_names_find(&u->cellvars, u->varnames.items[i]) >= 0 ? PY_CO_FAST_CELL : 0);
    }
    int numdropped = 0;
    for (int i = 0; i < u->cellvars.n; i++) {
        if (pyc_names_find(&u->varnames, u->cellvars.items[i]) >= 0) {
            numdropped++;
            continue;
        }
        int off = i + nlocals - numdropped;
        py_obj *s = py_unicode_from_string(u->cellvars.items[i]);
        if (s == NULL) goto done;
        py_tuple_set(lpnames, off, s);
        kinds[off] = PY_CO_FAST_CELL;
    }
    for (int i = 0; i < u->freevars.n; i++) {
        int off = u->cellvars.n + i + nlocals - numdropped;
        py_obj *s = py_unicode_from_string(u->freevars.items[i]);
        if (s == NULL) goto done;
        py_tuple_set(lpnames, off, s);
        kinds[off] = PY_CO_FAST_FREE;
    }
    lpnames = merge_new(c, lpnames);
    if (lpnames == NULL) goto done;
    py_code_constructor con = {
        .filename = c->filename,
        .name = name,
        .qualname = qualname,
        .flags = compute_code_flags(c),
        .code = code,
        .ncode = ncode,
        .firstlineno = u->firstlineno,
        .linetable = linetable,
        .consts = ctuple,
        .names = names,
        .localsplusnames = lpnames,
        .localspluskinds = lpkinds,
        .argcount = u->posonlyargcount + u->argcount,
        .posonlyargcount = u->posonlyargcount,
        .kwonlyargcount = u->kwonlyargcount,
        .stacksize = maxdepth,
        .exceptiontable = exctable,
    };
    co = py_code_new(&con);
done:
    rg_xdecref(names);
    rg_xdecref(ctuple);
    rg_xdecref(lpnames);
    rg_xdecref(lpkinds);
    rg_xdecref(linetable);
    rg_xdecref(exctable);
    rg_xdecref(name);
    rg_xdecref(qualname);
    return co;
}

/* ====================================================================== */
/* assemble                                                                */
/* ====================================================================== */

py_code_object *pyc_assemble(pyc_compiler *c, int add_none)
{
    pyc_unit *u = c->u;
    if (!u->curblock->ret) {
        PYC_UNSET_LOC(c);
        if (add_none && pyc_addop_load_const(c, py_none) < 0) return NULL;
        if (pyc_addop(c, OP_RETURN_VALUE) < 0) return NULL;
    }
    for (pyc_block *b = u->blocks; b != NULL; b = b->list)
        if (normalize_basic_block(b) < 0) return NULL;
    for (pyc_block *b = u->blocks; b != NULL; b = b->list)
        if (extend_block(b) < 0) return NULL;
    int nblocks = 0;
    pyc_block *entry = NULL;
    for (pyc_block *b = u->blocks; b != NULL; b = b->list) {
        nblocks++;
        entry = b;
    }
    int nlocalsplus = u->varnames.n + u->cellvars.n + u->freevars.n;
    constlist consts = {0};
    bytebuf lt = {0}, et = {0};
    py_codeunit *code = NULL;
    py_obj *co = NULL;
    int *fixed = build_cellfixedoffsets(u);
    if (fixed == NULL) return NULL;
    if (!u->firstlineno) {
        if (entry->iused && entry->instr[0].lineno) u->firstlineno = entry->instr[0].lineno;
        else u->firstlineno = 1;
    }
    if (insert_prefix_instructions(c, entry, fixed, u->freevars.n) < 0) goto done;
    nlocalsplus -= fix_cell_offsets(u, entry, fixed);
    for (int i = 0; i < u->nconsts; i++)
        if (constlist_append(&consts, u->consts[i]) < 0) goto done;
    if (optimize_cfg(c, entry, nblocks, &consts) < 0) goto done;
    if (duplicate_exits_without_lineno(c) < 0) goto done;
    trim_unused_consts(entry, &consts);
    propagate_line_numbers(entry);
    guarantee_lineno_for_exits(entry, u->firstlineno);
    int maxdepth = stackdepth(c);
    if (maxdepth < 0) goto done;
    if (label_exception_targets(entry) < 0) goto done;
    for (pyc_block *b = entry; b != NULL; b = b->next)
        for (int i = 0; i < b->iused; i++)
            if (is_block_push(&b->instr[i]) || b->instr[i].opcode == PYC_POP_BLOCK) b->instr[i].opcode = OP_NOP;
    for (pyc_block *b = entry; b != NULL; b = b->next) clean_basic_block(b);
    normalize_jumps(entry);
    assemble_jump_offsets(entry);
    int ncode = 0;
    for (pyc_block *b = entry; b != NULL; b = b->next)
        for (int i = 0; i < b->iused; i++) ncode += instr_size(&b->instr[i]);
    code = rg_os_malloc(sizeof(py_codeunit) * (size_t)(ncode + 1));
    if (code == NULL) {
        py_err_no_memory();
        goto done;
    }
    int off = 0, a_lineno = u->firstlineno;
    for (pyc_block *b = entry; b != NULL; b = b->next)
        for (int i = 0; i < b->iused; i++) {
            int size = instr_size(&b->instr[i]);
            write_instr(code + off, &b->instr[i], size);
            off += size;
            if (assemble_emit_location(&lt, &b->instr[i], &a_lineno) < 0) goto done;
        }
    if (assemble_exception_table(entry, &et) < 0) goto done;
    co = makecode(c, code, ncode, &lt, &et, &consts, maxdepth, nlocalsplus);
done:
    rg_os_free(fixed);
    rg_os_free(consts.items);
    rg_os_free(lt.p);
    rg_os_free(et.p);
    rg_os_free(code);
    return (py_code_object *)co;
}
