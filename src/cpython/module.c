/*
 * module.c -- the built-in module `refgc` inside refgc-python: the heap
 * CPython runs on, seen from Python.  (Skeleton: helper H1 fills it in.)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pymem.h"

PyMODINIT_FUNC rgpy_init_module(void);

/* refgc.trim(): rg_trim on the heap; the bytes given back. */
static PyObject *refgc_trim(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyLong_FromSize_t(rg_trim(rgpy_heap()));
}

static PyMethodDef refgc_methods[] = {
    {"trim", refgc_trim, METH_NOARGS, "Give free memory back to the OS; the bytes released."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef refgc_module = {
    PyModuleDef_HEAD_INIT, "refgc", "refgc's heap under CPython.", -1, refgc_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC rgpy_init_module(void) { return PyModule_Create(&refgc_module); }
