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

/* Called by the SIGINT handler: at the prompt, cancel the line being read
 * (async-signal-safe). */
void cli_repl_on_sigint(void);

#endif
