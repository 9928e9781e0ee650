/*
 * dictimpl.h -- the dict table engine's private interface, shared by
 * dict.c (the engine) and dictops.c (the dict operations built on it).
 * Nothing else includes it: the rest of the layer goes through
 * objtypes.h's py_dict_* functions.
 *
 * Owns: the geometry helpers of a keys object (size, mask, kind, entries,
 * the 1/2/4/8-byte index array), the shared empty keys, the log2 size
 * computations (calculate_log2_keysize's bit trick), the order prefix of
 * a values array, the key hash shortcut for strs, and the declarations of
 * the engine's primitives (lookup, insertdict, resize, delitem_common,
 * dict and values allocation).
 *
 * Invariants: the layouts are objtypes.h's (py_dict_keys_object, the
 * entries, py_dict_values_array with its order prefix); every primitive
 * keeps CPython 3.11's dictobject.c semantics -- same allocations, same
 * order of reference releases -- so the callers' behaviour is 3.11's.
 *
 * Must not: grow into a second API; a helper goes here only when both
 * dict files need it.
 */
#ifndef PY_DICTIMPL_H
#define PY_DICTIMPL_H

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

/* The static keys of every empty dict: 8 slots, none usable (dict.c). */
typedef struct py_dict_empty_keys {
    py_dict_keys_object dk;
    int8_t indices[8];
} py_dict_empty_keys;
extern py_dict_empty_keys py_dict_empty_keys_struct;
#define PY_EMPTY_KEYS (&py_dict_empty_keys_struct.dk)

/* log2 of the table for at least minsize slots: 3.11's bit trick on
 * 64-bit Linux, which rounds a power of two >= 16 up to the next one. */
static inline uint8_t calculate_log2_keysize(py_ssize_t minsize)
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
static inline uint8_t estimate_log2_keysize(py_ssize_t n) { return calculate_log2_keysize((n * 3 + 1) / 2); }

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

static inline void dictkeys_incref(py_dict_keys_object *dk) { dk->dk_refcnt++; }

/* The entry index of the i-th value in insertion order (split tables). */
static inline int get_index_from_order(const py_dict_object *mp, py_ssize_t i)
{
    return ((const uint8_t *)mp->ma_values)[-3 - i];
}

static inline py_ssize_t shared_keys_usable_size(const py_dict_keys_object *keys)
{
    return keys->dk_nentries + keys->dk_usable;
}

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

/* ====================================================================== */
/* The engine's primitives (dict.c)                                        */
/* ====================================================================== */

/* A values array of size slots (order prefix uninitialized); NULL if no
 * memory (no exception set). */
py_dict_values_array *py_dict_new_values(py_ssize_t size);
void py_dict_free_values(py_dict_values_array *values);
/* new_dict: the dict free list or a new GC allocation, created untracked.
 * On failure keys is released (and values freed when
 * free_values_on_failure), MemoryError set. */
py_obj *py_dict_new_dict(py_dict_keys_object *keys, py_dict_values_array *values, py_ssize_t used,
                         int free_values_on_failure);
/* dict_new_presized: room for minused entries, a unicode-only table if
 * asked (the keys object first, then the dict). */
py_obj *py_dict_new_presized_kind(py_ssize_t minused, int unicode);
/* _Py_dict_lookup: the entry index of key (or EMPTY/ERROR), *value_addr
 * its value (borrowed; NULL when absent, also for a split dict that lacks
 * a key its shared keys have). */
py_ssize_t py_dict_lookup(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj **value_addr);
/* The slot holding entry index `index` (lookdict_index). */
py_ssize_t py_dict_lookdict_index(py_dict_keys_object *k, py_hash_t hash, py_ssize_t index);
/* dictresize: a new table of 2**log2_newsize slots (see dict.c); -1 with
 * MemoryError, the dict unchanged. */
int py_dict_resize(py_dict_object *mp, uint8_t log2_newsize, int unicode);
/* The resize before an insertion: GROWTH_RATE. */
int py_dict_insertion_resize(py_dict_object *mp, int unicode);
/* insertdict / insert_to_emptydict: key and value are stolen (even on
 * failure); the second only for a dict on the shared empty keys. */
int py_dict_insertdict(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value);
int py_dict_insert_to_emptydict(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value);
/* delitem_common: entry ix (found with hash, holding old_value) emptied,
 * its slot DUMMY, key then value released; a split dict only forgets the
 * value. */
void py_dict_delitem_common(py_dict_object *mp, py_hash_t hash, py_ssize_t ix, py_obj *old_value);

#endif /* PY_DICTIMPL_H */
