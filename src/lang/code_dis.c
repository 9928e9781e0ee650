/*
 * code_dis.c -- a disassembler for code objects, printing what python3.11's
 * dis.dis(co) prints (show_caches=False): line numbers from co_lines,
 * jump-target markers (jumps and exception handlers), offsets, opcode
 * names, opargs (EXTENDED_ARG folded in) and their meaning, the exception
 * table, then every nested code object.
 *
 * For learners and for debugging the compiler and the VM; nothing else
 * depends on it.
 */
#include "lang/code.h"

#include <string.h>

#include "os/os.h"

static const char *const cmp_ops[] = {"<", "<=", "==", "!=", ">", ">="};
static const char *const nb_ops[] = {"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"};
static const char *const make_function_flags[] = {"defaults", "kwdefaults", "annotations", "closure"};
static const char *const format_converters[] = {"", "str", "repr", "ascii"};

typedef enum { ARG_NONE, ARG_CONST, ARG_NAME, ARG_LOCAL, ARG_JUMP, ARG_COMPARE, ARG_OTHER } arg_kind;

/* What an opcode's argument means for the disassembly. */
static arg_kind kind_of(int op)
{
    switch (op) {
    case OP_LOAD_CONST: return ARG_CONST; /* 3.11's dis shows no constant for KW_NAMES */
    case OP_STORE_NAME: case OP_DELETE_NAME: case OP_STORE_ATTR: case OP_DELETE_ATTR: case OP_STORE_GLOBAL:
    case OP_DELETE_GLOBAL: case OP_LOAD_NAME: case OP_LOAD_ATTR: case OP_IMPORT_NAME: case OP_IMPORT_FROM:
    case OP_LOAD_GLOBAL: case OP_LOAD_METHOD: return ARG_NAME;
    case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST: case OP_MAKE_CELL: case OP_LOAD_CLOSURE:
    case OP_LOAD_DEREF: case OP_STORE_DEREF: case OP_DELETE_DEREF: case OP_LOAD_CLASSDEREF: return ARG_LOCAL;
    case OP_COMPARE_OP: return ARG_COMPARE;
    default: return py_op_is_jump(op) ? ARG_JUMP : ARG_OTHER;
    }
}

/* Does this jump opcode go backwards? */
static int is_backward(int op)
{
    return op == OP_JUMP_BACKWARD || op == OP_JUMP_BACKWARD_NO_INTERRUPT || op == OP_POP_JUMP_BACKWARD_IF_NONE ||
           op == OP_POP_JUMP_BACKWARD_IF_NOT_NONE || op == OP_POP_JUMP_BACKWARD_IF_TRUE ||
           op == OP_POP_JUMP_BACKWARD_IF_FALSE;
}

/* One decoded instruction (dis._unpack_opargs). */
typedef struct {
    int offset, op, arg; /* arg -1: none */
} dinstr;

/* The instructions of co, EXTENDED_ARG folded, CACHE units skipped. */
static int decode(const py_code_object *co, dinstr *out)
{
    int n = 0, caches = 0, ext = 0;
    py_ssize_t nunits = py_code_ncodeunits(co);
    for (py_ssize_t i = 0; i < nunits; i++) {
        if (caches) {
            caches--;
            continue;
        }
        int op = PY_OPCODE(co->co_code_adaptive[i]);
        caches = PY_CACHE_ENTRIES(op);
        int arg = -1;
        if (op >= PY_HAVE_ARGUMENT) {
            arg = PY_OPARG(co->co_code_adaptive[i]) | ext;
            ext = op == OP_EXTENDED_ARG ? arg << 8 : 0;
        } else {
            ext = 0;
        }
        out[n].offset = (int)i * 2;
        out[n].op = op;
        out[n].arg = arg;
        n++;
    }
    return n;
}

/* The byte offset a relative jump lands on. */
static int jump_target(const dinstr *d) { return d->offset + 2 + (is_backward(d->op) ? -d->arg : d->arg) * 2; }

/* Exception table entries (start, end, target in bytes, depth, lasti). */
typedef struct {
    int start, end, target, depth, lasti;
} exc_entry;

/* A big-endian 6-bit varint of the exception table. */
static int read_varint(const unsigned char **p, const unsigned char *end)
{
    int v = 0;
    while (*p < end) {
        int b = *(*p)++;
        v = (v << 6) | (b & 63);
        if (!(b & 64)) break;
    }
    return v;
}

/* The exception table as entries in bytes (dis._parse_exception_table). */
static int parse_exception_table(const py_code_object *co, exc_entry **out)
{
    const unsigned char *p = (const unsigned char *)py_bytes_as_string(co->co_exceptiontable);
    const unsigned char *end = p + py_bytes_size(co->co_exceptiontable);
    int n = 0, cap = 0;
    *out = NULL;
    while (p < end) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            exc_entry *q = rg_os_realloc(*out, sizeof(exc_entry) * (size_t)cap);
            if (q == NULL) {
                rg_os_free(*out);
                *out = NULL;
                return -1;
            }
            *out = q;
        }
        exc_entry *e = &(*out)[n++];
        e->start = read_varint(&p, end) * 2;
        e->end = e->start + read_varint(&p, end) * 2;
        e->target = read_varint(&p, end) * 2;
        int dl = read_varint(&p, end);
        e->depth = dl >> 1;
        e->lasti = dl & 1;
    }
    return n;
}

/* The text of an object's repr appended to f. */
static int print_repr(FILE *f, py_obj *o)
{
    py_obj *r = py_object_repr(o);
    if (r == NULL) return -1;
    const char *s = py_unicode_as_utf8(r);
    if (s) fputs(s, f);
    rg_decref(r);
    return s ? 0 : -1;
}

/* Write a str's UTF-8. */
static int print_str(FILE *f, py_obj *s)
{
    const char *u = py_unicode_as_utf8(s);
    if (u == NULL) return -1;
    fputs(u, f);
    return 0;
}

/* One code object, as dis.disassemble. */
static int disassemble(py_code_object *co, FILE *f)
{
    py_ssize_t nunits = py_code_ncodeunits(co);
    dinstr *ins = rg_os_malloc(sizeof(dinstr) * (size_t)(nunits + 1));
    int *starts = rg_os_malloc(sizeof(int) * (size_t)(nunits + 1)); /* line starting at unit i, or -1 */
    char *labels = rg_os_calloc((size_t)(nunits + 1), 1);
    exc_entry *exc = NULL;
    int r = -1;
    if (ins == NULL || starts == NULL || labels == NULL) {
        py_err_no_memory();
        goto done;
    }
    int n = decode(co, ins);
    int nexc = parse_exception_table(co, &exc);
    if (nexc < 0) {
        py_err_no_memory();
        goto done;
    }
    /* findlinestarts over the co_lines entries */
    int lastline = -2, maxline = 0, have_lines = 0, pos = 0;
    for (py_ssize_t i = 0; i < nunits; i++) starts[i] = -1;
    py_code_entry e;
    while (py_code_next_entry(co, &pos, &e)) {
        if (e.line >= 0 && e.line != lastline && e.start < nunits) {
            lastline = e.line;
            starts[e.start] = e.line;
            have_lines = 1;
            if (e.line > maxline) maxline = e.line;
        }
    }
    for (int i = 0; i < n; i++)
        if (ins[i].arg >= 0 && kind_of(ins[i].op) == ARG_JUMP) {
            int t = jump_target(&ins[i]) / 2;
            if (t >= 0 && t <= nunits) labels[t] = 1;
        }
    for (int i = 0; i < nexc; i++)
        if (exc[i].target / 2 <= nunits) labels[exc[i].target / 2] = 1;
    int lineno_width = 0, offset_width = 4;
    if (have_lines) {
        char buf[32];
        lineno_width = maxline >= 1000 ? snprintf(buf, sizeof buf, "%d", maxline) : 3;
    }
    if (nunits * 2 - 2 >= 10000) {
        char buf[32];
        offset_width = snprintf(buf, sizeof buf, "%d", (int)(nunits * 2 - 2));
    }
    for (int i = 0; i < n; i++) {
        dinstr *d = &ins[i];
        int unit = d->offset / 2;
        if (have_lines && starts[unit] >= 0 && d->offset > 0) fputc('\n', f);
        char line[4096];
        int len = 0;
        if (lineno_width) {
            if (starts[unit] >= 0) len += snprintf(line + len, sizeof line - (size_t)len, "%*d", lineno_width, starts[unit]);
            else len += snprintf(line + len, sizeof line - (size_t)len, "%*s", lineno_width, "");
            len += snprintf(line + len, sizeof line - (size_t)len, " ");
        }
        len += snprintf(line + len, sizeof line - (size_t)len, "    %s %*d %-20s", labels[unit] ? ">>" : "  ",
                        offset_width, d->offset, py_opcode_names[d->op] ? py_opcode_names[d->op] : "<unknown>");
        if (d->arg < 0) {
            while (len > 0 && line[len - 1] == ' ') len--;
            line[len] = '\0';
            fprintf(f, "%s\n", line);
            continue;
        }
        fprintf(f, "%s %5d", line, d->arg);
        int arg = d->arg;
        switch (kind_of(d->op)) {
        case ARG_CONST:
            if (arg < py_tuple_size(co->co_consts)) {
                fputs(" (", f);
                if (print_repr(f, py_tuple_get(co->co_consts, arg)) < 0) goto done;
                fputc(')', f);
            }
            break;
        case ARG_NAME: {
            int idx = d->op == OP_LOAD_GLOBAL ? arg >> 1 : arg;
            if (idx < py_tuple_size(co->co_names)) {
                fputs(" (", f);
                if (d->op == OP_LOAD_GLOBAL && (arg & 1)) fputs("NULL + ", f);
                if (print_str(f, py_tuple_get(co->co_names, idx)) < 0) goto done;
                fputc(')', f);
            }
            break;
        }
        case ARG_LOCAL:
            if (arg < co->co_nlocalsplus) {
                fputs(" (", f);
                if (print_str(f, py_tuple_get(co->co_localsplusnames, arg)) < 0) goto done;
                fputc(')', f);
            }
            break;
        case ARG_JUMP: fprintf(f, " (to %d)", jump_target(d)); break;
        case ARG_COMPARE:
            if (arg < 6) fprintf(f, " (%s)", cmp_ops[arg]);
            break;
        default:
            if (d->op == OP_FORMAT_VALUE) {
                const char *conv = format_converters[arg & 3];
                if (arg & 4) fprintf(f, " (%s%swith format)", conv, *conv ? ", " : "");
                else if (*conv) fprintf(f, " (%s)", conv);
            } else if (d->op == OP_MAKE_FUNCTION && (arg & 15)) {
                const char *sep = "";
                fputs(" (", f);
                for (int b = 0; b < 4; b++)
                    if (arg & (1 << b)) {
                        fprintf(f, "%s%s", sep, make_function_flags[b]);
                        sep = ", ";
                    }
                fputc(')', f);
            } else if (d->op == OP_BINARY_OP && arg < 26) {
                fprintf(f, " (%s%s)", nb_ops[arg % 13], arg >= 13 ? "=" : "");
            }
            break;
        }
        fputc('\n', f);
    }
    if (nexc) {
        fputs("ExceptionTable:\n", f);
        for (int i = 0; i < nexc; i++)
            fprintf(f, "  %d to %d -> %d [%d]%s\n", exc[i].start, exc[i].end - 2, exc[i].target, exc[i].depth,
                    exc[i].lasti ? " lasti" : "");
    }
    r = 0;
done:
    rg_os_free(ins);
    rg_os_free(starts);
    rg_os_free(labels);
    rg_os_free(exc);
    return r;
}

/* co, then its nested code objects, as dis.dis. */
int py_code_dis(py_code_object *co, FILE *out)
{
    if (disassemble(co, out) < 0) return -1;
    for (py_ssize_t i = 0; i < py_tuple_size(co->co_consts); i++) {
        py_obj *c = py_tuple_get(co->co_consts, i);
        if (!py_code_check(c)) continue;
        fputs("\nDisassembly of ", out);
        if (print_repr(out, c) < 0) return -1;
        fputs(":\n", out);
        if (py_code_dis((py_code_object *)c, out) < 0) return -1;
    }
    return 0;
}
