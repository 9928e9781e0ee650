/*
 * pythonrun_suggest.c -- "Did you mean: 'x'?" after a NameError or
 * AttributeError message (CPython 3.11's Python/suggestions.c, as the
 * default excepthook uses it).
 *
 * Owns: py_offer_suggestions.  The facts followed: only exceptions whose
 * type is exactly AttributeError (candidates: dir(obj), sorted) or
 * NameError (candidates: the local variable names of the innermost
 * traceback frame's code, then its globals, then its builtins -- the
 * first list with a match wins); lists of 750 names or more are skipped;
 * the distance is Levenshtein's on UTF-8 bytes with a common prefix and
 * suffix removed, cost 2 per insertion/deletion/substitution and 1 for a
 * case change, names over 40 bytes never match, and a candidate must be
 * within (len(name) + len(candidate) + 3) * 2 / 6 and strictly better
 * than the best so far.
 *
 * Invariants: never raises (failures mean "no suggestion").
 */
#include "lang/pythonrun.h"

#include <stdint.h>

#define MAX_CANDIDATES 750
#define MAX_NAME 40
#define MOVE_COST 2
#define CASE_COST 1

/* Cost of replacing a by b. */
static size_t subst_cost(char a, char b)
{
    if (a == b) return 0;
    char la = (a >= 'A' && a <= 'Z') ? (char)(a + 32) : a;
    char lb = (b >= 'A' && b <= 'Z') ? (char)(b + 32) : b;
    return la == lb ? CASE_COST : MOVE_COST;
}

/* The weighted distance, or max_cost + 1 when it exceeds max_cost. */
static size_t distance(const char *a, size_t an, const char *b, size_t bn, size_t max_cost)
{
    while (an && bn && a[0] == b[0]) {
        a++;
        b++;
        an--;
        bn--;
    }
    while (an && bn && a[an - 1] == b[bn - 1]) {
        an--;
        bn--;
    }
    if (an == 0 || bn == 0) return (an + bn) * MOVE_COST;
    if (an > MAX_NAME || bn > MAX_NAME) return max_cost + 1;
    if (bn < an) {
        const char *t = a;
        a = b;
        b = t;
        size_t tn = an;
        an = bn;
        bn = tn;
    }
    if ((bn - an) * MOVE_COST > max_cost) return max_cost + 1;
    size_t row[MAX_NAME];
    for (size_t i = 0; i < an; i++) row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t j = 0; j < bn; j++) {
        size_t diag = j * MOVE_COST; /* cost(b[:j], a[:0]) */
        result = diag;
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < an; i++) {
            size_t sub = diag + subst_cost(b[j], a[i]);
            diag = row[i];
            size_t del = (result < diag ? result : diag) + MOVE_COST;
            result = del < sub ? del : sub;
            row[i] = result;
            if (result < best) best = result;
        }
        if (best > max_cost) return max_cost + 1;
    }
    return result;
}

/* The best candidate of list (a list of str) for name, new ref or NULL. */
static py_obj *best_match(py_obj *list, py_obj *name)
{
    py_ssize_t n = py_list_size(list);
    if (n >= MAX_CANDIDATES) return NULL;
    py_ssize_t name_len;
    const char *name_s = py_unicode_as_utf8_and_size(name, &name_len);
    if (name_s == NULL) {
        py_err_clear();
        return NULL;
    }
    py_obj *best = NULL;
    size_t best_dist = SIZE_MAX;
    for (py_ssize_t i = 0; i < n; i++) {
        py_obj *item = py_list_get_item(list, i);
        if (item == NULL || !py_unicode_check(item)) continue;
        py_ssize_t item_len;
        const char *item_s = py_unicode_as_utf8_and_size(item, &item_len);
        if (item_s == NULL) {
            py_err_clear();
            return NULL;
        }
        if (item_len == name_len && memcmp(item_s, name_s, (size_t)name_len) == 0) continue;
        size_t max_dist = (size_t)(name_len + item_len + 3) * MOVE_COST / 6;
        if (best_dist != SIZE_MAX && best_dist - 1 < max_dist) max_dist = best_dist - 1;
        size_t d = distance(name_s, (size_t)name_len, item_s, (size_t)item_len, max_dist);
        if (d > max_dist) continue;
        if (best == NULL || d < best_dist) {
            best = item;
            best_dist = d;
        }
    }
    return best ? py_new_ref(best) : NULL;
}

/* best_match over list(o) (o: a dict's keys, a tuple), NULL when none. */
static py_obj *match_in(py_obj *o, py_obj *name)
{
    if (o == NULL) return NULL;
    py_obj *list = py_sequence_list(o);
    if (list == NULL) {
        py_err_clear();
        return NULL;
    }
    py_obj *r = best_match(list, name);
    rg_decref(list);
    return r;
}

/* NameError: the innermost frame's local names, globals, builtins. */
static py_obj *suggest_name(py_obj *exc)
{
    py_name_error_object *e = (py_name_error_object *)exc;
    py_obj *name = e->name;
    py_obj *tbo = e->traceback;
    if (name == NULL || !py_unicode_check_exact(name) || tbo == NULL ||
        !py_object_type_check(tbo, &py_traceback_info))
        return NULL;
    py_traceback_object *tb = (py_traceback_object *)tbo;
    while (tb->tb_next != NULL) tb = tb->tb_next;
    if (tb->tb_frame == NULL) return NULL;
    py_code_object *co = py_frame_get_code(tb->tb_frame);
    if (co == NULL) return NULL;
    py_obj *locals = py_list_new(0);
    if (locals == NULL) {
        py_err_clear();
        return NULL;
    }
    const char *kinds = py_bytes_as_string(co->co_localspluskinds);
    for (py_ssize_t i = 0; i < py_tuple_size(co->co_localsplusnames); i++) {
        if ((kinds[i] & PY_CO_FAST_LOCAL) &&
            py_list_append(locals, py_tuple_get_item(co->co_localsplusnames, i)) < 0)
            py_err_clear();
    }
    py_obj *r = best_match(locals, name);
    rg_decref(locals);
    if (r == NULL) r = match_in(py_frame_get_globals(tb->tb_frame), name);
    if (r == NULL) {
        py_obj *g = py_frame_get_globals(tb->tb_frame);
        py_obj *b = g ? py_dict_get_item_string(g, "__builtins__") : NULL;
        if (b != NULL && py_module_check(b)) b = py_module_get_dict(b);
        if (b == NULL || !py_dict_check(b)) b = py_current->builtins;
        r = match_in(b, name);
    }
    return r;
}

/* AttributeError: sorted(dir(obj)). */
static py_obj *suggest_attribute(py_obj *exc)
{
    py_attribute_error_object *e = (py_attribute_error_object *)exc;
    if (e->name == NULL || !py_unicode_check_exact(e->name) || e->obj == NULL) return NULL;
    py_obj *dir = py_object_call_method_no_args(e->obj, py_id(__dir__));
    py_obj *list = dir ? py_sequence_list(dir) : NULL;
    rg_xdecref(dir);
    if (list == NULL || py_list_sort(list) < 0) {
        py_err_clear();
        rg_xdecref(list);
        return NULL;
    }
    py_obj *r = best_match(list, e->name);
    rg_decref(list);
    return r;
}

py_obj *py_offer_suggestions(py_obj *exc)
{
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    py_obj *r = NULL;
    if (py_is_type(exc, py_exc_AttributeError)) r = suggest_attribute(exc);
    else if (py_is_type(exc, py_exc_NameError)) r = suggest_name(exc);
    py_err_clear();
    py_err_restore(et, ev, etb);
    return r;
}
