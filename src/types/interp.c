/*
 * interp.c -- the interpreter's lifetime (CPython 3.11's pystate.c and the
 * object parts of pylifecycle.c): py_interp_new and py_interp_delete.
 *
 * Owns: the one running interpreter (py_current), the reset of the static
 * singletons, the interned-string dict, the built-in type objects (made in
 * an order where every base comes first: object, type, then the rest),
 * the exceptions, the generation-2 hook that empties the dict-keys free
 * list (3.11's clear_freelists), and the teardown that brings the heap
 * back to empty: roots dropped, type dicts and MROs cleared (they are
 * cycles through the descriptors), full collections, the interned strs
 * released, the static strs' caches freed.
 *
 * Invariants: at most one interpreter exists; py_current points to it
 * while it lives; after py_interp_delete a heap it did not own holds no
 * block that the interpreter allocated.
 *
 * Must not: run Python code at teardown (no finalizer of a user object is
 * skipped: they run during the collections, as CPython's final collect).
 */
#include <stdlib.h>

#include "object.h"

py_interp *py_current;

/* Static parts of other files, reset at every start. */
void py_object_init_static(void);
void py_bool_init_static(void);
void py_long_init_static(void);
void py_tuple_init_static(void);
void py_bytes_init_static(void);
int py_str_init(py_interp *interp);
void py_str_fini(py_interp *interp);

/* The built-in types in readying order (exceptions are readied by
 * py_exceptions_init). */
static py_typeinfo *const builtin_types[] = {
    &py_object_info, &py_type_info, &py_none_info, &py_notimplemented_info, &py_ellipsis_info,
    &py_long_info, &py_bool_info, &py_float_info, &py_str_info, &py_str_iter_info, &py_tuple_info,
    &py_tuple_iter_info, &py_list_info, &py_list_iter_info, &py_list_reviter_info, &py_dict_info,
    &py_dict_keys_info, &py_dict_values_info, &py_dict_items_info, &py_dict_keyiter_info,
    &py_dict_valueiter_info, &py_dict_itemiter_info, &py_slice_info, &py_cell_info, &py_super_info,
    &py_property_info, &py_staticmethod_info, &py_classmethod_info, &py_mappingproxy_info,
    &py_method_descr_info, &py_classmethod_descr_info, &py_member_descr_info, &py_getset_descr_info,
    &py_wrapper_descr_info, &py_method_wrapper_info, &py_cfunction_info, &py_method_info,
    &py_seq_iter_info, &py_callable_iter_info, &py_range_info, &py_range_iter_info, &py_longrange_iter_info,
    &py_module_info, &py_set_info, &py_frozenset_info, &py_set_iter_info, &py_bytes_info, &py_bytes_iter_info, &py_bytearray_info, &py_bytearray_iter_info,
    &py_dict_revkeyiter_info, &py_dict_revvalueiter_info, &py_dict_revitemiter_info,
    &py_enum_info, &py_reversed_info, &py_zip_info, &py_map_info, &py_filter_info,
    &py_generic_alias_info, &py_union_info, &py_complex_info,
};

/* gc.collect(2) empties the dict-keys free list too (clear_freelists). */
static void full_collection_hook(rg_heap *heap, const char *phase, int generation, size_t collected,
                                 size_t uncollectable, void *data)
{
    (void)heap;
    (void)collected;
    (void)uncollectable;
    if (generation == RG_GC_GENERATIONS - 1 && phase[0] == 's' && phase[1] == 't' && phase[2] == 'o')
        py_dict_clear_keys_free_list((py_interp *)data);
}

/* Release the interned strs: mortal ones get back the two references the
 * dict held (3.11's _PyUnicode_ClearInterned), then the dict goes. */
static void clear_interned(py_interp *in)
{
    py_obj *interned = in->interned;
    if (interned == NULL) return;
    py_ssize_t pos = 0;
    py_obj *s;
    while (py_dict_next(interned, &pos, &s, NULL)) {
        py_ascii_object *a = (py_ascii_object *)s;
        if (a->state.interned == PY_SSTATE_INTERNED_MORTAL) s->refcnt += 2;
        a->state.interned = PY_SSTATE_NOT_INTERNED;
    }
    py_dict_clear(interned);
    RG_CLEAR(in->interned);
}

/* Break the built-in types' cycles (type -> dict -> descriptor -> type,
 * type -> mro -> type) and drop the interpreter's references. */
static void release_builtin_types(py_interp *in)
{
    size_t n = in->nbuiltin_types;
    py_typeinfo **infos = malloc((n ? n : 1) * sizeof *infos);
    for (size_t i = 0; infos && i < n; i++) infos[i] = ((py_type_object *)in->builtin_types[i])->info;
    for (size_t i = 0; i < in->nbuiltin_types; i++) {
        py_type_object *t = (py_type_object *)in->builtin_types[i];
        if (t->dict) py_dict_clear(t->dict);
    }
    for (size_t i = 0; i < in->nbuiltin_types; i++) {
        py_type_object *t = (py_type_object *)in->builtin_types[i];
        RG_CLEAR(t->mro);
        RG_CLEAR(t->bases);
        RG_CLEAR(t->subclasses);
    }
    for (size_t i = in->nbuiltin_types; i-- > 0;) rg_decref(in->builtin_types[i]);
    /* A type object something leaked keeps its memory until the heap goes,
     * but its static info must not point to it for the next interpreter. */
    for (size_t i = 0; infos && i < n; i++) {
        infos[i]->type_obj = NULL;
        infos[i]->flags &= ~(PY_TPFLAGS_READY | PY_TPFLAGS_READYING);
    }
    free(infos);
    free(in->builtin_types);
    in->builtin_types = NULL;
    in->nbuiltin_types = in->builtin_types_cap = 0;
}

py_interp *py_interp_new(rg_heap *heap)
{
    if (py_current != NULL) return NULL;
    py_interp *in = calloc(1, sizeof *in);
    if (in == NULL) return NULL;
    if (heap == NULL) {
        heap = rg_heap_new(NULL);
        if (heap == NULL) {
            free(in);
            return NULL;
        }
        in->owns_heap = 1;
    }
    in->heap = heap;
    in->recursion_limit = 1000;
    in->recursion_remaining = 1000;
    py_current = in;
    py_object_init_static();
    py_bool_init_static();
    py_long_init_static();
    py_tuple_init_static();
    py_bytes_init_static();
    py_dict_init_static();
    in->interned = py_dict_new();
    if (in->interned == NULL || py_str_init(in) < 0 || py_slotdefs_init() < 0) goto fail;
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++)
        if (py_type_ready(builtin_types[i]) < 0) goto fail;
    if (py_exceptions_init(in) < 0) goto fail;
    if (py_slice_init() < 0) goto fail;
    if (rg_gc_add_callback(heap, full_collection_hook, in) < 0) goto fail;
    return in;
fail:
    py_interp_delete(in);
    return NULL;
}

void py_interp_delete(py_interp *in)
{
    if (in == NULL) return;
    if (in->lang_destroy) in->lang_destroy(in);
    py_err_clear();
    RG_CLEAR(in->builtins);
    RG_CLEAR(in->modules);
    RG_CLEAR(in->sysdict);
    RG_CLEAR(in->tstate_dict);
    RG_CLEAR(in->exception_group);
    /* What gc.freeze() left frozen goes too (CPython leaves it at exit;
     * the heap must be empty here). */
    rg_gc_unfreeze(in->heap);
    rg_collect(in->heap, 2);
    release_builtin_types(in);
    py_slotdefs_fini();
    rg_collect(in->heap, 2);
    clear_interned(in);
    py_exceptions_fini(in);
    rg_collect(in->heap, 2);
    py_slice_fini();
    py_dict_clear_keys_free_list(in);
    py_str_fini(in);
    rg_gc_remove_callback(in->heap, full_collection_hook, in);
    if (in->owns_heap) rg_heap_delete(in->heap);
    py_current = NULL;
    free(in);
}
