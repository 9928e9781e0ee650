/*
 * repl.c -- `refgc repl`: python3's interactive loop on the runtime.
 *
 * Owns: reading input (libedit's line editing and history when built with
 * it and stdin is a terminal, else plain reads with the prompt on stderr,
 * as python3), deciding when an input is complete (">>> " then "... "
 * lines: an unclosed bracket, a trailing backslash, an unfinished string,
 * a compound statement that ends at an empty line), running it through
 * py_run_interactive_line, and Ctrl-C at the prompt ("KeyboardInterrupt",
 * the line dropped).
 *
 * Invariants: the SIGINT handler only sets repl_sigint (and the VM's
 * interrupt request, which is cleared here after a cancelled line).
 */
#include "cli/cli.h"

#include <errno.h>
#include <signal.h>
#include <sys/select.h>
#include <unistd.h>

#ifdef REFGC_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

static volatile sig_atomic_t repl_sigint;

void cli_repl_on_sigint(void)
{
    repl_sigint = 1;
}

/* ====================================================================== */
/* Reading a line                                                          */
/* ====================================================================== */

enum { LINE_OK, LINE_EOF, LINE_INTERRUPTED };

/* A growing buffer. */
typedef struct text {
    char *s;
    size_t n, cap;
} text;

static int text_add(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->n + n + 1) cap *= 2;
        char *ns = realloc(t->s, cap);
        if (ns == NULL) return -1;
        t->s = ns;
        t->cap = cap;
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
    return 0;
}

/* One line without a terminal: the prompt on stderr, the line (with its
 * '\n' if it had one) appended to out. */
static int read_line_plain(const char *prompt, text *out)
{
    fputs(prompt, stderr);
    fflush(stderr);
    int any = 0;
    for (;;) {
        char c;
        ssize_t r = read(STDIN_FILENO, &c, 1);
        if (r < 0 && errno == EINTR) {
            if (repl_sigint) return LINE_INTERRUPTED;
            continue;
        }
        if (r <= 0) return any ? LINE_OK : LINE_EOF;
        any = 1;
        if (text_add(out, &c, 1) < 0) return LINE_EOF;
        if (c == '\n') return LINE_OK;
    }
}

#ifdef REFGC_HAVE_LIBEDIT
static char *edit_line;
static int edit_done;

static void on_edit_line(char *line)
{
    edit_line = line;
    edit_done = 1;
    rl_callback_handler_remove();
}

/* One line with libedit's callback interface, so that a signal ends the
 * wait (select returns EINTR) without leaving the terminal raw. */
static int read_line_edit(const char *prompt, text *out)
{
    edit_line = NULL;
    edit_done = 0;
    rl_callback_handler_install(prompt, on_edit_line);
    while (!edit_done) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        int r = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
        if (r < 0 && errno == EINTR) {
            if (repl_sigint) {
                rl_callback_handler_remove();
                return LINE_INTERRUPTED;
            }
            continue;
        }
        if (r < 0) {
            rl_callback_handler_remove();
            return LINE_EOF;
        }
        rl_callback_read_char();
    }
    if (edit_line == NULL) return LINE_EOF;
    if (edit_line[0] != '\0') add_history(edit_line);
    int rc = text_add(out, edit_line, strlen(edit_line)) < 0 || text_add(out, "\n", 1) < 0;
    free(edit_line);
    return rc ? LINE_EOF : LINE_OK;
}
#endif

static int use_editing;

static int read_line(const char *prompt, text *out)
{
#ifdef REFGC_HAVE_LIBEDIT
    if (use_editing) return read_line_edit(prompt, out);
#endif
    return read_line_plain(prompt, out);
}

/* ====================================================================== */
/* Complete inputs                                                         */
/* ====================================================================== */

/* Does the parser's error mean "more input would fix it"? */
static int error_wants_more(const py_parse_error *err)
{
    static const char *const incomplete[] = {
        "was never closed", "unexpected EOF", "expected an indented block",
        "unterminated triple-quoted string", "EOF while scanning",
    };
    for (size_t i = 0; i < sizeof incomplete / sizeof incomplete[0]; i++)
        if (strstr(err->msg, incomplete[i]) != NULL) return 1;
    return 0;
}

/* The first line's last significant character (comments and blanks
 * ignored). */
static char first_line_end(const char *src)
{
    char last = '\0';
    char quote = 0;
    for (const char *p = src; *p && *p != '\n'; p++) {
        if (quote) {
            if (*p == '\\' && p[1]) p++;
            else if (*p == quote) quote = 0;
            last = *p;
            continue;
        }
        if (*p == '#') break;
        if (*p == '\'' || *p == '"') quote = *p;
        if (*p != ' ' && *p != '\t' && *p != '\r') last = *p;
    }
    return last;
}

/* Is the input complete (run it) or does it need a "... " line?  A
 * compound statement (first line ends in ':') ends at an empty line. */
static int input_complete(const text *in, int nlines, int last_empty)
{
    if (in->n >= 2 && in->s[in->n - 2] == '\\') return 0;
    int compound = first_line_end(in->s) == ':';
    if (compound && !last_empty) return 0;
    if (nlines > 1 && last_empty) return 1;
    py_arena *arena = py_arena_new();
    if (arena == NULL) return 1;
    py_parse_error err;
    memset(&err, 0, sizeof err);
    py_mod *mod = py_parse_file(in->s, in->n, "<stdin>", arena, 0, &err);
    int complete = mod != NULL || !error_wants_more(&err);
    py_parse_error_clear(&err);
    py_arena_free(arena);
    return complete;
}

/* ====================================================================== */
/* The loop                                                                */
/* ====================================================================== */

/* A line that holds only blanks (and its newline). */
static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

int cli_repl_loop(void)
{
    use_editing = isatty(STDIN_FILENO);
#ifdef REFGC_HAVE_LIBEDIT
    if (use_editing) {
        rl_catch_signals = 0;
        using_history();
    }
#endif
    if (isatty(STDIN_FILENO))
        fprintf(stderr, "refgc (a subset of Python 3.11 on refgc's memory manager)\n"
                        "Ctrl-D (end of input) or sys.exit() leaves.\n");
    text in = {NULL, 0, 0};
    int status = 0;
    for (;;) {
        in.n = 0;
        if (in.s) in.s[0] = '\0';
        int nlines = 0, rc = LINE_OK, last_empty = 0;
        do {
            size_t before = in.n;
            rc = read_line(nlines == 0 ? ">>> " : "... ", &in);
            if (rc != LINE_OK) break;
            nlines++;
            last_empty = is_blank(in.s + before, in.n - before);
            if (nlines == 1 && last_empty) break;
        } while (!input_complete(&in, nlines, last_empty));
        if (rc == LINE_INTERRUPTED) {
            repl_sigint = 0;
            if (py_vm_check_interrupt() < 0) py_err_clear();
            fputs("\nKeyboardInterrupt\n", stderr);
            continue;
        }
        if (rc == LINE_EOF && nlines == 0) {
            if (isatty(STDIN_FILENO)) fputc('\n', stderr);
            break;
        }
        if (in.n == 0 || is_blank(in.s, in.n)) {
            if (rc == LINE_EOF) break;
            continue;
        }
        int exit_status = 0;
        int r = py_run_interactive_line(in.s, in.n, &exit_status);
        repl_sigint = 0;
        if (r == 2) {
            status = exit_status;
            break;
        }
        py_run_main_interrupted = 0;
        if (rc == LINE_EOF) break;
    }
    free(in.s);
    return status;
}
