/*
 * list.c -- the list type (CPython 3.11's Objects/listobject.c).
 *
 * Owns: lists (a 40-byte object plus an item array of `allocated`
 * pointers, a heap block: sys.getsizeof 56 + 8 * allocated), 3.11's
 * growth (list_resize: (n + n/8 + 6) & ~3, no shrink above half;
 * list_preallocate_exact: n rounded up to even when the array is NULL;
 * exact sizes for literals, copies, slices, concatenation, repetition),
 * the free list (the engine's, 80: `[]` and PyList_New take from it,
 * list() and subclasses never do), the sequence and mapping protocols
 * with slices, the methods (sort: listsort.c's timsort, CPython's exact
 * sequence of comparisons), iterators and repr.
 *
 * Invariants: 0 <= size <= allocated; ob_item is NULL exactly when
 * allocated is 0 and the array was never made or was freed by clear();
 * items [0, size) are non-NULL outside the constructors; traverse and
 * dealloc walk the items from the last to the first, as CPython's.
 *
 * Must not: change an item array's size other than through list_resize,
 * list_preallocate_exact and _list_clear (they are what the oracles see).
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"

#define L(o) ((py_list_object *)(o))

/* ====================================================================== */
/* Storage                                                                 */
/* ====================================================================== */

static int list_resize(py_list_object *self, py_ssize_t newsize)
{
    py_ssize_t allocated = self->allocated;
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        self->ob_var.size = newsize;
        return 0;
    }
    size_t new_allocated = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    if (newsize - self->ob_var.size > (py_ssize_t)(new_allocated - (size_t)newsize))
        new_allocated = ((size_t)newsize + 3) & ~(size_t)3;
    if (newsize == 0) new_allocated = 0;
    py_obj **items = NULL;
    if (new_allocated <= (size_t)PY_SSIZE_T_MAX / sizeof(py_obj *))
        items = rg_realloc(py_heap(), self->ob_item, new_allocated * sizeof(py_obj *));
    if (items == NULL) {
        py_err_no_memory();
        return -1;
    }
    self->ob_item = items;
    self->ob_var.size = newsize;
    self->allocated = (py_ssize_t)new_allocated;
    return 0;
}

/* list_preallocate_exact: room for size (rounded up to even) items. */
static int list_preallocate_exact(py_list_object *self, py_ssize_t size)
{
    RG_ASSERT(self->ob_item == NULL && size > 0);
    size = (size + 1) & ~(py_ssize_t)1;
    py_obj **items = rg_malloc(py_heap(), (size_t)size * sizeof(py_obj *));
    if (items == NULL) {
        py_err_no_memory();
        return -1;
    }
    self->ob_item = items;
    self->allocated = size;
    return 0;
}

py_obj *py_list_new(py_ssize_t size)
{
    if (size < 0) return py_err_bad_internal_call();
    py_list_object *op = (py_list_object *)rg_new(py_heap(), &py_list_info.rt);
    if (op == NULL) return py_err_no_memory();
    if (size > 0) {
        op->ob_item = rg_calloc(py_heap(), (size_t)size, sizeof(py_obj *));
        if (op->ob_item == NULL) {
            rg_decref((py_obj *)op);
            return py_err_no_memory();
        }
    }
    op->ob_var.size = size;
    op->allocated = size;
    return (py_obj *)op;
}

/* list_new_prealloc: an empty list with room for exactly size items. */
static py_obj *list_new_prealloc(py_ssize_t size)
{
    py_list_object *op = (py_list_object *)py_list_new(0);
    if (size == 0 || op == NULL) return (py_obj *)op;
    op->ob_item = rg_malloc(py_heap(), (size_t)size * sizeof(py_obj *));
    if (op->ob_item == NULL) {
        rg_decref((py_obj *)op);
        return py_err_no_memory();
    }
    op->allocated = size;
    return (py_obj *)op;
}

/* _list_clear: the array freed (capacity 0), items released last-first. */
static int list_clear_impl(py_list_object *a)
{
    py_obj **item = a->ob_item;
    if (item != NULL) {
        py_ssize_t i = a->ob_var.size;
        a->ob_var.size = 0;
        a->ob_item = NULL;
        a->allocated = 0;
        while (--i >= 0) rg_xdecref(item[i]);
        rg_free(item);
    }
    return 0;
}

/* ====================================================================== */
/* C API                                                                   */
/* ====================================================================== */

py_obj *py_list_get_item(py_obj *op, py_ssize_t i)
{
    if (!py_list_check(op)) return py_err_bad_internal_call();
    if ((size_t)i >= (size_t)py_list_size(op)) {
        py_err_set_string(py_exc_IndexError, "list index out of range");
        return NULL;
    }
    return L(op)->ob_item[i];
}

int py_list_set_item(py_obj *op, py_ssize_t i, py_obj *newitem)
{
    if (!py_list_check(op)) {
        rg_xdecref(newitem);
        py_err_bad_internal_call();
        return -1;
    }
    if ((size_t)i >= (size_t)py_list_size(op)) {
        rg_xdecref(newitem);
        py_err_set_string(py_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    py_obj **p = L(op)->ob_item + i;
    PY_XSETREF(*p, newitem);
    return 0;
}

/* ins1: v inserted before where (clipped). */
static int ins1(py_list_object *self, py_ssize_t where, py_obj *v)
{
    py_ssize_t n = self->ob_var.size;
    if (list_resize(self, n + 1) < 0) return -1;
    if (where < 0) {
        where += n;
        if (where < 0) where = 0;
    }
    if (where > n) where = n;
    py_obj **items = self->ob_item;
    for (py_ssize_t i = n; --i >= where;) items[i + 1] = items[i];
    items[where] = py_new_ref(v);
    return 0;
}

int py_list_insert(py_obj *op, py_ssize_t where, py_obj *newitem)
{
    if (!py_list_check(op)) {
        py_err_bad_internal_call();
        return -1;
    }
    return ins1(L(op), where, newitem);
}

/* _PyList_AppendTakeRef: the fast path, else list_resize. */
static int list_append_take_ref(py_list_object *self, py_obj *newitem)
{
    py_ssize_t len = self->ob_var.size;
    if (self->allocated > len) {
        self->ob_item[len] = newitem;
        self->ob_var.size = len + 1;
        return 0;
    }
    if (list_resize(self, len + 1) < 0) {
        rg_decref(newitem);
        return -1;
    }
    self->ob_item[len] = newitem;
    return 0;
}

int py_list_append(py_obj *op, py_obj *newitem)
{
    if (py_list_check(op) && newitem != NULL) return list_append_take_ref(L(op), py_new_ref(newitem));
    py_err_bad_internal_call();
    return -1;
}

py_obj *py_list_as_tuple(py_obj *v)
{
    if (v == NULL || !py_list_check(v)) return py_err_bad_internal_call();
    return py_tuple_from_array(L(v)->ob_item, py_list_size(v));
}

/* list_slice: a new list of exactly the items [ilow, ihigh). */
static py_obj *list_slice(py_list_object *a, py_ssize_t ilow, py_ssize_t ihigh)
{
    py_ssize_t len = ihigh - ilow;
    if (len <= 0) return py_list_new(0);
    py_obj *np = list_new_prealloc(len);
    if (np == NULL) return NULL;
    py_obj **src = a->ob_item + ilow, **dest = L(np)->ob_item;
    for (py_ssize_t i = 0; i < len; i++) dest[i] = py_new_ref(src[i]);
    L(np)->ob_var.size = len;
    return np;
}

py_obj *py_list_get_slice(py_obj *a, py_ssize_t ilow, py_ssize_t ihigh)
{
    if (!py_list_check(a)) return py_err_bad_internal_call();
    py_ssize_t n = py_list_size(a);
    if (ilow < 0) ilow = 0;
    else if (ilow > n) ilow = n;
    if (ihigh < ilow) ihigh = ilow;
    else if (ihigh > n) ihigh = n;
    return list_slice(L(a), ilow, ihigh);
}

/* PySequence_Fast: o itself when a list or tuple, else list(o). */
static py_obj *sequence_fast(py_obj *v, const char *m)
{
    if (py_list_check_exact(v) || py_tuple_check_exact(v)) return py_new_ref(v);
    py_obj *it = py_object_get_iter(v);
    if (it == NULL) {
        if (py_err_exception_matches(py_exc_TypeError)) py_err_set_string(py_exc_TypeError, m);
        return NULL;
    }
    py_obj *l = py_list_new(0);
    if (l != NULL && py_list_extend(l, it) < 0) RG_CLEAR(l);
    rg_decref(it);
    return l;
}

static inline py_ssize_t fast_size(py_obj *o) { return py_list_check(o) ? py_list_size(o) : py_tuple_size(o); }
static inline py_obj **fast_items(py_obj *o) { return py_list_check(o) ? L(o)->ob_item : py_tuple_items(o); }

/* list_ass_slice: a[ilow:ihigh] = v (v NULL deletes); the removed items
 * are released after the list is consistent again. */
static int list_ass_slice(py_list_object *a, py_ssize_t ilow, py_ssize_t ihigh, py_obj *v)
{
    py_obj *recycle_on_stack[8], **recycle = recycle_on_stack, **vitem = NULL, *v_as_sf = NULL;
    py_ssize_t n, norig, d, k;
    int result = -1;
    if (v == NULL) {
        n = 0;
    } else {
        if ((py_obj *)a == v) {
            v = list_slice(a, 0, a->ob_var.size);
            if (v == NULL) return -1;
            result = list_ass_slice(a, ilow, ihigh, v);
            rg_decref(v);
            return result;
        }
        v_as_sf = sequence_fast(v, "can only assign an iterable");
        if (v_as_sf == NULL) goto error;
        n = fast_size(v_as_sf);
        vitem = fast_items(v_as_sf);
    }
    if (ilow < 0) ilow = 0;
    else if (ilow > a->ob_var.size) ilow = a->ob_var.size;
    if (ihigh < ilow) ihigh = ilow;
    else if (ihigh > a->ob_var.size) ihigh = a->ob_var.size;
    norig = ihigh - ilow;
    d = n - norig;
    if (a->ob_var.size + d == 0) {
        rg_xdecref(v_as_sf);
        return list_clear_impl(a);
    }
    py_obj **item = a->ob_item;
    size_t s = (size_t)norig * sizeof(py_obj *);
    if (s) {
        if (s > sizeof(recycle_on_stack)) {
            recycle = rg_malloc(py_heap(), s);
            if (recycle == NULL) {
                py_err_no_memory();
                goto error;
            }
        }
        memcpy(recycle, &item[ilow], s);
    }
    if (d < 0) {
        size_t tail = (size_t)(a->ob_var.size - ihigh) * sizeof(py_obj *);
        memmove(&item[ihigh + d], &item[ihigh], tail);
        if (list_resize(a, a->ob_var.size + d) < 0) {
            memmove(&item[ihigh], &item[ihigh + d], tail);
            memcpy(&item[ilow], recycle, s);
            goto error;
        }
        item = a->ob_item;
    } else if (d > 0) {
        k = a->ob_var.size;
        if (list_resize(a, k + d) < 0) goto error;
        item = a->ob_item;
        memmove(&item[ihigh + d], &item[ihigh], (size_t)(k - ihigh) * sizeof(py_obj *));
    }
    for (k = 0; k < n; k++, ilow++) item[ilow] = py_xnew_ref(vitem[k]);
    for (k = norig - 1; k >= 0; --k) rg_xdecref(recycle[k]);
    result = 0;
error:
    if (recycle != recycle_on_stack) rg_free(recycle);
    rg_xdecref(v_as_sf);
    return result;
}

/* list_extend: lists and tuples copied at once (pre-sizing an empty
 * array exactly), other iterables through their iterator with a length
 * hint (default 8) and a final trim. */
static int list_extend_impl(py_list_object *self, py_obj *iterable)
{
    if (py_list_check_exact(iterable) || py_tuple_check_exact(iterable) || (py_obj *)self == iterable) {
        py_obj *seq = py_new_ref(iterable);
        py_ssize_t n = fast_size(seq);
        if (n == 0) {
            rg_decref(seq);
            return 0;
        }
        py_ssize_t m = self->ob_var.size;
        if (self->ob_item == NULL) {
            if (list_preallocate_exact(self, n) < 0) {
                rg_decref(seq);
                return -1;
            }
            self->ob_var.size = n;
        } else if (list_resize(self, m + n) < 0) {
            rg_decref(seq);
            return -1;
        }
        py_obj **src = fast_items(seq), **dest = self->ob_item + m;
        for (py_ssize_t i = 0; i < n; i++) dest[i] = py_new_ref(src[i]);
        rg_decref(seq);
        return 0;
    }
    py_obj *it = py_object_get_iter(iterable);
    if (it == NULL) return -1;
    py_iternextfunc iternext = py_type_of(it)->iternext;
    py_ssize_t n = py_object_length_hint(iterable, 8);
    if (n < 0) goto error;
    py_ssize_t m = self->ob_var.size;
    if (m > PY_SSIZE_T_MAX - n) {
        /* n may lie: go on. */
    } else if (self->ob_item == NULL) {
        if (n && list_preallocate_exact(self, n) < 0) goto error;
    } else {
        if (list_resize(self, m + n) < 0) goto error;
        self->ob_var.size = m;
    }
    for (;;) {
        py_obj *item = iternext(it);
        if (item == NULL) {
            if (py_err_occurred()) {
                if (py_err_exception_matches(py_exc_StopIteration)) py_err_clear();
                else goto error;
            }
            break;
        }
        if (self->ob_var.size < self->allocated) {
            self->ob_item[self->ob_var.size] = item;
            self->ob_var.size++;
        } else if (list_append_take_ref(self, item) < 0) {
            goto error;
        }
    }
    if (self->ob_var.size < self->allocated && list_resize(self, self->ob_var.size) < 0) goto error;
    rg_decref(it);
    return 0;
error:
    rg_decref(it);
    return -1;
}

int py_list_extend(py_obj *l, py_obj *iterable) { return list_extend_impl(L(l), iterable); }

int py_list_reverse(py_obj *v)
{
    py_list_object *self = L(v);
    py_obj **lo = self->ob_item, **hi = self->ob_item + self->ob_var.size - 1;
    if (self->ob_var.size > 1)
        while (lo < hi) {
            py_obj *t = *lo;
            *lo++ = *hi;
            *hi-- = t;
        }
    return 0;
}

py_obj *py_sequence_list(py_obj *v)
{
    py_obj *result = py_list_new(0);
    if (result == NULL) return NULL;
    if (list_extend_impl(L(result), v) < 0) {
        rg_decref(result);
        return NULL;
    }
    return result;
}

/* ====================================================================== */
/* Sorting (the algorithm is listsort.c's timsort)                         */
/* ====================================================================== */

/* list.sort(*, key=None, reverse=False): the list is emptied while it is
 * sorted ("list modified during sort" if someone changes it). */
static int list_sort_impl(py_list_object *self, py_obj *keyfunc, int reverse)
{
    py_ssize_t saved_size = self->ob_var.size, saved_alloc = self->allocated;
    py_obj **saved = self->ob_item, **keys = NULL;
    int result = -1;
    self->ob_var.size = 0;
    self->ob_item = NULL;
    self->allocated = -1;
    if (keyfunc == py_none) keyfunc = NULL;
    py_ssize_t i;
    if (keyfunc != NULL && saved_size > 0) {
        keys = malloc((size_t)saved_size * sizeof(py_obj *));
        if (keys == NULL) {
            py_err_no_memory();
            goto done;
        }
        for (i = 0; i < saved_size; i++) {
            keys[i] = py_object_call_one_arg(keyfunc, saved[i]);
            if (keys[i] == NULL) {
                for (i = i - 1; i >= 0; i--) rg_decref(keys[i]);
                free(keys);
                keys = NULL;
                goto done;
            }
        }
    }
    /* Reverse first so that equal elements keep their order. */
    if (reverse && saved_size > 1) {
        for (py_ssize_t lo = 0, hi = saved_size - 1; lo < hi; lo++, hi--) {
            py_obj *t = saved[lo];
            saved[lo] = saved[hi];
            saved[hi] = t;
            if (keys) {
                t = keys[lo];
                keys[lo] = keys[hi];
                keys[hi] = t;
            }
        }
    }
    if (py__list_timsort(keys ? keys : saved, keys ? saved : NULL, saved_size) == 0) result = 0;
    if (keys) {
        for (i = 0; i < saved_size; i++) rg_decref(keys[i]);
        free(keys);
    }
    /* Someone used the list meanwhile (and we have no other error). */
    if (self->allocated != -1 && result == 0) {
        py_err_set_string(py_exc_ValueError, "list modified during sort");
        result = -1;
    }
    /* Back in order even after a failed comparison, as CPython. */
    if (reverse && saved_size > 1)
        for (py_ssize_t lo = 0, hi = saved_size - 1; lo < hi; lo++, hi--) {
            py_obj *t = saved[lo];
            saved[lo] = saved[hi];
            saved[hi] = t;
        }
done:;
    py_obj **final_ob_item = self->ob_item;
    py_ssize_t final_size = self->ob_var.size;
    self->ob_var.size = saved_size;
    self->ob_item = saved;
    self->allocated = saved_alloc;
    if (final_ob_item != NULL) {
        for (i = final_size; --i >= 0;) rg_xdecref(final_ob_item[i]);
        rg_free(final_ob_item);
    }
    return result;
}

int py_list_sort(py_obj *v)
{
    if (v == NULL || !py_list_check(v)) {
        py_err_bad_internal_call();
        return -1;
    }
    return list_sort_impl(L(v), NULL, 0);
}

/* ====================================================================== */
/* The sequence and mapping protocols                                      */
/* ====================================================================== */

static py_ssize_t list_length(py_obj *a) { return py_list_size(a); }

static int list_contains(py_obj *a, py_obj *el)
{
    for (py_ssize_t i = 0; i < py_list_size(a); ++i) {
        py_obj *item = py_new_ref(L(a)->ob_item[i]);
        int cmp = py_object_rich_compare_bool(item, el, PY_EQ);
        rg_decref(item);
        if (cmp != 0) return cmp;
    }
    return 0;
}

static py_obj *list_item(py_obj *a, py_ssize_t i)
{
    if ((size_t)i >= (size_t)py_list_size(a)) {
        py_err_set_string(py_exc_IndexError, "list index out of range");
        return NULL;
    }
    return py_new_ref(L(a)->ob_item[i]);
}

static py_obj *list_concat(py_obj *a, py_obj *bb)
{
    if (!py_list_check(bb))
        return py_err_format(py_exc_TypeError, "can only concatenate list (not \"%.200s\") to list", py_obj_type_name(bb));
    py_ssize_t size = py_list_size(a) + py_list_size(bb);
    if (size == 0) return py_list_new(0);
    py_obj *np = list_new_prealloc(size);
    if (np == NULL) return NULL;
    py_obj **dest = L(np)->ob_item;
    for (py_ssize_t i = 0; i < py_list_size(a); i++) *dest++ = py_new_ref(L(a)->ob_item[i]);
    for (py_ssize_t i = 0; i < py_list_size(bb); i++) *dest++ = py_new_ref(L(bb)->ob_item[i]);
    L(np)->ob_var.size = size;
    return np;
}

static py_obj *list_repeat(py_obj *a, py_ssize_t n)
{
    py_ssize_t len = py_list_size(a);
    if (n < 0) n = 0;
    if (len > 0 && n > PY_SSIZE_T_MAX / len) return py_err_no_memory();
    py_ssize_t size = len * n;
    if (size == 0) return py_list_new(0);
    py_obj *np = list_new_prealloc(size);
    if (np == NULL) return NULL;
    py_obj **dest = L(np)->ob_item;
    py_ssize_t unpolled = 0;
    for (py_ssize_t j = 0; j < n; j++) {
        for (py_ssize_t i = 0; i < len; i++) *dest++ = py_new_ref(L(a)->ob_item[i]);
        if ((unpolled += len) >= (1 << 20)) { /* Ctrl-C every million items */
            unpolled = 0;
            if (py_poll_interrupt()) {
                L(np)->ob_var.size = dest - L(np)->ob_item;
                rg_decref(np);
                return NULL;
            }
        }
    }
    L(np)->ob_var.size = size;
    return np;
}

int py_list_set_slice(py_obj *l, py_ssize_t lo, py_ssize_t hi, py_obj *v)
{
    if (!py_list_check(l)) {
        py_err_bad_internal_call();
        return -1;
    }
    return list_ass_slice(L(l), lo, hi, v);
}

static int list_ass_item(py_obj *a, py_ssize_t i, py_obj *v)
{
    if ((size_t)i >= (size_t)py_list_size(a)) {
        py_err_set_string(py_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (v == NULL) return list_ass_slice(L(a), i, i + 1, v);
    py_obj **p = L(a)->ob_item + i;
    PY_SETREF(*p, py_new_ref(v));
    return 0;
}

static py_obj *list_inplace_concat(py_obj *self, py_obj *other)
{
    if (list_extend_impl(L(self), other) < 0) return NULL;
    return py_new_ref(self);
}

static py_obj *list_inplace_repeat(py_obj *self, py_ssize_t n)
{
    py_list_object *l = L(self);
    py_ssize_t size = l->ob_var.size;
    if (size == 0 || n == 1) return py_new_ref(self);
    if (n < 1) {
        list_clear_impl(l);
        return py_new_ref(self);
    }
    if (size > PY_SSIZE_T_MAX / n) return py_err_no_memory();
    if (list_resize(l, size * n) < 0) return NULL;
    py_ssize_t p = size, unpolled = 0;
    for (py_ssize_t i = 1; i < n; i++) {
        for (py_ssize_t j = 0; j < size; j++) l->ob_item[p++] = py_new_ref(l->ob_item[j]);
        if ((unpolled += size) >= (1 << 20)) { /* Ctrl-C every million items: keep the copies made */
            unpolled = 0;
            if (py_poll_interrupt()) {
                l->ob_var.size = p;
                return NULL;
            }
        }
    }
    return py_new_ref(self);
}

static py_obj *list_subscript(py_obj *self, py_obj *item)
{
    if (py_index_check(item)) {
        py_ssize_t i = py_number_as_ssize_t(item, py_exc_IndexError);
        if (i == -1 && py_err_occurred()) return NULL;
        if (i < 0) i += py_list_size(self);
        return list_item(self, i);
    }
    if (py_slice_check(item)) {
        py_ssize_t start, stop, step;
        if (py_slice_unpack(item, &start, &stop, &step) < 0) return NULL;
        py_ssize_t slicelength = py_slice_adjust_indices(py_list_size(self), &start, &stop, step);
        if (slicelength <= 0) return py_list_new(0);
        if (step == 1) return list_slice(L(self), start, stop);
        py_obj *result = list_new_prealloc(slicelength);
        if (result == NULL) return NULL;
        size_t cur = (size_t)start;
        for (py_ssize_t i = 0; i < slicelength; cur += (size_t)step, i++)
            L(result)->ob_item[i] = py_new_ref(L(self)->ob_item[cur]);
        L(result)->ob_var.size = slicelength;
        return result;
    }
    return py_err_format(py_exc_TypeError, "list indices must be integers or slices, not %.200s", py_obj_type_name(item));
}

static int list_ass_subscript(py_obj *self, py_obj *item, py_obj *value)
{
    py_list_object *l = L(self);
    if (py_index_check(item)) {
        py_ssize_t i = py_number_as_ssize_t(item, py_exc_IndexError);
        if (i == -1 && py_err_occurred()) return -1;
        if (i < 0) i += l->ob_var.size;
        return list_ass_item(self, i, value);
    }
    if (!py_slice_check(item)) {
        py_err_format(py_exc_TypeError, "list indices must be integers or slices, not %.200s", py_obj_type_name(item));
        return -1;
    }
    py_ssize_t start, stop, step;
    if (py_slice_unpack(item, &start, &stop, &step) < 0) return -1;
    py_ssize_t slicelength = py_slice_adjust_indices(l->ob_var.size, &start, &stop, step);
    if (step == 1) return list_ass_slice(l, start, stop, value);
    /* Make sure s[5:2] = [..] inserts at the right place. */
    if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
    if (value == NULL) {
        if (slicelength <= 0) return 0;
        if (step < 0) {
            stop = start + 1;
            start = stop + step * (slicelength - 1) - 1;
            step = -step;
        }
        py_obj **garbage = rg_malloc(py_heap(), (size_t)slicelength * sizeof(py_obj *));
        if (garbage == NULL) {
            py_err_no_memory();
            return -1;
        }
        size_t cur;
        py_ssize_t i;
        for (cur = (size_t)start, i = 0; cur < (size_t)stop; cur += (size_t)step, i++) {
            py_ssize_t lim = step - 1;
            garbage[i] = l->ob_item[cur];
            if (cur + (size_t)step >= (size_t)l->ob_var.size) lim = l->ob_var.size - (py_ssize_t)cur - 1;
            memmove(l->ob_item + cur - i, l->ob_item + cur + 1, (size_t)lim * sizeof(py_obj *));
        }
        cur = (size_t)start + (size_t)slicelength * (size_t)step;
        if (cur < (size_t)l->ob_var.size)
            memmove(l->ob_item + cur - slicelength, l->ob_item + cur,
                    ((size_t)l->ob_var.size - cur) * sizeof(py_obj *));
        l->ob_var.size -= slicelength;
        int res = list_resize(l, l->ob_var.size);
        for (i = 0; i < slicelength; i++) rg_decref(garbage[i]);
        rg_free(garbage);
        return res;
    }
    py_obj *seq;
    if (self == value) seq = list_slice(L(value), 0, py_list_size(value));
    else seq = sequence_fast(value, "must assign iterable to extended slice");
    if (seq == NULL) return -1;
    if (fast_size(seq) != slicelength) {
        py_err_format(py_exc_ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd",
                      fast_size(seq), slicelength);
        rg_decref(seq);
        return -1;
    }
    if (slicelength == 0) {
        rg_decref(seq);
        return 0;
    }
    py_obj **garbage = rg_malloc(py_heap(), (size_t)slicelength * sizeof(py_obj *));
    if (garbage == NULL) {
        rg_decref(seq);
        py_err_no_memory();
        return -1;
    }
    py_obj **seqitems = fast_items(seq);
    size_t cur = (size_t)start;
    for (py_ssize_t i = 0; i < slicelength; cur += (size_t)step, i++) {
        garbage[i] = l->ob_item[cur];
        l->ob_item[cur] = py_new_ref(seqitems[i]);
    }
    for (py_ssize_t i = 0; i < slicelength; i++) rg_decref(garbage[i]);
    rg_free(garbage);
    rg_decref(seq);
    return 0;
}

/* ====================================================================== */
/* Methods                                                                 */
/* ====================================================================== */

static py_obj *list_append_meth(py_obj *self, py_obj *object)
{
    if (list_append_take_ref(L(self), py_new_ref(object)) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *list_extend_meth(py_obj *self, py_obj *iterable)
{
    if (list_extend_impl(L(self), iterable) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *list_insert_meth(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("insert", nargs, 2, 2) < 0) return NULL;
    py_ssize_t index = py_number_as_ssize_t(args[0], py_exc_OverflowError);
    if (index == -1 && py_err_occurred()) return NULL;
    if (ins1(L(self), index, args[1]) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *list_pop_meth(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    py_list_object *l = L(self);
    if (py_arg_check_positional("pop", nargs, 0, 1) < 0) return NULL;
    py_ssize_t index = -1;
    if (nargs) {
        index = py_number_as_ssize_t(args[0], py_exc_OverflowError);
        if (index == -1 && py_err_occurred()) return NULL;
    }
    if (l->ob_var.size == 0) {
        py_err_set_string(py_exc_IndexError, "pop from empty list");
        return NULL;
    }
    if (index < 0) index += l->ob_var.size;
    if ((size_t)index >= (size_t)l->ob_var.size) {
        py_err_set_string(py_exc_IndexError, "pop index out of range");
        return NULL;
    }
    py_obj *v = l->ob_item[index];
    if (index == l->ob_var.size - 1) {
        if (list_resize(l, l->ob_var.size - 1) < 0) return NULL;
        return v;
    }
    rg_incref(v);
    if (list_ass_slice(l, index, index + 1, NULL) < 0) {
        rg_decref(v);
        return NULL;
    }
    return v;
}

static py_obj *list_remove_meth(py_obj *self, py_obj *value)
{
    for (py_ssize_t i = 0; i < py_list_size(self); i++) {
        py_obj *obj = py_new_ref(L(self)->ob_item[i]);
        int cmp = py_object_rich_compare_bool(obj, value, PY_EQ);
        rg_decref(obj);
        if (cmp > 0) {
            if (list_ass_slice(L(self), i, i + 1, NULL) == 0) return py_new_ref(py_none);
            return NULL;
        }
        if (cmp < 0) return NULL;
    }
    py_err_set_string(py_exc_ValueError, "list.remove(x): x not in list");
    return NULL;
}

static py_obj *list_index_meth(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("index", nargs, 1, 3) < 0) return NULL;
    py_ssize_t start = 0, stop = PY_SSIZE_T_MAX;
    if (nargs > 1 && !py_eval_slice_index_not_none(args[1], &start)) return NULL;
    if (nargs > 2 && !py_eval_slice_index_not_none(args[2], &stop)) return NULL;
    if (start < 0) {
        start += py_list_size(self);
        if (start < 0) start = 0;
    }
    if (stop < 0) {
        stop += py_list_size(self);
        if (stop < 0) stop = 0;
    }
    for (py_ssize_t i = start; i < stop && i < py_list_size(self); i++) {
        py_obj *obj = py_new_ref(L(self)->ob_item[i]);
        int cmp = py_object_rich_compare_bool(obj, args[0], PY_EQ);
        rg_decref(obj);
        if (cmp > 0) return py_long_from_ssize_t(i);
        if (cmp < 0) return NULL;
    }
    return py_err_format(py_exc_ValueError, "%R is not in list", args[0]);
}

static py_obj *list_count_meth(py_obj *self, py_obj *value)
{
    py_ssize_t count = 0;
    for (py_ssize_t i = 0; i < py_list_size(self); i++) {
        py_obj *obj = L(self)->ob_item[i];
        if (obj == value) {
            count++;
            continue;
        }
        rg_incref(obj);
        int cmp = py_object_rich_compare_bool(obj, value, PY_EQ);
        rg_decref(obj);
        if (cmp > 0) count++;
        else if (cmp < 0) return NULL;
    }
    return py_long_from_ssize_t(count);
}

static py_obj *list_clear_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    list_clear_impl(L(self));
    return py_new_ref(py_none);
}

static py_obj *list_copy_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return list_slice(L(self), 0, py_list_size(self));
}

static py_obj *list_reverse_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_list_reverse(self);
    return py_new_ref(py_none);
}

static const char *const sort_kwlist[] = {"key", "reverse", NULL};

/* sort(*, key=None, reverse=False): reverse is clinic's int converter. */
static py_obj *list_sort_meth(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[2];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "sort", sort_kwlist, 0, 0, 0, argv) < 0) return NULL;
    long reverse = 0;
    if (argv[1] != NULL) {
        reverse = py_long_as_long(argv[1]);
        if (reverse == -1 && py_err_occurred()) return NULL;
    }
    if (list_sort_impl(L(self), argv[0], reverse != 0) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *list_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t((py_ssize_t)py_type_of(self)->rt.size + L(self)->allocated * (py_ssize_t)sizeof(void *));
}

static py_ssize_t list_sizeof_slot(py_obj *self)
{
    return (py_ssize_t)py_type_of(self)->rt.size + L(self)->allocated * (py_ssize_t)sizeof(void *);
}

static py_obj *list_reversed_meth(py_obj *self, py_obj *unused);

static const py_method_def list_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, "See PEP 585"},
    {"__getitem__", {.o = list_subscript}, PY_METH_O | PY_METH_COEXIST, "x.__getitem__(y) <==> x[y]"},
    {"__reversed__", {.o = list_reversed_meth}, PY_METH_NOARGS, "Return a reverse iterator over the list."},
    {"__sizeof__", {.o = list_sizeof_meth}, PY_METH_NOARGS, "Return the size of the list in memory, in bytes."},
    {"clear", {.o = list_clear_meth}, PY_METH_NOARGS, "Remove all items from list."},
    {"copy", {.o = list_copy_meth}, PY_METH_NOARGS, "Return a shallow copy of the list."},
    {"append", {.o = list_append_meth}, PY_METH_O, "Append object to the end of the list."},
    {"insert", {.fast = list_insert_meth}, PY_METH_FASTCALL, "Insert object before index."},
    {"extend", {.o = list_extend_meth}, PY_METH_O, "Extend list by appending elements from the iterable."},
    {"pop", {.fast = list_pop_meth}, PY_METH_FASTCALL, "Remove and return item at index (default last)."},
    {"remove", {.o = list_remove_meth}, PY_METH_O, "Remove first occurrence of value."},
    {"index", {.fast = list_index_meth}, PY_METH_FASTCALL, "Return first index of value."},
    {"count", {.o = list_count_meth}, PY_METH_O, "Return number of occurrences of value."},
    {"reverse", {.o = list_reverse_meth}, PY_METH_NOARGS, "Reverse *IN PLACE*."},
    {"sort", {.fast_kw = list_sort_meth}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Sort the list in ascending order and return None."},
    {NULL, {NULL}, 0, NULL},
};

/* ====================================================================== */
/* repr, comparison, construction, the collector, deallocation             */
/* ====================================================================== */

static py_obj *list_repr(py_obj *v)
{
    if (py_list_size(v) == 0) return py_unicode_from_string("[]");
    int r = py_repr_enter(v);
    if (r != 0) return r > 0 ? py_unicode_from_string("[...]") : NULL;
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    if (py_unicode_writer_write_char(&w, '[') < 0) goto error;
    for (py_ssize_t i = 0; i < py_list_size(v); ++i) {
        if (i > 0 && py_unicode_writer_write_ascii(&w, ", ", 2) < 0) goto error;
        /* (3.11: PyObject_Repr alone guards the depth) */
        int e = py_unicode_writer_write_obj(&w, L(v)->ob_item[i], 1);
        if (e < 0) goto error;
    }
    if (py_unicode_writer_write_char(&w, ']') < 0) goto error;
    py_repr_leave(v);
    return py_unicode_writer_finish(&w);
error:
    py_unicode_writer_dealloc(&w);
    py_repr_leave(v);
    return NULL;
}

static py_obj *list_richcompare(py_obj *v, py_obj *w, int op)
{
    if (!py_list_check(v) || !py_list_check(w)) return py_new_ref(py_notimplemented);
    if (py_list_size(v) != py_list_size(w) && (op == PY_EQ || op == PY_NE)) return py_bool_from_long(op == PY_NE);
    py_ssize_t i;
    for (i = 0; i < py_list_size(v) && i < py_list_size(w); i++) {
        py_obj *vitem = L(v)->ob_item[i], *witem = L(w)->ob_item[i];
        if (vitem == witem) continue;
        rg_incref(vitem);
        rg_incref(witem);
        int k = py_object_rich_compare_bool(vitem, witem, PY_EQ);
        rg_decref(vitem);
        rg_decref(witem);
        if (k < 0) return NULL;
        if (!k) break;
    }
    if (i >= py_list_size(v) || i >= py_list_size(w)) {
        py_ssize_t vs = py_list_size(v), ws = py_list_size(w);
        return py_bool_from_cmp((vs > ws) - (vs < ws), op);
    }
    if (op == PY_EQ) return py_new_ref(py_false);
    if (op == PY_NE) return py_new_ref(py_true);
    py_obj *a = py_new_ref(L(v)->ob_item[i]), *b = py_new_ref(L(w)->ob_item[i]);
    py_obj *res = py_object_rich_compare(a, b, op);
    rg_decref(a);
    rg_decref(b);
    return res;
}

/* list.__init__(iterable=()): the array pre-sized from len() when known. */
static int list_init_impl(py_list_object *self, py_obj *iterable)
{
    if (self->ob_item != NULL) list_clear_impl(self);
    if (iterable != NULL) {
        py_typeinfo *it = py_type_of(iterable);
        if ((it->as_sequence && it->as_sequence->sq_length) || (it->as_mapping && it->as_mapping->mp_length)) {
            py_ssize_t iter_len = py_object_size(iterable);
            if (iter_len == -1) {
                if (!py_err_exception_matches(py_exc_TypeError)) return -1;
                py_err_clear();
            }
            if (iter_len > 0 && self->ob_item == NULL && list_preallocate_exact(self, iter_len)) return -1;
        }
        if (list_extend_impl(self, iterable) < 0) return -1;
    }
    return 0;
}

static int list_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (py_type_of(self) == &py_list_info && py_arg_no_keywords("list", kwds) < 0) return -1;
    py_obj *iterable = NULL;
    if (!py_arg_unpack_tuple(args, "list", 0, 1, &iterable)) return -1;
    return list_init_impl(L(self), iterable);
}

/* list(...) without a tuple: PyType_GenericAlloc (never the free list). */
static py_obj *list_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (py_arg_no_kwnames("list", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("list", nargs, 0, 1) < 0) return NULL;
    py_obj *list = py_type_generic_alloc(py_typeinfo_of(type), 0);
    if (list == NULL) return NULL;
    if (nargs && list_init_impl(L(list), args[0]) < 0) {
        rg_decref(list);
        return NULL;
    }
    return list;
}

static int list_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    for (py_ssize_t i = py_list_size(self); --i >= 0;) RG_VISIT(L(self)->ob_item[i]);
    return 0;
}

static int list_tp_clear(py_obj *self) { return list_clear_impl(L(self)); }

/* list_dealloc: items last-first, the array, then the free list (exact
 * lists: the engine decides by type). */
static void list_dealloc(py_obj *self)
{
    py_list_object *op = L(self);
    if (op->ob_item != NULL) {
        py_ssize_t i = op->ob_var.size;
        while (--i >= 0) rg_xdecref(op->ob_item[i]);
        rg_free(op->ob_item);
    }
    rg_object_free(self);
}

/* ====================================================================== */
/* Iterators                                                               */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t it_index;
    py_obj *it_seq; /* NULL once exhausted */
} list_iter_object;

static int list_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((list_iter_object *)self)->it_seq);
    return 0;
}

static py_obj *list_iter(py_obj *seq)
{
    list_iter_object *it = (list_iter_object *)rg_new(py_heap(), &py_list_iter_info.rt);
    if (it == NULL) return py_err_no_memory();
    it->it_index = 0;
    it->it_seq = py_new_ref(seq);
    return (py_obj *)it;
}

static py_obj *list_iter_next(py_obj *self)
{
    list_iter_object *it = (list_iter_object *)self;
    py_obj *seq = it->it_seq;
    if (seq == NULL) return NULL;
    if ((it->it_index & 0xffff) == 0xffff && py_poll_interrupt()) return NULL; /* Ctrl-C in C loops */
    if (it->it_index < py_list_size(seq)) return py_new_ref(L(seq)->ob_item[it->it_index++]);
    it->it_seq = NULL;
    rg_decref(seq);
    return NULL;
}

static py_obj *list_iter_len(py_obj *self, py_obj *unused)
{
    (void)unused;
    list_iter_object *it = (list_iter_object *)self;
    py_ssize_t len = it->it_seq ? py_list_size(it->it_seq) - it->it_index : 0;
    return py_long_from_ssize_t(len < 0 ? 0 : len);
}

static const py_method_def list_iter_methods[] = {
    {"__length_hint__", {.o = list_iter_len}, PY_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_list_iter_info = {
    .rt = {.name = "list_iterator", .size = sizeof(list_iter_object), .flags = RG_TYPE_GC,
           .traverse = list_iter_traverse, .refs_offset = offsetof(list_iter_object, it_seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = list_iter_next,
    .methods = list_iter_methods,
};

/* reversed(list) */
static py_obj *list_reversed_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    list_iter_object *it = (list_iter_object *)rg_new(py_heap(), &py_list_reviter_info.rt);
    if (it == NULL) return py_err_no_memory();
    it->it_index = py_list_size(self) - 1;
    it->it_seq = py_new_ref(self);
    return (py_obj *)it;
}

static py_obj *list_reviter_next(py_obj *self)
{
    list_iter_object *it = (list_iter_object *)self;
    py_obj *seq = it->it_seq;
    if (seq == NULL) return NULL;
    py_ssize_t index = it->it_index;
    if (index >= 0 && index < py_list_size(seq)) {
        it->it_index--;
        return py_new_ref(L(seq)->ob_item[index]);
    }
    it->it_index = -1;
    it->it_seq = NULL;
    rg_decref(seq);
    return NULL;
}

/* __length_hint__ of a reverse iterator: index + 1 while it fits the list. */
static py_obj *list_reviter_len(py_obj *self, PY_UNUSED py_obj *u)
{
    list_iter_object *it = (list_iter_object *)self;
    py_ssize_t len = it->it_index + 1;
    if (it->it_seq == NULL || py_list_size(it->it_seq) < len) len = 0;
    return py_long_from_ssize_t(len);
}

static const py_method_def list_reviter_methods[] = {
    {"__length_hint__", {.o = list_reviter_len}, PY_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_list_reviter_info = {
    .rt = {.name = "list_reverseiterator", .size = sizeof(list_iter_object), .flags = RG_TYPE_GC,
           .traverse = list_iter_traverse, .refs_offset = offsetof(list_iter_object, it_seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = list_reviter_next,
    .methods = list_reviter_methods,
};

/* ====================================================================== */
/* The type                                                                */
/* ====================================================================== */

static py_sequence_methods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};

static py_mapping_methods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

py_typeinfo py_list_info = {
    .rt = {.name = "list", .size = sizeof(py_list_object), .flags = RG_TYPE_GC, .traverse = list_traverse,
           .clear = list_tp_clear, .dealloc = list_dealloc, .freelist_capacity = 80},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_LIST_SUBCLASS | PY_TPFLAGS_SEQUENCE,
    .doc = "Built-in mutable sequence.",
    .repr = list_repr,
    .hash = py_object_hash_not_implemented,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .init = list_init,
    .new = py_type_generic_new,
    .vectorcall = list_vectorcall,
    .sizeof_ = list_sizeof_slot,
    .as_sequence = &list_as_sequence,
    .as_mapping = &list_as_mapping,
    .methods = list_methods,
};
