/*
 * modules.h -- what the built-in modules offer beyond vm.h's "Modules and
 * import" block: the runtime's exit hooks, the VM's IMPORT_FROM, the
 * weakref objects the core and the modules share, and the helpers the
 * module files (import.c, sysmodule.c, gcmodule.c, weakref*.c,
 * refgcmodule.c) share among themselves.
 *
 * Conventions: vm.h's (CPython's).  Module state lives in file statics
 * reset by py_modules_init and released by py_modules_fini.
 */
#ifndef REFGC_LANG_MODULES_H
#define REFGC_LANG_MODULES_H

#include "types/object.h"

/* ====================================================================== */
/* For the runtime and the VM                                              */
/* ====================================================================== */

/* IMPORT_FROM (3.11's import_from): getattr(module, name), else
 * sys.modules["<module>.<name>"], else ImportError "cannot import name 'x'
 * from 'gc' (unknown location)" (name and name_from set). */
py_obj *py_import_from(py_obj *module, py_obj *name);

/* At exit, where 3.11's finalize_modules starts (after the exit
 * collection, before any module is torn down; sys.stderr still set):
 * with gc.DEBUG_UNCOLLECTABLE (and not DEBUG_SAVEALL) set and gc.garbage
 * not empty, write "      " + repr(gc.garbage) + "\n" to sys.stderr
 * (_PyGC_DumpShutdownStats).  Never fails. */
void py_gc_dump_shutdown_stats(void);

/* Flush sys.stdout and sys.stderr's buffers (python3 does at exit and
 * before printing a traceback).  Never fails. */
void py_sys_flush_stdio(void);

/* At exit, before the final collections: the weakref.finalize objects
 * still alive with atexit true are called, newest first (3.11's
 * finalize._exitfunc).  Errors are reported as unraisable. */
void py_weakref_run_atexit(void);

/* ====================================================================== */
/* Weak reference objects (weakref.c)                                      */
/* ====================================================================== */

/* weakref.ReferenceType / ProxyType / CallableProxyType. */
extern py_typeinfo py_weakref_ref_info, py_weakref_proxy_info, py_weakref_callable_proxy_info;

/* weakref.ref(ob, callback) (callback NULL or None: none; the shared
 * reference is returned then).  TypeError "cannot create weak reference
 * to 'int' object" when ob's type has no weak list. */
py_obj *py_weakref_new_ref(py_obj *ob, py_obj *callback);
/* A reference of type (ref, a subclass, KeyedRef) as type.__new__ makes
 * it: shared only for the exact ref type without callback. */
py_obj *py_weakref_new_typed(py_typeinfo *type, py_obj *ob, py_obj *callback);
/* The same with an engine callback (C) instead of a Python one: cb(ref,
 * data) runs when ob dies; data (kept alive) reads as __callback__. */
py_obj *py_weakref_new_c(py_typeinfo *type, py_obj *ob, rg_weakref_callback cb, py_obj *data);
/* weakref.proxy(ob, callback). */
py_obj *py_weakref_new_proxy(py_obj *ob, py_obj *callback);
/* The referent of a ref (borrowed), or None once dead. */
py_obj *py_weakref_get_object(py_obj *ref);
/* Is o a weakref.ref (or subclass) / a proxy? */
int py_weakref_check_ref(const py_obj *o);
int py_weakref_check_proxy(const py_obj *o);

/* ====================================================================== */
/* Shared by the module files                                              */
/* ====================================================================== */

/* A built-in module: its name, its functions (bound to the module, their
 * __module__ the name) and an optional filler for the rest.  New reference. */
py_obj *py_module_from_defs(const char *name, const py_method_def *methods,
                            int (*fill)(py_obj *module, py_obj *dict));
/* Ready a static type the modules define (idempotent per interpreter). */
int py_modules_ready_type(py_typeinfo *t);

struct py_sys_config; /* vm.h */

/* The modules' creators (import.c's table) and their per-interpreter
 * state's init/fini (file statics). */
py_obj *py_sys_module_create(const struct py_sys_config *config);
py_obj *py_gc_module_create(void);
py_obj *py_weakref_module_create(void);
py_obj *py__weakref_module_create(void);
py_obj *py_refgc_module_create(void);
py_obj *py_unicodedata_module_create(void); /* names only (H5, unicodedatamodule.c) */
int py_gc_state_init(void);
void py_gc_state_fini(void);
void py_sys_state_fini(void);
void py_weakref_state_fini(void);
/* The weakref module's container types (weakref_dicts.c). */
extern py_typeinfo py_weak_value_dict_info, py_weak_key_dict_info, py_weak_set_info;
/* KeyedRef (a ref subclass with a key), WeakMethod and weakref.finalize. */
extern py_typeinfo py_weakref_keyed_ref_info, py_weakref_weak_method_info, py_weakref_finalize_info;
/* KeyedRef's key (borrowed); a KeyedRef with an engine callback. */
py_obj *py_keyed_ref_key(py_obj *ref);
py_obj *py_keyed_ref_new_c(py_obj *ob, rg_weakref_callback cb, py_obj *data, py_obj *key);

#endif
