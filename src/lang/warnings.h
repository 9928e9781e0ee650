/*
 * warnings.h -- a minimal warnings emitter: what the compiler (and later
 * others) call where CPython calls PyErr_WarnExplicitObject.  3.11's
 * default filters and showwarning format, without a warnings module.
 */
#ifndef REFGC_LANG_WARNINGS_H
#define REFGC_LANG_WARNINGS_H

#include "types/object.h"

/* Issue a warning of category at filename:lineno, as 3.11's
 * warn_explicit with no registry and no module does under the default
 * filters: DeprecationWarning, PendingDeprecationWarning, ImportWarning
 * and ResourceWarning (and their subclasses) are ignored (their module
 * is never __main__ here); any other is written to sys.stderr every
 * time as "FILE:LINE: Category: message\n" followed by "  <the source
 * line, stripped>\n" when the file can be read (never for "<...>" names),
 * in one write() call.  Nothing is written when sys.stderr is missing or
 * None.  0, or -1 with an exception (sys.stderr.write failed). */
int py_warn_explicit(py_typeinfo *category, py_obj *message, py_obj *filename, int lineno);

/* The same with the message formatted as py_unicode_from_format. */
int py_warn_explicit_format(py_typeinfo *category, py_obj *filename, int lineno, const char *fmt, ...);

/* Forget the cached source file (the runtime may call it at exit). */
void py_warnings_clear_cache(void);

#endif
