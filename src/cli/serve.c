/*
 * serve.c -- `refgc serve [--port N] [--open LESSON] [DIR]`: the simulator's
 * built web page served on 127.0.0.1 with libmicrohttpd.
 *
 * Owns: finding the page's directory, the request handler (GET and HEAD of
 * regular files under that directory, nothing else), MIME types, and the
 * start / wait-for-a-signal / stop cycle.
 *
 * Invariants:
 * - Only 127.0.0.1 is bound: the page is for the person at this machine.
 * - No file outside the root is ever opened: a request path is refused
 *   when it is not absolute, holds a segment starting with '.' ("..",
 *   ".", hidden files), a backslash, a NUL or an empty segment; what is
 *   left is resolved with realpath() and must still lie under the root's
 *   realpath (symlinks cannot leave it).
 * - SIGINT and SIGTERM are blocked in every thread (libmicrohttpd's inherit
 *   the mask) and taken by sigwait() in the main thread, which stops the
 *   daemon: Ctrl-C always ends with a clean stop and status 0.
 */
#include "cli/serve.h"

#include <stdio.h>

#ifdef REFGC_HAVE_MHD

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#define SERVE_DEFAULT_PORT 8765

typedef struct serve_root {
    char path[PATH_MAX]; /* realpath of the page's directory */
    size_t len;
} serve_root;

/* ------------------------------------------------------------------ */
/* Finding the page                                                    */
/* ------------------------------------------------------------------ */

/* Whether dir holds the built page (an index.html). */
static int has_page(const char *dir)
{
    char p[PATH_MAX];
    struct stat st;
    if (snprintf(p, sizeof p, "%s/index.html", dir) >= (int)sizeof p) return 0;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The directory the running executable lives in (empty on failure). */
static void exe_dir(char *out, size_t n)
{
    out[0] = '\0';
    char buf[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (len <= 0) return;
    buf[len] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL) return;
    *slash = '\0';
    snprintf(out, n, "%s", buf);
}

/* Fill root with the page's directory: explicit DIR, $REFGC_WEB_DIR, the
 * build tree's web output (when the binary runs from that build tree), the
 * installed share/refgc/web next to the binary.  Returns 0, or -1 after
 * printing what was tried. */
static int find_root(const char *explicit_dir, serve_root *root)
{
    char cands[6][PATH_MAX];
    int n = 0;
    if (explicit_dir != NULL) {
        snprintf(cands[n++], PATH_MAX, "%s", explicit_dir);
    } else {
        const char *env = getenv("REFGC_WEB_DIR");
        if (env != NULL && env[0] != '\0') snprintf(cands[n++], PATH_MAX, "%s", env);
#ifdef REFGC_BINARY_DIR
        snprintf(cands[n++], PATH_MAX, "%s/web", REFGC_BINARY_DIR);
        snprintf(cands[n++], PATH_MAX, "%s/web/dist", REFGC_BINARY_DIR);
#endif
        char here[PATH_MAX];
        exe_dir(here, sizeof here);
        if (here[0] != '\0') {
            snprintf(cands[n++], PATH_MAX, "%.*s/web", PATH_MAX - 8, here);
            snprintf(cands[n++], PATH_MAX, "%.*s/../share/refgc/web", PATH_MAX - 24, here);
        }
    }
    for (int i = 0; i < n; i++) {
        if (!has_page(cands[i])) continue;
        if (realpath(cands[i], root->path) == NULL) continue;
        root->len = strlen(root->path);
        return 0;
    }
    if (explicit_dir != NULL) {
        fprintf(stderr, "refgc serve: %s has no index.html (build the page: web/build.sh)\n",
                explicit_dir);
    } else {
        fprintf(stderr, "refgc serve: the web page is not built; looked in:\n");
        for (int i = 0; i < n; i++) fprintf(stderr, "  %s\n", cands[i]);
        fprintf(stderr, "build it (web/build.sh, or `make run`) or name its directory: refgc serve DIR\n");
    }
    return -1;
}

/* Check that LESSON names a lesson of ROOT/lessons/lessons.json (when the
 * page ships that index).  Returns 0 when it does or cannot be checked. */
static int check_lesson(const serve_root *root, const char *lesson)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s/lessons/lessons.json", root->path) >= (int)sizeof p) return 0;
    json_error_t err;
    json_t *doc = json_load_file(p, 0, &err);
    if (doc == NULL) return 0;
    json_t *lessons = json_object_get(doc, "lessons");
    size_t i;
    json_t *l;
    int found = !json_is_array(lessons);
    json_array_foreach(lessons, i, l) {
        const char *id = json_string_value(json_object_get(l, "id"));
        if (id != NULL && strcmp(id, lesson) == 0) found = 1;
    }
    if (!found) {
        fprintf(stderr, "refgc serve: no lesson %s; the lessons are:", lesson);
        json_array_foreach(lessons, i, l) {
            const char *id = json_string_value(json_object_get(l, "id"));
            if (id != NULL) fprintf(stderr, " %s", id);
        }
        fputc('\n', stderr);
    }
    json_decref(doc);
    return found ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/* The Content-Type for a file name. */
static const char *mime_type(const char *name)
{
    static const struct { const char *ext, *type; } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".jsonl", "application/jsonl"},
        {".wasm", "application/wasm"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".md", "text/markdown; charset=utf-8"},
        {".py", "text/plain; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    };
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    if (dot != NULL && (slash == NULL || dot > slash)) {
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot, types[i].ext) == 0) return types[i].type;
    }
    return "application/octet-stream";
}

/* Whether a request path may name a file under the root: absolute, no
 * empty segment, none starting with '.' (".", "..", and hidden files such
 * as the build's .emcache), no backslash or control character. */
static int safe_path(const char *url)
{
    if (url[0] != '/') return 0;
    for (const char *p = url; *p; p++)
        if (*p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f) return 0;
    const char *seg = url + 1;
    for (;;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (end != NULL && len == 0) return 0;
        if (len > 0 && seg[0] == '.') return 0;
        if (end == NULL) return 1;
        seg = end + 1;
    }
}

/* libmicrohttpd's unescape callback: decode %XX in place like its default,
 * but turn a decoded NUL or backslash into a backslash, which safe_path()
 * refuses (a NUL would silently cut the path short).  Returns the length. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    static const char hex[] = "0123456789abcdef";
    char *out = s;
    for (const char *in = s; *in; in++) {
        const char *h1, *h2;
        if (in[0] == '%' && in[1] && in[2] && (h1 = strchr(hex, tolower((unsigned char)in[1]))) &&
            (h2 = strchr(hex, tolower((unsigned char)in[2])))) {
            char ch = (char)((h1 - hex) * 16 + (h2 - hex));
            *out++ = ch == '\0' ? '\\' : ch;
            in += 2;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
    return (size_t)(out - s);
}

/* Queue a short plain-text response with status code. */
static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned code, const char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    if (r == NULL) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
    if (code == MHD_HTTP_METHOD_NOT_ALLOWED) MHD_add_response_header(r, "Allow", "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(c, code, r);
    MHD_destroy_response(r);
    return ret;
}

/* Open the file a safe request path names, or -1 (errno-free: any failure
 * is "not found").  *size receives its length. */
static int open_under_root(const serve_root *root, const char *url, off_t *size)
{
    char want[PATH_MAX], real[PATH_MAX];
    const char *rel = strcmp(url, "/") == 0 ? "/index.html" : url;
    if (snprintf(want, sizeof want, "%s%s", root->path, rel) >= (int)sizeof want) return -1;
    if (realpath(want, real) == NULL) return -1;
    if (strncmp(real, root->path, root->len) != 0 || real[root->len] != '/') return -1;
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    *size = st.st_size;
    return fd;
}

/* libmicrohttpd's access handler: one call per request (no body is read:
 * GET and HEAD only). */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **state)
{
    (void)version;
    (void)upload_data;
    const serve_root *root = cls;
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed\n");
    if (*state == NULL) { /* first call for this request: headers only */
        *state = (void *)1;
        return MHD_YES;
    }
    if (*upload_size != 0) return reply_text(c, MHD_HTTP_BAD_REQUEST, "bad request\n");
    if (!safe_path(url)) return reply_text(c, MHD_HTTP_FORBIDDEN, "forbidden\n");
    off_t size = 0;
    int fd = open_under_root(root, url, &size);
    if (fd < 0) return reply_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
    struct MHD_Response *r = MHD_create_response_from_fd64((uint64_t)size, fd);
    if (r == NULL) {
        close(fd);
        return MHD_NO;
    }
    const char *path = strcmp(url, "/") == 0 ? "/index.html" : url;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, mime_type(path));
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

/* ------------------------------------------------------------------ */
/* The command                                                         */
/* ------------------------------------------------------------------ */

/* The help text. */
static void serve_usage(FILE *f)
{
    fputs("usage: refgc serve [--port N] [--open LESSON] [DIR]\n"
          "Serve the simulator's web page on http://127.0.0.1:N/ until Ctrl-C.\n"
          "  --port N        the port (default 8765; 0: any free port, printed)\n"
          "  --open LESSON   print the URL that opens lesson LESSON (e.g. refcount)\n"
          "  DIR             the built page's directory (default: the build tree's\n"
          "                  web output, $REFGC_WEB_DIR, or the installed share/refgc/web)\n",
          f);
}

/* Parse a port number 0..65535 into *port.  Returns 0 or -1. */
static int parse_port(const char *s, unsigned *port)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 65535) return -1;
    *port = (unsigned)v;
    return 0;
}

/* Whether a lesson id is plain (letters, digits, '-', '_'): it goes into
 * the URL unescaped. */
static int plain_id(const char *s)
{
    if (*s == '\0') return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_'))
            return 0;
    return 1;
}

int cli_serve_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"port", required_argument, NULL, 'p'},
        {"open", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    unsigned port = SERVE_DEFAULT_PORT;
    const char *lesson = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:p:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (parse_port(optarg, &port) != 0) {
                fprintf(stderr, "refgc serve: bad port %s (0-65535)\n", optarg);
                return 2;
            }
            break;
        case 'o':
            if (!plain_id(optarg)) {
                fprintf(stderr, "refgc serve: bad lesson name %s\n", optarg);
                return 2;
            }
            lesson = optarg;
            break;
        case 'h':
            serve_usage(stdout);
            return 0;
        case ':':
            fprintf(stderr, "refgc serve: option %s needs a value\n", argv[optind - 1]);
            serve_usage(stderr);
            return 2;
        default:
            fprintf(stderr, "refgc serve: unknown option %s\n", argv[optind - 1]);
            serve_usage(stderr);
            return 2;
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, "refgc serve: one directory at most\n");
        serve_usage(stderr);
        return 2;
    }
    static serve_root root; /* lives as long as the daemon */
    if (find_root(optind < argc ? argv[optind] : NULL, &root) != 0) return 1;
    if (lesson != NULL && check_lesson(&root, lesson) != 0) return 2;

    /* Block the stop signals before libmicrohttpd starts its thread. */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, &old);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
        on_request, &root, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_UNESCAPE_CALLBACK, unescape,
        NULL, MHD_OPTION_END);
    if (d == NULL) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        fprintf(stderr, "refgc serve: cannot listen on 127.0.0.1:%u (port in use?)\n", port);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = info != NULL && info->port != 0 ? info->port : port;
    printf("refgc serve: %s\n", root.path);
    printf("http://127.0.0.1:%u/%s%s\n", bound, lesson ? "#lesson=" : "", lesson ? lesson : "");
    printf("press Ctrl-C to stop\n");
    fflush(stdout);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0) {
    }
    MHD_stop_daemon(d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "refgc serve: stopped\n");
    return 0;
}

#else /* !REFGC_HAVE_MHD */

int cli_serve_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "refgc serve: this refgc was built without libmicrohttpd "
                    "(install libmicrohttpd-dev and rebuild), or open the page's "
                    "index.html directly: it works from a file\n");
    return 1;
}

#endif
