/*
 * cell.c -- cells (CPython 3.11's Objects/cellobject.c): the boxes that
 * closures share, and __classcell__.
 *
 * Owns: cell objects (GC, 24 bytes), their contents, repr, comparison.
 *
 * Invariants: ob_ref is NULL (empty) or a reference the cell owns.
 *
 * Must not: know about frames (the front end decides what cells hold).
 */
#include "object.h"

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *ob_ref;
} cell_object;

py_obj *py_cell_new(py_obj *obj)
{
    cell_object *op = (cell_object *)rg_new(py_heap(), &py_cell_info.rt);
    if (op == NULL) return py_err_no_memory();
    op->ob_ref = py_xnew_ref(obj);
    return (py_obj *)op;
}

py_obj *py_cell_get(py_obj *cell) { return ((cell_object *)cell)->ob_ref; }

int py_cell_set(py_obj *cell, py_obj *obj)
{
    if (!py_is_type(cell, &py_cell_info)) {
        py_err_bad_internal_call();
        return -1;
    }
    PY_XSETREF(((cell_object *)cell)->ob_ref, py_xnew_ref(obj));
    return 0;
}

static int cell_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((cell_object *)self)->ob_ref);
    return 0;
}

static int cell_clear(py_obj *self)
{
    RG_CLEAR(((cell_object *)self)->ob_ref);
    return 0;
}

static py_obj *cell_repr(py_obj *self)
{
    cell_object *op = (cell_object *)self;
    if (op->ob_ref == NULL) return py_unicode_from_format("<cell at %p: empty>", (void *)op);
    return py_unicode_from_format("<cell at %p: %.80s object at %p>", (void *)op, py_obj_type_name(op->ob_ref),
                                  (void *)op->ob_ref);
}

static py_obj *cell_richcompare(py_obj *a, py_obj *b, int op)
{
    if (!py_is_type(a, &py_cell_info) || !py_is_type(b, &py_cell_info)) return py_new_ref(py_notimplemented);
    py_obj *x = ((cell_object *)a)->ob_ref, *y = ((cell_object *)b)->ob_ref;
    if (x != NULL && y != NULL) return py_object_rich_compare(x, y, op);
    int c = (y == NULL) - (x == NULL);
    return py_bool_from_cmp(c, op);
}

static py_obj *cell_get_contents(py_obj *self, void *c)
{
    (void)c;
    py_obj *v = ((cell_object *)self)->ob_ref;
    if (v == NULL) {
        py_err_set_string(py_exc_ValueError, "Cell is empty");
        return NULL;
    }
    return py_new_ref(v);
}

static int cell_set_contents(py_obj *self, py_obj *v, void *c)
{
    (void)c;
    PY_XSETREF(((cell_object *)self)->ob_ref, py_xnew_ref(v));
    return 0;
}

static const py_getset_def cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

py_typeinfo py_cell_info = {
    .rt = {.name = "cell", .size = sizeof(cell_object), .flags = RG_TYPE_GC, .traverse = cell_traverse,
           .clear = cell_clear, .refs_offset = offsetof(cell_object, ob_ref), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = cell_repr,
    .hash = py_object_hash_not_implemented,
    .richcompare = cell_richcompare,
    .getset = cell_getset,
};
