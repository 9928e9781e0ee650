/*
 * listsort.c -- list.sort's algorithm: CPython 3.11's timsort
 * (Objects/listobject.c, "Lots of code for an adaptive, stable, natural
 * mergesort"), with 3.11's powersort merge policy.
 *
 * Owns: the sort of a key array (with a parallel value array when a key
 * function was given): natural runs (count_run, descending runs
 * reversed), runs extended to minrun by binary insertion, the pending-run
 * stack merged by powerloop's "power" (found_new_run), merge_at with its
 * two gallops, merge_lo / merge_hi with galloping mode and the adaptive
 * min_gallop, the final forced collapse; and 3.11's choice of comparison
 * (unsafe_object_compare for keys all of one type with a richcompare slot,
 * unsafe_tuple_compare for tuples, safe PyObject_RichCompareBool
 * otherwise).  The comparisons made -- which pairs, in which order -- are
 * CPython's, so __lt__ side effects and the TypeError raised for mixed
 * types are the same; after an error the array is still a permutation of
 * the input, the same one as CPython's.
 *
 * Invariants: every element is in exactly one place (keys or the temp
 * array) at any time; the temp array is C malloc scratch (only the list's
 * own item array is a heap block).
 *
 * Must not: touch the list object (list.c empties it during the sort and
 * checks for modifications), or take references: keys and values are
 * borrowed for the duration.
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"

#define MAX_MERGE_PENDING (sizeof(size_t) * 8)
#define MIN_GALLOP 7
#define MERGESTATE_TEMP_SIZE 256

typedef struct {
    py_obj **keys;
    py_obj **values; /* NULL without a key function */
} sortslice;

struct s_slice {
    sortslice base;
    py_ssize_t len;
    int power; /* the node's level in the powersort tree */
};

typedef struct merge_state merge_state;
struct merge_state {
    py_ssize_t min_gallop;
    py_ssize_t listlen;
    py_obj **basekeys;
    sortslice a; /* the temp array (keys and values halves) */
    py_ssize_t alloced;
    int n;
    struct s_slice pending[MAX_MERGE_PENDING];
    py_obj *temparray[MERGESTATE_TEMP_SIZE];
    int (*key_compare)(py_obj *, py_obj *, merge_state *);
    py_richcmpfunc key_richcompare;
    int (*tuple_elem_compare)(py_obj *, py_obj *, merge_state *);
};

/* ====================================================================== */
/* Comparisons (3.11's pre-sort choice)                                    */
/* ====================================================================== */

/* safe_object_compare: PyObject_RichCompareBool(v, w, Py_LT). */
static int safe_object_compare(py_obj *v, py_obj *w, merge_state *ms)
{
    (void)ms;
    return py_object_rich_compare_bool(v, w, PY_LT);
}

/* unsafe_object_compare: the keys' own richcompare slot directly; the
 * full protocol when it declines. */
static int unsafe_object_compare(py_obj *v, py_obj *w, merge_state *ms)
{
    if (py_type_of(v)->richcompare != ms->key_richcompare) return py_object_rich_compare_bool(v, w, PY_LT);
    py_obj *res_obj = ms->key_richcompare(v, w, PY_LT);
    if (res_obj == py_notimplemented) {
        rg_decref(res_obj);
        return py_object_rich_compare_bool(v, w, PY_LT);
    }
    if (res_obj == NULL) return -1;
    int res = py_bool_check(res_obj) ? res_obj == py_true : py_object_is_true(res_obj);
    rg_decref(res_obj);
    return res;
}

/* unsafe_tuple_compare: skip equal leading items, then compare the first
 * differing ones (the first items with the elements' chosen compare). */
static int unsafe_tuple_compare(py_obj *v, py_obj *w, merge_state *ms)
{
    py_ssize_t vlen = py_tuple_size(v), wlen = py_tuple_size(w), i;
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = py_object_rich_compare_bool(py_tuple_get(v, i), py_tuple_get(w, i), PY_EQ);
        if (k < 0) return -1;
        if (!k) break;
    }
    if (i >= vlen || i >= wlen) return vlen < wlen;
    if (i == 0) return ms->tuple_elem_compare(py_tuple_get(v, i), py_tuple_get(w, i), ms);
    return py_object_rich_compare_bool(py_tuple_get(v, i), py_tuple_get(w, i), PY_LT);
}

/* The pre-sort scan: all keys (or all first items of all-tuple keys) of
 * one type?  str, int and float keep the plain protocol (CPython's
 * specialized compares give the same answers without calling Python). */
static void choose_compare(merge_state *ms, py_obj **keys, py_ssize_t n)
{
    const py_typeinfo *key_type = py_type_of(keys[0]);
    int same_type = 1;
    int in_tuples = py_tuple_check_exact(keys[0]) && py_tuple_size(keys[0]) > 0;
    if (in_tuples) key_type = py_type_of(py_tuple_get(keys[0], 0));
    for (py_ssize_t i = 0; i < n; i++) {
        if (in_tuples && !(py_tuple_check_exact(keys[i]) && py_tuple_size(keys[i]) > 0)) {
            in_tuples = 0;
            same_type = 0;
            break;
        }
        py_obj *key = in_tuples ? py_tuple_get(keys[i], 0) : keys[i];
        if (py_type_of(key) != key_type) {
            same_type = 0;
            if (!in_tuples) break; /* tuples: keep checking they all are */
        }
    }
    if (same_type && key_type != &py_str_info && key_type != &py_long_info && key_type != &py_float_info &&
        (ms->key_richcompare = key_type->richcompare) != NULL)
        ms->key_compare = unsafe_object_compare;
    else
        ms->key_compare = safe_object_compare;
    if (in_tuples) {
        ms->tuple_elem_compare = key_type == &py_tuple_info ? safe_object_compare : ms->key_compare;
        ms->key_compare = unsafe_tuple_compare;
    }
}

#define ISLT(X, Y) (*(ms->key_compare))(X, Y, ms)
#define IFLT(X, Y)                                                                                \
    if ((k = ISLT(X, Y)) < 0) goto fail;                                                          \
    if (k)

/* ====================================================================== */
/* Slices                                                                  */
/* ====================================================================== */

static void sortslice_copy(sortslice *s1, py_ssize_t i, sortslice *s2, py_ssize_t j)
{
    s1->keys[i] = s2->keys[j];
    if (s1->values != NULL) s1->values[i] = s2->values[j];
}
static void sortslice_copy_incr(sortslice *dst, sortslice *src)
{
    *dst->keys++ = *src->keys++;
    if (dst->values != NULL) *dst->values++ = *src->values++;
}
static void sortslice_copy_decr(sortslice *dst, sortslice *src)
{
    *dst->keys-- = *src->keys--;
    if (dst->values != NULL) *dst->values-- = *src->values--;
}
static void sortslice_memcpy(sortslice *s1, py_ssize_t i, sortslice *s2, py_ssize_t j, py_ssize_t n)
{
    memcpy(&s1->keys[i], &s2->keys[j], sizeof(py_obj *) * (size_t)n);
    if (s1->values != NULL) memcpy(&s1->values[i], &s2->values[j], sizeof(py_obj *) * (size_t)n);
}
static void sortslice_memmove(sortslice *s1, py_ssize_t i, sortslice *s2, py_ssize_t j, py_ssize_t n)
{
    memmove(&s1->keys[i], &s2->keys[j], sizeof(py_obj *) * (size_t)n);
    if (s1->values != NULL) memmove(&s1->values[i], &s2->values[j], sizeof(py_obj *) * (size_t)n);
}
static void sortslice_advance(sortslice *slice, py_ssize_t n)
{
    slice->keys += n;
    if (slice->values != NULL) slice->values += n;
}

static void reverse_slice(py_obj **lo, py_obj **hi)
{
    --hi;
    while (lo < hi) {
        py_obj *t = *lo;
        *lo = *hi;
        *hi = t;
        ++lo;
        --hi;
    }
}

static void reverse_sortslice(sortslice *s, py_ssize_t n)
{
    reverse_slice(s->keys, &s->keys[n]);
    if (s->values != NULL) reverse_slice(s->values, &s->values[n]);
}

/* ====================================================================== */
/* Runs                                                                    */
/* ====================================================================== */

/* binarysort: [lo, start) sorted; insert [start, hi) one by one. */
static int binarysort(merge_state *ms, sortslice lo, py_obj **hi, py_obj **start)
{
    int k;
    if (lo.keys == start) ++start;
    for (; start < hi; ++start) {
        py_obj **l = lo.keys, **r = start, **p;
        py_obj *pivot = *r;
        do {
            p = l + ((r - l) >> 1);
            IFLT(pivot, *p) r = p;
            else l = p + 1;
        } while (l < r);
        for (p = start; p > l; --p) *p = *(p - 1);
        *l = pivot;
        if (lo.values != NULL) {
            py_ssize_t offset = lo.values - lo.keys;
            p = start + offset;
            pivot = *p;
            l += offset;
            for (p = start + offset; p > l; --p) *p = *(p - 1);
            *l = pivot;
        }
    }
    return 0;
fail:
    return -1;
}

/* count_run: the length of the run at lo (strictly descending runs are
 * reported for reversal). */
static py_ssize_t count_run(merge_state *ms, py_obj **lo, py_obj **hi, int *descending)
{
    int k;
    *descending = 0;
    ++lo;
    if (lo == hi) return 1;
    py_ssize_t n = 2;
    IFLT(*lo, *(lo - 1))
    {
        *descending = 1;
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            IFLT(*lo, *(lo - 1));
            else break;
        }
    }
    else {
        for (lo = lo + 1; lo < hi; ++lo, ++n) {
            IFLT(*lo, *(lo - 1)) break;
        }
    }
    return n;
fail:
    return -1;
}

/* gallop_left: where key goes in sorted a[0..n), left of equal items. */
static py_ssize_t gallop_left(merge_state *ms, py_obj *key, py_obj **a, py_ssize_t n, py_ssize_t hint)
{
    int k;
    py_ssize_t ofs = 1, lastofs = 0;
    a += hint;
    IFLT(*a, key)
    {
        const py_ssize_t maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(a[ofs], key)
            {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            else break;
        }
        if (ofs > maxofs) ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    else {
        const py_ssize_t maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(*(a - ofs), key) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        py_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(a[m], key) lastofs = m + 1;
        else ofs = m;
    }
    return ofs;
fail:
    return -1;
}

/* gallop_right: where key goes in sorted a[0..n), right of equal items. */
static py_ssize_t gallop_right(merge_state *ms, py_obj *key, py_obj **a, py_ssize_t n, py_ssize_t hint)
{
    int k;
    py_ssize_t ofs = 1, lastofs = 0;
    a += hint;
    IFLT(key, *a)
    {
        const py_ssize_t maxofs = hint + 1;
        while (ofs < maxofs) {
            IFLT(key, *(a - ofs))
            {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            else break;
        }
        if (ofs > maxofs) ofs = maxofs;
        py_ssize_t t = lastofs;
        lastofs = hint - ofs;
        ofs = hint - t;
    }
    else {
        const py_ssize_t maxofs = n - hint;
        while (ofs < maxofs) {
            IFLT(key, a[ofs]) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    }
    a -= hint;
    ++lastofs;
    while (lastofs < ofs) {
        py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
        IFLT(key, a[m]) ofs = m;
        else lastofs = m + 1;
    }
    return ofs;
fail:
    return -1;
}

/* ====================================================================== */
/* Merging                                                                 */
/* ====================================================================== */

static void merge_freemem(merge_state *ms)
{
    if (ms->a.keys != ms->temparray) free(ms->a.keys);
}

/* MERGE_GETMEM: room for need keys (and values) in the temp array. */
static int merge_getmem(merge_state *ms, py_ssize_t need)
{
    if (need <= ms->alloced) return 0;
    int multiplier = ms->a.values != NULL ? 2 : 1;
    merge_freemem(ms);
    if ((size_t)need > (size_t)PY_SSIZE_T_MAX / sizeof(py_obj *) / (size_t)multiplier) {
        py_err_no_memory();
        return -1;
    }
    ms->a.keys = malloc((size_t)multiplier * (size_t)need * sizeof(py_obj *));
    if (ms->a.keys != NULL) {
        ms->alloced = need;
        if (ms->a.values != NULL) ms->a.values = &ms->a.keys[need];
        return 0;
    }
    py_err_no_memory();
    return -1;
}

/* merge_lo: merge the na-run ssa with the following nb-run ssb, na <= nb,
 * with ssa copied to the temp array. */
static py_ssize_t merge_lo(merge_state *ms, sortslice ssa, py_ssize_t na, sortslice ssb, py_ssize_t nb)
{
    int k, result = -1;
    if (merge_getmem(ms, na) < 0) return -1;
    sortslice_memcpy(&ms->a, 0, &ssa, 0, na);
    sortslice dest = ssa;
    ssa = ms->a;
    sortslice_copy_incr(&dest, &ssb);
    --nb;
    if (nb == 0) goto succeed;
    if (na == 1) goto copy_b;
    py_ssize_t min_gallop = ms->min_gallop;
    for (;;) {
        py_ssize_t acount = 0, bcount = 0;
        /* One pair at a time until one run wins often. */
        for (;;) {
            k = ISLT(ssb.keys[0], ssa.keys[0]);
            if (k) {
                if (k < 0) goto fail;
                sortslice_copy_incr(&dest, &ssb);
                ++bcount;
                acount = 0;
                --nb;
                if (nb == 0) goto succeed;
                if (bcount >= min_gallop) break;
            } else {
                sortslice_copy_incr(&dest, &ssa);
                ++acount;
                bcount = 0;
                --na;
                if (na == 1) goto copy_b;
                if (acount >= min_gallop) break;
            }
        }
        /* Galloping while it pays. */
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            py_ssize_t g = gallop_right(ms, ssb.keys[0], ssa.keys, na, 0);
            acount = g;
            if (g) {
                if (g < 0) goto fail;
                sortslice_memcpy(&dest, 0, &ssa, 0, g);
                sortslice_advance(&dest, g);
                sortslice_advance(&ssa, g);
                na -= g;
                if (na == 1) goto copy_b;
                if (na == 0) goto succeed; /* an inconsistent comparison */
            }
            sortslice_copy_incr(&dest, &ssb);
            --nb;
            if (nb == 0) goto succeed;
            g = gallop_left(ms, ssa.keys[0], ssb.keys, nb, 0);
            bcount = g;
            if (g) {
                if (g < 0) goto fail;
                sortslice_memmove(&dest, 0, &ssb, 0, g);
                sortslice_advance(&dest, g);
                sortslice_advance(&ssb, g);
                nb -= g;
                if (nb == 0) goto succeed;
            }
            sortslice_copy_incr(&dest, &ssa);
            --na;
            if (na == 1) goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop; /* penalty for leaving galloping mode */
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na) sortslice_memcpy(&dest, 0, &ssa, 0, na);
    return result;
copy_b:
    /* The last element of ssa belongs at the end. */
    sortslice_memmove(&dest, 0, &ssb, 0, nb);
    sortslice_copy(&dest, nb, &ssa, 0);
    return 0;
}

/* merge_hi: as merge_lo from the right, na >= nb, ssb in the temp array. */
static py_ssize_t merge_hi(merge_state *ms, sortslice ssa, py_ssize_t na, sortslice ssb, py_ssize_t nb)
{
    int k, result = -1;
    if (merge_getmem(ms, nb) < 0) return -1;
    sortslice dest = ssb;
    sortslice_advance(&dest, nb - 1);
    sortslice_memcpy(&ms->a, 0, &ssb, 0, nb);
    sortslice basea = ssa, baseb = ms->a;
    ssb.keys = ms->a.keys + nb - 1;
    if (ssb.values != NULL) ssb.values = ms->a.values + nb - 1;
    sortslice_advance(&ssa, na - 1);
    sortslice_copy_decr(&dest, &ssa);
    --na;
    if (na == 0) goto succeed;
    if (nb == 1) goto copy_a;
    py_ssize_t min_gallop = ms->min_gallop;
    for (;;) {
        py_ssize_t acount = 0, bcount = 0;
        for (;;) {
            k = ISLT(ssb.keys[0], ssa.keys[0]);
            if (k) {
                if (k < 0) goto fail;
                sortslice_copy_decr(&dest, &ssa);
                ++acount;
                bcount = 0;
                --na;
                if (na == 0) goto succeed;
                if (acount >= min_gallop) break;
            } else {
                sortslice_copy_decr(&dest, &ssb);
                ++bcount;
                acount = 0;
                --nb;
                if (nb == 1) goto copy_a;
                if (bcount >= min_gallop) break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ms->min_gallop = min_gallop;
            py_ssize_t g = gallop_right(ms, ssb.keys[0], basea.keys, na, na - 1);
            if (g < 0) goto fail;
            g = na - g;
            acount = g;
            if (g) {
                sortslice_advance(&dest, -g);
                sortslice_advance(&ssa, -g);
                sortslice_memmove(&dest, 1, &ssa, 1, g);
                na -= g;
                if (na == 0) goto succeed;
            }
            sortslice_copy_decr(&dest, &ssb);
            --nb;
            if (nb == 1) goto copy_a;
            g = gallop_left(ms, ssa.keys[0], baseb.keys, nb, nb - 1);
            if (g < 0) goto fail;
            g = nb - g;
            bcount = g;
            if (g) {
                sortslice_advance(&dest, -g);
                sortslice_advance(&ssb, -g);
                sortslice_memcpy(&dest, 1, &ssb, 1, g);
                nb -= g;
                if (nb == 1) goto copy_a;
                if (nb == 0) goto succeed; /* an inconsistent comparison */
            }
            sortslice_copy_decr(&dest, &ssa);
            --na;
            if (na == 0) goto succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ms->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb) sortslice_memcpy(&dest, -(nb - 1), &baseb, 0, nb);
    return result;
copy_a:
    /* The first element of ssb belongs at the front. */
    sortslice_memmove(&dest, 1 - na, &ssa, 1 - na, na);
    sortslice_advance(&dest, -na);
    sortslice_advance(&ssa, -na);
    sortslice_copy(&dest, 0, &ssb, 0);
    return 0;
}

/* merge_at: merge pending runs i and i+1 (i is the 2nd- or 3rd-last). */
static py_ssize_t merge_at(merge_state *ms, py_ssize_t i)
{
    sortslice ssa = ms->pending[i].base, ssb = ms->pending[i + 1].base;
    py_ssize_t na = ms->pending[i].len, nb = ms->pending[i + 1].len;
    ms->pending[i].len = na + nb;
    if (i == ms->n - 3) ms->pending[i + 1] = ms->pending[i + 2];
    --ms->n;
    /* Items of a already in place before b's first. */
    py_ssize_t k = gallop_right(ms, *ssb.keys, ssa.keys, na, 0);
    if (k < 0) return -1;
    sortslice_advance(&ssa, k);
    na -= k;
    if (na == 0) return 0;
    /* Items of b already in place after a's last. */
    nb = gallop_left(ms, ssa.keys[na - 1], ssb.keys, nb, nb - 1);
    if (nb <= 0) return nb;
    if (na <= nb) return merge_lo(ms, ssa, na, ssb, nb);
    return merge_hi(ms, ssa, na, ssb, nb);
}

/* powerloop: the level of the boundary between runs [s1, s1+n1) and
 * [s1+n1, s1+n1+n2) in the powersort tree over n items. */
static int powerloop(py_ssize_t s1, py_ssize_t n1, py_ssize_t n2, py_ssize_t n)
{
    int result = 0;
    py_ssize_t a = 2 * s1 + n1, b = a + n1 + n2; /* twice the midpoints */
    for (;;) {
        ++result;
        if (a >= n) {
            a -= n;
            b -= n;
        } else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

/* found_new_run: merge pending runs of higher power than the new
 * boundary, then record its power. */
static int found_new_run(merge_state *ms, py_ssize_t n2)
{
    if (ms->n) {
        struct s_slice *p = ms->pending;
        py_ssize_t s1 = p[ms->n - 1].base.keys - ms->basekeys, n1 = p[ms->n - 1].len;
        int power = powerloop(s1, n1, n2, ms->listlen);
        while (ms->n > 1 && p[ms->n - 2].power > power)
            if (merge_at(ms, ms->n - 2) < 0) return -1;
        p[ms->n - 1].power = power;
    }
    return 0;
}

static int merge_force_collapse(merge_state *ms)
{
    struct s_slice *p = ms->pending;
    while (ms->n > 1) {
        py_ssize_t n = ms->n - 2;
        if (n > 0 && p[n - 1].len < p[n + 1].len) --n;
        if (merge_at(ms, n) < 0) return -1;
    }
    return 0;
}

static py_ssize_t merge_compute_minrun(py_ssize_t n)
{
    py_ssize_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* ====================================================================== */
/* Entry point                                                             */
/* ====================================================================== */

int py__list_timsort(py_obj **keys, py_obj **values, py_ssize_t n)
{
    if (n < 2) return 0;
    merge_state ms;
    ms.a.values = values != NULL ? ms.temparray : NULL; /* marks "has values" for merge_getmem */
    ms.alloced = values != NULL ? MERGESTATE_TEMP_SIZE / 2 : MERGESTATE_TEMP_SIZE;
    ms.a.keys = ms.temparray;
    if (values != NULL) ms.a.values = &ms.temparray[ms.alloced];
    ms.n = 0;
    ms.min_gallop = MIN_GALLOP;
    ms.listlen = n;
    ms.basekeys = keys;
    ms.key_richcompare = NULL;
    ms.tuple_elem_compare = NULL;
    choose_compare(&ms, keys, n);

    int result = -1;
    sortslice lo = {keys, values};
    py_ssize_t nremaining = n, minrun = merge_compute_minrun(nremaining);
    do {
        int descending;
        if (py_poll_interrupt()) goto done; /* Ctrl-C: once per run */
        py_ssize_t run = count_run(&ms, lo.keys, lo.keys + nremaining, &descending);
        if (run < 0) goto done;
        if (descending) reverse_sortslice(&lo, run);
        if (run < minrun) {
            const py_ssize_t force = nremaining <= minrun ? nremaining : minrun;
            if (binarysort(&ms, lo, lo.keys + force, lo.keys + run) < 0) goto done;
            run = force;
        }
        if (found_new_run(&ms, run) < 0) goto done;
        RG_ASSERT((size_t)ms.n < MAX_MERGE_PENDING);
        ms.pending[ms.n].base = lo;
        ms.pending[ms.n].len = run;
        ++ms.n;
        sortslice_advance(&lo, run);
        nremaining -= run;
    } while (nremaining);
    if (merge_force_collapse(&ms) < 0) goto done;
    result = 0;
done:
    merge_freemem(&ms);
    return result;
}
