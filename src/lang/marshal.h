/*
 * marshal.h -- reading CPython 3.11's marshal format (marshal.c): what
 * marshal.dumps(compile(src, name, 'exec')) writes, so that the VM can run
 * code python3 compiled (tests, tools).  Owner: the VM engineer.
 */
#ifndef REFGC_LANG_MARSHAL_H
#define REFGC_LANG_MARSHAL_H

#include "lang/code.h"

/* marshal.loads(data) for the object kinds code objects contain: a new
 * reference, or NULL with EOFError / ValueError ("bad marshal data ...")
 * or the constructor's error set. */
py_obj *py_marshal_loads(const unsigned char *data, size_t len);

#endif
