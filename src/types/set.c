/*
 * set.c -- set and frozenset (CPython 3.11's Objects/setobject.c).
 *
 * Owns: the set object (200 bytes: fill/used/mask/table/hash/finger, an
 * inline table of 8 entries, the weak reference list; sys.getsizeof 216,
 * plus 16 bytes per entry once the table is a separate heap block), the
 * hash table (open addressing: 9 linear probes, then the perturbed
 * i*5+1+perturb step; resize when fill*5 >= mask*3 to the smallest power of
 * two above used*4 (used*2 beyond 50000); deleted entries become dummies
 * that a later add reuses), set algebra with CPython's iteration choices
 * (which operand is walked decides the result's insertion order, hence its
 * iteration order), frozenset's order-independent hash, the iterator and
 * the C API (py_set_new, py_set_add ... for the VM's BUILD_SET/SET_ADD).
 *
 * Invariants: table is smalltable exactly when mask == 7 (8 slots) or the
 * set was emptied to it; 0 <= used <= fill <= mask; an unused entry has
 * key NULL and hash 0, a dummy has key py_set_dummy and hash -1; every
 * active key holds a reference; there is always an unused slot, so failed
 * probes terminate.  Sets are always tracked (CPython never untracks them),
 * have no free list, and frozensets are never mutated after construction
 * (their cached hash stays valid).
 *
 * Must not: call back into Python code while the table is being rebuilt
 * (set_insert_clean only), or keep an entry pointer across a comparison
 * (a __eq__ may mutate the set: the lookups restart).
 */
#include <string.h>

#include "object.h"

#define SO(o) ((py_set_object *)(o))

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

/* The dummy key of deleted entries (never seen by Python code). */
static py_obj set_dummy_struct;
#define DUMMY (&set_dummy_struct)

/* set_discard_entry's results. */
#define DISCARD_NOTFOUND 0
#define DISCARD_FOUND 1

static py_obj *make_new_set(py_typeinfo *type, py_obj *iterable);

/* ====================================================================== */
/* The hash table                                                          */
/* ====================================================================== */

/* set_lookkey: the entry holding key, or the unused entry ending its
 * probe sequence (key NULL); NULL with an exception if a comparison failed. */
static py_set_entry *set_lookkey(py_set_object *so, py_obj *key, py_hash_t hash)
{
    size_t perturb = (size_t)hash;
    size_t mask = (size_t)so->mask;
    size_t i = (size_t)hash & mask;
    for (;;) {
        py_set_entry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) return entry;
            if (entry->hash == hash) {
                py_obj *startkey = entry->key;
                RG_ASSERT(startkey != DUMMY);
                if (startkey == key) return entry;
                if (py_unicode_check_exact(startkey) && py_unicode_check_exact(key) &&
                    py_unicode_eq(startkey, key))
                    return entry;
                py_set_entry *table = so->table;
                rg_incref(startkey);
                int cmp = py_object_rich_compare_bool(startkey, key, PY_EQ);
                rg_decref(startkey);
                if (cmp < 0) return NULL;
                if (table != so->table || entry->key != startkey) return set_lookkey(so, key, hash);
                if (cmp > 0) return entry;
                mask = (size_t)so->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int set_table_resize(py_set_object *so, py_ssize_t minused);

/* set_add_entry: insert key (a new reference is taken) unless an equal key
 * is present (the old key stays); a dummy met on the way is reused. */
static int set_add_entry(py_set_object *so, py_obj *key, py_hash_t hash)
{
    /* Held across the comparisons so that they cannot free it. */
    rg_incref(key);
restart:;
    size_t mask = (size_t)so->mask;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    py_set_entry *freeslot = NULL, *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                py_obj *startkey = entry->key;
                RG_ASSERT(startkey != DUMMY);
                if (startkey == key) goto found_active;
                if (py_unicode_check_exact(startkey) && py_unicode_check_exact(key) &&
                    py_unicode_eq(startkey, key))
                    goto found_active;
                py_set_entry *table = so->table;
                rg_incref(startkey);
                int cmp = py_object_rich_compare_bool(startkey, key, PY_EQ);
                rg_decref(startkey);
                if (cmp > 0) goto found_active;
                if (cmp < 0) goto comparison_error;
                if (table != so->table || entry->key != startkey) goto restart;
                mask = (size_t)so->mask;
            } else if (entry->hash == -1) {
                RG_ASSERT(entry->key == DUMMY);
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
    if (freeslot != NULL) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3) return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);

found_active:
    rg_decref(key);
    return 0;

comparison_error:
    rg_decref(key);
    return -1;
}

/* set_insert_clean: place a key known to be absent into a table without
 * dummies (no comparisons, no reference changes). */
static void set_insert_clean(py_set_entry *table, size_t mask, py_obj *key, py_hash_t hash)
{
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    py_set_entry *entry;
    for (;;) {
        entry = &table[i];
        if (entry->key == NULL) goto found_null;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL) goto found_null;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_null:
    entry->key = key;
    entry->hash = hash;
}

/* set_table_resize: rebuild into the smallest power of two > minused (at
 * least 8, the inline table), dropping the dummies. */
static int set_table_resize(py_set_object *so, py_ssize_t minused)
{
    RG_ASSERT(minused >= 0);
    size_t newsize = PY_SET_MINSIZE;
    while (newsize <= (size_t)minused) newsize <<= 1;
    py_set_entry *oldtable = so->table;
    py_ssize_t oldmask = so->mask;
    int is_oldtable_malloced = oldtable != so->smalltable;
    py_set_entry small_copy[PY_SET_MINSIZE];
    py_set_entry *newtable;
    if (newsize == PY_SET_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0; /* no dummies: nothing to do */
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        newtable = newsize <= (size_t)PY_SSIZE_T_MAX / sizeof(py_set_entry)
                       ? rg_malloc(py_heap(), newsize * sizeof(py_set_entry))
                       : NULL;
        if (newtable == NULL) {
            py_err_no_memory();
            return -1;
        }
    }
    RG_ASSERT(newtable != oldtable);
    memset(newtable, 0, sizeof(py_set_entry) * newsize);
    so->mask = (py_ssize_t)newsize - 1;
    so->table = newtable;
    size_t newmask = newsize - 1;
    if (so->fill == so->used) {
        for (py_set_entry *e = oldtable; e <= oldtable + oldmask; e++)
            if (e->key != NULL) set_insert_clean(newtable, newmask, e->key, e->hash);
    } else {
        so->fill = so->used;
        for (py_set_entry *e = oldtable; e <= oldtable + oldmask; e++)
            if (e->key != NULL && e->key != DUMMY) set_insert_clean(newtable, newmask, e->key, e->hash);
    }
    if (is_oldtable_malloced) rg_free(oldtable);
    return 0;
}

/* 1 if key is present, 0 if not, -1 on error. */
static int set_contains_entry(py_set_object *so, py_obj *key, py_hash_t hash)
{
    py_set_entry *entry = set_lookkey(so, key, hash);
    if (entry == NULL) return -1;
    return entry->key != NULL;
}

/* Replace key's entry by a dummy: DISCARD_FOUND / DISCARD_NOTFOUND / -1. */
static int set_discard_entry(py_set_object *so, py_obj *key, py_hash_t hash)
{
    py_set_entry *entry = set_lookkey(so, key, hash);
    if (entry == NULL) return -1;
    if (entry->key == NULL) return DISCARD_NOTFOUND;
    py_obj *old_key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    rg_decref(old_key);
    return DISCARD_FOUND;
}

/* The hash of key (a str's cached hash without a call); -1 on error. */
static inline py_hash_t key_hash(py_obj *key) { return py_object_hash(key); }

static int set_add_key(py_set_object *so, py_obj *key)
{
    py_hash_t hash = key_hash(key);
    if (hash == -1) return -1;
    return set_add_entry(so, key, hash);
}

static int set_contains_key(py_set_object *so, py_obj *key)
{
    py_hash_t hash = key_hash(key);
    if (hash == -1) return -1;
    return set_contains_entry(so, key, hash);
}

static int set_discard_key(py_set_object *so, py_obj *key)
{
    py_hash_t hash = key_hash(key);
    if (hash == -1) return -1;
    return set_discard_entry(so, key, hash);
}

/* Back to the empty inline table. */
static void set_empty_to_minsize(py_set_object *so)
{
    memset(so->smalltable, 0, sizeof(so->smalltable));
    so->fill = 0;
    so->used = 0;
    so->mask = PY_SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
}

/* set_clear_internal (also tp_clear): empty the set first, then drop the
 * keys, since their deallocation may touch the set. */
static int set_clear_internal(py_obj *self)
{
    py_set_object *so = SO(self);
    py_set_entry *table = so->table;
    py_ssize_t fill = so->fill, used = so->used;
    int table_is_malloced = table != so->smalltable;
    py_set_entry small_copy[PY_SET_MINSIZE];
    if (table_is_malloced) {
        set_empty_to_minsize(so);
    } else if (fill > 0) {
        memcpy(small_copy, table, sizeof(small_copy));
        table = small_copy;
        set_empty_to_minsize(so);
    }
    for (py_set_entry *e = table; used > 0; e++) {
        if (e->key != NULL && e->key != DUMMY) {
            used--;
            rg_decref(e->key);
        }
    }
    if (table_is_malloced) rg_free(table);
    return 0;
}

/* set_next: the next active entry at or after *pos (borrowed key). */
static int set_next(py_set_object *so, py_ssize_t *pos, py_set_entry **entry_ptr)
{
    py_ssize_t i = *pos, mask = so->mask;
    RG_ASSERT(i >= 0);
    py_set_entry *entry = &so->table[i];
    while (i <= mask && (entry->key == NULL || entry->key == DUMMY)) {
        i++;
        entry++;
    }
    *pos = i + 1;
    if (i > mask) return 0;
    *entry_ptr = entry;
    return 1;
}

/* set_merge: add every key of another set (hashes reused), one resize first. */
static int set_merge(py_set_object *so, py_obj *otherset)
{
    py_set_object *other = SO(otherset);
    if (other == so || other->used == 0) return 0;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (set_table_resize(so, (so->used + other->used) * 2) != 0) return -1;
    }
    py_set_entry *so_entry = so->table, *other_entry = other->table;
    /* Empty, same size, no dummies: copy the slots as they are. */
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (py_ssize_t i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
            py_obj *key = other_entry->key;
            if (key != NULL) {
                RG_ASSERT(so_entry->key == NULL);
                so_entry->key = py_new_ref(key);
                so_entry->hash = other_entry->hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    /* Empty: clean insertions. */
    if (so->fill == 0) {
        so->fill = other->used;
        so->used = other->used;
        for (py_ssize_t i = other->mask + 1; i > 0; i--, other_entry++) {
            py_obj *key = other_entry->key;
            if (key != NULL && key != DUMMY)
                set_insert_clean(so->table, (size_t)so->mask, py_new_ref(key), other_entry->hash);
        }
        return 0;
    }
    for (py_ssize_t i = 0; i <= other->mask; i++) {
        other_entry = &other->table[i];
        py_obj *key = other_entry->key;
        if (key != NULL && key != DUMMY) {
            if (set_add_entry(so, key, other_entry->hash)) return -1;
        }
    }
    return 0;
}

/* set_update_internal: add the items of any iterable (sets merged, exact
 * dicts' keys with their stored hashes). */
static int set_update_internal(py_set_object *so, py_obj *other)
{
    if (py_any_set_check(other)) return set_merge(so, other);
    if (py_dict_check_exact(other)) {
        py_ssize_t dictsize = py_dict_size(other), pos = 0;
        if ((so->fill + dictsize) * 5 >= so->mask * 3) {
            if (set_table_resize(so, (so->used + dictsize) * 2) != 0) return -1;
        }
        py_obj *key, *value;
        py_hash_t hash;
        while (py_dict_next_with_hash(other, &pos, &key, &value, &hash))
            if (set_add_entry(so, key, hash)) return -1;
        return 0;
    }
    py_obj *it = py_object_get_iter(other);
    if (it == NULL) return -1;
    py_obj *key;
    while ((key = py_iter_next(it)) != NULL) {
        if (set_add_key(so, key)) {
            rg_decref(it);
            rg_decref(key);
            return -1;
        }
        rg_decref(key);
    }
    rg_decref(it);
    return py_err_occurred() ? -1 : 0;
}

/* ====================================================================== */
/* Construction and destruction                                            */
/* ====================================================================== */

/* make_new_set: an instance of type (set, frozenset or a subclass) with
 * the items of iterable (NULL: empty). */
static py_obj *make_new_set(py_typeinfo *type, py_obj *iterable)
{
    py_set_object *so = SO(py_type_generic_alloc(type, 0));
    if (so == NULL) return NULL;
    so->fill = 0;
    so->used = 0;
    so->mask = PY_SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    so->finger = 0;
    so->weakreflist = NULL;
    if (iterable != NULL && set_update_internal(so, iterable)) {
        rg_decref((py_obj *)so);
        return NULL;
    }
    return (py_obj *)so;
}

/* Results of operations on subclasses are plain sets or frozensets. */
static py_obj *make_new_set_basetype(py_typeinfo *type, py_obj *iterable)
{
    if (type != &py_set_info && type != &py_frozenset_info)
        type = py_type_is_subtype(type, &py_set_info) ? &py_set_info : &py_frozenset_info;
    return make_new_set(type, iterable);
}

/* frozenset(f) of an exact frozenset is f itself. */
static py_obj *make_new_frozenset(py_typeinfo *type, py_obj *iterable)
{
    if (type != &py_frozenset_info) return make_new_set(type, iterable);
    if (iterable != NULL && py_frozenset_check_exact(iterable)) return py_new_ref(iterable);
    return make_new_set(type, iterable);
}

static void set_dealloc(py_obj *self)
{
    py_set_object *so = SO(self);
    py_ssize_t used = so->used;
    if (so->weakreflist != NULL) rg_clear_weakrefs(self);
    for (py_set_entry *e = so->table; used > 0; e++) {
        if (e->key != NULL && e->key != DUMMY) {
            used--;
            rg_decref(e->key);
        }
    }
    if (so->table != so->smalltable) rg_free(so->table);
    rg_object_free(self);
}

static int set_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_ssize_t pos = 0;
    py_set_entry *entry;
    while (set_next(SO(self), &pos, &entry)) RG_VISIT(entry->key);
    return 0;
}

/* set_swap_bodies: exchange the contents of two sets (hashes kept only
 * between frozensets). */
static void set_swap_bodies(py_set_object *a, py_set_object *b)
{
    py_ssize_t t;
    t = a->fill, a->fill = b->fill, b->fill = t;
    t = a->used, a->used = b->used, b->used = t;
    t = a->mask, a->mask = b->mask, b->mask = t;
    py_set_entry *u = a->table == a->smalltable ? b->smalltable : a->table;
    a->table = b->table == b->smalltable ? a->smalltable : b->table;
    b->table = u;
    if (a->table == a->smalltable || b->table == b->smalltable) {
        py_set_entry tab[PY_SET_MINSIZE];
        memcpy(tab, a->smalltable, sizeof(tab));
        memcpy(a->smalltable, b->smalltable, sizeof(tab));
        memcpy(b->smalltable, tab, sizeof(tab));
    }
    if (py_type_is_subtype(py_type_of((py_obj *)a), &py_frozenset_info) &&
        py_type_is_subtype(py_type_of((py_obj *)b), &py_frozenset_info)) {
        py_hash_t h = a->hash;
        a->hash = b->hash;
        b->hash = h;
    } else {
        a->hash = -1;
        b->hash = -1;
    }
}

/* ====================================================================== */
/* Set algebra                                                             */
/* ====================================================================== */

static py_obj *set_copy(py_obj *so, py_obj *unused)
{
    (void)unused;
    return make_new_set_basetype(py_type_of(so), so);
}

static py_obj *frozenset_copy(py_obj *so, py_obj *unused)
{
    if (py_frozenset_check_exact(so)) return py_new_ref(so);
    return set_copy(so, unused);
}

static py_obj *set_clear_meth(py_obj *so, py_obj *unused)
{
    (void)unused;
    set_clear_internal(so);
    return py_new_ref(py_none);
}

static py_obj *set_union(py_obj *so, py_obj *args)
{
    py_obj *result = set_copy(so, NULL);
    if (result == NULL) return NULL;
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++) {
        py_obj *other = py_tuple_get_item(args, i);
        if (so == other) continue;
        if (set_update_internal(SO(result), other)) {
            rg_decref(result);
            return NULL;
        }
    }
    return result;
}

static py_obj *set_or(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(so) || !py_any_set_check(other)) return py_new_ref(py_notimplemented);
    py_obj *result = set_copy(so, NULL);
    if (result == NULL) return NULL;
    if (so == other) return result;
    if (set_update_internal(SO(result), other)) {
        rg_decref(result);
        return NULL;
    }
    return result;
}

static py_obj *set_ior(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(other)) return py_new_ref(py_notimplemented);
    if (set_update_internal(SO(so), other)) return NULL;
    return py_new_ref(so);
}

/* set_intersection: walks the smaller set (or the iterable), so the
 * result's order follows that operand. */
static py_obj *set_intersection(py_obj *self, py_obj *other)
{
    if (self == other) return set_copy(self, NULL);
    py_set_object *so = SO(self);
    py_obj *result = make_new_set_basetype(py_type_of(self), NULL);
    if (result == NULL) return NULL;
    if (py_any_set_check(other)) {
        py_ssize_t pos = 0;
        py_set_entry *entry;
        if (py_set_size(other) > py_set_size(self)) {
            py_obj *tmp = (py_obj *)so;
            so = SO(other);
            other = tmp;
        }
        while (set_next(SO(other), &pos, &entry)) {
            py_obj *key = py_new_ref(entry->key);
            py_hash_t hash = entry->hash;
            int rv = set_contains_entry(so, key, hash);
            if (rv > 0) rv = set_add_entry(SO(result), key, hash) ? -1 : 1;
            rg_decref(key);
            if (rv < 0) {
                rg_decref(result);
                return NULL;
            }
        }
        return result;
    }
    py_obj *it = py_object_get_iter(other);
    if (it == NULL) {
        rg_decref(result);
        return NULL;
    }
    py_obj *key;
    while ((key = py_iter_next(it)) != NULL) {
        py_hash_t hash = py_object_hash(key);
        if (hash == -1) goto error;
        int rv = set_contains_entry(so, key, hash);
        if (rv < 0) goto error;
        if (rv) {
            if (set_add_entry(SO(result), key, hash)) goto error;
            if (py_set_size(result) >= py_set_size((py_obj *)so)) {
                rg_decref(key);
                break;
            }
        }
        rg_decref(key);
    }
    rg_decref(it);
    if (py_err_occurred()) {
        rg_decref(result);
        return NULL;
    }
    return result;
error:
    rg_decref(it);
    rg_decref(result);
    rg_decref(key);
    return NULL;
}

static py_obj *set_intersection_multi(py_obj *so, py_obj *args)
{
    if (py_tuple_size(args) == 0) return set_copy(so, NULL);
    py_obj *result = py_new_ref(so);
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++) {
        py_obj *newresult = set_intersection(result, py_tuple_get_item(args, i));
        if (newresult == NULL) {
            rg_decref(result);
            return NULL;
        }
        PY_SETREF(result, newresult);
    }
    return result;
}

static py_obj *set_intersection_update(py_obj *so, py_obj *other)
{
    py_obj *tmp = set_intersection(so, other);
    if (tmp == NULL) return NULL;
    set_swap_bodies(SO(so), SO(tmp));
    rg_decref(tmp);
    return py_new_ref(py_none);
}

static py_obj *set_intersection_update_multi(py_obj *so, py_obj *args)
{
    py_obj *tmp = set_intersection_multi(so, args);
    if (tmp == NULL) return NULL;
    set_swap_bodies(SO(so), SO(tmp));
    rg_decref(tmp);
    return py_new_ref(py_none);
}

static py_obj *set_and(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(so) || !py_any_set_check(other)) return py_new_ref(py_notimplemented);
    return set_intersection(so, other);
}

static py_obj *set_iand(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(other)) return py_new_ref(py_notimplemented);
    py_obj *result = set_intersection_update(so, other);
    if (result == NULL) return NULL;
    rg_decref(result);
    return py_new_ref(so);
}

static py_obj *set_isdisjoint(py_obj *self, py_obj *other)
{
    py_set_object *so = SO(self);
    if (self == other) return py_bool_from_long(py_set_size(self) == 0);
    if (py_any_set_check_exact(other)) {
        py_ssize_t pos = 0;
        py_set_entry *entry;
        if (py_set_size(other) > py_set_size(self)) {
            py_obj *tmp = self;
            so = SO(other);
            other = tmp;
        }
        while (set_next(SO(other), &pos, &entry)) {
            py_obj *key = py_new_ref(entry->key);
            int rv = set_contains_entry(so, key, entry->hash);
            rg_decref(key);
            if (rv < 0) return NULL;
            if (rv) return py_new_ref(py_false);
        }
        return py_new_ref(py_true);
    }
    py_obj *it = py_object_get_iter(other);
    if (it == NULL) return NULL;
    py_obj *key;
    while ((key = py_iter_next(it)) != NULL) {
        int rv = set_contains_key(so, key);
        rg_decref(key);
        if (rv != 0) {
            rg_decref(it);
            return rv < 0 ? NULL : py_new_ref(py_false);
        }
    }
    rg_decref(it);
    if (py_err_occurred()) return NULL;
    return py_new_ref(py_true);
}

/* set_difference_update_internal: discard the items of other; rebuild
 * when more than a quarter of the slots are dummies. */
static int set_difference_update_internal(py_set_object *so, py_obj *other)
{
    if ((py_obj *)so == other) return set_clear_internal((py_obj *)so);
    if (py_any_set_check(other)) {
        py_ssize_t pos = 0;
        py_set_entry *entry;
        /* Much larger other: discard only the common part. */
        if ((py_set_size(other) >> 3) > py_set_size((py_obj *)so)) {
            other = set_intersection((py_obj *)so, other);
            if (other == NULL) return -1;
        } else {
            rg_incref(other);
        }
        while (set_next(SO(other), &pos, &entry)) {
            py_obj *key = py_new_ref(entry->key);
            int rv = set_discard_entry(so, key, entry->hash);
            rg_decref(key);
            if (rv < 0) {
                rg_decref(other);
                return -1;
            }
        }
        rg_decref(other);
    } else {
        py_obj *it = py_object_get_iter(other);
        if (it == NULL) return -1;
        py_obj *key;
        while ((key = py_iter_next(it)) != NULL) {
            int rv = set_discard_key(so, key);
            rg_decref(key);
            if (rv < 0) {
                rg_decref(it);
                return -1;
            }
        }
        rg_decref(it);
        if (py_err_occurred()) return -1;
    }
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4) return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static py_obj *set_difference_update(py_obj *so, py_obj *args)
{
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++)
        if (set_difference_update_internal(SO(so), py_tuple_get_item(args, i))) return NULL;
    return py_new_ref(py_none);
}

static py_obj *set_copy_and_difference(py_obj *so, py_obj *other)
{
    py_obj *result = set_copy(so, NULL);
    if (result == NULL) return NULL;
    if (set_difference_update_internal(SO(result), other) == 0) return result;
    rg_decref(result);
    return NULL;
}

/* set_difference: walks self (copying it first when it is much larger). */
static py_obj *set_difference(py_obj *so, py_obj *other)
{
    py_ssize_t other_size;
    if (py_any_set_check(other))
        other_size = py_set_size(other);
    else if (py_dict_check_exact(other))
        other_size = py_dict_size(other);
    else
        return set_copy_and_difference(so, other);
    if ((py_set_size(so) >> 2) > other_size) return set_copy_and_difference(so, other);
    py_obj *result = make_new_set_basetype(py_type_of(so), NULL);
    if (result == NULL) return NULL;
    int is_dict = py_dict_check_exact(other);
    py_ssize_t pos = 0;
    py_set_entry *entry;
    while (set_next(SO(so), &pos, &entry)) {
        py_obj *key = py_new_ref(entry->key);
        py_hash_t hash = entry->hash;
        int rv = is_dict ? py_dict_contains_known_hash(other, key, hash) : set_contains_entry(SO(other), key, hash);
        if (rv == 0) rv = set_add_entry(SO(result), key, hash) ? -1 : 0;
        rg_decref(key);
        if (rv < 0) {
            rg_decref(result);
            return NULL;
        }
    }
    return result;
}

static py_obj *set_difference_multi(py_obj *so, py_obj *args)
{
    if (py_tuple_size(args) == 0) return set_copy(so, NULL);
    py_obj *result = set_difference(so, py_tuple_get_item(args, 0));
    if (result == NULL) return NULL;
    for (py_ssize_t i = 1; i < py_tuple_size(args); i++) {
        if (set_difference_update_internal(SO(result), py_tuple_get_item(args, i))) {
            rg_decref(result);
            return NULL;
        }
    }
    return result;
}

static py_obj *set_sub(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(so) || !py_any_set_check(other)) return py_new_ref(py_notimplemented);
    return set_difference(so, other);
}

static py_obj *set_isub(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(other)) return py_new_ref(py_notimplemented);
    if (set_difference_update_internal(SO(so), other)) return NULL;
    return py_new_ref(so);
}

/* Toggle key: discard it if present, else add it. */
static int set_toggle_entry(py_set_object *so, py_obj *key, py_hash_t hash)
{
    rg_incref(key);
    int rv = set_discard_entry(so, key, hash);
    if (rv == DISCARD_NOTFOUND) rv = set_add_entry(so, key, hash);
    else if (rv == DISCARD_FOUND) rv = 0;
    rg_decref(key);
    return rv;
}

static py_obj *set_symmetric_difference_update(py_obj *self, py_obj *other)
{
    py_set_object *so = SO(self);
    if (self == other) return set_clear_meth(self, NULL);
    py_ssize_t pos = 0;
    if (py_dict_check_exact(other)) {
        py_obj *key, *value;
        py_hash_t hash;
        while (py_dict_next_with_hash(other, &pos, &key, &value, &hash))
            if (set_toggle_entry(so, key, hash) < 0) return NULL;
        return py_new_ref(py_none);
    }
    py_obj *otherset = py_any_set_check(other) ? py_new_ref(other) : make_new_set_basetype(py_type_of(self), other);
    if (otherset == NULL) return NULL;
    py_set_entry *entry;
    while (set_next(SO(otherset), &pos, &entry)) {
        if (set_toggle_entry(so, entry->key, entry->hash) < 0) {
            rg_decref(otherset);
            return NULL;
        }
    }
    rg_decref(otherset);
    return py_new_ref(py_none);
}

static py_obj *set_symmetric_difference(py_obj *so, py_obj *other)
{
    py_obj *otherset = make_new_set_basetype(py_type_of(so), other);
    if (otherset == NULL) return NULL;
    py_obj *rv = set_symmetric_difference_update(otherset, so);
    if (rv == NULL) {
        rg_decref(otherset);
        return NULL;
    }
    rg_decref(rv);
    return otherset;
}

static py_obj *set_xor(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(so) || !py_any_set_check(other)) return py_new_ref(py_notimplemented);
    return set_symmetric_difference(so, other);
}

static py_obj *set_ixor(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(other)) return py_new_ref(py_notimplemented);
    py_obj *result = set_symmetric_difference_update(so, other);
    if (result == NULL) return NULL;
    rg_decref(result);
    return py_new_ref(so);
}

static py_obj *set_issubset(py_obj *so, py_obj *other)
{
    if (!py_any_set_check(other)) {
        py_obj *tmp = set_intersection(so, other);
        if (tmp == NULL) return NULL;
        int result = py_set_size(tmp) == py_set_size(so);
        rg_decref(tmp);
        return py_bool_from_long(result);
    }
    if (py_set_size(so) > py_set_size(other)) return py_new_ref(py_false);
    py_ssize_t pos = 0;
    py_set_entry *entry;
    while (set_next(SO(so), &pos, &entry)) {
        py_obj *key = py_new_ref(entry->key);
        int rv = set_contains_entry(SO(other), key, entry->hash);
        rg_decref(key);
        if (rv < 0) return NULL;
        if (!rv) return py_new_ref(py_false);
    }
    return py_new_ref(py_true);
}

static py_obj *set_issuperset(py_obj *so, py_obj *other)
{
    if (py_any_set_check(other)) return set_issubset(other, so);
    py_obj *it = py_object_get_iter(other);
    if (it == NULL) return NULL;
    py_obj *key;
    while ((key = py_iter_next(it)) != NULL) {
        int rv = set_contains_key(SO(so), key);
        rg_decref(key);
        if (rv <= 0) {
            rg_decref(it);
            return rv < 0 ? NULL : py_new_ref(py_false);
        }
    }
    rg_decref(it);
    if (py_err_occurred()) return NULL;
    return py_new_ref(py_true);
}

static py_obj *set_richcompare(py_obj *v, py_obj *w, int op)
{
    if (!py_any_set_check(w)) return py_new_ref(py_notimplemented);
    switch (op) {
    case PY_EQ:
        if (py_set_size(v) != py_set_size(w)) return py_new_ref(py_false);
        if (SO(v)->hash != -1 && SO(w)->hash != -1 && SO(v)->hash != SO(w)->hash) return py_new_ref(py_false);
        return set_issubset(v, w);
    case PY_NE: {
        py_obj *r1 = set_richcompare(v, w, PY_EQ);
        if (r1 == NULL) return NULL;
        int r2 = py_object_is_true(r1);
        rg_decref(r1);
        if (r2 < 0) return NULL;
        return py_bool_from_long(!r2);
    }
    case PY_LE:
        return set_issubset(v, w);
    case PY_GE:
        return set_issuperset(v, w);
    case PY_LT:
        if (py_set_size(v) >= py_set_size(w)) return py_new_ref(py_false);
        return set_issubset(v, w);
    case PY_GT:
        if (py_set_size(v) <= py_set_size(w)) return py_new_ref(py_false);
        return set_issuperset(v, w);
    }
    return py_new_ref(py_notimplemented);
}

/* ====================================================================== */
/* Element methods                                                         */
/* ====================================================================== */

static py_obj *set_add_meth(py_obj *so, py_obj *key)
{
    if (set_add_key(SO(so), key)) return NULL;
    return py_new_ref(py_none);
}

/* A set used as a key is looked up as the equal frozenset. */
static int set_key_retry(py_obj *key, py_obj **tmpkey)
{
    if (!py_set_check(key) || !py_err_exception_matches(py_exc_TypeError)) return -1;
    py_err_clear();
    *tmpkey = make_new_set(&py_frozenset_info, key);
    return *tmpkey == NULL ? -1 : 0;
}

static int set_contains(py_obj *so, py_obj *key)
{
    int rv = set_contains_key(SO(so), key);
    if (rv < 0) {
        py_obj *tmpkey;
        if (set_key_retry(key, &tmpkey) < 0) return -1;
        rv = set_contains_key(SO(so), tmpkey);
        rg_decref(tmpkey);
    }
    return rv;
}

static py_obj *set_direct_contains(py_obj *so, py_obj *key)
{
    int result = set_contains(so, key);
    if (result < 0) return NULL;
    return py_bool_from_long(result);
}

static int set_discard_with_retry(py_obj *so, py_obj *key)
{
    int rv = set_discard_key(SO(so), key);
    if (rv < 0) {
        py_obj *tmpkey;
        if (set_key_retry(key, &tmpkey) < 0) return -1;
        rv = set_discard_key(SO(so), tmpkey);
        rg_decref(tmpkey);
    }
    return rv;
}

static py_obj *set_remove(py_obj *so, py_obj *key)
{
    int rv = set_discard_with_retry(so, key);
    if (rv < 0) return NULL;
    if (rv == DISCARD_NOTFOUND) {
        py_err_set_key_error(key);
        return NULL;
    }
    return py_new_ref(py_none);
}

static py_obj *set_discard(py_obj *so, py_obj *key)
{
    if (set_discard_with_retry(so, key) < 0) return NULL;
    return py_new_ref(py_none);
}

/* set.pop(): the first active entry from the search finger on. */
static py_obj *set_pop(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_set_object *so = SO(self);
    py_set_entry *entry = so->table + (so->finger & so->mask);
    py_set_entry *limit = so->table + so->mask;
    if (so->used == 0) {
        py_err_set_string(py_exc_KeyError, "pop from an empty set");
        return NULL;
    }
    while (entry->key == NULL || entry->key == DUMMY) {
        entry++;
        if (entry > limit) entry = so->table;
    }
    py_obj *key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    so->finger = entry - so->table + 1;
    return key;
}

static py_obj *set_update(py_obj *so, py_obj *args)
{
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++)
        if (set_update_internal(SO(so), py_tuple_get_item(args, i))) return NULL;
    return py_new_ref(py_none);
}

static py_ssize_t set_len(py_obj *so) { return SO(so)->used; }

/* object.__sizeof__: the struct plus a separate table. */
static py_ssize_t set_sizeof_slot(py_obj *self)
{
    py_set_object *so = SO(self);
    size_t res = py_type_of(self)->rt.size;
    if (so->table != so->smalltable) res += ((size_t)so->mask + 1) * sizeof(py_set_entry);
    return (py_ssize_t)res;
}

static py_obj *set_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(set_sizeof_slot(self));
}

/* ====================================================================== */
/* repr, hash, construction protocols                                      */
/* ====================================================================== */

/* {1, 2}, frozenset({1}), S({1}); set() when empty; S(...) when recursive. */
static py_obj *set_repr(py_obj *so)
{
    const char *name = py_type_of(so)->rt.name;
    int status = py_repr_enter(so);
    if (status != 0) return status < 0 ? NULL : py_unicode_from_format("%s(...)", name);
    py_obj *result = NULL;
    if (py_set_size(so) == 0) {
        py_repr_leave(so);
        return py_unicode_from_format("%s()", name);
    }
    py_obj *keys = py_sequence_list(so);
    if (keys == NULL) goto done;
    py_obj *listrepr = py_object_repr(keys);
    rg_decref(keys);
    if (listrepr == NULL) goto done;
    py_obj *tmp = py_unicode_substring(listrepr, 1, py_unicode_get_length(listrepr) - 1);
    rg_decref(listrepr);
    if (tmp == NULL) goto done;
    if (!py_set_check_exact(so))
        result = py_unicode_from_format("%s({%U})", name, tmp);
    else
        result = py_unicode_from_format("{%U}", tmp);
    rg_decref(tmp);
done:
    py_repr_leave(so);
    return result;
}

/* Spread the bits of nearby hashes (frozenset_hash's mixing step). */
static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

/* frozenset's hash: xor of the mixed entry hashes (independent of order),
 * the size folded in, cached. */
static py_hash_t frozenset_hash(py_obj *self)
{
    py_set_object *so = SO(self);
    if (so->hash != -1) return so->hash;
    uint64_t hash = 0;
    for (py_set_entry *e = so->table; e <= &so->table[so->mask]; e++) hash ^= shuffle_bits((uint64_t)e->hash);
    /* Take out the unused (hash 0) and dummy (hash -1) entries. */
    if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)so->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    so->hash = (py_hash_t)hash;
    return so->hash;
}

static py_obj *set_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)args;
    if ((type == &py_set_info || type->init == py_set_info.init) && py_arg_no_keywords("set", kwds) < 0)
        return NULL;
    return make_new_set(type, NULL);
}

static int set_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_set_object *so = SO(self);
    py_obj *iterable = NULL;
    if (py_arg_no_keywords("set", kwds) < 0) return -1;
    if (!py_arg_unpack_tuple(args, py_type_of(self)->rt.name, 0, 1, &iterable)) return -1;
    if (so->fill) set_clear_internal(self);
    so->hash = -1;
    if (iterable == NULL) return 0;
    return set_update_internal(so, iterable);
}

static py_obj *set_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (py_arg_no_kwnames("set", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("set", nargs, 0, 1) < 0) return NULL;
    return make_new_set(py_typeinfo_of(type), nargs ? args[0] : NULL);
}

static py_obj *frozenset_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_obj *iterable = NULL;
    if ((type == &py_frozenset_info || type->init == py_frozenset_info.init) &&
        py_arg_no_keywords("frozenset", kwds) < 0)
        return NULL;
    if (!py_arg_unpack_tuple(args, type->rt.name, 0, 1, &iterable)) return NULL;
    return make_new_frozenset(type, iterable);
}

static py_obj *frozenset_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (py_arg_no_kwnames("frozenset", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("frozenset", nargs, 0, 1) < 0) return NULL;
    return make_new_frozenset(py_typeinfo_of(type), nargs ? args[0] : NULL);
}

/* ====================================================================== */
/* The iterator                                                            */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *si_set; /* NULL once exhausted */
    py_ssize_t si_used;
    py_ssize_t si_pos;
    py_ssize_t len;
} set_iter_object;

static py_obj *set_iter(py_obj *so)
{
    set_iter_object *si = (set_iter_object *)rg_new(py_heap(), &py_set_iter_info.rt);
    if (si == NULL) return py_err_no_memory();
    si->si_set = py_new_ref(so);
    si->si_used = SO(so)->used;
    si->si_pos = 0;
    si->len = SO(so)->used;
    return (py_obj *)si;
}

static int set_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((set_iter_object *)self)->si_set);
    return 0;
}

static py_obj *set_iter_next(py_obj *self)
{
    set_iter_object *si = (set_iter_object *)self;
    py_obj *so = si->si_set;
    if (so == NULL) return NULL;
    if (si->si_used != SO(so)->used) {
        py_err_set_string(py_exc_RuntimeError, "Set changed size during iteration");
        si->si_used = -1; /* sticky */
        return NULL;
    }
    py_ssize_t i = si->si_pos, mask = SO(so)->mask;
    py_set_entry *entry = SO(so)->table;
    while (i <= mask && (entry[i].key == NULL || entry[i].key == DUMMY)) i++;
    si->si_pos = i + 1;
    if (i > mask) {
        si->si_set = NULL;
        rg_decref(so);
        return NULL;
    }
    si->len--;
    return py_new_ref(entry[i].key);
}

static py_obj *set_iter_len(py_obj *self, py_obj *unused)
{
    (void)unused;
    set_iter_object *si = (set_iter_object *)self;
    py_ssize_t len = 0;
    if (si->si_set != NULL && si->si_used == SO(si->si_set)->used) len = si->len;
    return py_long_from_ssize_t(len);
}

static const py_method_def set_iter_methods[] = {
    {"__length_hint__", {.o = set_iter_len}, PY_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_set_iter_info = {
    .rt = {.name = "set_iterator", .size = sizeof(set_iter_object), .flags = RG_TYPE_GC,
           .traverse = set_iter_traverse, .refs_offset = offsetof(set_iter_object, si_set), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = set_iter_next,
    .methods = set_iter_methods,
};

/* ====================================================================== */
/* C API                                                                   */
/* ====================================================================== */

py_obj *py_set_new(py_obj *iterable) { return make_new_set(&py_set_info, iterable); }

py_obj *py_frozenset_new(py_obj *iterable) { return make_new_set(&py_frozenset_info, iterable); }

/* PySet_Add also fills frozensets under construction (refcount 1). */
int py_set_add(py_obj *set, py_obj *key)
{
    if (!py_set_check(set) && (!py_frozenset_check_exact(set) || set->refcnt != 1)) {
        py_err_bad_internal_call();
        return -1;
    }
    return set_add_key(SO(set), key);
}

int py_set_contains(py_obj *anyset, py_obj *key) { return set_contains_key(SO(anyset), key); }

int py_set_discard(py_obj *set, py_obj *key) { return set_discard_key(SO(set), key); }

int py_set_update(py_obj *set, py_obj *iterable) { return set_update_internal(SO(set), iterable); }

int py_set_clear(py_obj *set) { return set_clear_internal(set); }

py_obj *py_set_pop(py_obj *set) { return set_pop(set, NULL); }

int py_set_next_entry(py_obj *set, py_ssize_t *pos, py_obj **key, py_hash_t *hash)
{
    py_set_entry *entry;
    if (!set_next(SO(set), pos, &entry)) return 0;
    *key = entry->key;
    *hash = entry->hash;
    return 1;
}

/* ====================================================================== */
/* The types                                                               */
/* ====================================================================== */

static py_sequence_methods set_as_sequence = {
    .sq_length = set_len,
    .sq_contains = set_contains,
};

static py_number_methods set_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
};

static py_number_methods frozenset_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
};

static const py_method_def set_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, "See PEP 585"},
    {"add", {.o = set_add_meth}, PY_METH_O, "Add an element to a set.\n\nThis has no effect if the element is already present."},
    {"clear", {.o = set_clear_meth}, PY_METH_NOARGS, "Remove all elements from this set."},
    {"__contains__", {.o = set_direct_contains}, PY_METH_O | PY_METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", {.o = set_copy}, PY_METH_NOARGS, "Return a shallow copy of a set."},
    {"discard", {.o = set_discard}, PY_METH_O,
     "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\n"
     "an exception when an element is missing from the set."},
    {"difference", {.o = set_difference_multi}, PY_METH_VARARGS,
     "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)"},
    {"difference_update", {.o = set_difference_update}, PY_METH_VARARGS, "Remove all elements of another set from this set."},
    {"intersection", {.o = set_intersection_multi}, PY_METH_VARARGS,
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"},
    {"intersection_update", {.o = set_intersection_update_multi}, PY_METH_VARARGS,
     "Update a set with the intersection of itself and another."},
    {"isdisjoint", {.o = set_isdisjoint}, PY_METH_O, "Return True if two sets have a null intersection."},
    {"issubset", {.o = set_issubset}, PY_METH_O, "Report whether another set contains this set."},
    {"issuperset", {.o = set_issuperset}, PY_METH_O, "Report whether this set contains another set."},
    {"pop", {.o = set_pop}, PY_METH_NOARGS, "Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."},
    {"remove", {.o = set_remove}, PY_METH_O,
     "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."},
    {"__sizeof__", {.o = set_sizeof_meth}, PY_METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", {.o = set_symmetric_difference}, PY_METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)"},
    {"symmetric_difference_update", {.o = set_symmetric_difference_update}, PY_METH_O,
     "Update a set with the symmetric difference of itself and another."},
    {"union", {.o = set_union}, PY_METH_VARARGS,
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {"update", {.o = set_update}, PY_METH_VARARGS, "Update a set with the union of itself and others."},
    {NULL, {NULL}, 0, NULL},
};

static const py_method_def frozenset_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, "See PEP 585"},
    {"__contains__", {.o = set_direct_contains}, PY_METH_O | PY_METH_COEXIST, "x.__contains__(y) <==> y in x."},
    {"copy", {.o = frozenset_copy}, PY_METH_NOARGS, "Return a shallow copy of a set."},
    {"difference", {.o = set_difference_multi}, PY_METH_VARARGS,
     "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)"},
    {"intersection", {.o = set_intersection_multi}, PY_METH_VARARGS,
     "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"},
    {"isdisjoint", {.o = set_isdisjoint}, PY_METH_O, "Return True if two sets have a null intersection."},
    {"issubset", {.o = set_issubset}, PY_METH_O, "Report whether another set contains this set."},
    {"issuperset", {.o = set_issuperset}, PY_METH_O, "Report whether this set contains another set."},
    {"__sizeof__", {.o = set_sizeof_meth}, PY_METH_NOARGS, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", {.o = set_symmetric_difference}, PY_METH_O,
     "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)"},
    {"union", {.o = set_union}, PY_METH_VARARGS,
     "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_set_info = {
    .rt = {.name = "set", .size = sizeof(py_set_object), .flags = RG_TYPE_GC, .traverse = set_traverse,
           .clear = set_clear_internal, .dealloc = set_dealloc,
           .weaklist_offset = offsetof(py_set_object, weakreflist)},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .doc = "set() -> new empty set object\nset(iterable) -> new set object\n\n"
           "Build an unordered collection of unique elements.",
    .repr = set_repr,
    .hash = py_object_hash_not_implemented,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .init = set_init,
    .new = set_new,
    .vectorcall = set_vectorcall,
    .sizeof_ = set_sizeof_slot,
    .as_number = &set_as_number,
    .as_sequence = &set_as_sequence,
    .methods = set_methods,
};

py_typeinfo py_frozenset_info = {
    .rt = {.name = "frozenset", .size = sizeof(py_set_object), .flags = RG_TYPE_GC, .traverse = set_traverse,
           .clear = set_clear_internal, .dealloc = set_dealloc,
           .weaklist_offset = offsetof(py_set_object, weakreflist)},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\n"
           "Build an immutable unordered collection of unique elements.",
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .new = frozenset_new,
    .vectorcall = frozenset_vectorcall,
    .sizeof_ = set_sizeof_slot,
    .as_number = &frozenset_as_number,
    .as_sequence = &set_as_sequence,
    .methods = frozenset_methods,
};
