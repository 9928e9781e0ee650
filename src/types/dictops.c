/*
 * dictops.c -- the dict operations of the C API (CPython 3.11's
 * Objects/dictobject.c: PyDict_SetItem, GetItem, Contains, Next, DelItem,
 * Pop, PopItem, Clear, SetDefault, Copy, Merge, _PyDict_FromItems), on
 * the table engine of dict.c (through dictimpl.h).
 *
 * Owns: setting items (hash first, then _PyDict_SetItem_Take2), reading
 * (get_item with or without a known hash, contains, forward iteration
 * with hashes and reverse iteration for dictreviter), deleting (KeyError
 * when absent), pop, popitem (the result tuple allocated first; a split
 * table combined first), clear (back to the shared empty keys, then the
 * old contents released), setdefault, copy (a split dict's values copied
 * into a dict that bypasses the free list; a clean combined table cloned
 * byte for byte), merge (clone into an empty dict, one big resize, then
 * insertdict in order; the keys()/[] protocol for other mappings), and
 * dicts from kwnames / items (presized, unicode-only for str keys).
 *
 * Invariants: every operation allocates and releases what 3.11's does, in
 * the same order (gen-0 counts, free-list reuse and __del__ order depend
 * on it); a value is released only after the dict no longer refers to it
 * (a __del__ may re-enter the dict).
 *
 * Must not: touch a keys object's layout except through dictimpl.h's
 * helpers and dict.c's primitives.
 */
#include <string.h>

#include "dictimpl.h"

/* ====================================================================== */
/* Insertion                                                               */
/* ====================================================================== */

/* _PyDict_SetItem_Take2 with the hash known. */
static int setitem_take2(py_dict_object *mp, py_obj *key, py_hash_t hash, py_obj *value)
{
    if (mp->ma_keys == PY_EMPTY_KEYS) return py_dict_insert_to_emptydict(mp, key, hash, value);
    return py_dict_insertdict(mp, key, hash, value);
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
    if (py_dict_lookup((py_dict_object *)op, key, hash, &value) < 0) return NULL;
    return value;
}

py_obj *py_dict_get_item_with_error(py_obj *op, py_obj *key)
{
    if (!py_dict_check(op)) return py_err_bad_internal_call();
    py_hash_t hash = key_hash(key);
    if (hash == -1) return NULL;
    return py_dict_get_item_known_hash(op, key, hash);
}

/* d[key] for a short ASCII key without allocating: the key is a str on
 * the stack (static refcount, never stored).  NULL when absent, on error
 * (cleared) or when key does not fit. */
static py_obj *get_item_stack_key(py_obj *d, const char *key)
{
    size_t len = strlen(key);
    py_static_str k;
    if (len >= PY_ID_MAXLEN) return NULL;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)key[i] >= 128) return NULL;
    memset(&k, 0, sizeof k);
    k.ob.ob_base.refcnt = PY_STATIC_REFCNT;
    k.ob.ob_base.type = &py_str_info.rt;
    k.ob.length = (py_ssize_t)len;
    k.ob.hash = -1;
    k.ob.state.kind = PY_UNICODE_1BYTE_KIND;
    k.ob.state.compact = k.ob.state.ascii = k.ob.state.ready = 1;
    memcpy(k.data, key, len);
    py_obj *v = py_dict_get_item_with_error(d, (py_obj *)&k);
    if (v == NULL) py_err_clear();
    return v;
}

py_obj *py_dict_get_item_string(py_obj *d, const char *key)
{
    /* Errors are suppressed, and an exception already set survives the
     * lookup (python3's exit path flushes sys.stdout with the program's
     * exception pending). */
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    py_obj *v, *k = py_unicode_from_string(key);
    if (k == NULL) {
        /* Out of memory: CPython's lookups of sys.stdout & co. use static
         * strs and cannot fail so; look the key up without allocating. */
        py_err_clear();
        v = get_item_stack_key(d, key);
    } else {
        v = py_dict_get_item_with_error(d, k);
        rg_decref(k);
        if (v == NULL) py_err_clear();
    }
    if (et != NULL || ev != NULL || etb != NULL) py_err_restore(et, ev, etb);
    return v;
}

int py_dict_contains_known_hash(py_obj *op, py_obj *key, py_hash_t hash)
{
    py_obj *value;
    py_ssize_t ix = py_dict_lookup((py_dict_object *)op, key, hash, &value);
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
/* Deletion, pop, popitem, clear, setdefault                               */
/* ====================================================================== */

int py_dict_del_item_known_hash(py_obj *op, py_obj *key, py_hash_t hash)
{
    py_dict_object *mp = (py_dict_object *)op;
    py_obj *old_value;
    py_ssize_t ix = py_dict_lookup(mp, key, hash, &old_value);
    if (ix == PY_DKIX_ERROR) return -1;
    if (ix == PY_DKIX_EMPTY || old_value == NULL) {
        py_err_set_key_error(key);
        return -1;
    }
    py_dict_delitem_common(mp, hash, ix, old_value);
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
    py_ssize_t ix = py_dict_lookup(mp, key, hash, &old_value);
    if (ix == PY_DKIX_ERROR) return NULL;
    if (ix == PY_DKIX_EMPTY || old_value == NULL) {
        if (deflt) return py_new_ref(deflt);
        py_err_set_key_error(key);
        return NULL;
    }
    rg_incref(old_value);
    py_dict_delitem_common(mp, hash, ix, old_value);
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
        py_dict_resize(self, self->ma_keys->dk_log2_size, 1) < 0) {
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
    py_ssize_t j = py_dict_lookdict_index(dk, hash, i);
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
        py_dict_free_values(oldvalues);
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
        if (py_dict_insert_to_emptydict(mp, py_new_ref(key), hash, py_new_ref(defaultobj)) < 0) return NULL;
        return defaultobj;
    }
    if (!py_unicode_check_exact(key) && dk_is_unicode(mp->ma_keys)) {
        if (py_dict_insertion_resize(mp, 0) < 0) return NULL;
    }
    py_obj *value;
    py_ssize_t ix = py_dict_lookup(mp, key, hash, &value);
    if (ix == PY_DKIX_ERROR) return NULL;
    if (ix == PY_DKIX_EMPTY || value == NULL) {
        if (py_dict_insertdict(mp, py_new_ref(key), hash, py_new_ref(defaultobj)) < 0) return NULL;
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
        py_dict_values_array *newvalues = py_dict_new_values(size);
        if (newvalues == NULL) return py_err_no_memory();
        py_dict_object *split_copy = (py_dict_object *)py_dict_alloc_no_freelist();
        if (split_copy == NULL) {
            py_dict_free_values(newvalues);
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
        py_dict_object *n = (py_dict_object *)py_dict_new_dict(keys, NULL, 0, 0);
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
                    py_dict_free_values(mp->ma_values);
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
            if (py_dict_resize(mp, estimate_log2_keysize(mp->ma_used + other->ma_used), unicode)) return -1;
        }
        py_ssize_t orig_size = other->ma_keys->dk_nentries, pos = 0;
        py_obj *key, *value;
        py_hash_t hash;
        while (py_dict_next_with_hash(b, &pos, &key, &value, &hash)) {
            int err = 0;
            rg_incref(key);
            rg_incref(value);
            if (override == 1) {
                err = py_dict_insertdict(mp, py_new_ref(key), hash, py_new_ref(value));
            } else {
                err = py_dict_contains_known_hash(a, key, hash);
                if (err == 0) {
                    err = py_dict_insertdict(mp, py_new_ref(key), hash, py_new_ref(value));
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
    py_obj *d = py_dict_new_presized_kind(n, 1);
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
    py_obj *d = py_dict_new_presized_kind(length, unicode);
    if (d == NULL) return NULL;
    for (py_ssize_t i = 0; i < length; i++) {
        if (py_dict_set_item(d, keys[i * keys_offset], values[i * values_offset]) < 0) {
            rg_decref(d);
            return NULL;
        }
    }
    return d;
}
