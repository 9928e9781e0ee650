/*
 * sysmodule.c -- the sys module: reference counts and sizes (getrefcount,
 * getsizeof), the recursion limit, version and version_info, the
 * platform constants, argv/executable/path/modules, the standard streams,
 * exit, _getframe, intern, displayhook/excepthook, _debugmallocstats,
 * getallocatedblocks, float_info/int_info/flags.
 *
 * Owns: the text-stream type (sys.stdout/stderr/stdin: "_io.TextIOWrapper"
 * with write/flush/fileno/isatty/readline), the struct-sequence types
 * (sys.version_info, sys.float_info, sys.int_info, sys.flags: tuples with
 * named fields and CPython's repr), py_sys_get_object, py_sys_flush_stdio.
 *
 * Streams: UTF-8; write(s) returns len(s) as TextIOWrapper.write.  stdout
 * is line buffered on a terminal and block buffered (8 KiB) otherwise;
 * stderr is line buffered (3.9+); PYTHONUNBUFFERED makes both write
 * through, as python3.  Buffers are C memory of the stream object, written
 * with write(2); the runtime flushes them at exit (py_sys_flush_stdio).
 */
#include <errno.h>
#include <float.h>
#include <unistd.h>

#include "lang/modules.h"
#include "lang/trace_vm.h"
#include "lang/vm.h"

/* ====================================================================== */
/* Text streams                                                            */
/* ====================================================================== */

#define STREAM_BUFSIZE 8192

typedef struct stream_object {
    RG_OBJECT_HEAD;
    int fd;
    int mode;           /* 0 read, 1 write */
    int line_buffered;
    int write_through;
    const char *name;   /* "<stdout>" */
    const char *errors; /* "strict" / "backslashreplace" */
    char *buf;          /* malloc'd, STREAM_BUFSIZE */
    size_t len;
    /* 3.11's TextIOWrapper pending_bytes, for its GC allocations only: one
     * pending write needs no object, a second one makes a list (kept
     * until the pending data is flushed); pending_count is its size. */
    int npending;
    py_obj *pending_list;
    size_t pending_count;
} stream_object;

#define ST(o) ((stream_object *)(o))

/* Write everything buffered to the descriptor (errors ignored: a closed
 * pipe loses the output, as python3 at exit). */
static void stream_flush_buf(stream_object *s)
{
    size_t off = 0;
    while (off < s->len) {
        ssize_t w = write(s->fd, s->buf + off, s->len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        off += (size_t)w;
    }
    s->len = 0;
}

/* Append bytes, flushing as the buffering mode says. */
static void stream_put(stream_object *s, const char *data, size_t n)
{
    if (RG_UNLIKELY(py_trace_hooks.output != NULL)) { /* a traced run: "output" events */
        py_trace_hooks.output(s->fd, data, n);
        return;
    }
    if (s->buf == NULL) {
        s->buf = malloc(STREAM_BUFSIZE);
        if (s->buf == NULL) { /* unbuffered then */
            stream_object tmp = *s;
            tmp.buf = (char *)data;
            tmp.len = n;
            stream_flush_buf(&tmp);
            return;
        }
    }
    int newline = s->line_buffered && memchr(data, '\n', n) != NULL;
    while (n > 0) {
        size_t room = STREAM_BUFSIZE - s->len, k = n < room ? n : room;
        memcpy(s->buf + s->len, data, k);
        s->len += k;
        data += k;
        n -= k;
        if (s->len == STREAM_BUFSIZE) stream_flush_buf(s);
    }
    if (s->write_through || newline) stream_flush_buf(s);
}

/* TextIOWrapper's _textiowrapper_writeflush: the pending list goes. */
static void stream_pending_flush(stream_object *s)
{
    s->npending = 0;
    s->pending_count = 0;
    RG_CLEAR(s->pending_list);
}

/* TextIOWrapper.write's pending_bytes bookkeeping for n bytes (chunk
 * size 8192); a failed list allocation is ignored (nothing reads it). */
static void stream_pending_add(stream_object *s, const char *data, size_t n)
{
    if (s->pending_count + n > STREAM_BUFSIZE) stream_pending_flush(s);
    if (s->npending == 1 && s->pending_list == NULL) {
        s->pending_list = py_list_new(0);
        if (s->pending_list == NULL) py_err_clear();
    }
    s->npending++;
    s->pending_count += n;
    int needflush = s->write_through ||
                    (s->line_buffered && (memchr(data, '\n', n) != NULL || memchr(data, '\r', n) != NULL));
    if (s->pending_count >= STREAM_BUFSIZE || needflush) stream_pending_flush(s);
}

/* write(s): the str encoded as UTF-8; returns len(s). */
static py_obj *stream_write(py_obj *self, py_obj *text)
{
    if (ST(self)->mode != 1) {
        py_err_set_string(py_exc_OSError, "not writable");
        return NULL;
    }
    if (!py_unicode_check(text))
        return py_err_format(py_exc_TypeError, "write() argument must be str, not %.100s", py_obj_type_name(text));
    py_ssize_t n;
    const char *utf8 = py_unicode_as_utf8_and_size(text, &n);
    py_obj *encoded = NULL;
    if (utf8 == NULL) {
        if (strcmp(ST(self)->errors, "strict") == 0) return NULL;
        py_err_clear();
        encoded = py_unicode_as_encoded_string(text, "utf-8", "replace");
        if (encoded == NULL) return NULL;
        utf8 = py_bytes_as_string(encoded);
        n = py_bytes_size(encoded);
    }
    stream_pending_add(ST(self), utf8, (size_t)n);
    stream_put(ST(self), utf8, (size_t)n);
    rg_xdecref(encoded);
    return py_long_from_ssize_t(py_unicode_get_length(text));
}

static py_obj *stream_flush(py_obj *self, py_obj *unused)
{
    (void)unused;
    stream_pending_flush(ST(self));
    stream_flush_buf(ST(self));
    return py_new_ref(py_none);
}

static py_obj *stream_fileno(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_long(ST(self)->fd);
}

static py_obj *stream_isatty(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_bool_from_long(isatty(ST(self)->fd));
}

static py_obj *stream_readable(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_bool_from_long(ST(self)->mode == 0);
}

static py_obj *stream_writable(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_bool_from_long(ST(self)->mode == 1);
}

/* readline(): one line of the descriptor ('' at the end). */
static py_obj *stream_readline(py_obj *self, py_obj *unused)
{
    (void)unused;
    if (ST(self)->mode != 0) {
        py_err_set_string(py_exc_OSError, "not readable");
        return NULL;
    }
    char *line = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        char c;
        ssize_t r = read(ST(self)->fd, &c, 1);
        if (r < 0 && errno == EINTR) {
            if (py_vm_check_interrupt() < 0) {
                free(line);
                return NULL;
            }
            continue;
        }
        if (r <= 0) break;
        if (len + 1 >= cap) {
            cap = cap ? 2 * cap : 128;
            char *p = realloc(line, cap);
            if (p == NULL) {
                free(line);
                return py_err_no_memory();
            }
            line = p;
        }
        line[len++] = c;
        if (c == '\n') break;
    }
    py_obj *res = py_unicode_decode(line ? line : "", (py_ssize_t)len, "utf-8", "strict");
    free(line);
    return res;
}

static py_obj *stream_repr(py_obj *self)
{
    return py_unicode_from_format("<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>", ST(self)->name,
                                  ST(self)->mode ? "w" : "r");
}

static py_obj *stream_get_name(py_obj *self, void *c)
{
    (void)c;
    return py_unicode_from_string(ST(self)->name);
}

static py_obj *stream_get_encoding(py_obj *self, void *c)
{
    (void)self;
    (void)c;
    return py_unicode_from_string("utf-8");
}

static py_obj *stream_get_errors(py_obj *self, void *c)
{
    (void)c;
    return py_unicode_from_string(ST(self)->errors);
}

static py_obj *stream_get_line_buffering(py_obj *self, void *c)
{
    (void)c;
    return py_bool_from_long(ST(self)->line_buffered);
}

static void stream_dealloc(py_obj *self)
{
    stream_flush_buf(ST(self));
    free(ST(self)->buf);
    RG_CLEAR(ST(self)->pending_list);
    rg_object_free(self);
}

static const py_method_def stream_methods[] = {
    {"write", {.o = stream_write}, PY_METH_O, NULL},
    {"flush", {.o = stream_flush}, PY_METH_NOARGS, NULL},
    {"fileno", {.o = stream_fileno}, PY_METH_NOARGS, NULL},
    {"isatty", {.o = stream_isatty}, PY_METH_NOARGS, NULL},
    {"readable", {.o = stream_readable}, PY_METH_NOARGS, NULL},
    {"writable", {.o = stream_writable}, PY_METH_NOARGS, NULL},
    {"readline", {.o = stream_readline}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static const py_getset_def stream_getset[] = {
    {"name", stream_get_name, NULL, NULL, NULL},
    {"encoding", stream_get_encoding, NULL, NULL, NULL},
    {"errors", stream_get_errors, NULL, NULL, NULL},
    {"line_buffering", stream_get_line_buffering, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static py_typeinfo stream_info = {
    .rt = {.name = "_io.TextIOWrapper", .size = sizeof(stream_object), .dealloc = stream_dealloc},
    .flags = PY_TPFLAGS_DISALLOW_INSTANTIATION,
    .repr = stream_repr,
    .methods = stream_methods,
    .getset = stream_getset,
};

/* A stream on fd. */
static py_obj *stream_new(int fd, int mode, const char *name, const char *errors, int line_buffered)
{
    py_obj *s = py_type_generic_alloc(&stream_info, 0);
    if (s == NULL) return NULL;
    const char *unbuf = getenv("PYTHONUNBUFFERED");
    ST(s)->fd = fd;
    ST(s)->mode = mode;
    ST(s)->name = name;
    ST(s)->errors = errors;
    ST(s)->line_buffered = line_buffered;
    ST(s)->write_through = unbuf != NULL && unbuf[0] != '\0';
    if (py_trace_hooks.output != NULL) { /* a traced run: one stream whatever the terminal and env */
        ST(s)->line_buffered = fd == 2;
        ST(s)->write_through = 0;
    }
    return s;
}

/* ====================================================================== */
/* Struct sequences                                                        */
/* ====================================================================== */

static const char *const version_info_fields[] = {"major", "minor", "micro", "releaselevel", "serial", NULL};
static const char *const float_info_fields[] = {"max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp",
                                                "dig", "mant_dig", "epsilon", "radix", "rounds", NULL};
static const char *const int_info_fields[] = {"bits_per_digit", "sizeof_digit", "default_max_str_digits",
                                              "str_digits_check_threshold", NULL};
static const char *const flags_fields[] = {"debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
                                           "no_user_site", "no_site", "ignore_environment", "verbose",
                                           "bytes_warning", "quiet", "hash_randomization", "isolated", "dev_mode",
                                           "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits",
                                           NULL};

static py_typeinfo version_info_info, float_info_info, int_info_info, flags_info;

/* The field names of a struct-sequence type. */
static const char *const *fields_of(const py_typeinfo *t)
{
    if (t == &version_info_info) return version_info_fields;
    if (t == &float_info_info) return float_info_fields;
    if (t == &int_info_info) return int_info_fields;
    return flags_fields;
}

static int structseq_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    for (py_ssize_t i = 0; i < py_tuple_size(self); i++) RG_VISIT(py_tuple_get(self, i));
    return 0;
}

static int structseq_clear(py_obj *self)
{
    for (py_ssize_t i = 0; i < py_tuple_size(self); i++) RG_CLEAR(py_tuple_items(self)[i]);
    return 0;
}

/* sys.version_info(major=3, minor=11, ...) */
static py_obj *structseq_repr(py_obj *self)
{
    const char *const *fields = fields_of(py_type_of(self));
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    const char *tp = py_obj_type_name(self);
    if (py_unicode_writer_write_ascii(&w, tp, (py_ssize_t)strlen(tp)) < 0 ||
        py_unicode_writer_write_char(&w, '(') < 0)
        goto fail;
    for (py_ssize_t i = 0; i < py_tuple_size(self); i++) {
        if (i > 0 && py_unicode_writer_write_ascii(&w, ", ", 2) < 0) goto fail;
        if (py_unicode_writer_write_ascii(&w, fields[i], (py_ssize_t)strlen(fields[i])) < 0 ||
            py_unicode_writer_write_char(&w, '=') < 0 || py_unicode_writer_write_obj(&w, py_tuple_get(self, i), 1) < 0)
            goto fail;
    }
    if (py_unicode_writer_write_char(&w, ')') < 0) goto fail;
    return py_unicode_writer_finish(&w);
fail:
    py_unicode_writer_dealloc(&w);
    return NULL;
}

/* A field by index (the getset closure). */
static py_obj *structseq_get(py_obj *self, void *closure)
{
    return py_new_ref(py_tuple_get(self, (py_ssize_t)(intptr_t)closure));
}

#define SS_FIELD(i) {NULL, structseq_get, NULL, NULL, (void *)(intptr_t)(i)}
static py_getset_def version_info_getset[6] = {SS_FIELD(0), SS_FIELD(1), SS_FIELD(2), SS_FIELD(3), SS_FIELD(4)};
static py_getset_def float_info_getset[12] = {SS_FIELD(0), SS_FIELD(1), SS_FIELD(2), SS_FIELD(3),
                                              SS_FIELD(4), SS_FIELD(5), SS_FIELD(6), SS_FIELD(7),
                                              SS_FIELD(8), SS_FIELD(9), SS_FIELD(10)};
static py_getset_def int_info_getset[5] = {SS_FIELD(0), SS_FIELD(1), SS_FIELD(2), SS_FIELD(3)};
static py_getset_def flags_getset[19] = {SS_FIELD(0),  SS_FIELD(1),  SS_FIELD(2),  SS_FIELD(3),  SS_FIELD(4),
                                         SS_FIELD(5),  SS_FIELD(6),  SS_FIELD(7),  SS_FIELD(8),  SS_FIELD(9),
                                         SS_FIELD(10), SS_FIELD(11), SS_FIELD(12), SS_FIELD(13), SS_FIELD(14),
                                         SS_FIELD(15), SS_FIELD(16), SS_FIELD(17)};

#define STRUCTSEQ_INFO(tpname, gs)                                                                \
    {                                                                                             \
        .rt = {.name = tpname,                                                                    \
               .size = offsetof(py_tuple_object, ob_item),                                        \
               .item_size = sizeof(py_obj *),                                                     \
               .flags = RG_TYPE_GC,                                                               \
               .traverse = structseq_traverse,                                                    \
               .clear = structseq_clear},                                                         \
        .flags = PY_TPFLAGS_DISALLOW_INSTANTIATION | PY_TPFLAGS_TUPLE_SUBCLASS, .base = &py_tuple_info, \
        .repr = structseq_repr, .getset = gs,                                                     \
    }

static py_typeinfo version_info_info = STRUCTSEQ_INFO("sys.version_info", version_info_getset);
static py_typeinfo float_info_info = STRUCTSEQ_INFO("sys.float_info", float_info_getset);
static py_typeinfo int_info_info = STRUCTSEQ_INFO("sys.int_info", int_info_getset);
static py_typeinfo flags_info = STRUCTSEQ_INFO("sys.flags", flags_getset);

/* Ready a struct-sequence type: its field names into the getset table. */
static int structseq_ready(py_typeinfo *t, py_getset_def *gs)
{
    const char *const *fields = fields_of(t);
    for (int i = 0; fields[i]; i++) gs[i].name = fields[i];
    return py_modules_ready_type(t);
}

/* An instance from a format: 'i' long, 'd' double, 's' C string, 'b' bool. */
static py_obj *structseq_new(py_typeinfo *t, const char *fmt, ...)
{
    size_t n = strlen(fmt);
    py_obj *self = rg_new_var(py_heap(), &t->rt, n);
    if (self == NULL) return py_err_no_memory();
    va_list va;
    va_start(va, fmt);
    for (size_t i = 0; i < n; i++) {
        py_obj *v;
        switch (fmt[i]) {
        case 'i': v = py_long_from_long(va_arg(va, long)); break;
        case 'd': v = py_float_from_double(va_arg(va, double)); break;
        case 'b': v = py_bool_from_long(va_arg(va, int)); break;
        default: v = py_unicode_from_string(va_arg(va, const char *)); break;
        }
        if (v == NULL) {
            va_end(va);
            rg_decref(self);
            return NULL;
        }
        py_tuple_items(self)[i] = v;
    }
    va_end(va);
    return self;
}

/* ====================================================================== */
/* Functions                                                               */
/* ====================================================================== */

/* getrefcount(object): its count, the argument's reference included. */
static py_obj *sys_getrefcount(py_obj *m, py_obj *o)
{
    (void)m;
    if (RG_UNLIKELY(py_trace_hooks.getrefcount != NULL)) py_trace_hooks.getrefcount(o, rg_refcount(o));
    return py_long_from_ssize_t(rg_refcount(o));
}

/* _PySys_GetSizeOf: __sizeof__() plus the GC header and pre-header. */
static py_ssize_t sizeof_object(py_obj *o)
{
    py_obj *method = py_object_lookup_special(o, py_id(__sizeof__));
    if (method == NULL) {
        if (!py_err_occurred())
            py_err_format(py_exc_TypeError, "Type %.100s doesn't define __sizeof__", py_obj_type_name(o));
        return -1;
    }
    py_obj *res = py_object_call_no_args(method);
    rg_decref(method);
    if (res == NULL) return -1;
    py_ssize_t size = py_long_check(res) ? py_long_as_ssize_t(res) : -1;
    if (!py_long_check(res)) py_err_set_string(py_exc_TypeError, "an integer is required");
    rg_decref(res);
    if (size == -1 && py_err_occurred()) return -1;
    if (size < 0) {
        py_err_set_string(py_exc_ValueError, "__sizeof__() should return >= 0");
        return -1;
    }
    const py_typeinfo *t = py_type_of(o);
    return size + (py_type_is_gc(t) ? (py_ssize_t)sizeof(rg_gc_head) : 0) + (py_ssize_t)t->rt.preheader_size;
}

/* getsizeof(object, default=<none>) */
static py_obj *sys_getsizeof(py_obj *m, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)m;
    static const char *const kwlist[] = {"object", "default", NULL};
    py_obj *argv[2] = {NULL, NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "getsizeof", kwlist, 0, 1, 2, argv) < 0) return NULL;
    py_ssize_t size = sizeof_object(argv[0]);
    if (size < 0) {
        if (argv[1] != NULL && py_err_exception_matches(py_exc_TypeError)) {
            py_err_clear();
            return py_new_ref(argv[1]);
        }
        return NULL;
    }
    return py_long_from_ssize_t(size);
}

static py_obj *sys_getrecursionlimit(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    return py_long_from_long(py_current->recursion_limit);
}

/* setrecursionlimit(limit), with 3.11's checks. */
static py_obj *sys_setrecursionlimit(py_obj *m, py_obj *arg)
{
    (void)m;
    if (py_float_check(arg)) return py_err_format(py_exc_TypeError, "'float' object cannot be interpreted as an integer");
    py_obj *i = py_number_index(arg);
    if (i == NULL) return NULL;
    int overflow;
    long limit = py_long_as_long_and_overflow(i, &overflow);
    rg_decref(i);
    if (overflow || limit > INT32_MAX || limit < INT32_MIN)
        return py_err_format(py_exc_OverflowError, "Python int too large to convert to C int");
    if (limit < 1) return py_err_format(py_exc_ValueError, "recursion limit must be greater or equal than 1");
    py_interp *in = py_current;
    int depth = in->recursion_limit - in->recursion_remaining;
    if (depth >= limit)
        return py_err_format(py_exc_RecursionError,
                             "cannot set the recursion limit to %i at the recursion depth %i: the limit is too low",
                             (int)limit, depth);
    in->recursion_limit = (int)limit;
    in->recursion_remaining = (int)limit - depth;
    return py_new_ref(py_none);
}

/* exit(status=None): raise SystemExit(status). */
static py_obj *sys_exit(py_obj *m, py_obj *args)
{
    (void)m;
    py_obj *status = NULL;
    if (!py_arg_unpack_tuple(args, "exit", 0, 1, &status)) return NULL;
    py_err_set_object(py_exc_SystemExit, status);
    return NULL;
}

/* _getframe(depth=0) */
static py_obj *sys_getframe(py_obj *m, py_obj *const *args, py_ssize_t nargs)
{
    (void)m;
    if (py_arg_check_positional("_getframe", nargs, 0, 1) < 0) return NULL;
    long depth = 0;
    if (nargs > 0) {
        if (py_float_check(args[0]))
            return py_err_format(py_exc_TypeError, "'float' object cannot be interpreted as an integer");
        py_obj *i = py_number_index(args[0]);
        if (i == NULL) return NULL;
        depth = py_long_as_long(i);
        rg_decref(i);
        if (depth == -1 && py_err_occurred()) return NULL;
    }
    return py_eval_get_frame((int)depth);
}

/* intern(string) */
static py_obj *sys_intern(py_obj *m, py_obj *s)
{
    (void)m;
    if (!py_unicode_check(s))
        return py_err_format(py_exc_TypeError, "intern() argument must be str, not %.50s", py_obj_type_name(s));
    if (!py_unicode_check_exact(s)) return py_err_format(py_exc_TypeError, "can't intern %.50s", py_obj_type_name(s));
    rg_incref(s);
    py_unicode_intern_in_place(&s);
    return s;
}

static py_obj *sys_getdefaultencoding(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    return py_unicode_from_string("utf-8");
}

/* getallocatedblocks(): the heap's allocated blocks. */
static py_obj *sys_getallocatedblocks(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    rg_stats st;
    if (rg_heap_stats(py_heap(), &st) != 0) return py_err_no_memory();
    return py_long_from_size_t(st.allocated_blocks);
}

/* One free-list line of _PyDebugAllocatorStats: "%d %ss * %zd bytes
 * each" right-aligned in 48 columns, " =", the bytes in 21 with commas. */
static void freelist_line(FILE *f, const char *what, size_t n, size_t each)
{
    char label[128], num[32], grouped[48];
    snprintf(label, sizeof label, "%zu %ss * %zu bytes each", n, what, each);
    snprintf(num, sizeof num, "%zu", n * each);
    size_t len = strlen(num), w = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) grouped[w++] = ',';
        grouped[w++] = num[i];
    }
    grouped[w] = '\0';
    fprintf(f, "%48s =%21s\n", label, grouped);
}

/* _debugmallocstats(): the pymalloc statistics on stderr (rg_heap_dump:
 * CPython's format, then refgc's lines), then the free lists as 3.11's
 * _PyObject_DebugTypeStats: dicts, floats, lists, tuples of 1..20. */
static py_obj *sys_debugmallocstats(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    py_sys_flush_stdio();
    rg_heap *h = py_heap();
    rg_heap_dump(h, stderr);
    fputc('\n', stderr);
    freelist_line(stderr, "free PyDictObject", rg_freelist_count(h, &py_dict_info.rt, 0), py_dict_info.rt.size);
    freelist_line(stderr, "free PyFloatObject", rg_freelist_count(h, &py_float_info.rt, 0), py_float_info.rt.size);
    freelist_line(stderr, "free PyListObject", rg_freelist_count(h, &py_list_info.rt, 0), py_list_info.rt.size);
    for (size_t i = 1; i <= 20; i++) {
        char what[64];
        snprintf(what, sizeof what, "free %zu-sized PyTupleObject", i);
        freelist_line(stderr, what, rg_freelist_count(h, &py_tuple_info.rt, i),
                      py_tuple_info.rt.size + i * py_tuple_info.rt.item_size);
    }
    fflush(stderr);
    return py_new_ref(py_none);
}

/* displayhook(object): repr to stdout, builtins._ set. */
static py_obj *sys_displayhook(py_obj *m, py_obj *o)
{
    (void)m;
    py_obj *builtins = py_current->builtins;
    if (o == py_none) return py_new_ref(py_none);
    if (builtins != NULL && py_dict_set_item_string(builtins, "_", py_none) < 0) return NULL;
    py_obj *out = py_sys_get_object("stdout");
    if (out == NULL || out == py_none) {
        py_err_set_string(py_exc_RuntimeError, "lost sys.stdout");
        return NULL;
    }
    py_obj *r = py_object_repr(o);
    if (r == NULL) return NULL;
    py_obj *nl = py_unicode_from_string("\n"), *write = py_unicode_from_string("write");
    py_obj *w1 = nl && write ? py_object_call_method_obj_args(out, write, r, NULL) : NULL;
    py_obj *w2 = w1 ? py_object_call_method_obj_args(out, write, nl, NULL) : NULL;
    rg_decref(r);
    rg_xdecref(nl);
    rg_xdecref(write);
    rg_xdecref(w1);
    if (w2 == NULL) return NULL;
    rg_decref(w2);
    if (builtins != NULL && py_dict_set_item_string(builtins, "_", o) < 0) return NULL;
    return py_new_ref(py_none);
}

/* exc_info(): (type, value, traceback) of the exception being handled (the
 * top of the VM's exception-info stack), or (None, None, None). */
static py_obj *sys_exc_info(py_obj *m, py_obj *unused)
{
    (void)m;
    (void)unused;
    py_obj *v = py_current != NULL ? py_current->exc_info : NULL;
    if (v == NULL || v == py_none) return py_tuple_pack(3, py_none, py_none, py_none);
    py_obj *tb = py_exception_get_traceback(v);
    py_obj *r = py_tuple_pack(3, py_type_object_of_obj(v), v, tb ? tb : py_none);
    rg_xdecref(tb);
    return r;
}

/* excepthook(type, value, traceback): the traceback on stderr. */
static py_obj *sys_excepthook(py_obj *m, py_obj *const *args, py_ssize_t nargs)
{
    (void)m;
    if (py_arg_check_positional("excepthook", nargs, 3, 3) < 0) return NULL;
    py_sys_flush_stdio();
    py_obj *exc = args[1];
    if (py_exception_instance_check(exc)) {
        if (args[2] != py_none && py_exception_set_traceback(exc, args[2]) < 0) return NULL;
        py_err_display(exc, stderr);
    } else {
        py_obj *s = py_object_str(exc);
        const char *u = s ? py_unicode_as_utf8(s) : NULL;
        fprintf(stderr, "TypeError: print_exception(): Exception expected for value, %s found\n",
                py_obj_type_name(exc));
        (void)u;
        rg_xdecref(s);
        py_err_clear();
    }
    fflush(stderr);
    return py_new_ref(py_none);
}

static const py_method_def sys_functions[] = {
    {"getrefcount", {.o = sys_getrefcount}, PY_METH_O, "Return the reference count of object."},
    {"exc_info", {.o = sys_exc_info}, PY_METH_NOARGS, "Return current exception information: (type, value, traceback)."},
    {"getsizeof", {.fast_kw = sys_getsizeof}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Return the size of object in bytes."},
    {"getrecursionlimit", {.o = sys_getrecursionlimit}, PY_METH_NOARGS, "Return the current value of the recursion limit."},
    {"setrecursionlimit", {.o = sys_setrecursionlimit}, PY_METH_O, "Set the maximum depth of the Python interpreter stack to n."},
    {"exit", {.o = sys_exit}, PY_METH_VARARGS, "Exit the interpreter by raising SystemExit(status)."},
    {"_getframe", {.fast = sys_getframe}, PY_METH_FASTCALL, "Return a frame object from the call stack."},
    {"intern", {.o = sys_intern}, PY_METH_O, "``Intern'' the given string."},
    {"getdefaultencoding", {.o = sys_getdefaultencoding}, PY_METH_NOARGS, "Return the current default encoding."},
    {"getallocatedblocks", {.o = sys_getallocatedblocks}, PY_METH_NOARGS, "Return the number of memory blocks currently allocated."},
    {"_debugmallocstats", {.o = sys_debugmallocstats}, PY_METH_NOARGS, "Print summary info to stderr about the state of pymalloc's structures."},
    {"displayhook", {.o = sys_displayhook}, PY_METH_O, "Print an object to sys.stdout and also save it in builtins._"},
    {"excepthook", {.fast = sys_excepthook}, PY_METH_FASTCALL, "Handle an exception by displaying it with a traceback on sys.stderr."},
    {NULL, {NULL}, 0, NULL},
};

/* ====================================================================== */
/* The module                                                              */
/* ====================================================================== */

static const py_sys_config *sys_config;

/* d[name] = v (stolen); -1 if v is NULL or the store fails. */
static int set_steal(py_obj *d, const char *name, py_obj *v)
{
    if (v == NULL) return -1;
    int r = py_dict_set_item_string(d, name, v);
    rg_decref(v);
    return r;
}

/* sys.argv as a list of str. */
static py_obj *make_argv(const py_sys_config *c)
{
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    int argc = c ? c->argc : 0;
    for (int i = 0; i < argc || (i == 0 && argc == 0); i++) {
        py_obj *s = py_unicode_from_string(argc ? c->argv[i] : "");
        if (s == NULL || py_list_append(list, s) < 0) {
            rg_xdecref(s);
            rg_decref(list);
            return NULL;
        }
        rg_decref(s);
    }
    return list;
}

static int fill_sys(py_obj *module, py_obj *d)
{
    (void)module;
    const py_sys_config *c = sys_config;
    if (py_modules_ready_type(&stream_info) < 0 || structseq_ready(&version_info_info, version_info_getset) < 0 ||
        structseq_ready(&float_info_info, float_info_getset) < 0 ||
        structseq_ready(&int_info_info, int_info_getset) < 0 || structseq_ready(&flags_info, flags_getset) < 0)
        return -1;
    py_obj *out = stream_new(1, 1, "<stdout>", "strict", isatty(1));
    py_obj *err = stream_new(2, 1, "<stderr>", "backslashreplace", 1);
    py_obj *in = stream_new(0, 0, "<stdin>", "strict", isatty(0));
    int ok = out && err && in && py_dict_set_item_string(d, "stdout", out) == 0 &&
             py_dict_set_item_string(d, "__stdout__", out) == 0 && py_dict_set_item_string(d, "stderr", err) == 0 &&
             py_dict_set_item_string(d, "__stderr__", err) == 0 && py_dict_set_item_string(d, "stdin", in) == 0 &&
             py_dict_set_item_string(d, "__stdin__", in) == 0;
    rg_xdecref(out);
    rg_xdecref(err);
    rg_xdecref(in);
    if (!ok) return -1;
    if (set_steal(d, "version", py_unicode_from_string("3.11.7 (main, refgc " RG_VERSION_STRING ") [GCC]")) < 0 ||
        set_steal(d, "version_info", structseq_new(&version_info_info, "iiisi", 3L, 11L, 7L, "final", 0L)) < 0 ||
        set_steal(d, "hexversion", py_long_from_long(0x030B07F0)) < 0 ||
        set_steal(d, "api_version", py_long_from_long(1013)) < 0 ||
        set_steal(d, "float_info", structseq_new(&float_info_info, "diidiiiidii", DBL_MAX, (long)DBL_MAX_EXP,
                                                 (long)DBL_MAX_10_EXP, DBL_MIN, (long)DBL_MIN_EXP,
                                                 (long)DBL_MIN_10_EXP, (long)DBL_DIG, (long)DBL_MANT_DIG,
                                                 DBL_EPSILON, (long)FLT_RADIX, 1L)) < 0 ||
        set_steal(d, "int_info", structseq_new(&int_info_info, "iiii", 30L, 4L, 4300L, 640L)) < 0 ||
        set_steal(d, "flags", structseq_new(&flags_info, "iiiiiiiiiiiiibiibi", 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                                            0L, 0L, 1L, 0L, 0, 0L, 0L, 0, -1L)) < 0 ||
        set_steal(d, "platform", py_unicode_from_string("linux")) < 0 ||
        set_steal(d, "byteorder", py_unicode_from_string("little")) < 0 ||
        set_steal(d, "maxsize", py_long_from_ssize_t(PY_SSIZE_T_MAX)) < 0 ||
        set_steal(d, "maxunicode", py_long_from_long(0x10FFFF)) < 0 ||
        set_steal(d, "executable", py_unicode_from_string(c && c->executable ? c->executable : "")) < 0 ||
        set_steal(d, "argv", make_argv(c)) < 0 || set_steal(d, "path", py_list_new(0)) < 0 ||
        set_steal(d, "builtin_module_names", py_tuple_pack(0)) < 0 ||
        py_dict_set_item_string(d, "modules", py_current->modules) < 0)
        return -1;
    static const char *const hooks[] = {"displayhook", "excepthook", NULL};
    for (int i = 0; hooks[i]; i++) {
        char name[32];
        snprintf(name, sizeof name, "__%s__", hooks[i]);
        py_obj *f = py_dict_get_item_string(d, hooks[i]);
        if (f == NULL || py_dict_set_item_string(d, name, f) < 0) return -1;
    }
    return 0;
}

py_obj *py_sys_module_create(const py_sys_config *config)
{
    sys_config = config;
    py_obj *m = py_module_from_defs("sys", sys_functions, fill_sys);
    sys_config = NULL;
    return m;
}

py_obj *py_sys_get_object(const char *name)
{
    if (py_current == NULL || py_current->sysdict == NULL) return NULL;
    py_obj *v = py_dict_get_item_string(py_current->sysdict, name);
    if (v == NULL && py_err_occurred()) py_err_clear();
    return v;
}

/* Flush one of sys's streams (ours directly, others by their flush()). */
static void flush_named(const char *name)
{
    py_obj *s = py_sys_get_object(name);
    if (s == NULL || s == py_none) return;
    if (py_is_type(s, &stream_info)) {
        stream_pending_flush(ST(s));
        stream_flush_buf(ST(s));
        return;
    }
    py_obj *t, *v, *tb;
    py_err_fetch(&t, &v, &tb);
    py_obj *name_flush = py_unicode_from_string("flush");
    py_obj *r = name_flush ? py_object_call_method_no_args(s, name_flush) : NULL;
    if (r == NULL) py_err_clear();
    rg_xdecref(r);
    rg_xdecref(name_flush);
    py_err_restore(t, v, tb);
}

void py_sys_flush_stdio(void)
{
    flush_named("stdout");
    flush_named("stderr");
}

void py_sys_state_fini(void)
{
    py_sys_flush_stdio();
    py_obj *std[] = {py_sys_get_object("__stdout__"), py_sys_get_object("__stderr__")};
    for (int i = 0; i < 2; i++)
        if (std[i] != NULL && py_is_type(std[i], &stream_info)) stream_flush_buf(ST(std[i]));
}
