/*
 * bltinmodule.h -- what the builtins module's files share (bltinmodule.c,
 * bltin_io.c, bltin_exec.c): the C functions of the builtins that live
 * outside bltinmodule.c, so that its one method table keeps CPython 3.11's
 * order (the order of builtins.__dict__).  Internal to those files; the
 * public entry point is py_builtins_module_new in vm.h.
 *
 * Each function follows its CPython 3.11 calling convention (named in its
 * comment): self is the builtins module.
 */
#ifndef REFGC_LANG_BLTINMODULE_H
#define REFGC_LANG_BLTINMODULE_H

#include "lang/vm.h"

/* ---- bltin_io.c ------------------------------------------------------ */

/* print(*args, sep=' ', end='\n', file=None, flush=False): FASTCALL|KEYWORDS. */
py_obj *py_builtin_print(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
/* input(prompt=None, /): FASTCALL. */
py_obj *py_builtin_input(py_obj *self, py_obj *const *args, py_ssize_t nargs);
/* open(...): FASTCALL|KEYWORDS; refgc has no files (raises). */
py_obj *py_builtin_open(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);

/* ---- bltin_exec.c ---------------------------------------------------- */

/* __build_class__(func, name, /, *bases, [metaclass], **kwds): FASTCALL|KEYWORDS. */
py_obj *py_builtin_build_class(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
/* __import__(name, globals=None, locals=None, fromlist=(), level=0): FASTCALL|KEYWORDS. */
py_obj *py_builtin_import(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
/* compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1,
 * *, _feature_version=-1): FASTCALL|KEYWORDS. */
py_obj *py_builtin_compile(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
/* eval(source, globals=None, locals=None, /): FASTCALL. */
py_obj *py_builtin_eval(py_obj *self, py_obj *const *args, py_ssize_t nargs);
/* exec(source, globals=None, locals=None, /, *, closure=None): FASTCALL|KEYWORDS. */
py_obj *py_builtin_exec(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);

/* ---- bltinmodule.c ---------------------------------------------------- */

/* _PyType_CalculateMetaclass: the most derived of metatype and the
 * metaclasses of bases (a tuple), or NULL with TypeError "metaclass
 * conflict: ...".  Defined in types/typenew.c. */
py_typeinfo *py_type_calculate_metaclass(py_typeinfo *metatype, py_obj *bases);

#endif
