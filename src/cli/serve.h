/*
 * serve.h -- `refgc serve`: the simulator's web page on 127.0.0.1.
 *
 * Owner: src/cli/serve.c.  main.c dispatches `refgc serve ...` here.
 */
#ifndef REFGC_CLI_SERVE_H
#define REFGC_CLI_SERVE_H

/* `refgc serve [--port N] [--open LESSON] [DIR]`.  argv[0] is the
 * subcommand's name ("serve"); the options follow.  Serves the built page
 * (DIR, else the web output of the build tree the binary belongs to, else
 * the installed share/refgc/web) until SIGINT or SIGTERM.  Returns the exit
 * status: 0 after a clean stop, 1 when the server cannot start (no page,
 * port taken), 2 for usage errors.  Always declared: without libmicrohttpd
 * it prints why it is unavailable and returns 1. */
int cli_serve_main(int argc, char **argv);

#endif
