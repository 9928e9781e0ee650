/*
 * ceval_spec.c -- the part of CPython 3.11's specialization that changes
 * what a program can observe: once a code object is quickened (8 RESUME /
 * JUMP_BACKWARD executions), each PRECALL site specializes on its first
 * execution, and the specialized forms for C functions call them directly,
 * without the recursion unit (" while calling a Python object") the
 * generic call path counts.  So the depth a recursion through builtins
 * reaches, and which call reports RecursionError, are 3.11's.
 *
 * Owns: the warmup count (co_warmup: 0..PY_VM_QUICKENED), the per-site
 * state (a direct-mapped table keyed by the PRECALL's address: the code
 * units stay as the compiler wrote them), and the specialized calls:
 * PRECALL_NO_KW_BUILTIN_FAST, PRECALL_BUILTIN_FAST_WITH_KEYWORDS,
 * PRECALL_NO_KW_LEN, PRECALL_NO_KW_LIST_APPEND,
 * PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST(_WITH_KEYWORDS), PRECALL_NO_KW_STR_1
 * (the forms that keep the recursion unit -- BUILTIN_O, METHOD_DESCRIPTOR_O
 * and NOARGS -- and those for types and Python functions behave as the
 * generic path and are left to it).
 *
 * Invariants: a site's kind is decided once (3.11's adaptive counter is 0
 * after quickening); a call that fails the kind's guards takes the generic
 * path (3.11's deoptimization; the re-specialization after 53 misses is not
 * modelled).  When a code object becomes quickened the table entries of its
 * instructions are dropped: they can only be a dead code object's.  A table
 * collision forgets a site, which then specializes again.
 */
#include "lang/frame.h"

enum site_kind {
    SITE_UNSET = 0,
    SITE_GENERIC,        /* no specialized form changes anything */
    SITE_BUILTIN_FAST,   /* METH_FASTCALL C function, no keywords */
    SITE_BUILTIN_FAST_KW,/* METH_FASTCALL | METH_KEYWORDS C function */
    SITE_LEN,            /* len(x) */
    SITE_LIST_APPEND,    /* list.append(x) whose result is popped */
    SITE_MD_FAST,        /* METH_FASTCALL method descriptor */
    SITE_MD_FAST_KW,     /* METH_FASTCALL | METH_KEYWORDS method descriptor */
    SITE_STR_1,          /* str(x) */
};

typedef py_vm_site_entry site_entry;
py_vm_site_entry py_vm_sites[PY_VM_SITE_TABLE_SIZE];
#define sites py_vm_sites
#define site_slot py_vm_site_slot
_Static_assert(SITE_GENERIC == PY_VM_SITE_GENERIC, "frame.h's copy of SITE_GENERIC");

/* Forget every site (py_vm_init, py_vm_fini). */
void py_vm_spec_reset(void) { memset(sites, 0, sizeof sites); }

/* One warmup event of co (RESUME, JUMP_BACKWARD); at the last one the code
 * is quickened and stale site entries in its range are dropped. */
void py_vm_warmup(py_code_object *co)
{
    if (++co->co_warmup < PY_VM_QUICKENED) return;
    const py_codeunit *units = py_code_units(co);
    for (py_ssize_t i = 0; i < py_code_ncodeunits(co); i++) {
        int op = PY_OPCODE(units[i]);
        if (op == OP_PRECALL) {
            site_entry *e = site_slot(&units[i]);
            if (e->instr == &units[i]) e->instr = NULL;
        }
        i += PY_CACHE_ENTRIES(op);
    }
}

/* len, known by name, flags and owner (3.11 keeps the object itself). */
static int is_builtin_len(py_cfunction_object *f)
{
    return f->m_ml->flags == PY_METH_O && strcmp(f->m_ml->name, "len") == 0 && f->m_self != NULL &&
           py_module_check(f->m_self);
}

/* 3.11's _Py_Specialize_Precall, reduced to the kinds above. */
static int specialize(const py_codeunit *instr, py_obj *callable, int nargs, py_obj *kwnames)
{
    if (py_is_type(callable, &py_cfunction_info)) {
        py_cfunction_object *f = (py_cfunction_object *)callable;
        int flags = f->m_ml->flags & (PY_METH_VARARGS | PY_METH_FASTCALL | PY_METH_NOARGS | PY_METH_O |
                                      PY_METH_KEYWORDS);
        if (flags == PY_METH_O) return kwnames == NULL && nargs == 1 && is_builtin_len(f) ? SITE_LEN : SITE_GENERIC;
        if (flags == PY_METH_FASTCALL) return kwnames == NULL ? SITE_BUILTIN_FAST : SITE_GENERIC;
        if (flags == (PY_METH_FASTCALL | PY_METH_KEYWORDS)) return SITE_BUILTIN_FAST_KW;
        return SITE_GENERIC;
    }
    if (py_is_type(callable, &py_method_descr_info)) {
        if (kwnames != NULL) return SITE_GENERIC;
        py_method_descr_object *d = (py_method_descr_object *)callable;
        int flags = d->d_method->flags & (PY_METH_VARARGS | PY_METH_FASTCALL | PY_METH_NOARGS | PY_METH_O |
                                          PY_METH_KEYWORDS);
        if (flags == PY_METH_O) {
            /* list.append(x) as a statement: the CALL is followed by POP_TOP. */
            const py_codeunit *next = instr + 1 + PY_CACHE_ENTRIES(OP_PRECALL) + 1 + PY_CACHE_ENTRIES(OP_CALL);
            if (nargs == 2 && d->d_type == &py_list_info && strcmp(d->d_method->name, "append") == 0 &&
                PY_OPARG(*instr) == 1 && PY_OPCODE(*next) == OP_POP_TOP)
                return SITE_LIST_APPEND;
            return SITE_GENERIC;
        }
        if (flags == PY_METH_FASTCALL) return SITE_MD_FAST;
        if (flags == (PY_METH_FASTCALL | PY_METH_KEYWORDS)) return SITE_MD_FAST_KW;
        return SITE_GENERIC;
    }
    if (callable == py_type_object_of(&py_str_info) && nargs == 1 && kwnames == NULL && PY_OPARG(*instr) == 1)
        return SITE_STR_1;
    return SITE_GENERIC;
}

/* Release n stack items from items[0]. */
static void release(py_obj **items, int n)
{
    for (int i = 0; i < n; i++) rg_decref(items[i]);
}

/* A PRECALL of quickened code: the site's specialized call, or 0 (generic). */
int py_vm_precall_specialized(const py_codeunit *instr, py_obj ***spp, int oparg, py_obj *kwnames)
{
    py_obj **sp = *spp;
    int is_meth = sp[-(oparg + 2)] != NULL;
    int total_args = oparg + is_meth;
    py_obj *callable = sp[-(total_args + 1)];
    site_entry *e = site_slot(instr);
    if (e->instr != instr) {
        e->instr = instr;
        e->kind = specialize(instr, callable, total_args, kwnames);
    }
    py_obj *res;
    switch (e->kind) {
    case SITE_BUILTIN_FAST:
    case SITE_BUILTIN_FAST_KW: {
        if (!py_is_type(callable, &py_cfunction_info)) return 0;
        py_cfunction_object *f = (py_cfunction_object *)callable;
        int want = e->kind == SITE_BUILTIN_FAST ? PY_METH_FASTCALL : (PY_METH_FASTCALL | PY_METH_KEYWORDS);
        if (f->m_ml->flags != want) return 0;
        sp -= total_args;
        if (e->kind == SITE_BUILTIN_FAST)
            res = f->m_ml->meth.fast(f->m_self, sp, total_args);
        else
            res = f->m_ml->meth.fast_kw(f->m_self, sp, total_args - (kwnames ? (int)py_tuple_size(kwnames) : 0),
                                        kwnames);
        release(sp, total_args);
        sp -= 2 - is_meth;
        *sp++ = res;
        rg_decref(callable);
        break;
    }
    case SITE_LEN: {
        if (total_args != 1 || !py_is_type(callable, &py_cfunction_info) ||
            !is_builtin_len((py_cfunction_object *)callable))
            return 0;
        py_ssize_t n = py_object_size(sp[-1]);
        if (n < 0) return -1;
        res = py_long_from_ssize_t(n);
        py_obj *arg = sp[-1];
        sp -= 2 - is_meth;
        sp[-1] = res;
        rg_decref(callable);
        rg_decref(arg);
        break;
    }
    case SITE_LIST_APPEND: {
        if (!py_is_type(callable, &py_method_descr_info) || total_args != 2 || !is_meth) return 0;
        py_method_descr_object *d = (py_method_descr_object *)callable;
        py_obj *list = sp[-2];
        if (d->d_type != &py_list_info || strcmp(d->d_method->name, "append") != 0 || !py_list_check(list))
            return 0;
        py_obj *arg = *--sp;
        int err = py_list_append(list, arg);
        rg_decref(arg);
        if (err < 0) {
            *spp = sp;
            return -1;
        }
        sp -= 2;
        rg_decref(list);
        rg_decref(callable);
        *spp = sp;
        return 2;
    }
    case SITE_MD_FAST:
    case SITE_MD_FAST_KW: {
        if (!py_is_type(callable, &py_method_descr_info) || total_args < 1) return 0;
        py_method_descr_object *d = (py_method_descr_object *)callable;
        int want = e->kind == SITE_MD_FAST ? PY_METH_FASTCALL : (PY_METH_FASTCALL | PY_METH_KEYWORDS);
        py_obj *self = sp[-total_args];
        if (d->d_method->flags != want || !py_is_type(self, d->d_type)) return 0;
        int nargs = total_args - 1;
        sp -= nargs;
        if (e->kind == SITE_MD_FAST) res = d->d_method->meth.fast(self, sp, nargs);
        else res = d->d_method->meth.fast_kw(self, sp, nargs, NULL);
        release(sp, nargs);
        rg_decref(self);
        sp -= 2 - is_meth;
        sp[-1] = res;
        rg_decref(callable);
        break;
    }
    case SITE_STR_1: {
        if (is_meth || callable != py_type_object_of(&py_str_info)) return 0;
        py_obj *arg = sp[-1];
        res = py_object_str(arg);
        rg_decref(arg);
        rg_decref(callable);
        sp -= 2;
        sp[-1] = res;
        break;
    }
    default: return 0;
    }
    *spp = sp;
    return res != NULL ? 1 : -1;
}
