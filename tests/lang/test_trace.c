/*
 * test_trace.c -- py_trace_run (src/lang/trace*.c): the JSON Lines stream
 * of docs/events.md for small programs, parsed with jansson.
 *
 * Checks: the stream's shape (start first, end last, seq 1, 2, 3...,
 * steps numbered from 1 with CPython 3.11's line rule), program output as
 * "output" lines equal to python3's stdout/stderr, exact refcounts and
 * causes of "ref" lines, collections (gc_phase with gc_refs), the step
 * limit, a traceback ending the run, determinism (two runs, one stream;
 * id() equal to the stream's ids), snapshots and "why".  Every run ends
 * with the checked teardown (py_trace_options.check): no block left, no
 * rg_heap_check violation.
 *
 * `TRACE_DUMP=1 ./test_trace` prints every stream.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "lang/trace.h"
#include "lang/trace/programs.h"

/* ====================================================================== */
/* Running a program                                                       */
/* ====================================================================== */

typedef struct stream {
    json_t **lines;
    size_t n, cap;
    char *raw; /* every line, newline-terminated */
    size_t rawlen, rawcap;
    int status;
} stream;

/* The writer: keep the raw text and the parsed line. */
static void collect(void *data, const char *line, size_t len)
{
    stream *s = data;
    json_error_t err;
    json_t *v = json_loadb(line, len, 0, &err);
    if (v == NULL) fprintf(stderr, "bad JSON line: %.*s\n(%s)\n", (int)len, line, err.text);
    assert_non_null(v);
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->lines = realloc(s->lines, s->cap * sizeof *s->lines);
        assert_non_null(s->lines);
    }
    s->lines[s->n++] = v;
    if (s->rawlen + len + 2 > s->rawcap) {
        s->rawcap = 2 * (s->rawlen + len + 2);
        s->raw = realloc(s->raw, s->rawcap);
        assert_non_null(s->raw);
    }
    memcpy(s->raw + s->rawlen, line, len);
    s->rawlen += len;
    s->raw[s->rawlen++] = '\n';
    s->raw[s->rawlen] = '\0';
}

/* Run src under the trace with opts (NULL: defaults).  Every run ends
 * checked (issue 6): the full teardown leaves no block and rg_heap_check
 * finds nothing (its report on stderr). */
static stream *run_opts(const char *src, const py_trace_options *opts)
{
    stream *s = calloc(1, sizeof *s);
    assert_non_null(s);
    py_trace_options o;
    memset(&o, 0, sizeof o);
    if (opts) o = *opts;
    py_trace_check check = {0, 0};
    o.check = &check;
    s->status = py_trace_run(src, strlen(src), "<string>", &o, collect, s);
    if (getenv("TRACE_DUMP")) printf("---- %s\n%s---- status %d\n", src, s->raw ? s->raw : "", s->status);
    if (check.blocks_left != 0 || check.violations != 0)
        fprintf(stderr, "traced run of:\n%s\nleft %zu blocks, %zu heap-check violations\n", src,
                check.blocks_left, check.violations);
    assert_int_equal(check.blocks_left, 0);
    assert_int_equal(check.violations, 0);
    return s;
}

static stream *run(const char *src) { return run_opts(src, NULL); }

static void stream_free(stream *s)
{
    for (size_t i = 0; i < s->n; i++) json_decref(s->lines[i]);
    free(s->lines);
    free(s->raw);
    free(s);
}

static const char *ev_of(json_t *l) { return json_string_value(json_object_get(l, "ev")); }
static long long int_of(json_t *l, const char *k) { return json_integer_value(json_object_get(l, k)); }
static const char *str_of(json_t *l, const char *k) { return json_string_value(json_object_get(l, k)); }

/* The concatenated "output" text of one stream ("stdout"/"stderr"), malloc'd. */
static char *output_of(const stream *s, const char *which)
{
    size_t n = 0;
    char *out = calloc(1, 1);
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(ev_of(s->lines[i]), "output") != 0 || strcmp(str_of(s->lines[i], "stream"), which) != 0)
            continue;
        const char *t = str_of(s->lines[i], "text");
        size_t k = strlen(t);
        out = realloc(out, n + k + 1);
        memcpy(out + n, t, k + 1);
        n += k;
    }
    return out;
}

/* The first line of kind ev at or after index *from (updated), or NULL. */
static json_t *find_ev(const stream *s, const char *ev, size_t *from)
{
    for (size_t i = from ? *from : 0; i < s->n; i++)
        if (strcmp(ev_of(s->lines[i]), ev) == 0) {
            if (from) *from = i + 1;
            return s->lines[i];
        }
    return NULL;
}

/* The lines of a stream in its shape: start first, end last, seq 1..n. */
static void check_shape(const stream *s)
{
    assert_true(s->n >= 2);
    assert_string_equal(ev_of(s->lines[0]), "start");
    assert_string_equal(ev_of(s->lines[s->n - 1]), "end");
    for (size_t i = 0; i < s->n; i++) assert_int_equal(int_of(s->lines[i], "seq"), (long long)i + 1);
    long long step = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(ev_of(s->lines[i]), "step") == 0) {
            assert_int_equal(int_of(s->lines[i], "step"), step + 1);
            step++;
        }
    }
    assert_int_equal(int_of(s->lines[s->n - 1], "steps"), step);
}

/* The lines of the steps, as "line,line,..." (malloc'd). */
static char *step_lines(const stream *s)
{
    char *out = calloc(1, 4096);
    size_t n = 0;
    for (size_t i = 0; i < s->n && n < 4000; i++)
        if (strcmp(ev_of(s->lines[i]), "step") == 0)
            n += (size_t)snprintf(out + n, 4096 - n, "%s%lld", n ? "," : "", int_of(s->lines[i], "line"));
    return out;
}

/* ====================================================================== */
/* Tests                                                                   */
/* ====================================================================== */

/* Every program of programs.h: python3's stdout, stderr and status as
 * "output" and "end" lines, sys.settrace's line events as "step" lines. */
static void test_programs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof trace_programs / sizeof trace_programs[0]; i++) {
        const trace_program *p = &trace_programs[i];
        stream *s = run(p->src);
        check_shape(s);
        char *out = output_of(s, "stdout"), *err = output_of(s, "stderr"), *lines = step_lines(s);
        if (strcmp(out, p->out) != 0 || strcmp(err, p->err) != 0 || s->status != p->status ||
            (p->lines[0] && strcmp(lines, p->lines) != 0))
            fprintf(stderr, "program %s:\nstdout %s\nstderr %s\nstatus %d\nlines %s\n", p->name, out, err,
                    s->status, lines);
        assert_string_equal(out, p->out);
        assert_string_equal(err, p->err);
        assert_int_equal(s->status, p->status);
        assert_int_equal(int_of(s->lines[s->n - 1], "status"), p->status);
        if (p->lines[0]) assert_string_equal(lines, p->lines);
        free(out);
        free(err);
        free(lines);
        stream_free(s);
    }
}

/* The run's frame: start, call/return, end reasons. */
static void test_basic(void **state)
{
    (void)state;
    stream *s = run("a = 1\nb = a + 1\nprint(a, b)\n");
    json_t *end = s->lines[s->n - 1];
    assert_string_equal(str_of(end, "reason"), "finished");
    json_t *start = s->lines[0];
    assert_int_equal(int_of(start, "schema"), 1);
    assert_string_equal(str_of(start, "python"), "3.11.7");
    assert_string_equal(str_of(start, "source"), "a = 1\nb = a + 1\nprint(a, b)\n");
    assert_int_equal(int_of(start, "max_steps"), PY_TRACE_DEFAULT_MAX_STEPS);
    assert_int_equal(json_array_size(json_object_get(start, "thresholds")), 3);
    stream_free(s);

    s = run("def f(x):\n    y = x * 2\n    return y\n\nt = 0\nfor i in range(2):\n    t += f(i)\nprint(t)\n");
    size_t at = 0;
    json_t *call = find_ev(s, "call", &at); /* <module> */
    assert_non_null(call);
    assert_string_equal(str_of(call, "frame"), "<module>");
    assert_int_equal(int_of(call, "depth"), 0);
    call = find_ev(s, "call", &at);
    assert_non_null(call);
    assert_string_equal(str_of(call, "frame"), "f");
    assert_int_equal(int_of(call, "depth"), 1);
    assert_int_equal(int_of(call, "line"), 1);
    json_t *step = find_ev(s, "step", &at);
    assert_string_equal(str_of(step, "frame"), "f");
    assert_int_equal(int_of(step, "depth"), 1);
    json_t *ret = find_ev(s, "return", &at);
    assert_non_null(ret);
    assert_string_equal(str_of(ret, "frame"), "f");
    stream_free(s);

    s = run("import sys\nsys.exit(4)\n");
    assert_string_equal(str_of(s->lines[s->n - 1], "reason"), "exit");
    stream_free(s);
    s = run("raise ValueError('v')\n");
    assert_string_equal(str_of(s->lines[s->n - 1], "reason"), "exception");
    stream_free(s);
    py_trace_options o;
    memset(&o, 0, sizeof o);
    o.max_heap = 16u << 20; /* as refgc run --max-heap */
    s = run_opts("x = [0] * 10**8\n", &o);
    assert_string_equal(str_of(s->lines[s->n - 1], "reason"), "memory");
    assert_int_equal(s->status, 1);
    char *err = output_of(s, "stderr");
    assert_non_null(strstr(err, "MemoryError"));
    free(err);
    stream_free(s);
    s = run("x = (\n"); /* does not compile: no step */
    check_shape(s);
    assert_int_equal(int_of(s->lines[s->n - 1], "steps"), 0);
    stream_free(s);
}

/* The step limit stops `while True: pass` with status 3 and says so. */
static void test_step_limit(void **state)
{
    (void)state;
    py_trace_options o;
    memset(&o, 0, sizeof o);
    o.max_steps = 50;
    stream *s = run_opts("print('go')\ntry:\n    while True:\n        pass\nexcept BaseException:\n    print('caught')\n"
                         "print('after')\n",
                         &o);
    check_shape(s);
    assert_int_equal(s->status, 3);
    json_t *end = s->lines[s->n - 1];
    assert_string_equal(str_of(end, "reason"), "step_limit");
    assert_int_equal(int_of(end, "status"), 3);
    assert_int_equal(int_of(end, "steps"), 50);
    assert_non_null(strstr(str_of(end, "message"), "step limit (50)"));
    char *out = output_of(s, "stdout"), *err = output_of(s, "stderr");
    assert_string_equal(out, "go\n"); /* no handler runs once stopped */
    assert_string_equal(err, "");
    free(out);
    free(err);
    stream_free(s);
    s = run("while True:\n    pass\n");
    assert_int_equal(s->status, 3);
    assert_int_equal(int_of(s->lines[s->n - 1], "steps"), PY_TRACE_DEFAULT_MAX_STEPS);
    stream_free(s);
    o.max_steps = -1; /* no limit */
    s = run_opts("for i in range(20000):\n    pass\n", &o);
    assert_int_equal(s->status, 0);
    assert_int_equal(int_of(s->lines[s->n - 1], "steps"), 40001);
    stream_free(s);
}

/* The "ref" lines of one object id, as "refcount:delta:cause|..." (malloc'd). */
static char *refs_of(const stream *s, long long id)
{
    char *out = calloc(1, 8192);
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        json_t *l = s->lines[i];
        if (strcmp(ev_of(l), "ref") != 0 || int_of(l, "id") != id) continue;
        n += (size_t)snprintf(out + n, 8192 - n, "%s%lld@%lld:%+lld:%s", n ? "|" : "", int_of(l, "step"),
                              int_of(l, "refcount"), int_of(l, "delta"), str_of(l, "cause"));
    }
    return out;
}

/* The id of the k-th (from 0) object of type made by obj_new, or -1. */
static long long new_id(const stream *s, const char *type, int k)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(ev_of(s->lines[i]), "obj_new") == 0 && strcmp(str_of(s->lines[i], "type"), type) == 0 && k-- == 0)
            return int_of(s->lines[i], "id");
    return -1;
}

/* Refcount changes and their causes, exactly. */
static void test_ref_causes(void **state)
{
    (void)state;
    stream *s = run("a = [1, 2]\nb = a\ndel a\ndel b\n");
    long long id = new_id(s, "list", 0);
    assert_true(id > 0);
    char *r = refs_of(s, id);
    assert_string_equal(r, "1@1:+1:bound to name a|2@2:+1:bound to name b|3@1:-1:name a deleted|"
                           "4@0:-1:name b deleted");
    free(r);
    stream_free(s);

    s = run("x = [10]\nholder = [x, x]\nd = {'k': x}\nholder.pop()\nx = None\nd.clear()\ndel holder\n");
    id = new_id(s, "list", 0);
    r = refs_of(s, id);
    assert_string_equal(r, "1@1:+1:bound to name x|2@2:+1:stored in list slot 0|2@3:+1:stored in list slot 1|"
                           "3@4:+1:value of dict key 'k'|4@3:-1:removed from list slot 1|"
                           "5@2:-1:name x rebound|6@1:-1:removed from dict key 'k'|7@0:-1:list holding it freed");
    free(r);
    stream_free(s);

    s = run("class C:\n    pass\nc = C()\nc.attr = [1]\ndef f(v):\n    w = v\n    return 0\nf(c.attr)\n"
            "c.attr = None\n");
    id = new_id(s, "list", 0);
    r = refs_of(s, id);
    /* 3.11's CALL moves the argument into the callee's frame: no +1 for it */
    assert_string_equal(r, "5@1:+1:attribute attr of C|7@2:+1:bound to name v|8@3:+1:bound to name w|"
                           "9@2:-1:frame of f exited|9@1:-1:frame of f exited|10@0:-1:attribute attr of C changed");
    free(r);
    stream_free(s);
}

/* A suspended generator's locals are named too. */
static void test_generator_locals(void **state)
{
    (void)state;
    stream *s = run("def gen():\n    data = [1, 2]\n    yield 1\n    yield 2\ng = gen()\nnext(g)\nnext(g)\ndel g\n");
    char *r = refs_of(s, new_id(s, "list", 0));
    assert_string_equal(r, "4@1:+1:bound to name data|5@2:+1:local data of a suspended generator|"
                           "5@1:-1:generator gen suspended (yield)|6@2:+1:bound to name data|"
                           "6@1:-1:local data of a generator changed or resumed|"
                           "7@2:+1:local data of a suspended generator|7@1:-1:generator gen suspended (yield)|"
                           "8@0:-1:generator holding it freed");
    free(r);
    stream_free(s);
}

/* getrefcount: the "getrefcount" line explains the +1; snapshots agree. */
static void test_getrefcount(void **state)
{
    (void)state;
    py_trace_options o;
    memset(&o, 0, sizeof o);
    o.snapshot_every_step = 1;
    stream *s = run_opts("import sys\na = [1, 2]\nb = a\nn = sys.getrefcount(a)\nprint(n)\n", &o);
    long long id = new_id(s, "list", 0);
    json_t *g = find_ev(s, "getrefcount", NULL);
    assert_non_null(g);
    assert_int_equal(int_of(g, "id"), id);
    assert_int_equal(int_of(g, "value"), 3);
    assert_int_equal(int_of(g, "refcount"), 2);
    assert_string_equal(str_of(g, "cause"), "argument of getrefcount");
    char *out = output_of(s, "stdout");
    assert_string_equal(out, "3\n");
    free(out);
    /* every snapshot after b = a shows refcount 2 = getrefcount - 1 */
    size_t at = 0, seen = 0;
    json_t *snap;
    while ((snap = find_ev(s, "snapshot", &at)) != NULL) {
        if (int_of(snap, "step") < 3) continue;
        json_t *objs = json_object_get(snap, "objects");
        size_t k;
        json_t *o1;
        json_array_foreach(objs, k, o1)
        {
            if (int_of(o1, "id") != id) continue;
            seen++;
            assert_int_equal(int_of(o1, "refcount"), 2);
            assert_string_equal(str_of(o1, "repr"), "[1, 2]");
            assert_int_equal(int_of(o1, "len"), 2);
            assert_int_equal(int_of(o1, "capacity"), 2);
            json_t *refs = json_object_get(o1, "referrers");
            assert_int_equal(json_array_size(refs), 2);
            assert_string_equal(str_of(json_array_get(refs, 0), "kind"), "name");
        }
    }
    assert_true(seen >= 2);
    stream_free(s);
}

/* A cycle and gc.collect(): the phases list the two objects with their
 * gc_refs; an automatic collection says "auto". */
static void test_collections(void **state)
{
    (void)state;
    stream *s = run("import gc\nclass Node:\n    pass\na = Node()\nb = Node()\na.other = b\nb.other = a\n"
                    "del a, b\nn = gc.collect()\n");
    long long a = new_id(s, "Node", 0), b = new_id(s, "Node", 1);
    assert_true(a > 0 && b > 0);
    size_t at = 0;
    json_t *start = find_ev(s, "gc_start", &at);
    assert_non_null(start);
    assert_string_equal(str_of(start, "reason"), "explicit");
    assert_int_equal(int_of(start, "gen"), 2);
    const char *phases[] = {"update_refs", "subtract_refs", "move_unreachable"};
    const long long want[] = {1, 0, 0};
    for (int p = 0; p < 3; p++) {
        json_t *ph = find_ev(s, "gc_phase", &at);
        assert_string_equal(str_of(ph, "phase"), phases[p]);
        int found = 0;
        size_t k;
        json_t *o1;
        json_array_foreach(json_object_get(ph, "objects"), k, o1)
        {
            long long id = int_of(o1, "id");
            if (id == a || id == b) {
                found++;
                assert_int_equal(int_of(o1, "value"), want[p]);
            }
        }
        assert_int_equal(found, 2);
    }
    json_t *ph;
    while ((ph = find_ev(s, "gc_phase", &at)) != NULL && strcmp(str_of(ph, "phase"), "delete_garbage") != 0) {}
    assert_non_null(ph);
    assert_int_equal(json_array_size(json_object_get(ph, "objects")), 2);
    json_t *end = find_ev(s, "gc_end", &at);
    assert_int_equal(int_of(end, "collected"), 2);
    char *r = refs_of(s, a);
    assert_string_equal(r, "5@1:+1:bound to name a|8@2:+1:attribute other of Node|9@1:-1:name a deleted|"
                           "10@0:-1:Node holding it freed");
    free(r);
    stream_free(s);

    s = run("import gc\ngc.set_threshold(5)\nx = [[] for i in range(6)]\n");
    json_t *g = find_ev(s, "gc_start", NULL);
    assert_non_null(g);
    assert_string_equal(str_of(g, "reason"), "auto");
    assert_int_equal(int_of(g, "gen"), 0);
    stream_free(s);
}

/* Two runs, one stream; id() prints the stream's ids. */
static void test_deterministic(void **state)
{
    (void)state;
    const char *src = "class N:\n    pass\nx = [N() for i in range(3)]\nx.append(x)\nprint(id(x), id(x[0]))\n"
                      "import gc\ndel x\ngc.collect()\n";
    stream *s1 = run(src), *s2 = run(src);
    assert_string_equal(s1->raw, s2->raw);
    char *out = output_of(s1, "stdout");
    char want[128];
    snprintf(want, sizeof want, "%lld %lld\n", new_id(s1, "list", 0), new_id(s1, "N", 0));
    assert_string_equal(out, want);
    free(out);
    stream_free(s1);
    stream_free(s2);
}

/* Snapshots at lines and at the end; why. */
static void test_snapshot_why(void **state)
{
    (void)state;
    py_trace_options o;
    memset(&o, 0, sizeof o);
    long lines[] = {2};
    o.snapshot_lines = lines;
    o.nsnapshot_lines = 1;
    o.snapshot_at_end = 1;
    o.why_expr = "x";
    stream *s = run_opts("x = {'a': 1.5, 'b': 'hi'}\nholder = [x]\ny = (x, None)\n", &o);
    size_t at = 0;
    json_t *snap = find_ev(s, "snapshot", &at);
    assert_non_null(snap);
    assert_int_equal(int_of(snap, "line"), 2);
    json_t *frames = json_object_get(snap, "frames");
    assert_int_equal(json_array_size(frames), 1);
    json_t *names = json_object_get(json_array_get(frames, 0), "names");
    assert_int_equal(json_array_size(names), 2);
    assert_string_equal(str_of(json_array_get(names, 0), "name"), "x");
    assert_string_equal(str_of(json_array_get(names, 1), "name"), "holder");
    assert_non_null(json_object_get(snap, "gc"));
    assert_true(json_array_size(json_object_get(snap, "arenas")) > 0);
    json_t *why = find_ev(s, "why", &at);
    assert_non_null(why);
    assert_string_equal(str_of(why, "alive"), "reachable");
    assert_int_equal(int_of(why, "refcount"), 3);
    json_t *end_snap = find_ev(s, "snapshot", &at);
    assert_non_null(end_snap);
    long long xid = int_of(why, "id");
    size_t k;
    json_t *o1;
    int found = 0;
    json_array_foreach(json_object_get(end_snap, "objects"), k, o1)
    {
        if (int_of(o1, "id") != xid) continue;
        found = 1;
        assert_string_equal(str_of(o1, "repr"), "{'a': 1.5, 'b': 'hi'}");
        assert_int_equal(int_of(o1, "refcount"), 3);
        assert_int_equal(json_array_size(json_object_get(o1, "referrers")), 3);
    }
    assert_true(found);
    stream_free(s);

    /* through a container */
    o.why_expr = "holder[0]";
    o.snapshot_at_end = 0;
    o.nsnapshot_lines = 0;
    s = run_opts("x = [7]\nholder = [x]\ndel x\n", &o);
    why = find_ev(s, "why", NULL);
    assert_string_equal(str_of(why, "alive"), "reachable");
    json_t *path = json_object_get(why, "path");
    assert_int_equal(json_array_size(path), 2);
    assert_string_equal(str_of(json_array_get(path, 0), "name"), "holder");
    assert_string_equal(str_of(json_array_get(path, 1), "kind"), "item");
    assert_int_equal(int_of(json_array_get(path, 1), "index"), 0);
    stream_free(s);

    /* a garbage cycle, seen through a weak reference */
    o.why_expr = "r()";
    s = run_opts("import gc, weakref\ngc.disable()\nclass N:\n    pass\nn = N()\nn.me = n\nr = weakref.ref(n)\ndel n\n",
                 &o);
    why = find_ev(s, "why", NULL);
    assert_string_equal(str_of(why, "alive"), "cycle");
    assert_int_equal(int_of(why, "gen"), 0);
    assert_int_equal(int_of(why, "refcount"), 1);
    stream_free(s);

    /* an expression that fails */
    o.why_expr = "nothing_here";
    s = run_opts("x = 1\n", &o);
    why = find_ev(s, "why", NULL);
    assert_string_equal(str_of(why, "error"), "NameError: name 'nothing_here' is not defined");
    stream_free(s);
}

/* why: the interpreter's own roots (sys.modules, a module bound to a name) */
static void test_why_roots(void **state)
{
    (void)state;
    py_trace_options o;
    memset(&o, 0, sizeof o);
    o.why_expr = "sys";
    stream *s = run_opts("import sys\nx = 1\n", &o);
    json_t *why = find_ev(s, "why", NULL);
    assert_string_equal(str_of(why, "alive"), "reachable");
    json_t *path = json_object_get(why, "path");
    assert_int_equal(json_array_size(path), 1);
    assert_string_equal(str_of(json_array_get(path, 0), "name"), "sys");
    assert_string_equal(str_of(json_array_get(path, 0), "frame"), "<module>");
    assert_non_null(strstr(str_of(why, "explanation"), "sys is alive: name sys in <module> refers to it (refcount "));
    stream_free(s);

    /* held only through a module imported by name */
    o.why_expr = "gc.keep";
    s = run_opts("import gc\ngc.keep = [1, 2]\n", &o);
    why = find_ev(s, "why", NULL);
    assert_string_equal(str_of(why, "alive"), "reachable");
    path = json_object_get(why, "path");
    assert_int_equal(json_array_size(path), 3);
    assert_string_equal(str_of(json_array_get(path, 0), "name"), "gc");
    assert_string_equal(str_of(json_array_get(path, 1), "kind"), "attr");
    assert_string_equal(str_of(json_array_get(path, 1), "name"), "__dict__");
    assert_string_equal(str_of(json_array_get(path, 2), "kind"), "value");
    assert_string_equal(str_of(json_array_get(path, 2), "key"), "'keep'");
    stream_free(s);

    /* the name is gone: sys.modules still holds the module */
    o.why_expr = "__import__('gc').keep";
    s = run_opts("import gc\ngc.keep = [1, 2]\ndel gc\n", &o);
    why = find_ev(s, "why", NULL);
    assert_string_equal(str_of(why, "alive"), "reachable");
    path = json_object_get(why, "path");
    assert_int_equal(json_array_size(path), 4);
    assert_string_equal(str_of(json_array_get(path, 0), "frame"), "<interpreter>");
    assert_string_equal(str_of(json_array_get(path, 0), "name"), "sys.modules");
    assert_string_equal(str_of(json_array_get(path, 1), "kind"), "value");
    assert_string_equal(str_of(json_array_get(path, 1), "key"), "'gc'");
    assert_string_equal(str_of(json_array_get(path, 3), "key"), "'keep'");
    assert_non_null(strstr(str_of(why, "explanation"), "reachable from sys.modules, which the interpreter holds"));
    stream_free(s);
}

/* An address reused within one step: the causes belong to each lifetime. */
static void test_address_reuse(void **state)
{
    (void)state;
    /* the same frame address for two calls, a new dict at the old one's address */
    stream *s = run("import gc\ngc.callbacks.append(lambda phase, info: print(phase, info['generation']))\n"
                    "x = []\nx.append(x)\ndel x\ngc.collect()\n");
    int exited = 0;
    for (size_t i = 0; i < s->n; i++) {
        json_t *l = s->lines[i];
        if (strcmp(ev_of(l), "ref") != 0) continue;
        assert_null(strstr(str_of(l, "cause"), "rebound"));
        if (strcmp(str_of(l, "cause"), "frame of <lambda> exited") == 0 && strcmp(str_of(l, "type"), "dict") == 0)
            exited++;
    }
    assert_int_equal(exited, 2); /* gc.collect()'s two info dicts (the exit's collection is not traced) */
    char *out = output_of(s, "stdout");
    assert_string_equal(out, "start 2\nstop 2\nstart 2\nstop 2\n"); /* as python3 */
    free(out);
    stream_free(s);

    /* a list freed and a new one made at its address in one step */
    s = run("t = [0]\na = [t]\ndel a; a = [t]\n");
    long long l0 = new_id(s, "list", 1), l1 = new_id(s, "list", 2);
    assert_int_equal(l0, l1); /* the free list gives the block back */
    char *r = refs_of(s, new_id(s, "list", 0));
    assert_string_equal(r, "1@1:+1:bound to name t|2@2:+1:stored in list slot 0|3@3:+1:stored in list slot 0|"
                           "3@2:-1:list holding it freed");
    free(r);
    stream_free(s);
}

/* The event limit ends the run like the step limit. */
static void test_event_limit(void **state)
{
    (void)state;
    py_trace_options o;
    memset(&o, 0, sizeof o);
    o.max_events = 500;
    stream *s = run_opts("print('go')\nx = [[] for i in range(100000)]\nprint('done')\n", &o);
    check_shape(s);
    assert_int_equal(s->status, 3);
    assert_int_equal(s->n, 501);
    json_t *end = s->lines[s->n - 1];
    assert_string_equal(ev_of(end), "end");
    assert_int_equal(int_of(end, "seq"), 501);
    assert_string_equal(str_of(end, "reason"), "event_limit");
    assert_int_equal(int_of(end, "status"), 3);
    char msg[120];
    snprintf(msg, sizeof msg, "stopped after %lld steps: the event limit (500 lines) was reached",
             int_of(end, "steps"));
    assert_non_null(strstr(str_of(end, "message"), msg));
    assert_int_equal(int_of(s->lines[0], "max_events"), 500);
    char *out = output_of(s, "stdout");
    assert_string_equal(out, "go\n");
    free(out);
    stream_free(s);
    s = run("x = 1\n"); /* the default */
    assert_int_equal(int_of(s->lines[0], "max_events"), PY_TRACE_DEFAULT_MAX_EVENTS);
    stream_free(s);
    o.max_events = -1; /* none */
    s = run_opts("x = [[] for i in range(3000)]\n", &o);
    assert_int_equal(s->status, 0);
    assert_string_equal(str_of(s->lines[s->n - 1], "reason"), "finished");
    assert_true(s->n > 3000);
    stream_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_programs),      cmocka_unit_test(test_basic),
        cmocka_unit_test(test_step_limit),    cmocka_unit_test(test_ref_causes),
        cmocka_unit_test(test_getrefcount),   cmocka_unit_test(test_collections),
        cmocka_unit_test(test_deterministic), cmocka_unit_test(test_snapshot_why),
        cmocka_unit_test(test_generator_locals), cmocka_unit_test(test_why_roots),
        cmocka_unit_test(test_address_reuse),    cmocka_unit_test(test_event_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
