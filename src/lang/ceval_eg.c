/*
 * ceval_eg.c -- the eval loop's except* support (CPython 3.11's
 * CHECK_EG_MATCH helpers of ceval.c and _PyExc_PrepReraiseStar of
 * Objects/exceptions.c): matching an exception (group) against an
 * except* clause, and building the group re-raised at the end of a
 * try/except* statement.
 *
 * Owns: py_vm_check_except_star_type_valid, py_vm_exception_group_match,
 * py_vm_prep_reraise_star, and the projection of a group onto the leaves
 * of other groups (exception_group_projection: split by leaf identity,
 * no rest part).
 *
 * Invariants: the parts made here come from the groups' derive() with
 * the original's traceback, context, cause and a copy of its __notes__
 * (as excgroup.c's split; that helper is static there, so the same steps
 * are taken here through the public methods).
 */
#include "lang/frame.h"

/* ====================================================================== */
/* Matching (CHECK_EG_MATCH)                                               */
/* ====================================================================== */

int py_vm_check_except_star_type_valid(py_obj *right)
{
    if (py_vm_check_except_type_valid(right) < 0) return -1;
    py_obj *eg_type = py_type_object_of(&py_exc_BaseExceptionGroup_info);
    int is_subclass = 0;
    if (py_tuple_check(right)) {
        for (py_ssize_t i = 0; i < py_tuple_size(right) && !is_subclass; i++) {
            is_subclass = py_object_is_subclass(py_tuple_get(right, i), eg_type);
            if (is_subclass < 0) return -1;
        }
    } else {
        is_subclass = py_object_is_subclass(right, eg_type);
        if (is_subclass < 0) return -1;
    }
    if (is_subclass) {
        py_err_set_string(py_exc_TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
        return -1;
    }
    return 0;
}

/* obj.name(arg) as 3.11's PyObject_CallMethod(obj, name, "(O)", arg): a
 * bound method and an argument tuple are made (the allocations count). */
static py_obj *call_method_format(py_obj *obj, const char *name, py_obj *arg)
{
    py_obj *meth = py_object_get_attr_string(obj, name);
    if (meth == NULL) return NULL;
    py_obj *args = py_tuple_pack(1, arg);
    py_obj *res = args != NULL ? py_object_call(meth, args, NULL) : NULL;
    rg_xdecref(args);
    rg_decref(meth);
    return res;
}

/* BaseExceptionGroup(msg, excs) (3.11's _PyExc_CreateExceptionGroup). */
static py_obj *create_exception_group(const char *msg, py_obj *excs)
{
    py_obj *m = py_unicode_from_string(msg);
    if (m == NULL) return NULL;
    py_obj *args = py_tuple_pack(2, m, excs);
    rg_decref(m);
    if (args == NULL) return NULL;
    py_obj *res = py_object_call(py_type_object_of(&py_exc_BaseExceptionGroup_info), args, NULL);
    rg_decref(args);
    return res;
}

/* Match exc_value against an except* clause (3.11's exception_group_match). */
int py_vm_exception_group_match(py_obj *exc_value, py_obj *match_type, py_obj **match, py_obj **rest)
{
    *match = *rest = NULL;
    if (exc_value == py_none) {
        *match = py_new_ref(py_none);
        *rest = py_new_ref(py_none);
        return 0;
    }
    if (py_err_given_exception_matches(exc_value, match_type)) {
        if (py_base_exception_group_check(exc_value)) {
            *match = py_new_ref(exc_value);
        } else {
            /* A naked exception: wrapped in a group. */
            py_obj *excs = py_tuple_pack(1, exc_value);
            if (excs == NULL) return -1;
            *match = create_exception_group("", excs);
            rg_decref(excs);
            if (*match == NULL) return -1;
        }
        *rest = py_new_ref(py_none);
        return 0;
    }
    if (py_base_exception_group_check(exc_value)) {
        py_obj *pair = call_method_format(exc_value, "split", match_type);
        if (pair == NULL) return -1;
        if (!py_tuple_check_exact(pair) || py_tuple_size(pair) != 2) {
            rg_decref(pair);
            py_err_set_string(py_exc_TypeError, "split must return a 2-tuple");
            return -1;
        }
        *match = py_new_ref(py_tuple_get(pair, 0));
        *rest = py_new_ref(py_tuple_get(pair, 1));
        rg_decref(pair);
        return 0;
    }
    *match = py_new_ref(py_none);
    *rest = py_new_ref(py_none);
    return 0;
}

/* ====================================================================== */
/* Projection onto leaves                                                  */
/* ====================================================================== */

/* id(o) as an int (the set's keys). */
static py_obj *id_of(py_obj *o) { return py_long_from_unsigned_long_long((unsigned long long)(uintptr_t)o); }

/* Add the ids of exc's leaf exceptions to leaf_ids: 0 or -1. */
static int collect_leaf_ids(py_obj *exc, py_obj *leaf_ids)
{
    if (exc == py_none) return 0;
    if (!py_base_exception_group_check(exc)) {
        py_obj *id = id_of(exc);
        if (id == NULL) return -1;
        int res = py_set_add(leaf_ids, id);
        rg_decref(id);
        return res;
    }
    py_obj *excs = ((py_base_exception_group_object *)exc)->excs;
    for (py_ssize_t i = 0; i < py_tuple_size(excs); i++) {
        if (py_enter_recursive_call(" in collect_exception_group_leaf_ids")) return -1;
        int res = collect_leaf_ids(py_tuple_get(excs, i), leaf_ids);
        py_leave_recursive_call();
        if (res < 0) return -1;
    }
    return 0;
}

/* orig.derive(excs) carrying orig's metadata (excgroup.c's split part). */
static py_obj *group_subset(py_obj *orig, py_obj *excs)
{
    py_obj *eg = call_method_format(orig, "derive", excs);
    if (eg == NULL) return NULL;
    if (!py_base_exception_group_check(eg)) {
        py_err_set_string(py_exc_TypeError, "derive must return an instance of BaseExceptionGroup");
        goto error;
    }
    py_obj *tb = py_exception_get_traceback(orig);
    if (tb != NULL) {
        int res = py_exception_set_traceback(eg, tb);
        rg_decref(tb);
        if (res < 0) goto error;
    }
    py_exception_set_context(eg, py_exception_get_context(orig));
    py_exception_set_cause(eg, py_exception_get_cause(orig));
    py_obj *notes;
    if (py_object_lookup_attr(orig, py_id(__notes__), &notes) < 0) goto error;
    if (notes != NULL) {
        int res = 0;
        if (py_sequence_check(notes)) {
            py_obj *copy = py_sequence_list(notes);
            res = copy == NULL ? -1 : py_object_set_attr(eg, py_id(__notes__), copy);
            rg_xdecref(copy);
        }
        rg_decref(notes);
        if (res < 0) goto error;
    }
    return eg;
error:
    rg_decref(eg);
    return NULL;
}

/* The part of exc made of the leaves whose ids are in leaf_ids (*match
 * NULL when none): 0 or -1. */
static int project(py_obj *exc, py_obj *leaf_ids, py_obj **match)
{
    *match = NULL;
    if (!py_base_exception_group_check(exc)) {
        py_obj *id = id_of(exc);
        if (id == NULL) return -1;
        int found = py_set_contains(leaf_ids, id);
        rg_decref(id);
        if (found < 0) return -1;
        if (found) *match = py_new_ref(exc);
        return 0;
    }
    py_obj *excs = ((py_base_exception_group_object *)exc)->excs;
    py_obj *matches = py_list_new(0);
    if (matches == NULL) return -1;
    int rc = -1;
    for (py_ssize_t i = 0; i < py_tuple_size(excs); i++) {
        py_obj *m;
        if (py_enter_recursive_call(" in exceptiongroup_split_recursive")) goto done;
        int e = project(py_tuple_get(excs, i), leaf_ids, &m);
        py_leave_recursive_call();
        if (e < 0) goto done;
        int bad = m != NULL && py_list_append(matches, m) < 0;
        rg_xdecref(m);
        if (bad) goto done;
    }
    if (py_list_size(matches) > 0 && (*match = group_subset(exc, matches)) == NULL) goto done;
    rc = 0;
done:
    rg_decref(matches);
    return rc;
}

/* ====================================================================== */
/* The group re-raised (PREP_RERAISE_STAR)                                 */
/* ====================================================================== */

/* Same traceback, cause, context and notes: a re-raise of orig's part. */
static int same_metadata(py_obj *a, py_obj *b)
{
    py_base_exception_object *e1 = (py_base_exception_object *)a, *e2 = (py_base_exception_object *)b;
    return e1->notes == e2->notes && e1->traceback == e2->traceback && e1->cause == e2->cause &&
           e1->context == e2->context;
}

/* What a try/except* re-raises (3.11's _PyExc_PrepReraiseStar). */
py_obj *py_vm_prep_reraise_star(py_obj *orig, py_obj *excs)
{
    py_ssize_t n = py_list_size(excs);
    if (n == 0) return py_new_ref(py_none);
    if (!py_base_exception_group_check(orig)) {
        /* A naked exception was caught and wrapped: at most one clause ran. */
        return py_new_ref(py_list_get(excs, 0));
    }
    py_obj *result = NULL, *leaf_ids = NULL, *reraised = NULL;
    py_obj *raised_list = py_list_new(0);
    py_obj *reraised_list = raised_list ? py_list_new(0) : NULL;
    if (reraised_list == NULL) goto done;
    for (py_ssize_t i = 0; i < n; i++) {
        py_obj *e = py_list_get(excs, i);
        if (e == py_none) continue;
        if (py_list_append(same_metadata(e, orig) ? reraised_list : raised_list, e) < 0) goto done;
    }
    /* exception_group_projection(orig, reraised_list) */
    leaf_ids = py_set_new(NULL);
    if (leaf_ids == NULL) goto done;
    for (py_ssize_t i = 0; i < py_list_size(reraised_list); i++)
        if (collect_leaf_ids(py_list_get(reraised_list, i), leaf_ids) < 0) goto done;
    if (project(orig, leaf_ids, &reraised) < 0) goto done;
    if (reraised == NULL) reraised = py_new_ref(py_none);
    if (py_list_size(raised_list) == 0) {
        result = reraised;
        reraised = NULL;
        goto done;
    }
    if (reraised != py_none && py_list_append(raised_list, reraised) < 0) goto done;
    if (py_list_size(raised_list) > 1) result = create_exception_group("", raised_list);
    else result = py_new_ref(py_list_get(raised_list, 0));
done:
    rg_xdecref(reraised);
    rg_xdecref(leaf_ids);
    rg_xdecref(raised_list);
    rg_xdecref(reraised_list);
    return result;
}
