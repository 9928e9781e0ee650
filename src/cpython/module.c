/*
 * module.c -- the built-in module `refgc` inside refgc-python: the heap
 * CPython runs on, seen from Python.  The same surface and the same stats
 * keys as refgc run's module (src/lang/refgcmodule.c):
 *
 *   refgc.trim(c_library=True)  give free memory back to the OS; the bytes
 *                               given back (rg_trim, plus glibc's
 *                               malloc_trim(0) for the large blocks of
 *                               513 B..128 KiB that live in the C library's
 *                               heap, counted as the drop of the resident size)
 *   refgc.stats()               dict: every field of rg_stats_fields(),
 *   refgc.heap_stats()          "classes" (32 dicts) and "active"
 *   refgc.block_info(obj)       where obj's memory block lives, or None
 *   refgc.dump()                rg_heap_dump on stderr
 *   refgc.get_limit() / set_limit(bytes)
 *   refgc.active()              True while refgc is CPython's allocator
 *                               (also under tracemalloc's hooks)
 *   refgc.VERSION               the library's version string
 *
 * When PYTHONMALLOC or -X dev made CPython install its own allocators,
 * active() is False, trim() gives back only what the C library frees,
 * stats() describes an empty heap with "active": False and block_info()
 * returns None: nothing here ever touches memory refgc did not allocate.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "module.h"
#include "pymem.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* d[key] = n; 0 or -1 with an exception set. */
static int put_size(PyObject *d, const char *key, size_t n)
{
    PyObject *v = PyLong_FromSize_t(n);
    if (v == NULL) return -1;
    int r = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return r;
}

/* Flush Python's sys.stdout and sys.stderr, so that what the program
 * printed comes before what C writes on the same file descriptors. */
static void flush_python_stdio(void)
{
    static const char *const names[] = {"stdout", "stderr"};
    for (size_t i = 0; i < 2; i++) {
        PyObject *f = PySys_GetObject(names[i]); /* borrowed */
        if (f == NULL || f == Py_None) continue;
        PyObject *r = PyObject_CallMethod(f, "flush", NULL);
        if (r == NULL)
            PyErr_Clear(); /* a closed stream: nothing to put in order */
        else
            Py_DECREF(r);
    }
    fflush(stdout);
}

/* ====================================================================== */
/* Is refgc CPython's allocator?                                           */
/* ====================================================================== */

/* 1 when p is a block of refgc-python's heap (any address may be asked). */
static int in_heap(const void *p)
{
    rg_block_info info;
    return rg_heap_find_block(rgpy_heap(), p, &info) == 0;
}

/* 1 when CPython's MEM and OBJ allocations come from refgc's heap: the
 * tables refgc-python installed are still in place (rgpy_active), or hooks
 * that wrap them are (tracemalloc: -X tracemalloc, tracemalloc.start()),
 * which a probe allocation in each domain tells (16 bytes: a pool block if
 * refgc serves it, in the normal and the debug heap).  0 after PYTHONMALLOC or
 * -X dev made CPython install its own allocators. */
static int refgc_underneath(void)
{
    if (rgpy_heap() == NULL) return 0;
    if (rgpy_active()) return 1;
    void *m = PyMem_Malloc(16), *o = PyObject_Malloc(16);
    int yes = m != NULL && o != NULL && in_heap(m) && in_heap(o);
    PyMem_Free(m);
    PyObject_Free(o);
    return yes;
}

/* ====================================================================== */
/* trim, stats, dump, limits                                               */
/* ====================================================================== */

/* refgc.trim(c_library=True) */
static PyObject *refgc_trim(PyObject *module, PyObject *args, PyObject *kwargs)
{
    (void)module;
    static char *kwlist[] = {"c_library", NULL};
    int c_library = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|p:trim", kwlist, &c_library)) return NULL;
    size_t given = refgc_underneath() ? rg_trim(rgpy_heap()) : 0;
    if (c_library) given += rg_trim_c_library();
    return PyLong_FromSize_t(given);
}

/* refgc.stats() and refgc.heap_stats() */
static PyObject *refgc_stats(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    rg_stats st;
    if (rg_heap_stats(rgpy_heap(), &st) != 0) return PyErr_NoMemory();
    PyObject *d = PyDict_New(), *classes = PyList_New(0);
    if (d == NULL || classes == NULL) goto fail;
    size_t nfields;
    const rg_stats_field *fields = rg_stats_fields(&nfields);
    for (size_t i = 0; i < nfields; i++)
        if (put_size(d, fields[i].name, rg_stats_value(&st, &fields[i])) < 0) goto fail;
    for (int i = 0; i < RG_NUM_SIZE_CLASSES; i++) {
        PyObject *c = PyDict_New();
        int ok = c != NULL && put_size(c, "size", (size_t)(i + 1) * RG_ALIGNMENT) == 0 &&
                 put_size(c, "pools", st.classes[i].pools) == 0 &&
                 put_size(c, "blocks_in_use", st.classes[i].blocks_in_use) == 0 &&
                 put_size(c, "blocks_available", st.classes[i].blocks_available) == 0 &&
                 PyList_Append(classes, c) == 0;
        Py_XDECREF(c);
        if (!ok) goto fail;
    }
    if (PyDict_SetItemString(d, "classes", classes) < 0) goto fail;
    if (PyDict_SetItemString(d, "active", refgc_underneath() ? Py_True : Py_False) < 0) goto fail;
    Py_DECREF(classes);
    return d;
fail:
    Py_XDECREF(d);
    Py_XDECREF(classes);
    return NULL;
}

/* refgc.dump() */
static PyObject *refgc_dump(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    flush_python_stdio();
    if (!refgc_underneath())
        fputs("refgc is not CPython's allocator here (PYTHONMALLOC or -X dev): "
              "the heap below is unused\n", stderr);
    rg_heap_dump(rgpy_heap(), stderr);
    fflush(stderr);
    Py_RETURN_NONE;
}

/* refgc.get_limit() */
static PyObject *refgc_get_limit(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyLong_FromSize_t(rg_heap_get_limit(rgpy_heap()));
}

/* refgc.set_limit(bytes) */
static PyObject *refgc_set_limit(PyObject *module, PyObject *arg)
{
    (void)module;
    PyObject *i = PyNumber_Index(arg);
    if (i == NULL) return NULL;
    Py_ssize_t n = PyLong_AsSsize_t(i);
    Py_DECREF(i);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 0) return PyErr_Format(PyExc_ValueError, "limit must be >= 0");
    rg_heap_set_limit(rgpy_heap(), (size_t)n);
    Py_RETURN_NONE;
}

/* refgc.active() */
static PyObject *refgc_active(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyBool_FromLong(refgc_underneath());
}

/* ====================================================================== */
/* block_info                                                              */
/* ====================================================================== */

/* CPython 3.11's PyGC_Head (internal/pycore_gc.h: two uintptr_t words);
 * sys.getsizeof(obj) - obj.__sizeof__() shows it for GC objects. */
#define GC_HEAD_SIZE (2 * sizeof(uintptr_t))

/* Bytes CPython 3.11 puts before an object of type tp in its block
 * (_PyType_PreHeaderSize): the GC header, and the managed dict's two
 * pointers (dict, values) before that. */
static size_t preheader_size(PyTypeObject *tp)
{
    size_t n = 0;
    if (PyType_IS_GC(tp)) n += GC_HEAD_SIZE;
    if (PyType_HasFeature(tp, Py_TPFLAGS_MANAGED_DICT)) n += 2 * sizeof(PyObject *);
    return n;
}

/* refgc.block_info(obj) */
static PyObject *refgc_block_info(PyObject *module, PyObject *o)
{
    (void)module;
    if (!refgc_underneath()) Py_RETURN_NONE; /* no object comes from refgc */
    /* Objects inside a loaded image (None, small ints, static types, ...)
     * are not heap blocks. */
    Dl_info dl;
    if (dladdr(o, &dl) != 0 && dl.dli_fname != NULL) Py_RETURN_NONE;
    void *block = (char *)o - preheader_size(Py_TYPE(o));
    rg_block_info bi;
    if (rg_heap_find_block(rgpy_heap(), block, &bi) != 0) Py_RETURN_NONE;
    static const char *const kinds[] = {"?", "small", "large", "mapped"};
    PyObject *d = PyDict_New();
    if (d == NULL) return NULL;
    PyObject *kind = PyUnicode_FromString(kinds[bi.kind >= 1 && bi.kind <= 3 ? bi.kind : 0]);
    int ok = kind != NULL && PyDict_SetItemString(d, "kind", kind) == 0 &&
             put_size(d, "size", bi.size) == 0 && put_size(d, "address", (size_t)(uintptr_t)block) == 0;
    if (ok && bi.kind == RG_BLOCK_SMALL)
        ok = put_size(d, "size_class", bi.size_class) == 0 && put_size(d, "arena_index", bi.arena_index) == 0 &&
             put_size(d, "pool_index", bi.pool_index) == 0 && put_size(d, "block_index", bi.block_index) == 0;
    Py_XDECREF(kind);
    if (!ok) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* ====================================================================== */
/* The module                                                              */
/* ====================================================================== */

PyDoc_STRVAR(trim_doc,
             "trim(c_library=True) -> int\n\n"
             "Give free memory back to the OS without moving any object: refgc's\n"
             "wholly free arenas and the free pages inside the others; with\n"
             "c_library, also glibc's malloc_trim(0) for the blocks of 513 B..128 KiB\n"
             "that refgc takes from the C library (counted as the drop of the\n"
             "process's resident size around it).  Returns the bytes given back.");
PyDoc_STRVAR(stats_doc,
             "stats() -> dict\n\n"
             "The heap's statistics: arenas, pools, blocks and bytes (the fields of\n"
             "refgc's rg_stats), 'classes' (32 dicts: size, pools, blocks_in_use,\n"
             "blocks_available) and 'active' (refgc is CPython's allocator).");
PyDoc_STRVAR(heap_stats_doc, "heap_stats() -> dict\n\nThe older name of stats().");
PyDoc_STRVAR(block_info_doc,
             "block_info(obj) -> dict or None\n\n"
             "Where obj's memory block lives: kind ('small', 'large' or 'mapped'),\n"
             "size (usable bytes of the block, GC header included), address (the\n"
             "block's start), and for small blocks size_class, arena_index,\n"
             "pool_index, block_index.  None for objects that are not blocks of\n"
             "refgc's heap (None, small ints, static types, ...).");
PyDoc_STRVAR(dump_doc,
             "dump() -> None\n\n"
             "Print the heap on stderr: sys._debugmallocstats()'s pymalloc report,\n"
             "then refgc's own lines.");
PyDoc_STRVAR(get_limit_doc, "get_limit() -> int\n\nThe heap's size limit in bytes (0: none).");
PyDoc_STRVAR(set_limit_doc,
             "set_limit(bytes) -> None\n\n"
             "Limit the heap's size (arenas in use plus large blocks); allocations\n"
             "past it raise MemoryError.  0 removes the limit.");
PyDoc_STRVAR(active_doc,
             "active() -> bool\n\n"
             "True while refgc is CPython's allocator (also under tracemalloc,\n"
             "whose hooks wrap it); False when PYTHONMALLOC or -X dev made CPython\n"
             "install its own.");

static PyMethodDef refgc_methods[] = {
    {"trim", (PyCFunction)(void (*)(void))refgc_trim, METH_VARARGS | METH_KEYWORDS, trim_doc},
    {"stats", refgc_stats, METH_NOARGS, stats_doc},
    {"heap_stats", refgc_stats, METH_NOARGS, heap_stats_doc},
    {"block_info", refgc_block_info, METH_O, block_info_doc},
    {"dump", refgc_dump, METH_NOARGS, dump_doc},
    {"get_limit", refgc_get_limit, METH_NOARGS, get_limit_doc},
    {"set_limit", refgc_set_limit, METH_O, set_limit_doc},
    {"active", refgc_active, METH_NOARGS, active_doc},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(module_doc,
             "refgc's heap under CPython: refgc-python's allocator seen from Python.\n\n"
             "See docs/refgc-python.md.");

static struct PyModuleDef refgc_module = {
    PyModuleDef_HEAD_INIT, "refgc", module_doc, -1, refgc_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC rgpy_init_module(void)
{
    PyObject *m = PyModule_Create(&refgc_module);
    if (m == NULL) return NULL;
    if (PyModule_AddStringConstant(m, "VERSION", rg_version()) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
