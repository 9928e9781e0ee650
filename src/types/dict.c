/*
 * dict.c -- dict tables (CPython 3.11's Objects/dictobject.c, the table
 * half; the dict type's methods, views and iterators are in dicttype.c).
 *
 * Owns: the keys object (dk_refcnt, log2 size, log2 index bytes, kind,
 * version, usable, nentries: 32 bytes, then 1/2/4/8-byte indices, then
 * 16-byte unicode entries or 24-byte general entries), lookup with
 * CPython's perturbed probing, insertion, deletion (a DUMMY index, the
 * entry emptied, never a shrink), resize to the smallest power of two
 * holding 3*used (calculate_log2_keysize's bit trick included), clear()
 * back to the shared empty keys, the keys free list (80 keys objects of 8
 * unicode slots, per interpreter), the tracking rules (created untracked,
 * tracked when something that may be tracked is stored: MAINTAIN_TRACKING;
 * untracked by full collections: _PyDict_MaybeUntrack), split tables and
 * the inline values of instances (shared keys of 64 slots per class, at
 * most 30 names; a values array per instance with its insertion order in
 * a prefix), and sys.getsizeof's accounting.
 *
 * Invariants: ma_keys is the shared empty keys or a keys object with
 * dk_refcnt 1 (combined) or shared by a class and its instances' dicts
 * (split); dk_usable + dk_nentries never grows for a given keys object;
 * a combined entry with a NULL value is a deleted one (key NULL too); a
 * split dict's values hold ma_used non-NULL values listed in its order
 * prefix.  The keys and values blocks are heap blocks (rg_malloc).
 *
 * Must not: reuse a keys object for a resize (new keys are allocated
 * before the old ones are freed, as CPython), or change tracking other
 * than by MAINTAIN_TRACKING, copies and the collector.
 */
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* Geometry                                                                */
/* ====================================================================== */

#define PERTURB_SHIFT 5

static inline py_ssize_t dk_size(const py_dict_keys_object *dk) { return (py_ssize_t)1 << dk->dk_log2_size; }
static inline size_t dk_mask(const py_dict_keys_object *dk) { return (size_t)dk_size(dk) - 1; }
static inline int dk_is_unicode(const py_dict_keys_object *dk) { return dk->dk_kind != PY_DICT_KEYS_GENERAL; }
static inline void *dk_entries_base(py_dict_keys_object *dk)
{
    return (char *)dk->dk_indices + ((size_t)1 << dk->dk_log2_index_bytes);
}
static inline py_dict_key_entry *dk_entries(py_dict_keys_object *dk) { return dk_entries_base(dk); }
static inline py_dict_unicode_entry *dk_unicode_entries(py_dict_keys_object *dk) { return dk_entries_base(dk); }

/* The static keys of every empty dict: 8 slots, none usable. */
static struct {
    py_dict_keys_object dk;
    int8_t indices[8];
} empty_keys_struct;
#define PY_EMPTY_KEYS (&empty_keys_struct.dk)

/* Reset the shared empty keys (interpreter start). */
static void empty_keys_init(void)
{
    empty_keys_struct.dk.dk_refcnt = PY_STATIC_REFCNT;
    empty_keys_struct.dk.dk_log2_size = PY_DICT_LOG_MINSIZE;
    empty_keys_struct.dk.dk_log2_index_bytes = PY_DICT_LOG_MINSIZE;
    empty_keys_struct.dk.dk_kind = PY_DICT_KEYS_UNICODE;
    empty_keys_struct.dk.dk_version = 1;
    empty_keys_struct.dk.dk_usable = 0;
    empty_keys_struct.dk.dk_nentries = 0;
    memset(empty_keys_struct.indices, 0xff, sizeof empty_keys_struct.indices);
}

/* log2 of the table for at least minsize slots: 3.11's bit trick on
 * 64-bit Linux, which rounds a power of two >= 16 up to the next one. */
static uint8_t calculate_log2_keysize(py_ssize_t minsize)
{
    minsize = (minsize | PY_DICT_MINSIZE) - 1;
    size_t v = (size_t)(minsize | (PY_DICT_MINSIZE - 1));
    uint8_t bits = 0;
    while (v) {
        bits++;
        v >>= 1;
    }
    return bits;
}

/* Enough slots for n entries without a resize (dict presizing). */
static uint8_t estimate_log2_keysize(py_ssize_t n) { return calculate_log2_keysize((n * 3 + 1) / 2); }

#define GROWTH_RATE(d) ((d)->ma_used * 3)

static inline py_ssize_t dictkeys_get_index(const py_dict_keys_object *keys, size_t i)
{
    int log2size = keys->dk_log2_size;
    if (log2size < 8) return ((const int8_t *)keys->dk_indices)[i];
    if (log2size < 16) return ((const int16_t *)(const void *)keys->dk_indices)[i];
    if (log2size >= 32) return ((const int64_t *)(const void *)keys->dk_indices)[i];
    return ((const int32_t *)(const void *)keys->dk_indices)[i];
}

static inline void dictkeys_set_index(py_dict_keys_object *keys, size_t i, py_ssize_t ix)
{
    int log2size = keys->dk_log2_size;
    if (log2size < 8) ((int8_t *)keys->dk_indices)[i] = (int8_t)ix;
    else if (log2size < 16) ((int16_t *)(void *)keys->dk_indices)[i] = (int16_t)ix;
    else if (log2size >= 32) ((int64_t *)(void *)keys->dk_indices)[i] = (int64_t)ix;
    else ((int32_t *)(void *)keys->dk_indices)[i] = (int32_t)ix;
}

size_t py_dict_keys_size(py_dict_keys_object *keys)
{
    size_t es = keys->dk_kind == PY_DICT_KEYS_GENERAL ? sizeof(py_dict_key_entry) : sizeof(py_dict_unicode_entry);
    return sizeof(py_dict_keys_object) + ((size_t)1 << keys->dk_log2_index_bytes) +
           (size_t)PY_USABLE_FRACTION(dk_size(keys)) * es;
}

/* ====================================================================== */
/* Keys objects                                                            */
/* ====================================================================== */

/* new_keys_object: from the free list for 8 unicode slots, else a fresh
 * block; indices EMPTY, entries zeroed.  NULL with MemoryError. */
static py_dict_keys_object *new_keys_object(uint8_t log2_size, int unicode)
{
    py_ssize_t usable = PY_USABLE_FRACTION((py_ssize_t)1 << log2_size);
    uint8_t log2_bytes;
    if (log2_size < 8) log2_bytes = log2_size;
    else if (log2_size < 16) log2_bytes = (uint8_t)(log2_size + 1);
    else if (log2_size >= 32) log2_bytes = (uint8_t)(log2_size + 3);
    else log2_bytes = (uint8_t)(log2_size + 2);
    size_t entry_size = unicode ? sizeof(py_dict_unicode_entry) : sizeof(py_dict_key_entry);
    py_dict_keys_object *dk;
    py_interp *in = py_current;
    if (log2_size == PY_DICT_LOG_MINSIZE && unicode && in->keys_numfree > 0) {
        dk = in->keys_free_list[--in->keys_numfree];
    } else {
        dk = rg_obj_malloc(py_heap(), sizeof(py_dict_keys_object) + ((size_t)1 << log2_bytes) + entry_size * (size_t)usable);
        if (dk == NULL) {
            py_err_no_memory();
            return NULL;
        }
    }
    dk->dk_refcnt = 1;
    dk->dk_log2_size = log2_size;
    dk->dk_log2_index_bytes = log2_bytes;
    dk->dk_kind = unicode ? PY_DICT_KEYS_UNICODE : PY_DICT_KEYS_GENERAL;
    dk->dk_nentries = 0;
    dk->dk_usable = usable;
    dk->dk_version = 0;
    memset(dk->dk_indices, 0xff, (size_t)1 << log2_bytes);
    memset((char *)dk->dk_indices + ((size_t)1 << log2_bytes), 0, entry_size * (size_t)usable);
    return dk;
}

/* Give a keys block back: the free list for 8 unicode slots, else free. */
static void keys_release(py_dict_keys_object *keys)
{
    py_interp *in = py_current;
    if (keys->dk_log2_size == PY_DICT_LOG_MINSIZE && keys->dk_kind == PY_DICT_KEYS_UNICODE &&
        in->keys_numfree < PY_DICT_MAXFREELIST)
        in->keys_free_list[in->keys_numfree++] = keys;
    else rg_obj_free(keys);
}

/* free_keys_object: drop every key and value (each entry's key, then its
 * value, first to last), then release the block. */
static void free_keys_object(py_dict_keys_object *keys)
{
    RG_ASSERT(keys != PY_EMPTY_KEYS);
    py_ssize_t n = keys->dk_nentries;
    if (dk_is_unicode(keys)) {
        py_dict_unicode_entry *e = dk_unicode_entries(keys);
        for (py_ssize_t i = 0; i < n; i++) {
            rg_xdecref(e[i].me_key);
            rg_xdecref(e[i].me_value);
        }
    } else {
        py_dict_key_entry *e = dk_entries(keys);
        for (py_ssize_t i = 0; i < n; i++) {
            rg_xdecref(e[i].me_key);
            rg_xdecref(e[i].me_value);
        }
    }
    keys_release(keys);
}

static inline void dictkeys_incref(py_dict_keys_object *dk) { dk->dk_refcnt++; }

void py_dict_keys_decref(py_dict_keys_object *dk)
{
    RG_ASSERT(dk->dk_refcnt > 0);
    if (--dk->dk_refcnt == 0) free_keys_object(dk);
}

void py_dict_clear_keys_free_list(py_interp *interp)
{
    while (interp->keys_numfree > 0) rg_obj_free(interp->keys_free_list[--interp->keys_numfree]);
}

/* ====================================================================== */
/* Values arrays (split tables, instances)                                 */
/* ====================================================================== */

/* A values array of size slots; its prefix (size + 2 bytes rounded to 8)
 * holds the insertion order: byte -1 the prefix size, byte -2 the count,
 * bytes -3, -4, ... the entry indices in insertion order. */
static py_dict_values_array *new_values(py_ssize_t size)
{
    RG_ASSERT(size > 0 && size <= PY_SHARED_KEYS_MAX_SIZE);
    size_t prefix_size = ((size_t)size + 2 + 7) & ~(size_t)7;
    uint8_t *mem = rg_malloc(py_heap(), prefix_size + (size_t)size * sizeof(py_obj *));
    if (mem == NULL) return NULL;
    mem[prefix_size - 1] = (uint8_t)prefix_size;
    return (py_dict_values_array *)(mem + prefix_size);
}

static void free_values(py_dict_values_array *values)
{
    uint8_t prefix_size = ((uint8_t *)values)[-1];
    rg_free((uint8_t *)values - prefix_size);
}

static inline int values_count(const py_dict_values_array *v) { return ((const uint8_t *)v)[-2]; }

static inline void values_add_to_order(py_dict_values_array *values, py_ssize_t ix)
{
    uint8_t *size_ptr = (uint8_t *)values - 2;
    int size = *size_ptr + 1;
    RG_ASSERT(size + 2 <= ((uint8_t *)values)[-1]);
    size_ptr[-size] = (uint8_t)ix;
    *size_ptr = (uint8_t)size;
}

static void values_delete_from_order(py_dict_values_array *values, py_ssize_t ix)
{
    uint8_t *size_ptr = (uint8_t *)values - 2;
    int size = *size_ptr, i;
    for (i = 1; size_ptr[-i] != ix; i++) RG_ASSERT(i <= size);
    for (; i < size; i++) size_ptr[-i] = size_ptr[-i - 1];
    *size_ptr = (uint8_t)(size - 1);
}

/* The entry index of the i-th value in insertion order. */
static inline int get_index_from_order(const py_dict_object *mp, py_ssize_t i)
{
    return ((const uint8_t *)mp->ma_values)[-3 - i];
}

static inline py_ssize_t shared_keys_usable_size(const py_dict_keys_object *keys)
{
    return keys->dk_nentries + keys->dk_usable;
}

/* ====================================================================== */
/* Dict objects                                                            */
/* ====================================================================== */

/* new_dict: the dict free list (the engine's: uncounted) or a new GC
 * allocation; created untracked.  On failure keys is released (and values
 * freed when free_values_on_failure). */
static py_obj *new_dict(py_dict_keys_object *keys, py_dict_values_array *values, py_ssize_t used, int free_values_on_failure)
{
    py_dict_object *mp = (py_dict_object *)rg_new(py_heap(), &py_dict_info.rt);
    if (mp == NULL) {
        py_dict_keys_decref(keys);
        if (free_values_on_failure) free_values(values);
        return py_err_no_memory();
    }
    mp->ma_keys = keys;
    mp->ma_values = values;
    mp->ma_used = used;
    mp->ma_version_tag = 0;
    return (py_obj *)mp;
}

/* A dict sharing keys (a reference taken by the caller) with empty values. */
static py_obj *new_dict_with_shared_keys(py_dict_keys_object *keys)
{
    py_ssize_t size = shared_keys_usable_size(keys);
    py_dict_values_array *values = new_values(size);
    if (values == NULL) {
        py_dict_keys_decref(keys);
        return py_err_no_memory();
    }
    ((uint8_t *)values)[-2] = 0;
    for (py_ssize_t i = 0; i < size; i++) values->values[i] = NULL;
    return new_dict(keys, values, 0, 1);
}

void py_dict_init_empty(py_obj *op)
{
    py_dict_object *d = (py_dict_object *)op;
    dictkeys_incref(PY_EMPTY_KEYS);
    d->ma_keys = PY_EMPTY_KEYS;
    d->ma_values = NULL;
    d->ma_used = 0;
}

py_obj *py_dict_new(void)
{
    dictkeys_incref(PY_EMPTY_KEYS);
    return new_dict(PY_EMPTY_KEYS, NULL, 0, 0);
}

/* dict_new_presized: the keys object first, then the dict. */
static py_obj *dict_new_presized(py_ssize_t minused, int unicode)
{
    const uint8_t log2_max_presize = 17;
    if (minused <= PY_USABLE_FRACTION(PY_DICT_MINSIZE)) return py_dict_new();
    uint8_t log2_newsize = minused > PY_USABLE_FRACTION((py_ssize_t)1 << log2_max_presize)
                               ? log2_max_presize
                               : estimate_log2_keysize(minused);
    py_dict_keys_object *keys = new_keys_object(log2_newsize, unicode);
    if (keys == NULL) return NULL;
    return new_dict(keys, NULL, 0, 0);
}

py_obj *py_dict_new_presized(py_ssize_t minused) { return dict_new_presized(minused, 0); }

/* MAINTAIN_TRACKING: a dict starts tracked once it holds something that
 * may be tracked. */
static inline void maintain_tracking(py_dict_object *mp, py_obj *key, py_obj *value)
{
    if (!rg_is_tracked((py_obj *)mp) && (rg_may_be_tracked(key) || rg_may_be_tracked(value)))
        rg_track((py_obj *)mp);
}

/* ====================================================================== */
/* Lookup                                                                  */
/* ====================================================================== */

/* The hash of a str key (always computed when it went in). */
static inline py_hash_t unicode_get_hash(py_obj *s) { return ((py_ascii_object *)s)->hash; }

/* The hash of any key: the cached one of a str, else hash(key). */
static inline py_hash_t key_hash(py_obj *key)
{
    if (py_unicode_check_exact(key)) {
        py_hash_t h = unicode_get_hash(key);
        if (h != -1) return h;
    }
    return py_object_hash(key);
}

/* A str key in a unicode table: identity or equal str. */
static py_ssize_t unicodekeys_lookup_unicode(py_dict_keys_object *dk, py_obj *key, py_hash_t hash)
{
    py_dict_unicode_entry *ep0 = dk_unicode_entries(dk);
    size_t mask = dk_mask(dk), perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        py_ssize_t ix = dictkeys_get_index(dk, i);
        if (ix >= 0) {
            py_obj *k = ep0[ix].me_key;
            if (k == key || (unicode_get_hash(k) == hash && py_unicode_eq(k, key))) return ix;
        } else if (ix == PY_DKIX_EMPTY) {
            return PY_DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

/* Any key in a unicode table (rich comparison with the str keys). */
static py_ssize_t unicodekeys_lookup_generic(py_dict_object *mp, py_dict_keys_object *dk, py_obj *key, py_hash_t hash)
{
    py_dict_unicode_entry *ep0 = dk_unicode_entries(dk);
    size_t mask = dk_mask(dk), perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        py_ssize_t ix = dictkeys_get_index(dk, i);
        if (ix >= 0) {
            py_dict_unicode_entry *ep = &ep0[ix];
            if (ep->me_key == key) return ix;
            if (unicode_get_hash(ep->me_key) == hash) {
                py_obj *startkey = py_new_ref(ep->me_key);
                int cmp = py_object_rich_compare_bool(startkey, key, PY_EQ);
                rg_decref(startkey);
                if (cmp < 0) return PY_DKIX_ERROR;
                if (dk == mp->ma_keys && ep->me_key == startkey) {
                    if (cmp > 0) return ix;
                } else {
                    return PY_DKIX_KEY_CHANGED;
                }
            }
        } else if (ix == PY_DKIX_EMPTY) {
            return PY_DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

/* Any key in a general table. */
static py_ssize_t dictkeys_generic_lookup(py_dict_object *mp, py_dict_keys_object *dk, py_obj *key, py_hash_t hash)
{
    py_dict_key_entry *ep0 = dk_entries(dk);
    size_t mask = dk_mask(dk), perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        py_ssize_t ix = dictkeys_get_index(dk, i);
        if (ix >= 0) {
            py_dict_key_entry *ep = &ep0[ix];
            if (ep->me_key == key) return ix;
            if (ep->me_hash == hash) {
                py_obj *startkey = py_new_ref(ep->me_key);
                int cmp = py_object_rich_compare_bool(startkey, key, PY_EQ);
                rg_decref(startkey);
                if (cmp < 0) return PY_DKIX_ERROR;
                if (dk == mp->ma_keys && ep->me_key == startkey) {
                    if (cmp > 0) return ix;
                } else {
                    return PY_DKIX_KEY_CHANGED;
                }
            }
        } else if (ix == PY_DKIX_EMPTY) {
            return PY_DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

/* _Py_dict_lookup: the entry index of key (or EMPTY/ERROR), *value_addr
 * its value (borrowed; NULL when absent, also for a split dict that lacks
 * a key its shared keys have). */
static py_ssize_t dict_lookup(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj **value_addr)
{
    for (;;) {
        py_dict_keys_object *dk = mp->ma_keys;
        py_ssize_t ix;
        if (dk->dk_kind != PY_DICT_KEYS_GENERAL) {
            if (py_unicode_check_exact(key)) {
                ix = unicodekeys_lookup_unicode(dk, key, hash);
            } else {
                ix = unicodekeys_lookup_generic(mp, dk, key, hash);
                if (ix == PY_DKIX_KEY_CHANGED) continue;
            }
            if (ix >= 0) {
                *value_addr = dk->dk_kind == PY_DICT_KEYS_SPLIT ? mp->ma_values->values[ix]
                                                               : dk_unicode_entries(dk)[ix].me_value;
            } else {
                *value_addr = NULL;
            }
        } else {
            ix = dictkeys_generic_lookup(mp, dk, key, hash);
            if (ix == PY_DKIX_KEY_CHANGED) continue;
            *value_addr = ix >= 0 ? dk_entries(dk)[ix].me_value : NULL;
        }
        return ix;
    }
}

py_ssize_t py_dict_keys_string_lookup(py_dict_keys_object *dk, py_obj *key)
{
    py_hash_t hash = unicode_get_hash(key);
    if (hash == -1) {
        hash = py_unicode_hash(key);
    }
    return unicodekeys_lookup_unicode(dk, key, hash);
}

/* The slot where an entry of this hash goes (first EMPTY on the probe). */
static size_t find_empty_slot(py_dict_keys_object *keys, py_hash_t hash)
{
    size_t mask = dk_mask(keys), i = (size_t)hash & mask, perturb = (size_t)hash;
    py_ssize_t ix = dictkeys_get_index(keys, i);
    while (ix >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
        ix = dictkeys_get_index(keys, i);
    }
    return i;
}

/* The slot holding entry index `index` (lookdict_index). */
static py_ssize_t lookdict_index(py_dict_keys_object *k, py_hash_t hash, py_ssize_t index)
{
    size_t mask = dk_mask(k), perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        py_ssize_t ix = dictkeys_get_index(k, i);
        if (ix == index) return (py_ssize_t)i;
        if (ix == PY_DKIX_EMPTY) return PY_DKIX_EMPTY;
        perturb >>= PERTURB_SHIFT;
        i = mask & (i * 5 + perturb + 1);
    }
}

/* ====================================================================== */
/* Resizing                                                                */
/* ====================================================================== */

static void build_indices_generic(py_dict_keys_object *keys, py_dict_key_entry *ep, py_ssize_t n)
{
    size_t mask = dk_mask(keys);
    for (py_ssize_t ix = 0; ix != n; ix++, ep++) {
        py_hash_t hash = ep->me_hash;
        size_t i = (size_t)hash & mask;
        for (size_t perturb = (size_t)hash; dictkeys_get_index(keys, i) != PY_DKIX_EMPTY;) {
            perturb >>= PERTURB_SHIFT;
            i = mask & (i * 5 + perturb + 1);
        }
        dictkeys_set_index(keys, i, ix);
    }
}

static void build_indices_unicode(py_dict_keys_object *keys, py_dict_unicode_entry *ep, py_ssize_t n)
{
    size_t mask = dk_mask(keys);
    for (py_ssize_t ix = 0; ix != n; ix++, ep++) {
        py_hash_t hash = unicode_get_hash(ep->me_key);
        size_t i = (size_t)hash & mask;
        for (size_t perturb = (size_t)hash; dictkeys_get_index(keys, i) != PY_DKIX_EMPTY;) {
            perturb >>= PERTURB_SHIFT;
            i = mask & (i * 5 + perturb + 1);
        }
        dictkeys_set_index(keys, i, ix);
    }
}

/* dictresize: a new table of 2**log2_newsize slots, unicode-only if asked
 * and the old one was; the live entries copied in order (a split table
 * becomes combined).  -1 with MemoryError, the dict unchanged. */
static int dictresize(py_dict_object *mp, uint8_t log2_newsize, int unicode)
{
    if (log2_newsize >= 64) {
        py_err_no_memory();
        return -1;
    }
    py_dict_keys_object *oldkeys = mp->ma_keys;
    py_dict_values_array *oldvalues = mp->ma_values;
    if (!dk_is_unicode(oldkeys)) unicode = 0;
    py_dict_keys_object *newkeys = new_keys_object(log2_newsize, unicode);
    if (newkeys == NULL) return -1;
    mp->ma_keys = newkeys;
    RG_ASSERT(newkeys->dk_usable >= mp->ma_used);
    py_ssize_t numentries = mp->ma_used;
    if (oldvalues != NULL) {
        /* Split to combined: the keys get new references, the values move. */
        py_dict_unicode_entry *oldentries = dk_unicode_entries(oldkeys);
        if (newkeys->dk_kind == PY_DICT_KEYS_GENERAL) {
            py_dict_key_entry *newentries = dk_entries(newkeys);
            for (py_ssize_t i = 0; i < numentries; i++) {
                int index = get_index_from_order(mp, i);
                py_dict_unicode_entry *ep = &oldentries[index];
                newentries[i].me_key = py_new_ref(ep->me_key);
                newentries[i].me_hash = unicode_get_hash(ep->me_key);
                newentries[i].me_value = oldvalues->values[index];
            }
            build_indices_generic(newkeys, newentries, numentries);
        } else {
            py_dict_unicode_entry *newentries = dk_unicode_entries(newkeys);
            for (py_ssize_t i = 0; i < numentries; i++) {
                int index = get_index_from_order(mp, i);
                py_dict_unicode_entry *ep = &oldentries[index];
                newentries[i].me_key = py_new_ref(ep->me_key);
                newentries[i].me_value = oldvalues->values[index];
            }
            build_indices_unicode(newkeys, newentries, numentries);
        }
        py_dict_keys_decref(oldkeys);
        mp->ma_values = NULL;
        free_values(oldvalues);
    } else {
        if (oldkeys->dk_kind == PY_DICT_KEYS_GENERAL) {
            py_dict_key_entry *oldentries = dk_entries(oldkeys), *newentries = dk_entries(newkeys);
            if (oldkeys->dk_nentries == numentries) {
                memcpy(newentries, oldentries, (size_t)numentries * sizeof(py_dict_key_entry));
            } else {
                py_dict_key_entry *ep = oldentries;
                for (py_ssize_t i = 0; i < numentries; i++) {
                    while (ep->me_value == NULL) ep++;
                    newentries[i] = *ep++;
                }
            }
            build_indices_generic(newkeys, newentries, numentries);
        } else {
            py_dict_unicode_entry *oldentries = dk_unicode_entries(oldkeys);
            if (unicode) {
                py_dict_unicode_entry *newentries = dk_unicode_entries(newkeys);
                if (oldkeys->dk_nentries == numentries && mp->ma_keys->dk_kind == PY_DICT_KEYS_UNICODE) {
                    memcpy(newentries, oldentries, (size_t)numentries * sizeof(py_dict_unicode_entry));
                } else {
                    py_dict_unicode_entry *ep = oldentries;
                    for (py_ssize_t i = 0; i < numentries; i++) {
                        while (ep->me_value == NULL) ep++;
                        newentries[i] = *ep++;
                    }
                }
                build_indices_unicode(newkeys, newentries, numentries);
            } else {
                py_dict_key_entry *newentries = dk_entries(newkeys);
                py_dict_unicode_entry *ep = oldentries;
                for (py_ssize_t i = 0; i < numentries; i++) {
                    while (ep->me_value == NULL) ep++;
                    newentries[i].me_key = ep->me_key;
                    newentries[i].me_hash = unicode_get_hash(ep->me_key);
                    newentries[i].me_value = ep->me_value;
                    ep++;
                }
                build_indices_generic(newkeys, newentries, numentries);
            }
        }
        /* The references moved: release the old block without them. */
        if (oldkeys != PY_EMPTY_KEYS) {
            RG_ASSERT(oldkeys->dk_refcnt == 1 && oldkeys->dk_kind != PY_DICT_KEYS_SPLIT);
            keys_release(oldkeys);
        }
    }
    newkeys->dk_usable -= numentries;
    newkeys->dk_nentries = numentries;
    return 0;
}

static int insertion_resize(py_dict_object *mp, int unicode)
{
    return dictresize(mp, calculate_log2_keysize(GROWTH_RATE(mp)), unicode);
}

/* ====================================================================== */
/* Insertion                                                               */
/* ====================================================================== */

/* insertdict: key and value are stolen (even on failure). */
static int insertdict(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value)
{
    py_obj *old_value;
    if (dk_is_unicode(mp->ma_keys) && !py_unicode_check_exact(key)) {
        if (insertion_resize(mp, 0) < 0) goto fail;
        RG_ASSERT(mp->ma_keys->dk_kind == PY_DICT_KEYS_GENERAL);
    }
    py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
    if (ix == PY_DKIX_ERROR) goto fail;
    maintain_tracking(mp, key, value);
    if (ix == PY_DKIX_EMPTY) {
        mp->ma_keys->dk_version = 0;
        if (mp->ma_keys->dk_usable <= 0 && insertion_resize(mp, 1) < 0) goto fail;
        py_dict_keys_object *dk = mp->ma_keys;
        size_t hashpos = find_empty_slot(dk, hash);
        dictkeys_set_index(dk, hashpos, dk->dk_nentries);
        if (dk_is_unicode(dk)) {
            py_dict_unicode_entry *ep = &dk_unicode_entries(dk)[dk->dk_nentries];
            ep->me_key = key;
            if (mp->ma_values) {
                py_ssize_t index = dk->dk_nentries;
                values_add_to_order(mp->ma_values, index);
                RG_ASSERT(mp->ma_values->values[index] == NULL);
                mp->ma_values->values[index] = value;
            } else {
                ep->me_value = value;
            }
        } else {
            py_dict_key_entry *ep = &dk_entries(dk)[dk->dk_nentries];
            ep->me_key = key;
            ep->me_hash = hash;
            ep->me_value = value;
        }
        mp->ma_used++;
        dk->dk_usable--;
        dk->dk_nentries++;
        RG_ASSERT(dk->dk_usable >= 0);
        return 0;
    }
    if (old_value != value) {
        if (mp->ma_values != NULL) {
            mp->ma_values->values[ix] = value;
            if (old_value == NULL) {
                values_add_to_order(mp->ma_values, ix);
                mp->ma_used++;
            }
        } else if (dk_is_unicode(mp->ma_keys)) {
            dk_unicode_entries(mp->ma_keys)[ix].me_value = value;
        } else {
            dk_entries(mp->ma_keys)[ix].me_value = value;
        }
    }
    rg_xdecref(old_value); /* may re-enter */
    rg_decref(key);
    return 0;
fail:
    rg_decref(value);
    rg_decref(key);
    return -1;
}

/* The first insertion into an empty dict: a fresh 8-slot table. */
static int insert_to_emptydict(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value)
{
    RG_ASSERT(mp->ma_keys == PY_EMPTY_KEYS);
    int unicode = py_unicode_check_exact(key);
    py_dict_keys_object *newkeys = new_keys_object(PY_DICT_LOG_MINSIZE, unicode);
    if (newkeys == NULL) {
        rg_decref(key);
        rg_decref(value);
        return -1;
    }
    /* The empty keys are static: no decref. */
    mp->ma_keys = newkeys;
    mp->ma_values = NULL;
    maintain_tracking(mp, key, value);
    size_t hashpos = (size_t)hash & (PY_DICT_MINSIZE - 1);
    dictkeys_set_index(newkeys, hashpos, 0);
    if (unicode) {
        py_dict_unicode_entry *ep = dk_unicode_entries(newkeys);
        ep->me_key = key;
        ep->me_value = value;
    } else {
        py_dict_key_entry *ep = dk_entries(newkeys);
        ep->me_key = key;
        ep->me_hash = hash;
        ep->me_value = value;
    }
    mp->ma_used++;
    newkeys->dk_usable--;
    newkeys->dk_nentries++;
    return 0;
}

/* _PyDict_SetItem_Take2 with the hash known. */
static int setitem_take2(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value)
{
    if (mp->ma_keys == PY_EMPTY_KEYS) return insert_to_emptydict(mp, key, hash, value);
    return insertdict(mp, key, hash, value);
}

int py_dict_set_item_steal(py_obj *op, py_obj *key, py_obj *value)
{
    if (!py_dict_check(op)) {
        rg_decref(key);
        rg_decref(value);
        py_err_bad_internal_call();
        return -1;
    }
    py_hash_t hash = key_hash(key);
    if (hash == -1) {
        rg_decref(key);
        rg_decref(value);
        return -1;
    }
    return setitem_take2((py_dict_object *)op, key, hash, value);
}

int py_dict_set_item(py_obj *op, py_obj *key, py_obj *value)
{
    rg_incref(key);
    rg_incref(value);
    return py_dict_set_item_steal(op, key, value);
}

int py_dict_set_item_known_hash(py_obj *op, py_obj *key, py_obj *value, py_hash_t hash)
{
    rg_incref(key);
    rg_incref(value);
    return setitem_take2((py_dict_object *)op, key, hash, value);
}

int py_dict_set_item_string(py_obj *d, const char *key, py_obj *value)
{
    py_obj *k = py_unicode_from_string(key);
    if (k == NULL) return -1;
    py_unicode_intern_in_place(&k);
    int r = py_dict_set_item(d, k, value);
    rg_decref(k);
    return r;
}

/* ====================================================================== */
/* Reading                                                                 */
/* ====================================================================== */

py_obj *py_dict_get_item_known_hash(py_obj *op, py_obj *key, py_hash_t hash)
{
    py_obj *value;
    if (dict_lookup((py_dict_object *)op, key, hash, &value) < 0) return NULL;
    return value;
}

py_obj *py_dict_get_item_with_error(py_obj *op, py_obj *key)
{
    if (!py_dict_check(op)) return py_err_bad_internal_call();
    py_hash_t hash = key_hash(key);
    if (hash == -1) return NULL;
    return py_dict_get_item_known_hash(op, key, hash);
}

py_obj *py_dict_get_item_string(py_obj *d, const char *key)
{
    py_obj *k = py_unicode_from_string(key);
    if (k == NULL) {
        py_err_clear();
        return NULL;
    }
    py_obj *v = py_dict_get_item_with_error(d, k);
    rg_decref(k);
    if (v == NULL) py_err_clear();
    return v;
}

int py_dict_contains_known_hash(py_obj *op, py_obj *key, py_hash_t hash)
{
    py_obj *value;
    py_ssize_t ix = dict_lookup((py_dict_object *)op, key, hash, &value);
    if (ix == PY_DKIX_ERROR) return -1;
    return ix != PY_DKIX_EMPTY && value != NULL;
}

int py_dict_contains(py_obj *op, py_obj *key)
{
    py_hash_t hash = key_hash(key);
    if (hash == -1) return -1;
    return py_dict_contains_known_hash(op, key, hash);
}

int py_dict_next_with_hash(py_obj *op, py_ssize_t *ppos, py_obj **pkey, py_obj **pvalue, py_hash_t *phash)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_ssize_t i = *ppos;
    py_obj *key, *value;
    py_hash_t hash;
    if (mp->ma_values) {
        if (i < 0 || i >= mp->ma_used) return 0;
        int index = get_index_from_order(mp, i);
        value = mp->ma_values->values[index];
        key = dk_unicode_entries(mp->ma_keys)[index].me_key;
        hash = unicode_get_hash(key);
    } else {
        py_ssize_t n = mp->ma_keys->dk_nentries;
        if (i < 0 || i >= n) return 0;
        if (dk_is_unicode(mp->ma_keys)) {
            py_dict_unicode_entry *ep = &dk_unicode_entries(mp->ma_keys)[i];
            while (i < n && ep->me_value == NULL) {
                ep++;
                i++;
            }
            if (i >= n) return 0;
            key = ep->me_key;
            hash = unicode_get_hash(key);
            value = ep->me_value;
        } else {
            py_dict_key_entry *ep = &dk_entries(mp->ma_keys)[i];
            while (i < n && ep->me_value == NULL) {
                ep++;
                i++;
            }
            if (i >= n) return 0;
            key = ep->me_key;
            hash = ep->me_hash;
            value = ep->me_value;
        }
    }
    *ppos = i + 1;
    if (pkey) *pkey = key;
    if (pvalue) *pvalue = value;
    if (phash) *phash = hash;
    return 1;
}

py_ssize_t py_dict_last_position(py_obj *op)
{
    py_dict_object *mp = (py_dict_object *)op;
    return mp->ma_values ? mp->ma_used - 1 : mp->ma_keys->dk_nentries - 1;
}

int py_dict_prev(py_obj *op, py_ssize_t *ppos, py_obj **pkey, py_obj **pvalue)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_ssize_t i = *ppos;
    if (i < 0) return 0;
    if (mp->ma_values) {
        int index = get_index_from_order(mp, i);
        *pkey = dk_unicode_entries(mp->ma_keys)[index].me_key;
        *pvalue = mp->ma_values->values[index];
    } else if (dk_is_unicode(mp->ma_keys)) {
        py_dict_unicode_entry *ep = &dk_unicode_entries(mp->ma_keys)[i];
        while (ep->me_value == NULL) {
            if (--i < 0) return 0;
            ep--;
        }
        *pkey = ep->me_key;
        *pvalue = ep->me_value;
    } else {
        py_dict_key_entry *ep = &dk_entries(mp->ma_keys)[i];
        while (ep->me_value == NULL) {
            if (--i < 0) return 0;
            ep--;
        }
        *pkey = ep->me_key;
        *pvalue = ep->me_value;
    }
    *ppos = i - 1;
    return 1;
}

int py_dict_next(py_obj *op, py_ssize_t *ppos, py_obj **pkey, py_obj **pvalue)
{
    if (!py_dict_check(op)) return 0;
    return py_dict_next_with_hash(op, ppos, pkey, pvalue, NULL);
}

/* ====================================================================== */
/* Deletion                                                                */
/* ====================================================================== */

/* delitem_common: the entry emptied (its slot DUMMY), key then value
 * released; a split dict only forgets the value. */
static void delitem_common(py_dict_object *mp, py_hash_t hash, py_ssize_t ix, py_obj *old_value)
{
    py_ssize_t hashpos = lookdict_index(mp->ma_keys, hash, ix);
    RG_ASSERT(hashpos >= 0);
    mp->ma_used--;
    if (mp->ma_values) {
        mp->ma_values->values[ix] = NULL;
        values_delete_from_order(mp->ma_values, ix);
    } else {
        py_obj *old_key;
        mp->ma_keys->dk_version = 0;
        dictkeys_set_index(mp->ma_keys, (size_t)hashpos, PY_DKIX_DUMMY);
        if (dk_is_unicode(mp->ma_keys)) {
            py_dict_unicode_entry *ep = &dk_unicode_entries(mp->ma_keys)[ix];
            old_key = ep->me_key;
            ep->me_key = NULL;
            ep->me_value = NULL;
        } else {
            py_dict_key_entry *ep = &dk_entries(mp->ma_keys)[ix];
            old_key = ep->me_key;
            ep->me_key = NULL;
            ep->me_value = NULL;
            ep->me_hash = 0;
        }
        rg_decref(old_key);
    }
    rg_decref(old_value);
}

int py_dict_del_item_known_hash(py_obj *op, py_obj *key, py_hash_t hash)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_obj *old_value;
    py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
    if (ix == PY_DKIX_ERROR) return -1;
    if (ix == PY_DKIX_EMPTY || old_value == NULL) {
        py_err_set_key_error(key);
        return -1;
    }
    delitem_common(mp, hash, ix, old_value);
    return 0;
}

int py_dict_del_item(py_obj *op, py_obj *key)
{
    if (!py_dict_check(op)) {
        py_err_bad_internal_call();
        return -1;
    }
    py_hash_t hash = key_hash(key);
    if (hash == -1) return -1;
    return py_dict_del_item_known_hash(op, key, hash);
}

int py_dict_del_item_string(py_obj *d, const char *key)
{
    py_obj *k = py_unicode_from_string(key);
    if (k == NULL) return -1;
    int r = py_dict_del_item(d, k);
    rg_decref(k);
    return r;
}

py_obj *py_dict_pop(py_obj *op, py_obj *key, py_obj *deflt)
{
    py_dict_object *mp = (py_dict_object *)op;
    if (mp->ma_used == 0) {
        if (deflt) return py_new_ref(deflt);
        py_err_set_key_error(key);
        return NULL;
    }
    py_hash_t hash = key_hash(key);
    if (hash == -1) return NULL;
    py_obj *old_value;
    py_ssize_t ix = dict_lookup(mp, key, hash, &old_value);
    if (ix == PY_DKIX_ERROR) return NULL;
    if (ix == PY_DKIX_EMPTY || old_value == NULL) {
        if (deflt) return py_new_ref(deflt);
        py_err_set_key_error(key);
        return NULL;
    }
    rg_incref(old_value);
    delitem_common(mp, hash, ix, old_value);
    return old_value;
}

py_obj *py_dict_popitem(py_obj *op)
{
    py_dict_object *self = (py_dict_object *)op;
    /* The result tuple is allocated first, as dict_popitem_impl does. */
    py_obj *res = py_tuple_new(2);
    if (res == NULL) return NULL;
    if (self->ma_used == 0) {
        rg_decref(res);
        py_err_set_string(py_exc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    if (self->ma_keys->dk_kind == PY_DICT_KEYS_SPLIT &&
        dictresize(self, self->ma_keys->dk_log2_size, 1) < 0) {
        rg_decref(res);
        return NULL;
    }
    py_dict_keys_object *dk = self->ma_keys;
    dk->dk_version = 0;
    py_obj *key, *value;
    py_hash_t hash;
    py_ssize_t i = dk->dk_nentries - 1;
    if (dk_is_unicode(dk)) {
        py_dict_unicode_entry *e = dk_unicode_entries(dk);
        while (i >= 0 && e[i].me_value == NULL) i--;
        RG_ASSERT(i >= 0);
        key = e[i].me_key;
        hash = unicode_get_hash(key);
        value = e[i].me_value;
        e[i].me_key = e[i].me_value = NULL;
    } else {
        py_dict_key_entry *e = dk_entries(dk);
        while (i >= 0 && e[i].me_value == NULL) i--;
        RG_ASSERT(i >= 0);
        key = e[i].me_key;
        hash = e[i].me_hash;
        value = e[i].me_value;
        e[i].me_key = e[i].me_value = NULL;
    }
    py_ssize_t j = lookdict_index(dk, hash, i);
    RG_ASSERT(j >= 0);
    dictkeys_set_index(dk, (size_t)j, PY_DKIX_DUMMY);
    py_tuple_set(res, 0, key);
    py_tuple_set(res, 1, value);
    /* dk_usable stays: the slot is a DUMMY now. */
    dk->dk_nentries = i;
    self->ma_used--;
    return res;
}

void py_dict_clear(py_obj *op)
{
    if (!py_dict_check(op)) return;
    py_dict_object *mp = (py_dict_object *)op;
    py_dict_keys_object *oldkeys = mp->ma_keys;
    py_dict_values_array *oldvalues = mp->ma_values;
    if (oldkeys == PY_EMPTY_KEYS) return;
    /* Empty the dict first, then release what it held. */
    dictkeys_incref(PY_EMPTY_KEYS);
    mp->ma_keys = PY_EMPTY_KEYS;
    mp->ma_values = NULL;
    mp->ma_used = 0;
    if (oldvalues != NULL) {
        py_ssize_t n = oldkeys->dk_nentries;
        for (py_ssize_t i = 0; i < n; i++) RG_CLEAR(oldvalues->values[i]);
        free_values(oldvalues);
        py_dict_keys_decref(oldkeys);
    } else {
        RG_ASSERT(oldkeys->dk_refcnt == 1);
        py_dict_keys_decref(oldkeys);
    }
}

py_obj *py_dict_set_default(py_obj *d, py_obj *key, py_obj *defaultobj)
{
    py_dict_object *mp = (py_dict_object *)d;
    py_hash_t hash = key_hash(key);
    if (hash == -1) return NULL;
    if (mp->ma_keys == PY_EMPTY_KEYS) {
        if (insert_to_emptydict(mp, py_new_ref(key), hash, py_new_ref(defaultobj)) < 0) return NULL;
        return defaultobj;
    }
    if (!py_unicode_check_exact(key) && dk_is_unicode(mp->ma_keys)) {
        if (insertion_resize(mp, 0) < 0) return NULL;
    }
    py_obj *value;
    py_ssize_t ix = dict_lookup(mp, key, hash, &value);
    if (ix == PY_DKIX_ERROR) return NULL;
    if (ix == PY_DKIX_EMPTY || value == NULL) {
        if (insertdict(mp, py_new_ref(key), hash, py_new_ref(defaultobj)) < 0) return NULL;
        return defaultobj;
    }
    return value;
}

/* ====================================================================== */
/* Copying and merging                                                     */
/* ====================================================================== */

/* clone_combined_dict_keys: a byte copy of a clean combined table (a new
 * block, not the free list), its keys and values increfed. */
static py_dict_keys_object *clone_combined_dict_keys(py_dict_object *orig)
{
    RG_ASSERT(orig->ma_values == NULL && orig->ma_keys->dk_refcnt == 1);
    size_t keys_size = py_dict_keys_size(orig->ma_keys);
    py_dict_keys_object *keys = rg_obj_malloc(py_heap(), keys_size);
    if (keys == NULL) {
        py_err_no_memory();
        return NULL;
    }
    memcpy(keys, orig->ma_keys, keys_size);
    py_ssize_t n = keys->dk_nentries;
    if (dk_is_unicode(keys)) {
        py_dict_unicode_entry *e = dk_unicode_entries(keys);
        for (py_ssize_t i = 0; i < n; i++)
            if (e[i].me_value != NULL) {
                rg_incref(e[i].me_value);
                rg_incref(e[i].me_key);
            }
    } else {
        py_dict_key_entry *e = dk_entries(keys);
        for (py_ssize_t i = 0; i < n; i++)
            if (e[i].me_value != NULL) {
                rg_incref(e[i].me_value);
                rg_incref(e[i].me_key);
            }
    }
    return keys;
}

py_obj *py_dict_copy(py_obj *o)
{
    if (o == NULL || !py_dict_check(o)) return py_err_bad_internal_call();
    py_dict_object *mp = (py_dict_object *)o;
    if (mp->ma_used == 0) return py_dict_new();
    if (mp->ma_values != NULL) {
        /* A split dict: share the keys, copy the values (a GC allocation
         * that bypasses the free list, as PyObject_GC_New). */
        py_ssize_t size = shared_keys_usable_size(mp->ma_keys);
        py_dict_values_array *newvalues = new_values(size);
        if (newvalues == NULL) return py_err_no_memory();
        py_dict_object *split_copy = (py_dict_object *)py_dict_alloc_no_freelist();
        if (split_copy == NULL) {
            free_values(newvalues);
            return NULL;
        }
        size_t prefix_size = ((uint8_t *)newvalues)[-1];
        memcpy((char *)newvalues - prefix_size, (char *)mp->ma_values - prefix_size, prefix_size - 1);
        split_copy->ma_values = newvalues;
        split_copy->ma_keys = mp->ma_keys;
        split_copy->ma_used = mp->ma_used;
        dictkeys_incref(mp->ma_keys);
        for (py_ssize_t i = 0; i < size; i++) newvalues->values[i] = py_xnew_ref(mp->ma_values->values[i]);
        if (rg_is_tracked(o)) rg_track((py_obj *)split_copy);
        return (py_obj *)split_copy;
    }
    if (py_type_of(o)->iter == py_dict_info.iter && mp->ma_used >= (mp->ma_keys->dk_nentries * 2) / 3) {
        py_dict_keys_object *keys = clone_combined_dict_keys(mp);
        if (keys == NULL) return NULL;
        py_dict_object *n = (py_dict_object *)new_dict(keys, NULL, 0, 0);
        if (n == NULL) return NULL;
        n->ma_used = mp->ma_used;
        if (rg_is_tracked(o)) rg_track((py_obj *)n);
        return (py_obj *)n;
    }
    py_obj *copy = py_dict_new();
    if (copy == NULL) return NULL;
    if (py_dict_merge(copy, o, 1) == 0) return copy;
    rg_decref(copy);
    return NULL;
}

int py_dict_merge(py_obj *a, py_obj *b, int override)
{
    if (a == NULL || !py_dict_check(a) || b == NULL) {
        py_err_bad_internal_call();
        return -1;
    }
    py_dict_object *mp = (py_dict_object *)a;
    if (py_dict_check(b) && py_type_of(b)->iter == py_dict_info.iter) {
        py_dict_object *other = (py_dict_object *)b;
        if (other == mp || other->ma_used == 0) return 0;
        if (mp->ma_used == 0) {
            override = 1;
            py_dict_keys_object *okeys = other->ma_keys;
            /* A clean, combined, freshly built source: clone its table. */
            if (other->ma_values == NULL && other->ma_used == okeys->dk_nentries &&
                (okeys->dk_log2_size == PY_DICT_LOG_MINSIZE ||
                 PY_USABLE_FRACTION(dk_size(okeys) / 2) < other->ma_used)) {
                py_dict_keys_object *keys = clone_combined_dict_keys(other);
                if (keys == NULL) return -1;
                py_dict_keys_decref(mp->ma_keys);
                mp->ma_keys = keys;
                if (mp->ma_values != NULL) {
                    free_values(mp->ma_values);
                    mp->ma_values = NULL;
                }
                mp->ma_used = other->ma_used;
                if (rg_is_tracked(b) && !rg_is_tracked(a)) rg_track(a);
                return 0;
            }
        }
        /* One big resize first. */
        if (PY_USABLE_FRACTION(dk_size(mp->ma_keys)) < other->ma_used) {
            int unicode = dk_is_unicode(other->ma_keys);
            if (dictresize(mp, estimate_log2_keysize(mp->ma_used + other->ma_used), unicode)) return -1;
        }
        py_ssize_t orig_size = other->ma_keys->dk_nentries, pos = 0;
        py_obj *key, *value;
        py_hash_t hash;
        while (py_dict_next_with_hash(b, &pos, &key, &value, &hash)) {
            int err = 0;
            rg_incref(key);
            rg_incref(value);
            if (override == 1) {
                err = insertdict(mp, py_new_ref(key), hash, py_new_ref(value));
            } else {
                err = py_dict_contains_known_hash(a, key, hash);
                if (err == 0) {
                    err = insertdict(mp, py_new_ref(key), hash, py_new_ref(value));
                } else if (err > 0) {
                    if (override != 0) {
                        py_err_set_key_error(key);
                        rg_decref(value);
                        rg_decref(key);
                        return -1;
                    }
                    err = 0;
                }
            }
            rg_decref(value);
            rg_decref(key);
            if (err != 0) return -1;
            if (orig_size != other->ma_keys->dk_nentries) {
                py_err_set_string(py_exc_RuntimeError, "dict mutated during update");
                return -1;
            }
        }
        return 0;
    }
    /* The generic way: keys(), then b[key]. */
    py_obj *keys = py_object_call_method_no_args(b, py_id(keys));
    if (keys == NULL) return -1;
    py_obj *iter = py_object_get_iter(keys);
    rg_decref(keys);
    if (iter == NULL) return -1;
    py_obj *key;
    while ((key = py_iter_next(iter)) != NULL) {
        if (override != 1) {
            int status = py_dict_contains(a, key);
            if (status != 0) {
                if (status > 0) {
                    if (override == 0) {
                        rg_decref(key);
                        continue;
                    }
                    py_err_set_key_error(key);
                }
                rg_decref(key);
                rg_decref(iter);
                return -1;
            }
        }
        py_obj *value = py_object_get_item(b, key);
        if (value == NULL) {
            rg_decref(iter);
            rg_decref(key);
            return -1;
        }
        int status = py_dict_set_item(a, key, value);
        rg_decref(key);
        rg_decref(value);
        if (status < 0) {
            rg_decref(iter);
            return -1;
        }
    }
    rg_decref(iter);
    return py_err_occurred() ? -1 : 0;
}

py_obj *py_dict_from_kwnames(py_obj *const *values, py_obj *kwnames)
{
    py_ssize_t n = py_tuple_size(kwnames);
    py_obj *d = dict_new_presized(n, 1);
    if (d == NULL) return NULL;
    for (py_ssize_t i = 0; i < n; i++) {
        if (py_dict_set_item(d, py_tuple_get(kwnames, i), values[i]) < 0) {
            rg_decref(d);
            return NULL;
        }
    }
    return d;
}

py_obj *py_dict_from_items(py_obj *const *keys, py_ssize_t keys_offset, py_obj *const *values,
                           py_ssize_t values_offset, py_ssize_t length)
{
    int unicode = 1;
    for (py_ssize_t i = 0; i < length; i++)
        if (!py_unicode_check_exact(keys[i * keys_offset])) {
            unicode = 0;
            break;
        }
    py_obj *d = dict_new_presized(length, unicode);
    if (d == NULL) return NULL;
    for (py_ssize_t i = 0; i < length; i++) {
        if (py_dict_set_item(d, keys[i * keys_offset], values[i * values_offset]) < 0) {
            rg_decref(d);
            return NULL;
        }
    }
    return d;
}

/* ====================================================================== */
/* Collector hooks, deallocation, size                                     */
/* ====================================================================== */

/* dict_traverse: a unicode or split table visits values; a general one
 * each live entry's value then key. */
int py_dict_traverse(py_obj *op, rg_visitproc visit, void *arg)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_dict_keys_object *keys = mp->ma_keys;
    py_ssize_t n = keys->dk_nentries;
    if (dk_is_unicode(keys)) {
        if (mp->ma_values != NULL) {
            for (py_ssize_t i = 0; i < n; i++) RG_VISIT(mp->ma_values->values[i]);
        } else {
            py_dict_unicode_entry *e = dk_unicode_entries(keys);
            for (py_ssize_t i = 0; i < n; i++) RG_VISIT(e[i].me_value);
        }
    } else {
        py_dict_key_entry *e = dk_entries(keys);
        for (py_ssize_t i = 0; i < n; i++)
            if (e[i].me_value != NULL) {
                RG_VISIT(e[i].me_value);
                RG_VISIT(e[i].me_key);
            }
    }
    return 0;
}

/* tp_clear is PyDict_Clear. */
int py_dict_tp_clear(py_obj *op)
{
    py_dict_clear(op);
    return 0;
}

/* _PyDict_MaybeUntrack as the engine's hook (full collections only). */
int py_dict_may_untrack(py_obj *op)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_ssize_t n = mp->ma_keys->dk_nentries;
    if (mp->ma_values != NULL) {
        for (py_ssize_t i = 0; i < n; i++) {
            py_obj *v = mp->ma_values->values[i];
            if (v != NULL && rg_may_be_tracked(v)) return 0;
        }
    } else if (dk_is_unicode(mp->ma_keys)) {
        py_dict_unicode_entry *e = dk_unicode_entries(mp->ma_keys);
        for (py_ssize_t i = 0; i < n; i++)
            if (e[i].me_value != NULL && rg_may_be_tracked(e[i].me_value)) return 0;
    } else {
        py_dict_key_entry *e = dk_entries(mp->ma_keys);
        for (py_ssize_t i = 0; i < n; i++)
            if (e[i].me_value != NULL && (rg_may_be_tracked(e[i].me_value) || rg_may_be_tracked(e[i].me_key)))
                return 0;
    }
    return 1;
}

void py_dict_maybe_untrack(py_obj *op)
{
    if (!py_dict_check_exact(op) || !rg_is_tracked(op)) return;
    if (py_dict_may_untrack(op)) rg_untrack(op);
}

/* dict_dealloc: values (split) or the keys (combined) released, then the
 * free list (exact dicts) or the heap -- the engine decides. */
void py_dict_dealloc(py_obj *op)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_dict_values_array *values = mp->ma_values;
    py_dict_keys_object *keys = mp->ma_keys;
    if (values != NULL) {
        py_ssize_t n = keys->dk_nentries;
        for (py_ssize_t i = 0; i < n; i++) rg_xdecref(values->values[i]);
        free_values(values);
        py_dict_keys_decref(keys);
    } else if (keys != NULL) {
        RG_ASSERT(keys->dk_refcnt == 1 || keys == PY_EMPTY_KEYS);
        py_dict_keys_decref(keys);
    }
    rg_object_free(op);
}

py_ssize_t py_dict_sizeof(py_obj *op)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_ssize_t res = (py_ssize_t)py_type_of(op)->rt.size;
    if (mp->ma_values) res += shared_keys_usable_size(mp->ma_keys) * (py_ssize_t)sizeof(py_obj *);
    /* A split table's keys are accounted for in the class. */
    if (mp->ma_keys->dk_refcnt == 1) res += (py_ssize_t)py_dict_keys_size(mp->ma_keys);
    return res;
}

void py_dict_geometry(py_obj *d, int *log2_size, py_ssize_t *usable, py_ssize_t *nentries, int *unicode)
{
    py_dict_object *mp = (py_dict_object *)d;
    py_dict_keys_object *k = mp->ma_keys;
    if (log2_size) *log2_size = k == PY_EMPTY_KEYS ? 0 : k->dk_log2_size;
    if (usable) *usable = k->dk_usable;
    if (nentries) *nentries = k->dk_nentries;
    if (unicode) *unicode = dk_is_unicode(k);
}

/* The dict type's engine descriptor minus its free list: an allocation
 * that must bypass the free list is made with it, then retyped. */
static const rg_type dict_nofreelist_rt = {
    .name = "dict",
    .size = sizeof(py_dict_object),
    .flags = RG_TYPE_GC | RG_TYPE_TRACK_LATER | RG_TYPE_UNTRACK_ON_FULL,
    .traverse = py_dict_traverse,
    .clear = py_dict_tp_clear,
    .dealloc = py_dict_dealloc,
    .may_untrack = py_dict_may_untrack,
};

py_obj *py_dict_alloc_no_freelist(void)
{
    py_obj *o = rg_new(py_heap(), &dict_nofreelist_rt);
    if (o == NULL) return py_err_no_memory();
    o->type = &py_dict_info.rt;
    return o;
}

/* ====================================================================== */
/* Instances' inline values (managed dicts)                                */
/* ====================================================================== */

py_dict_keys_object *py_dict_new_keys_for_class(void)
{
    py_dict_keys_object *keys = new_keys_object(PY_NEXT_LOG2_SHARED_KEYS_MAX_SIZE, 1);
    if (keys == NULL) {
        py_err_clear();
        return NULL;
    }
    /* One more than the limit: it shrinks by one before each new object. */
    keys->dk_usable = PY_SHARED_KEYS_MAX_SIZE;
    keys->dk_kind = PY_DICT_KEYS_SPLIT;
    return keys;
}

int py_object_init_inline_values(py_obj *obj, py_dict_keys_object *keys)
{
    if (keys->dk_usable > 1) keys->dk_usable--;
    py_ssize_t size = shared_keys_usable_size(keys);
    py_dict_values_array *values = new_values(size);
    if (values == NULL) {
        py_err_no_memory();
        return -1;
    }
    ((uint8_t *)values)[-2] = 0;
    for (py_ssize_t i = 0; i < size; i++) values->values[i] = NULL;
    *py_object_values_ptr(obj) = values;
    return 0;
}

/* insert_into_dictkeys: name's index in the shared keys, added if there is
 * room; DKIX_EMPTY if not. */
static py_ssize_t insert_into_dictkeys(py_dict_keys_object *keys, py_obj *name)
{
    py_hash_t hash = unicode_get_hash(name);
    if (hash == -1) hash = py_unicode_hash(name);
    py_ssize_t ix = unicodekeys_lookup_unicode(keys, name, hash);
    if (ix == PY_DKIX_EMPTY) {
        if (keys->dk_usable <= 0) return PY_DKIX_EMPTY;
        rg_incref(name);
        keys->dk_version = 0;
        size_t hashpos = find_empty_slot(keys, hash);
        ix = keys->dk_nentries;
        py_dict_unicode_entry *ep = &dk_unicode_entries(keys)[ix];
        dictkeys_set_index(keys, hashpos, ix);
        RG_ASSERT(ep->me_key == NULL);
        ep->me_key = name;
        keys->dk_usable--;
        keys->dk_nentries++;
    }
    RG_ASSERT(ix < PY_SHARED_KEYS_MAX_SIZE);
    return ix;
}

py_obj *py_object_make_dict_from_instance_attributes(py_dict_keys_object *keys, py_dict_values_array *values)
{
    dictkeys_incref(keys);
    py_ssize_t used = 0, track = 0, size = shared_keys_usable_size(keys);
    for (py_ssize_t i = 0; i < size; i++) {
        py_obj *v = values->values[i];
        if (v != NULL) {
            used++;
            track += rg_may_be_tracked(v);
        }
    }
    py_obj *res = new_dict(keys, values, used, 0);
    if (track && res) rg_track(res);
    return res;
}

int py_object_store_instance_attribute(py_obj *obj, py_dict_keys_object *keys, py_dict_values_array *values,
                                       py_obj *name, py_obj *value)
{
    py_ssize_t ix = PY_DKIX_EMPTY;
    if (py_unicode_check_exact(name)) ix = insert_into_dictkeys(keys, name);
    if (ix == PY_DKIX_EMPTY) {
        /* No room (or not a str): materialize the dict and use it. */
        py_obj *dict = py_object_make_dict_from_instance_attributes(keys, values);
        if (dict == NULL) return -1;
        *py_object_values_ptr(obj) = NULL;
        *py_object_managed_dict_ptr(obj) = dict;
        if (value == NULL) return py_dict_del_item(dict, name);
        return py_dict_set_item(dict, name, value);
    }
    py_obj *old_value = values->values[ix];
    rg_xincref(value);
    values->values[ix] = value;
    if (old_value == NULL) {
        if (value == NULL) {
            py_err_format(py_exc_AttributeError, "'%.100s' object has no attribute '%U'",
                          py_obj_type_name(obj), name);
            return -1;
        }
        values_add_to_order(values, ix);
    } else {
        if (value == NULL) values_delete_from_order(values, ix);
        rg_decref(old_value);
    }
    return 0;
}

py_obj *py_object_get_instance_attribute(py_dict_keys_object *keys, py_dict_values_array *values, py_obj *name)
{
    py_ssize_t ix = py_dict_keys_string_lookup(keys, name);
    if (ix == PY_DKIX_EMPTY) return NULL;
    return py_xnew_ref(values->values[ix]);
}

void py_object_free_instance_attributes(py_obj *self, py_dict_keys_object *keys)
{
    py_dict_values_array **vp = py_object_values_ptr(self);
    if (*vp == NULL) return;
    for (py_ssize_t i = 0; i < keys->dk_nentries; i++) rg_xdecref((*vp)->values[i]);
    free_values(*vp);
    *vp = NULL;
}

int py_object_visit_instance_attributes(py_obj *self, py_dict_keys_object *keys, rg_visitproc visit, void *arg)
{
    py_dict_values_array *v = *py_object_values_ptr(self);
    if (v == NULL) return 0;
    for (py_ssize_t i = 0; i < keys->dk_nentries; i++) RG_VISIT(v->values[i]);
    return 0;
}

void py_object_clear_instance_attributes(py_obj *self, py_dict_keys_object *keys)
{
    py_dict_values_array *v = *py_object_values_ptr(self);
    if (v == NULL) return;
    for (py_ssize_t i = 0; i < keys->dk_nentries; i++) RG_CLEAR(v->values[i]);
}

int py_object_is_instance_dict_empty(py_obj *self, py_dict_keys_object *keys)
{
    py_dict_values_array *v = *py_object_values_ptr(self);
    if (v != NULL) {
        for (py_ssize_t i = 0; i < keys->dk_nentries; i++)
            if (v->values[i] != NULL) return 0;
        return 1;
    }
    py_obj *d = *py_object_managed_dict_ptr(self);
    return d == NULL || py_dict_size(d) == 0;
}

py_obj *py_dict_new_with_shared_keys(py_dict_keys_object *keys)
{
    dictkeys_incref(keys);
    return new_dict_with_shared_keys(keys);
}

/* Reset the module's static state at interpreter start. */
void py_dict_init_static(void) { empty_keys_init(); }
