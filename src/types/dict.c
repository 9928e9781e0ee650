/*
 * dict.c -- the dict table engine (CPython 3.11's Objects/dictobject.c,
 * the table half; the dict operations of the C API are dictops.c, the
 * dict type's methods, views and iterators dicttype.c; the helpers both
 * engine files share are dictimpl.h).
 *
 * Owns: the keys object (dk_refcnt, log2 size, log2 index bytes, kind,
 * version, usable, nentries: 32 bytes, then 1/2/4/8-byte indices, then
 * 16-byte unicode entries or 24-byte general entries), the shared empty
 * keys, the keys free list (80 keys objects of 8 unicode slots, per
 * interpreter), values arrays with their order prefix, dict allocation
 * (free list, presizing), lookup with CPython's perturbed probing,
 * insertion (insertdict, insert_to_emptydict), the entry deletion shared
 * by del/pop (a DUMMY index, the entry emptied, never a shrink), resize to
 * the smallest power of two holding 3*used (calculate_log2_keysize's bit
 * trick included), the tracking rules (created untracked, tracked when
 * something that may be tracked is stored: MAINTAIN_TRACKING; untracked
 * by full collections: _PyDict_MaybeUntrack), the collector hooks,
 * dealloc and sys.getsizeof's accounting, and the inline values of
 * instances (shared keys of 64 slots per class, at most 30 names; a
 * values array per instance with its insertion order in a prefix).
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

#include "dictimpl.h"

/* ====================================================================== */
/* Geometry                                                                */
/* ====================================================================== */

/* The shared empty keys (dictimpl.h's PY_EMPTY_KEYS). */
py_dict_empty_keys py_dict_empty_keys_struct;

/* Reset the shared empty keys (interpreter start). */
static void empty_keys_init(void)
{
    py_dict_empty_keys_struct.dk.dk_refcnt = PY_STATIC_REFCNT;
    /* 3.11's Py_EMPTY_KEYS: one slot (so a merge into an empty dict
     * presizes: {..}.copy() of a sparse table gets 16 slots for one key) */
    py_dict_empty_keys_struct.dk.dk_log2_size = 0;
    py_dict_empty_keys_struct.dk.dk_log2_index_bytes = 0;
    py_dict_empty_keys_struct.dk.dk_kind = PY_DICT_KEYS_UNICODE;
    py_dict_empty_keys_struct.dk.dk_version = 1;
    py_dict_empty_keys_struct.dk.dk_usable = 0;
    py_dict_empty_keys_struct.dk.dk_nentries = 0;
    memset(py_dict_empty_keys_struct.indices, 0xff, sizeof py_dict_empty_keys_struct.indices);
}

#define GROWTH_RATE(d) ((d)->ma_used * 3)

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
py_dict_values_array *py_dict_new_values(py_ssize_t size)
{
    RG_ASSERT(size > 0 && size <= PY_SHARED_KEYS_MAX_SIZE);
    size_t prefix_size = ((size_t)size + 2 + 7) & ~(size_t)7;
    uint8_t *mem = rg_malloc(py_heap(), prefix_size + (size_t)size * sizeof(py_obj *));
    if (mem == NULL) return NULL;
    mem[prefix_size - 1] = (uint8_t)prefix_size;
    return (py_dict_values_array *)(mem + prefix_size);
}

void py_dict_free_values(py_dict_values_array *values)
{
    uint8_t prefix_size = ((uint8_t *)values)[-1];
    rg_free((uint8_t *)values - prefix_size);
}

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


/* ====================================================================== */
/* Dict objects                                                            */
/* ====================================================================== */

/* new_dict: the dict free list (the engine's: uncounted) or a new GC
 * allocation; created untracked.  On failure keys is released (and values
 * freed when free_values_on_failure). */
py_obj *py_dict_new_dict(py_dict_keys_object *keys, py_dict_values_array *values, py_ssize_t used, int free_values_on_failure)
{
    py_dict_object *mp = (py_dict_object *)rg_new(py_heap(), &py_dict_info.rt);
    if (mp == NULL) {
        py_dict_keys_decref(keys);
        if (free_values_on_failure) py_dict_free_values(values);
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
    py_dict_values_array *values = py_dict_new_values(size);
    if (values == NULL) {
        py_dict_keys_decref(keys);
        return py_err_no_memory();
    }
    ((uint8_t *)values)[-2] = 0;
    for (py_ssize_t i = 0; i < size; i++) values->values[i] = NULL;
    return py_dict_new_dict(keys, values, 0, 1);
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
    return py_dict_new_dict(PY_EMPTY_KEYS, NULL, 0, 0);
}

/* dict_new_presized: the keys object first, then the dict. */
py_obj *py_dict_new_presized_kind(py_ssize_t minused, int unicode)
{
    const uint8_t log2_max_presize = 17;
    if (minused <= PY_USABLE_FRACTION(PY_DICT_MINSIZE)) return py_dict_new();
    uint8_t log2_newsize = minused > PY_USABLE_FRACTION((py_ssize_t)1 << log2_max_presize)
                               ? log2_max_presize
                               : estimate_log2_keysize(minused);
    py_dict_keys_object *keys = new_keys_object(log2_newsize, unicode);
    if (keys == NULL) return NULL;
    return py_dict_new_dict(keys, NULL, 0, 0);
}

py_obj *py_dict_new_presized(py_ssize_t minused) { return py_dict_new_presized_kind(minused, 0); }

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

/* The key of entry ix in a unicode (or split) or a general table. */
static inline py_obj *entry_key(py_dict_keys_object *dk, py_ssize_t ix, int unicode)
{
    return unicode ? dk_unicode_entries(dk)[ix].me_key : dk_entries(dk)[ix].me_key;
}

/* Any key in a table of either kind, compared with __eq__ on a hash match
 * (unicodekeys_lookup_generic and dictkeys_generic_lookup: a str key's
 * hash is the str's, a general entry's is stored).  KEY_CHANGED when the
 * comparison mutated the dict or the entry: the caller starts over.
 * Inlined with a constant `unicode` at each call. */
static inline py_ssize_t generic_lookup(py_dict_object *mp, py_dict_keys_object *dk, py_obj *key, py_hash_t hash,
                                        int unicode)
{
    size_t mask = dk_mask(dk), perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        py_ssize_t ix = dictkeys_get_index(dk, i);
        if (ix >= 0) {
            py_obj *ekey = entry_key(dk, ix, unicode);
            if (ekey == key) return ix;
            if ((unicode ? unicode_get_hash(ekey) : dk_entries(dk)[ix].me_hash) == hash) {
                py_obj *startkey = py_new_ref(ekey);
                int cmp = py_object_rich_compare_bool(startkey, key, PY_EQ);
                rg_decref(startkey);
                if (cmp < 0) return PY_DKIX_ERROR;
                if (dk == mp->ma_keys && entry_key(dk, ix, unicode) == startkey) {
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
py_ssize_t py_dict_lookup(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj **value_addr)
{
    for (;;) {
        py_dict_keys_object *dk = mp->ma_keys;
        py_ssize_t ix;
        if (dk->dk_kind != PY_DICT_KEYS_GENERAL) {
            if (py_unicode_check_exact(key)) {
                ix = unicodekeys_lookup_unicode(dk, key, hash);
            } else {
                ix = generic_lookup(mp, dk, key, hash, 1);
                if (ix == PY_DKIX_KEY_CHANGED) continue;
            }
            if (ix >= 0) {
                *value_addr = dk->dk_kind == PY_DICT_KEYS_SPLIT ? mp->ma_values->values[ix]
                                                               : dk_unicode_entries(dk)[ix].me_value;
            } else {
                *value_addr = NULL;
            }
        } else {
            ix = generic_lookup(mp, dk, key, hash, 0);
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
py_ssize_t py_dict_lookdict_index(py_dict_keys_object *k, py_hash_t hash, py_ssize_t index)
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

/* build_indices: a fresh table's indices for its first n entries (no
 * DUMMY yet, so the first free slot on each probe is find_empty_slot's). */
static void build_indices_generic(py_dict_keys_object *keys, py_dict_key_entry *ep, py_ssize_t n)
{
    for (py_ssize_t ix = 0; ix != n; ix++, ep++) dictkeys_set_index(keys, find_empty_slot(keys, ep->me_hash), ix);
}

static void build_indices_unicode(py_dict_keys_object *keys, py_dict_unicode_entry *ep, py_ssize_t n)
{
    for (py_ssize_t ix = 0; ix != n; ix++, ep++)
        dictkeys_set_index(keys, find_empty_slot(keys, unicode_get_hash(ep->me_key)), ix);
}

/* dictresize: a new table of 2**log2_newsize slots, unicode-only if asked
 * and the old one was; the live entries copied in order (a split table
 * becomes combined).  -1 with MemoryError, the dict unchanged. */
int py_dict_resize(py_dict_object *mp, uint8_t log2_newsize, int unicode)
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
        py_dict_free_values(oldvalues);
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

int py_dict_insertion_resize(py_dict_object *mp, int unicode)
{
    return py_dict_resize(mp, calculate_log2_keysize(GROWTH_RATE(mp)), unicode);
}

/* ====================================================================== */
/* Insertion                                                               */
/* ====================================================================== */

/* insertdict: key and value are stolen (even on failure). */
int py_dict_insertdict(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value)
{
    py_obj *old_value;
    if (dk_is_unicode(mp->ma_keys) && !py_unicode_check_exact(key)) {
        if (py_dict_insertion_resize(mp, 0) < 0) goto fail;
        RG_ASSERT(mp->ma_keys->dk_kind == PY_DICT_KEYS_GENERAL);
    }
    py_ssize_t ix = py_dict_lookup(mp, key, hash, &old_value);
    if (ix == PY_DKIX_ERROR) goto fail;
    maintain_tracking(mp, key, value);
    if (ix == PY_DKIX_EMPTY) {
        mp->ma_keys->dk_version = 0;
        if (mp->ma_keys->dk_usable <= 0 && py_dict_insertion_resize(mp, 1) < 0) goto fail;
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
int py_dict_insert_to_emptydict(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value)
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

/* ====================================================================== */
/* Deletion                                                                */
/* ====================================================================== */

/* delitem_common: the entry emptied (its slot DUMMY), key then value
 * released; a split dict only forgets the value. */
void py_dict_delitem_common(py_dict_object *mp, py_hash_t hash, py_ssize_t ix, py_obj *old_value)
{
    py_ssize_t hashpos = py_dict_lookdict_index(mp->ma_keys, hash, ix);
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
        py_dict_free_values(values);
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

/* Allocated with the dict type's engine descriptor minus its free list,
 * then retyped. */
py_obj *py_dict_alloc_no_freelist(void)
{
    py_obj *o = rg_new(py_heap(), py_type_nofreelist_rt(&py_dict_info));
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
    py_dict_values_array *values = py_dict_new_values(size);
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
    py_obj *res = py_dict_new_dict(keys, values, used, 0);
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
    py_dict_free_values(*vp);
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
