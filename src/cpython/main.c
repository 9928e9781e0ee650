/*
 * main.c -- refgc-python: CPython 3.11 with refgc as its allocator.
 *
 * A program exactly like python3 (it is CPython: Py_BytesMain parses the
 * same arguments and returns the same exit status), except that before the
 * interpreter initialises, refgc's heap becomes the allocator of the MEM
 * and OBJ domains (pymem.c) and the built-in module `refgc` is registered.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>
#include <string.h>
#include <errno.h>

#include "pymem.h"

/* The `refgc` module's initialiser (module.c). */
PyMODINIT_FUNC rgpy_init_module(void);

int main(int argc, char **argv)
{
    rg_heap *heap = rg_heap_new(NULL);
    if (heap == NULL) {
        fprintf(stderr, "refgc-python: cannot create the heap: %s\n", strerror(errno));
        return 1;
    }
    rgpy_install(heap);
    if (PyImport_AppendInittab("refgc", rgpy_init_module) != 0) {
        fprintf(stderr, "refgc-python: cannot register the refgc module\n");
        return 1;
    }
    return Py_BytesMain(argc, argv);
}
