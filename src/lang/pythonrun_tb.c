/*
 * pythonrun_tb.c -- printing exceptions as CPython 3.11's default
 * sys.excepthook and sys.unraisablehook do (Python/pythonrun.c's
 * print_exception_recursive and Python/traceback.c's tb_printinternal).
 *
 * Owns: py_err_display (chained causes and contexts, __suppress_context__,
 * tracebacks, SyntaxError's "File/line/text/caret" block, the
 * "Type: message" line, __notes__), py_traceback_print (source lines read
 * from the file, 3.11's caret lines with their ~/^ anchors for binary
 * operators and subscripts, "[Previous line repeated N more times]",
 * sys.tracebacklimit) and the unraisable hook's output.
 *
 * Invariants: printing never raises -- every failure inside is cleared and
 * the output goes on as CPython's does; the current exception is left as
 * it was found (saved and restored around the work).  Output goes to a
 * FILE (the process's stderr).
 */
#include "lang/pythonrun.h"

#include <limits.h>

#include "lang/eawidth.h"
#include "lang/modules.h"

#define TB_RECURSIVE_CUTOFF 3 /* as traceback.c */
#define TB_DEFAULT_LIMIT 1000 /* PyTraceBack_LIMIT */

static int no_source_lines; /* set during the exit's module teardown */

void py_traceback_set_source_lines(int on)
{
    no_source_lines = !on;
}

/* ====================================================================== */
/* Source lines                                                            */
/* ====================================================================== */

/* A source line as read by CPython (one line of the file, universal
 * newlines, the newline removed): malloc'd, NULL if unavailable. */
static char *read_source_line(const char *filename, int lineno)
{
    if (no_source_lines || filename == NULL || lineno < 1 || filename[0] == '<') return NULL;
    FILE *fp = fopen(filename, "rb");
    if (fp == NULL) return NULL;
    int line = 1, c;
    while (line < lineno && (c = getc(fp)) != EOF) {
        if (c == '\n') line++;
        else if (c == '\r') {
            int d = getc(fp);
            if (d != '\n' && d != EOF) ungetc(d, fp);
            line++;
        }
    }
    size_t cap = 128, n = 0;
    char *buf = malloc(cap);
    if (buf == NULL || line < lineno) {
        free(buf);
        fclose(fp);
        return NULL;
    }
    int any = 0;
    while ((c = getc(fp)) != EOF && c != '\n' && c != '\r') {
        any = 1;
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = nb;
        }
        buf[n++] = (char)c;
    }
    /* A line past the end of the file (readline gives "") is not shown. */
    if (!any && c == EOF) {
        free(buf);
        fclose(fp);
        return NULL;
    }
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* Characters in the first nbytes bytes of UTF-8 text s (continuation
 * bytes do not count; _PyPegen_byte_offset_to_character_offset). */
static long utf8_chars(const char *s, long nbytes)
{
    long n = 0, len = (long)strlen(s);
    if (nbytes > len) nbytes = len;
    for (long i = 0; i < nbytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Byte index of character index ci in s (clipped to the end). */
static long utf8_byte_index(const char *s, long ci)
{
    long i = 0, n = 0;
    for (; s[i] != '\0'; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == ci) return i;
            n++;
        }
    }
    return i;
}

static int is_tb_space(int c) { return c == ' ' || c == '\t' || c == '\f'; }

/* The code point starting at *p (UTF-8; a stray byte counts as itself),
 * *p advanced past it. */
static uint32_t utf8_next(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    uint32_t c = s[0];
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (n) c &= 0x3Fu >> n;
    int i = 1;
    for (; i <= n && (s[i] & 0xC0) == 0x80; i++) c = (c << 6) | (s[i] & 0x3F);
    *p += i;
    return c;
}

/* Columns a character takes in a caret line: 2 for East Asian wide and
 * fullwidth characters (3.11.7 lines carets up under them), else 1. */
static int char_width(uint32_t c)
{
    if (c < 0x1100) return 1;
    size_t lo = 0, hi = sizeof py_wide_ranges / sizeof py_wide_ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < py_wide_ranges[mid][0]) hi = mid;
        else if (c > py_wide_ranges[mid][1]) lo = mid + 1;
        else return 2;
    }
    return 1;
}

/* ====================================================================== */
/* Caret anchors (traceback.c's extract_anchors_from_line)                 */
/* ====================================================================== */

/* Within segment (the source of the failing instruction, one line): the
 * [left, right) character range to mark with '^' while the rest gets '~'
 * -- a binary operator's symbol, or a subscript's "[...]".  0 when the
 * segment is not one such expression statement. */
static int extract_anchors(const char *segment, const char *filename, long *left, long *right)
{
    py_arena *arena = py_arena_new();
    if (arena == NULL) return 0;
    py_parse_error err;
    memset(&err, 0, sizeof err);
    size_t len = strlen(segment);
    py_mod *mod = py_parse_file(segment, len, filename, arena, 0, &err);
    int found = 0;
    long l = -1, r = -1;
    if (mod != NULL && mod->body != NULL && mod->body->size == 1) {
        py_stmt *st = mod->body->items[0];
        py_expr *e = st->kind == PY_Expr_kind ? st->v.Expr.value : NULL;
        if (e != NULL && e->kind == PY_BinOp_kind) {
            /* The operator: the first character after the left operand that
             * is neither blank nor a closing parenthesis. */
            long i = e->v.BinOp.left->end_col_offset, stop = e->v.BinOp.right->col_offset;
            for (; i < stop; i++) {
                char c = segment[i];
                if (is_tb_space(c) || c == ')' || c == '\\' || c == '\n') continue;
                l = i;
                r = i + 1;
                if (i + 1 < stop && !is_tb_space(segment[i + 1]) && segment[i + 1] != '(') r++;
                found = 1;
                break;
            }
        } else if (e != NULL && e->kind == PY_Subscript_kind) {
            /* From the '[' after the value to the end of the expression. */
            long i = e->v.Subscript.value->end_col_offset, stop = e->end_col_offset;
            while (i < stop && segment[i] != '[') i++;
            if (i < stop) {
                l = i;
                r = stop;
                found = 1;
            }
        }
    }
    if (found) {
        *left = utf8_chars(segment, l);
        *right = utf8_chars(segment, r);
    }
    py_parse_error_clear(&err);
    py_arena_free(arena);
    return found;
}

/* ====================================================================== */
/* One traceback entry                                                     */
/* ====================================================================== */

/* The source line (indented by 4, its own indentation removed) and, when
 * the instruction's columns are known, the caret line under it. */
static void display_source(FILE *f, const char *filename, int lineno, py_code_object *co, int lasti)
{
    char *line = read_source_line(filename, lineno);
    if (line == NULL) return;
    long strip = 0;
    while (line[strip] == ' ' || line[strip] == '\t' || line[strip] == '\014') strip++;
    fprintf(f, "    %s\n", line + strip);

    int sline, eline, scol, ecol;
    if (co == NULL || lasti < 0 ||
        !py_code_addr2location(co, lasti / (int)sizeof(py_codeunit), &sline, &eline, &scol, &ecol) ||
        sline < 0 || eline < 0 || scol < 0 || ecol < 0) {
        free(line);
        return;
    }
    long line_len = utf8_chars(line, LONG_MAX);
    long start = utf8_chars(line, scol), end = utf8_chars(line, ecol);
    long left = -1, right = -1;
    int anchors = 0;
    if (sline == eline) {
        if (end > start) {
            long b0 = utf8_byte_index(line, start), b1 = utf8_byte_index(line, end);
            char *segment = malloc((size_t)(b1 - b0) + 2);
            if (segment != NULL) {
                memcpy(segment, line + b0, (size_t)(b1 - b0));
                segment[b1 - b0] = '\n';
                segment[b1 - b0 + 1] = '\0';
                anchors = extract_anchors(segment, filename, &left, &right);
                free(segment);
            }
            if (anchors) {
                left += start;
                right += start;
            }
        }
    } else {
        /* A multi-line expression: up to the line's last non-blank char. */
        long i = (long)strlen(line);
        while (--i >= 0 && is_tb_space(line[i])) {}
        end = utf8_chars(line, i + 1);
    }
    /* No caret line when '^' would cover the whole (stripped) line. */
    long strip_chars = utf8_chars(line, strip);
    if ((end - start == line_len - strip_chars && !anchors) || start < strip_chars || end <= start) {
        free(line);
        return;
    }
    /* Each character's columns: spaces up to start, then its marker. */
    fputs("    ", f);
    const char *p = line + strip;
    long i = strip_chars;
    for (; i < end && *p != '\0'; i++) {
        int w = char_width(utf8_next(&p));
        char mark = i < start ? ' ' : (!anchors || (i >= left && i < right)) ? '^' : '~';
        for (int k = 0; k < w; k++) fputc(mark, f);
    }
    for (; i < end; i++) fputc(!anchors || (i >= left && i < right) ? '^' : '~', f);
    fputc('\n', f);
    free(line);
}

/* The code and line of a traceback entry. */
static py_code_object *tb_code(py_traceback_object *tb, int *lineno)
{
    py_code_object *co = tb->tb_frame ? py_frame_get_code(tb->tb_frame) : NULL;
    *lineno = tb->tb_lineno;
    if (*lineno < 0 && co != NULL && tb->tb_lasti >= 0)
        *lineno = py_code_addr2line(co, tb->tb_lasti / (int)sizeof(py_codeunit));
    return co;
}

/* '  File "F", line N, in NAME' and the source. */
static void display_entry(FILE *f, py_traceback_object *tb)
{
    int lineno;
    py_code_object *co = tb_code(tb, &lineno);
    const char *file = co && co->co_filename ? py_unicode_as_utf8(co->co_filename) : NULL;
    const char *name = co && co->co_name ? py_unicode_as_utf8(co->co_name) : NULL;
    if (file == NULL || name == NULL) py_err_clear();
    fprintf(f, "  File \"%s\", line %d, in %s\n", file ? file : "???", lineno, name ? name : "???");
    display_source(f, file, lineno, co, tb->tb_lasti);
}

static void print_repeated(FILE *f, long cnt)
{
    cnt -= TB_RECURSIVE_CUTOFF;
    fprintf(f, "  [Previous line repeated %ld more time%s]\n", cnt, cnt > 1 ? "s" : "");
}

/* Do two entries show the same place (file, line, function)? */
static int same_place(py_code_object *a, int la, py_code_object *b, int lb)
{
    if (a == NULL || b == NULL || la != lb || la == -1) return 0;
    if (a == b) return 1;
    int r1 = py_object_rich_compare_bool(a->co_filename, b->co_filename, PY_EQ);
    int r2 = r1 > 0 ? py_object_rich_compare_bool(a->co_name, b->co_name, PY_EQ) : 0;
    if (r1 < 0 || r2 < 0) py_err_clear();
    return r1 > 0 && r2 > 0;
}

/* sys.tracebacklimit (PyTraceBack_LIMIT when unset or not an int). */
static long traceback_limit(void)
{
    py_obj *sysdict = py_current->sysdict;
    py_obj *v = sysdict ? py_dict_get_item_string(sysdict, "tracebacklimit") : NULL;
    if (v == NULL || !py_long_check(v)) return TB_DEFAULT_LIMIT;
    int overflow = 0;
    long limit = py_long_as_long_and_overflow(v, &overflow);
    if (overflow > 0) return LONG_MAX;
    if (overflow < 0 || limit <= 0) return 0;
    return limit;
}

/* The traceback's entries (sys.tracebacklimit, repeats collapsed) after
 * header (if not NULL). */
static void traceback_print(py_obj *tbo, FILE *f, const char *header)
{
    if (tbo == NULL || !py_object_type_check(tbo, &py_traceback_info)) return;
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    long limit = traceback_limit();
    if (limit > 0) {
        if (header != NULL) fputs(header, f);
        py_traceback_object *tb = (py_traceback_object *)tbo;
        long depth = 0;
        for (py_traceback_object *t = tb; t != NULL; t = t->tb_next) depth++;
        while (tb != NULL && depth > limit) {
            depth--;
            tb = tb->tb_next;
        }
        py_code_object *last_co = NULL;
        int last_line = -1;
        long cnt = 0;
        for (; tb != NULL; tb = tb->tb_next) {
            int lineno;
            py_code_object *co = tb_code(tb, &lineno);
            if (!same_place(last_co, last_line, co, lineno)) {
                if (cnt > TB_RECURSIVE_CUTOFF) print_repeated(f, cnt);
                last_co = co;
                last_line = lineno;
                cnt = 0;
            }
            cnt++;
            if (cnt <= TB_RECURSIVE_CUTOFF) display_entry(f, tb);
        }
        if (cnt > TB_RECURSIVE_CUTOFF) print_repeated(f, cnt);
    }
    py_err_restore(et, ev, etb);
}

void py_traceback_print(py_obj *tbo, FILE *f)
{
    traceback_print(tbo, f, "Traceback (most recent call last):\n");
}

/* ====================================================================== */
/* The exception line                                                      */
/* ====================================================================== */

/* "mod.Qualname" (no module for builtins and __main__), as 3.11. */
static void print_type_name(FILE *f, py_typeinfo *type)
{
    py_obj *mod = py_type_get_module(type);
    if (mod == NULL || !py_unicode_check(mod)) {
        py_err_clear();
        fputs("<unknown>", f);
    } else {
        const char *m = py_unicode_as_utf8(mod);
        if (m == NULL) py_err_clear();
        else if (strcmp(m, "builtins") != 0 && strcmp(m, "__main__") != 0) fprintf(f, "%s.", m);
    }
    rg_xdecref(mod);
    py_obj *qn = py_type_get_qualname(type);
    const char *q = qn && py_unicode_check(qn) ? py_unicode_as_utf8(qn) : NULL;
    if (q == NULL) {
        py_err_clear();
        fputs(type->rt.name ? type->rt.name : "<unknown>", f);
    } else {
        fputs(q, f);
    }
    rg_xdecref(qn);
}

/* Write str(o) raw; 0, or -1 (exception cleared) when str() failed. */
static int write_str(FILE *f, py_obj *o, int skip_empty_prefix)
{
    py_obj *s = py_object_str(o);
    if (s == NULL) {
        py_err_clear();
        if (skip_empty_prefix) fputs(": ", f);
        return -1;
    }
    py_ssize_t n = 0;
    const char *u = py_unicode_as_utf8_and_size(s, &n);
    if (u == NULL) {
        py_err_clear();
        rg_decref(s);
        if (skip_empty_prefix) fputs(": ", f);
        return -1;
    }
    if (skip_empty_prefix && n > 0) fputs(": ", f);
    fwrite(u, 1, (size_t)n, f);
    rg_decref(s);
    return 0;
}

/* "Type: message" (message = str(value); nothing after Type when empty),
 * then ". Did you mean: 'x'?" for the exception exc when there is one. */
static void print_exception_message(FILE *f, py_typeinfo *type, py_obj *value, py_obj *exc)
{
    print_type_name(f, type);
    if (value != NULL && value != py_none && write_str(f, value, 1) < 0)
        fputs("<exception str() failed>", f);
    py_obj *suggestion = py_offer_suggestions(exc);
    if (suggestion != NULL) {
        const char *s = py_unicode_as_utf8(suggestion);
        if (s != NULL) fprintf(f, ". Did you mean: '%s'?", s);
        else py_err_clear();
        rg_decref(suggestion);
    }
    fputc('\n', f);
}

/* An int attribute of a SyntaxError (-1 for None or missing). */
static long syntax_int(py_obj *v)
{
    if (v == NULL || v == py_none || !py_long_check(v)) return -1;
    long n = py_long_as_long(v);
    if (n == -1 && py_err_occurred()) py_err_clear();
    return n;
}

/* print_error_text: the error line without its indentation and the caret
 * line under offset..end_offset (1-based). */
static void print_error_text(FILE *f, long offset, long end_offset, const char *text)
{
    long reps = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    long len = (long)strlen(text);
    if (len > 0 && text[len - 1] == '\n') len--;
    if (offset > len) offset = len;
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (nl == NULL) break;
        long inl = nl - text;
        if (inl >= offset) break;
        inl++;
        text += inl;
        len -= inl;
        offset -= inl;
    }
    fputs("    ", f);
    fputs(text, f);
    if (text[len] != '\n') fputc('\n', f);
    if (offset < 0) return;
    fputs("    ", f);
    while (--offset >= 0) fputc(' ', f);
    for (long i = 0; i < reps; i++) fputc('^', f);
    fputc('\n', f);
}

/* SyntaxError and friends: '  File "F", line N', the text and carets;
 * the message replaces the value for the "Type: message" line (*msg, a new
 * reference, or NULL when the value is not such an error). */
static py_obj *print_file_and_line(FILE *f, py_obj *value)
{
    py_obj *pfl = NULL;
    int has = py_object_lookup_attr(value, py_id(print_file_and_line), &pfl);
    rg_xdecref(pfl);
    if (has <= 0) {
        py_err_clear();
        return NULL;
    }
    if (!py_object_type_check(value, py_exc_SyntaxError)) return NULL;
    py_syntax_error_object *se = (py_syntax_error_object *)value;
    /* No line number: not printed as a located error (parse_syntax_error
     * fails and the exception prints as any other). */
    if (se->lineno == NULL || !py_long_check(se->lineno)) return NULL;
    long lineno = syntax_int(se->lineno);
    if (lineno < 0) return NULL;
    const char *fname = "<string>";
    py_obj *fs = NULL;
    if (se->filename != NULL && se->filename != py_none) {
        fs = py_object_str(se->filename);
        fname = fs ? py_unicode_as_utf8(fs) : NULL;
        if (fname == NULL) {
            py_err_clear();
            rg_xdecref(fs);
            return NULL;
        }
    }
    long offset = syntax_int(se->offset);
    long end_lineno = se->end_lineno == NULL || se->end_lineno == py_none ? lineno : syntax_int(se->end_lineno);
    long end_offset = syntax_int(se->end_offset);
    fprintf(f, "  File \"%s\", line %ld\n", fname, lineno);
    rg_xdecref(fs);
    if (se->text != NULL && se->text != py_none && py_unicode_check(se->text)) {
        py_ssize_t size = 0;
        const char *text = py_unicode_as_utf8_and_size(se->text, &size);
        if (text == NULL) {
            py_err_clear();
        } else {
            /* A multi-line error: highlight to the end of its first line. */
            if (end_lineno > lineno) end_offset = (long)size;
            if (end_offset > (long)size + 1) end_offset = (long)size + 1;
            /* IndentationError (and TabError) get a single caret. */
            if (py_object_type_check(value, py_exc_IndentationError)) end_offset = -1;
            print_error_text(f, offset, end_offset, text);
        }
    }
    return py_new_ref(se->msg ? se->msg : py_none);
}

/* __notes__: each note on its own line (3.11's print_exception_notes). */
static void print_notes(FILE *f, py_obj *value)
{
    py_obj *notes = NULL;
    int has = py_object_lookup_attr(value, py_id(__notes__), &notes);
    if (has <= 0) {
        py_err_clear();
        return;
    }
    if (!py_object_type_check(notes, &py_list_info) && !py_object_type_check(notes, &py_tuple_info)) {
        py_obj *r = py_object_repr(notes);
        const char *s = r ? py_unicode_as_utf8(r) : NULL;
        if (s == NULL) {
            py_err_clear();
            fputs("<__notes__ repr() failed>", f);
        } else {
            fputs(s, f);
        }
        fputc('\n', f);
        rg_xdecref(r);
    } else {
        int is_list = py_object_type_check(notes, &py_list_info);
        py_ssize_t n = is_list ? py_list_size(notes) : py_tuple_size(notes);
        for (py_ssize_t i = 0; i < n; i++) {
            py_obj *note = is_list ? py_list_get_item(notes, i) : py_tuple_get_item(notes, i);
            if (note == NULL) {
                py_err_clear();
                break;
            }
            if (write_str(f, note, 0) < 0) fputs("<note str() failed>", f);
            fputc('\n', f);
            if (is_list) n = py_list_size(notes);
        }
    }
    rg_decref(notes);
}

static void print_exception_only(FILE *f, py_obj *value);

/* One exception: its traceback, then its message (print_exception). */
static void print_exception(FILE *f, py_obj *value)
{
    if (!py_exception_instance_check(value)) {
        fputs("TypeError: print_exception(): Exception expected for value, ", f);
        fputs(py_type_of(value)->rt.name, f);
        fputs(" found\n", f);
        return;
    }
    py_obj *tb = ((py_base_exception_object *)value)->traceback;
    if (tb != NULL && tb != py_none) py_traceback_print(tb, f);
    print_exception_only(f, value);
}

/* The part after the traceback: SyntaxError's location block, the
 * "Type: message" line, the notes. */
static void print_exception_only(FILE *f, py_obj *value)
{
    py_obj *msg = print_file_and_line(f, value);
    print_exception_message(f, py_type_of(value), msg ? msg : value, value);
    rg_xdecref(msg);
    print_notes(f, value);
}

/* ====================================================================== */
/* Chains and the hooks                                                    */
/* ====================================================================== */

typedef struct seen_set {
    const py_obj **items;
    size_t n, cap;
} seen_set;

static int seen_has(const seen_set *s, const py_obj *o)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i] == o) return 1;
    return 0;
}

static void seen_add(seen_set *s, const py_obj *o)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        const py_obj **ni = realloc(s->items, cap * sizeof *ni);
        if (ni == NULL) return;
        s->items = ni;
        s->cap = cap;
    }
    s->items[s->n++] = o;
}

/* The cause (or unsuppressed context) first, with its separator line, then
 * the exception itself (print_exception_recursive).  Iterative, so that a
 * long chain cannot exhaust the C stack. */
/* 3.11's exception-group printing state (_PyErr_Display's context):
 * group depth (margins of 2 * depth spaces and "| "), whether the
 * current group still needs its closing line; the seen set is shared by
 * the whole tree. */
typedef struct print_ctx {
    FILE *f;
    seen_set seen;
    int depth;
    int need_close;
} print_ctx;

#define GROUP_MAX_WIDTH 15 /* sub-exceptions shown per group */
#define GROUP_MAX_DEPTH 10 /* nested groups shown */

/* Write text, every line (blank ones too) behind the margin: 2 * depth
 * spaces and "<margin> " when inside a group. */
static void emit(print_ctx *c, const char *text, size_t len, char margin)
{
    if (c->depth == 0) {
        fwrite(text, 1, len, c->f);
        return;
    }
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && text[j] != '\n') j++;
        if (j < len) j++;
        fprintf(c->f, "%*s%c ", 2 * c->depth, "", margin);
        fwrite(text + i, 1, j - i, c->f);
        i = j;
    }
}

/* What render writes for o, behind the margin. */
static void emit_rendered(print_ctx *c, void (*render)(FILE *, py_obj *), py_obj *o, char margin)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = c->depth > 0 ? open_memstream(&buf, &len) : NULL;
    if (m == NULL) {
        render(c->f, o);
        return;
    }
    render(m, o);
    fclose(m);
    emit(c, buf, len, margin);
    free(buf);
}

/* The traceback's entries without a header (a group's report). */
static void render_tb_entries(FILE *f, py_obj *tb)
{
    traceback_print(tb, f, NULL);
}

static void print_chain(print_ctx *c, py_obj *value);

/* An exception group (traceback.py's TracebackException.format): "Exception
 * Group Traceback" behind a '+' margin at the top, the entries, the
 * message, then each sub-exception under a "+---- N ----" line, one level
 * deeper, the last group's closing line once. */
static void print_group(print_ctx *c, py_obj *value)
{
    char line[96];
    if (c->depth > GROUP_MAX_DEPTH) {
        snprintf(line, sizeof line, "... (max_group_depth is %d)\n", GROUP_MAX_DEPTH);
        emit(c, line, strlen(line), '|');
        return;
    }
    int toplevel = c->depth == 0;
    if (toplevel) c->depth++;
    py_obj *tb = ((py_base_exception_object *)value)->traceback;
    if (tb != NULL && tb != py_none && traceback_limit() > 0) {
        static const char head[] = "Exception Group Traceback (most recent call last):\n";
        emit(c, head, sizeof head - 1, toplevel ? '+' : '|');
        emit_rendered(c, render_tb_entries, tb, '|');
    }
    emit_rendered(c, print_exception_only, value, '|');
    py_obj *excs = ((py_base_exception_group_object *)value)->excs;
    py_ssize_t num = excs != NULL && py_tuple_check(excs) ? py_tuple_size(excs) : 0;
    py_ssize_t n = num <= GROUP_MAX_WIDTH ? num : GROUP_MAX_WIDTH + 1;
    c->need_close = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        int last = i == n - 1, truncated = i >= GROUP_MAX_WIDTH;
        if (last) c->need_close = 1;
        fprintf(c->f, "%*s%s+---------------- ", 2 * c->depth, "", i == 0 ? "+-" : "  ");
        if (truncated) fputs("...", c->f);
        else fprintf(c->f, "%zd", i + 1);
        fputs(" ----------------\n", c->f);
        c->depth++;
        if (!truncated) {
            print_chain(c, py_tuple_get(excs, i));
        } else {
            py_ssize_t rest = num - GROUP_MAX_WIDTH;
            snprintf(line, sizeof line, "and %zd more exception%s\n", rest, rest > 1 ? "s" : "");
            emit(c, line, strlen(line), '|');
        }
        if (last && c->need_close) {
            fprintf(c->f, "%*s+------------------------------------\n", 2 * c->depth, "");
            c->need_close = 0;
        }
        c->depth--;
    }
    if (toplevel) c->depth = 0;
}

/* One exception of a chain: a group's report or print_exception. */
static void print_one(print_ctx *c, py_obj *value)
{
    if (py_base_exception_group_check(value)) print_group(c, value);
    else emit_rendered(c, print_exception, value, '|');
}

static void print_chain(print_ctx *c, py_obj *value)
{
    seen_set *seen = &c->seen;
    /* Collect the chain from the newest exception back. */
    size_t n = 0, cap = 8;
    py_obj **chain = malloc(cap * sizeof *chain);
    const char **sep = malloc(cap * sizeof *sep);
    if (chain == NULL || sep == NULL) {
        free(chain);
        free(sep);
        print_one(c, value);
        return;
    }
    py_obj *cur = value;
    const char *cur_sep = NULL;
    while (cur != NULL) {
        if (n == cap) {
            cap *= 2;
            py_obj **nc = realloc(chain, cap * sizeof *nc);
            if (nc != NULL) chain = nc;
            const char **ns = realloc(sep, cap * sizeof *ns);
            if (ns != NULL) sep = ns;
            if (nc == NULL || ns == NULL) break;
        }
        chain[n] = cur;
        sep[n] = cur_sep;
        n++;
        seen_add(seen, cur);
        py_obj *next = NULL;
        if (py_exception_instance_check(cur)) {
            py_base_exception_object *e = (py_base_exception_object *)cur;
            if (e->cause != NULL && e->cause != py_none) {
                if (!seen_has(seen, e->cause)) {
                    next = e->cause;
                    cur_sep = "\nThe above exception was the direct cause of the following exception:\n\n";
                }
            } else if (e->context != NULL && e->context != py_none && !e->suppress_context) {
                if (!seen_has(seen, e->context)) {
                    next = e->context;
                    cur_sep = "\nDuring handling of the above exception, another exception occurred:\n\n";
                }
            }
        }
        cur = next;
    }
    /* Print oldest first; the separator of entry i goes after it. */
    for (size_t i = n; i-- > 0;) {
        print_one(c, chain[i]);
        if (i > 0 && sep[i] != NULL) emit(c, sep[i], strlen(sep[i]), '|');
    }
    free(chain);
    free(sep);
}

void py_err_display(py_obj *exc, FILE *f)
{
    if (exc == NULL) return;
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    py_sys_flush_stdio();
    fflush(stdout);
    print_ctx c = {f, {NULL, 0, 0}, 0, 0};
    rg_incref(exc);
    print_chain(&c, exc);
    rg_decref(exc);
    free(c.seen.items);
    fflush(f);
    py_err_restore(et, ev, etb);
}

/* Write the report's text through sys.stderr.write, as 3.11's default
 * unraisable hook does; a failing write (e.g. RecursionError near the
 * recursion limit) loses the report silently, as there. */
static void write_through_sys_stderr(py_obj *err, const char *text, size_t len)
{
    py_obj *s = py_unicode_decode(text, (py_ssize_t)len, "utf-8", "surrogateescape");
    py_obj *write = s != NULL ? py_object_get_attr_string(err, "write") : NULL;
    py_obj *r = write != NULL ? py_object_call_one_arg(write, s) : NULL;
    rg_xdecref(write);
    rg_xdecref(s);
    rg_xdecref(r);
    py_err_clear();
}

/* The unraisable report: "Exception ignored in: <obj>" (or msg), the
 * traceback, "Type: message". */
static void format_unraisable(FILE *f, py_obj *exc, py_obj *obj, const char *msg)
{
    if (obj != NULL && obj != py_none) {
        fprintf(f, "%s: ", msg ? msg : "Exception ignored in");
        py_obj *r = py_object_repr(obj);
        const char *s = r ? py_unicode_as_utf8(r) : NULL;
        if (s == NULL) {
            py_err_clear();
            fputs("<object repr() failed>", f);
        } else {
            fputs(s, f);
        }
        rg_xdecref(r);
        fputc('\n', f);
    } else if (msg != NULL) {
        fprintf(f, "%s:\n", msg);
    }
    if (exc != NULL) {
        py_obj *tb = py_exception_instance_check(exc) ? ((py_base_exception_object *)exc)->traceback : NULL;
        if (tb != NULL && tb != py_none) py_traceback_print(tb, f);
        print_type_name(f, py_type_of(exc));
        if (exc != py_none) {
            fputs(": ", f);
            if (write_str(f, exc, 0) < 0) fputs("<exception str() failed>", f);
        }
        fputc('\n', f);
    }
}

void py_runtime_unraisable_hook(py_obj *exc, py_obj *obj, const char *msg)
{
    FILE *f = py_current->err_out ? py_current->err_out : stderr;
    /* Once sys.stderr is None (sys's dict cleared at exit) nothing is
     * written, as 3.11. */
    py_obj *err = NULL;
    if (py_current->sysdict != NULL) {
        err = py_dict_get_item_string(py_current->sysdict, "stderr");
        if (err == NULL || err == py_none) return;
    } else if (py_runtime_is_finalizing()) {
        return; /* sys is gone: 3.11 has nowhere to write */
    }
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    fflush(stdout);
    /* The process's stderr goes through sys.stderr.write (one call with
     * the whole report); an embedder's err_out FILE (tests) gets the text
     * itself. */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = err != NULL && f == stderr ? open_memstream(&buf, &len) : NULL;
    if (mem != NULL) {
        rg_incref(err);
        format_unraisable(mem, exc, obj, msg);
        fclose(mem);
        write_through_sys_stderr(err, buf, len);
        rg_decref(err);
        free(buf);
    } else {
        format_unraisable(f, exc, obj, msg);
    }
    fflush(f);
    py_err_restore(et, ev, etb);
}
