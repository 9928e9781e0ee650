/*
 * module.h -- the built-in module `refgc` of refgc-python (module.c).
 */
#ifndef REFGC_CPYTHON_MODULE_H
#define REFGC_CPYTHON_MODULE_H

#include <Python.h>

/* The module's initialiser, registered with PyImport_AppendInittab. */
PyMODINIT_FUNC rgpy_init_module(void);

#endif
