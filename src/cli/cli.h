/*
 * cli.h -- what main.c and repl.c share.
 */
#ifndef REFGC_CLI_CLI_H
#define REFGC_CLI_CLI_H

#include "lang/pythonrun.h"

/* The interactive loop on a started runtime: prompts ">>> " / "... ",
 * each complete input compiled in the interactive mode and run in
 * __main__.  Returns the exit status (0 at end of input, SystemExit's
 * status). */
int cli_repl_loop(void);

/* main.c's helpers, shared with trace_cli.c: */
/* "512M", "2G", "64k", "100000" -> bytes; 0 and *ok = 0 on a bad value. */
size_t cli_parse_size(const char *s, int *ok);
/* All of f (malloc'd, NUL-terminated; *len bytes), or NULL with errno. */
char *cli_read_all(FILE *f, size_t *len);
/* path joined to the working directory (as python3 shows a script). */
char *cli_absolute_path(const char *path);

/* Called by the SIGINT handler: at the prompt, cancel the line being read
 * (async-signal-safe). */
void cli_repl_on_sigint(void);

#endif
