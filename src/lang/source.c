/*
 * source.c -- the tokenizer's input: a file's bytes made into the text it
 * reads, that text read a line at a time, and the front end's UTF-8.
 *
 * Owns: py_tok_prepare, the decoding layer of CPython 3.11's
 * Parser/tokenizer.c for a file (a UTF-8 BOM; a coding spec on line 1 or
 * 2 -- check_coding_spec, get_normal_name, the codec names Python's
 * registry knows; Latin-1 recoded to UTF-8; \r\n and \r made '\n'; a
 * final '\n' added; the errors reading line 1 raises before line 2's spec
 * is looked at); py_tok_underflow, the reading of the next line
 * (tok_underflow_file/_string) with ensure_utf8's check of a line read
 * while no encoding is declared; the UTF-8 helpers (strict decoding,
 * Python's codec error messages, "replace", character counts, encoding a
 * code point).
 *
 * Invariants: the prepared text holds no '\r' and ends with '\n'.  CPython's
 * buffer pointers are pointers into it: reading a line moves `inp` past its
 * '\n' and restarts `buf` (and `cur`) at it -- in file mode only outside a
 * token (tok->start NULL), in string mode at every line.  A line is
 * checked when it is read, never before (CPython reads lazily, so a later
 * line's error can override an earlier syntax error, as in CPython, but
 * never pre-empt one).  The decoding errors are SyntaxErrors without a
 * location, worded as CPython's.
 *
 * Must not: read an encoding other than UTF-8 and Latin-1 (the others are
 * refused by name, "not supported by refgc" for codecs Python has); scan
 * tokens (tokenizer.c's); use refgc's heap (the buffer is
 * rg_os_malloc'd).
 */
#include <stdio.h>
#include <string.h>

#include "lang/token.h"
#include "os/os.h"

/* ====================================================================== */
/* UTF-8                                                                   */
/* ====================================================================== */

/* How many bytes of the sequence at s are a valid start of a strict UTF-8
 * sequence (at least 1), and whether they complete it (*ok). */
static int utf8_prefix(const unsigned char *s, const unsigned char *end, uint32_t *ch, int *ok)
{
    unsigned c = s[0];
    unsigned lo = 0x80, hi = 0xBF;
    int n;
    uint32_t v;
    *ok = 0;
    if (c < 0x80) {
        *ch = c;
        *ok = 1;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
    else if (c == 0xE0) { n = 3; v = 0; lo = 0xA0; }
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) { n = 3; v = c & 0x0F; }
    else if (c == 0xED) { n = 3; v = 0x0D; hi = 0x9F; }
    else if (c == 0xF0) { n = 4; v = 0; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) { n = 4; v = c & 0x07; }
    else if (c == 0xF4) { n = 4; v = 4; hi = 0x8F; }
    else return 1;
    for (int i = 1; i < n; i++) {
        if (s + i >= end || s[i] < lo || s[i] > hi) return i;
        v = (v << 6) | (s[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *ch = v;
    *ok = 1;
    return n;
}

/* One strict UTF-8 sequence: its length, or 0. */
int py_tok_utf8_decode(const unsigned char *s, const unsigned char *end, uint32_t *ch)
{
    int ok;
    int n = utf8_prefix(s, end, ch, &ok);
    return ok ? n : 0;
}

/* Python's UTF-8 codec error for the first invalid sequence of [s, end). */
int py_tok_utf8_error(const char *s, const char *end, char *msg, size_t size)
{
    const unsigned char *p = (const unsigned char *)s, *e = (const unsigned char *)end;
    while (p < e) {
        uint32_t ch;
        int ok;
        int n = *p < 0x80 ? (ok = 1, 1) : utf8_prefix(p, e, &ch, &ok);
        if (!ok) {
            const char *reason;
            unsigned c = *p;
            int valid_lead = (c >= 0xC2 && c <= 0xF4);
            if (!valid_lead) reason = "invalid start byte";
            else if (p + n >= e) reason = "unexpected end of data";
            else reason = "invalid continuation byte";
            size_t pos = (size_t)(p - (const unsigned char *)s);
            if (n == 1)
                snprintf(msg, size, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", c, pos, reason);
            else
                snprintf(msg, size, "'utf-8' codec can't decode bytes in position %zu-%zu: %s", pos,
                         pos + (size_t)n - 1, reason);
            return 1;
        }
        p += n;
    }
    return 0;
}

/* [s, s+n) decoded with "replace" and encoded again. */
size_t py_tok_utf8_replace(const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t o = 0;
    while (p < end) {
        uint32_t ch;
        int ok;
        int k = *p < 0x80 ? (ok = 1, 1) : utf8_prefix(p, end, &ch, &ok);
        if (ok) {
            memcpy(out + o, p, (size_t)k);
            o += (size_t)k;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        }
        p += k;
    }
    return o;
}

/* Characters in [s, s+n), decoding with "replace". */
size_t py_tok_utf8_chars(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t count = 0;
    uint32_t ch;
    int ok;
    while (p < end) {
        if (*p < 0x80) p++;
        else p += utf8_prefix(p, end, &ch, &ok);
        count++;
    }
    return count;
}


/* ====================================================================== */
/* Reading a line                                                          */
/* ====================================================================== */

/* CPython's error for a line that is not UTF-8 while no encoding is
 * declared (PyErr_Format: no location). */
static void non_utf8_error(py_tok_error *err, unsigned byte, const char *filename, int lineno)
{
    snprintf(err->msg, sizeof err->msg,
             "Non-UTF-8 code starting with '\\x%.2x' in file %s on line %d, but no encoding declared; "
             "see https://peps.python.org/pep-0263/ for details",
             byte, filename ? filename : "<string>", lineno);
    err->set = 1;
    err->type = PY_ERR_SYNTAX;
    err->located = 0;
    err->text = NULL;
    err->text_len = 0;
}

/* Read the next line: [inp, next '\n'].  Returns 0 at the end of input or
 * on a decoding error. */
int py_tok_underflow(py_tok_state *tok)
{
    if (tok->file_mode) {
        if (tok->start == NULL) tok->buf = tok->cur = tok->inp;
    }
    if (tok->inp >= tok->src_end) {
        tok->done = PY_E_EOF;
        return 0;
    }
    const char *nl = memchr(tok->inp, '\n', (size_t)(tok->src_end - tok->inp));
    const char *end = nl ? nl + 1 : tok->src_end;
    if (!tok->file_mode) tok->buf = tok->cur;
    const char *line = tok->inp;
    tok->inp = end;
    tok->lineno++;
    if (tok->file_mode && (!tok->encoding_declared || tok->lineno < tok->encoding_line)) {
        /* ensure_utf8: the default encoding is UTF-8.  It reads the line
         * as a C string: up to a NUL byte (reported after, by tok_nextc). */
        const char *nul = memchr(line, '\0', (size_t)(end - line));
        const unsigned char *p = (const unsigned char *)line, *e = (const unsigned char *)(nul ? nul : end);
        while (p < e) {
            uint32_t ch;
            int n = *p < 0x80 ? 1 : py_tok_utf8_decode(p, e, &ch);
            if (n == 0) {
                non_utf8_error(&tok->err, *p, tok->filename, tok->lineno);
                tok->done = PY_E_DECODE;
                tok->decoding_erred = 1;
                return 0;
            }
            p += n;
        }
    }
    return 1;
}

/* ====================================================================== */
/* Preparing a file                                                        */
/* ====================================================================== */

/* get_normal_name: "utf-8" and "iso-8859-1" spellings. */
static const char *normal_encoding_name(const char *s)
{
    char buf[13];
    int i;
    for (i = 0; i < 12; i++) {
        int c = (unsigned char)s[i];
        if (c == '\0') break;
        buf[i] = c == '_' ? '-' : (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    buf[i] = '\0';
    if (strcmp(buf, "utf-8") == 0 || strncmp(buf, "utf-8-", 6) == 0) return "utf-8";
    if (strcmp(buf, "latin-1") == 0 || strcmp(buf, "iso-8859-1") == 0 ||
        strcmp(buf, "iso-latin-1") == 0 || strncmp(buf, "latin-1-", 8) == 0 ||
        strncmp(buf, "iso-8859-1-", 11) == 0 || strncmp(buf, "iso-latin-1-", 12) == 0)
        return "iso-8859-1";
    return s;
}

/* encodings.normalize_encoding after codecs.lookup's lower(): runs of
 * characters other than letters, digits and '.' become one '_', leading
 * and trailing ones go. */
static void python_codec_name(const char *s, char *out, size_t size)
{
    size_t n = 0;
    int punct = 0;
    for (; *s && n + 2 < size; s++) {
        int c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.') {
            if (punct && n) out[n++] = '_';
            out[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            punct = 0;
        } else {
            punct = 1;
        }
    }
    out[n] = '\0';
}

/* Which codec Python's registry finds for a name get_normal_name leaves
 * alone: 1 utf-8, 2 latin-1, 0 another or none. */
static int codec_alias(const char *name)
{
    static const char *const utf8[] = {"utf_8", "cp65001", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4"};
    static const char *const latin1[] = {"latin_1", "8859", "cp819", "csisolatin1", "ibm819", "iso8859",
                                         "iso8859_1", "iso_8859_1", "iso_8859_1_1987", "iso_ir_100",
                                         "l1", "latin", "latin1"};
    char buf[64];
    size_t i;
    python_codec_name(name, buf, sizeof buf);
    for (i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
        if (strcmp(buf, utf8[i]) == 0) return 1;
    for (i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
        if (strcmp(buf, latin1[i]) == 0) return 2;
    return 0;
}

/* Is name one of Python's codecs (by its module name in encodings/)?
 * Those refgc does not read get their own message. */
static int known_codec(const char *name)
{
    static const char *const codecs[] = {
        "ascii", "big5", "big5hkscs", "cp037", "cp1006", "cp1026", "cp1125", "cp1140", "cp1250",
        "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp273",
        "cp424", "cp437", "cp500", "cp720", "cp737", "cp775", "cp850", "cp852", "cp855", "cp856",
        "cp857", "cp858", "cp860", "cp861", "cp862", "cp863", "cp864", "cp865", "cp866", "cp869",
        "cp874", "cp875", "cp932", "cp949", "cp950", "euc_jis_2004", "euc_jisx0213", "euc_jp",
        "euc_kr", "gb18030", "gb2312", "gbk", "hp_roman8", "hz", "iso2022_jp", "iso2022_jp_1",
        "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_ext", "iso2022_kr",
        "iso8859_10", "iso8859_11", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
        "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
        "iso8859_9", "johab", "koi8_r", "koi8_t", "koi8_u", "kz1048", "mac_arabic", "mac_croatian",
        "mac_cyrillic", "mac_farsi", "mac_greek", "mac_iceland", "mac_latin2", "mac_roman",
        "mac_romanian", "mac_turkish", "ptcp154", "shift_jis", "shift_jis_2004", "shift_jisx0213",
        "tis_620", "utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7",
        "utf_8_sig", "us_ascii", "latin2", "latin3", "latin4", "latin5", "latin6", "latin7", "latin8",
        "latin9", "latin10", "cyrillic", "greek", "hebrew", "arabic", "thai", "sjis", "ms932", "ms936",
        "ms949", "ms950", "windows_1250", "windows_1251", "windows_1252", "windows_1253", "windows_1254",
        "windows_1255", "windows_1256", "windows_1257", "windows_1258", "euckr", "eucjp", "u16", "u32",
        "utf16", "utf32", "utf_16le", "utf_16be", "ascii", "646"};
    char norm[64], buf[64], ref[32];
    size_t i, n = 0;
    /* Compare without case and separators ("ISO-8859-5" is iso8859_5). */
    python_codec_name(name, norm, sizeof norm);
    for (i = 0; norm[i]; i++)
        if (norm[i] != '_' && norm[i] != '.') buf[n++] = norm[i];
    buf[n] = '\0';
    for (i = 0; i < sizeof codecs / sizeof codecs[0]; i++) {
        size_t k = 0;
        for (const char *q = codecs[i]; *q && k + 1 < sizeof ref; q++)
            if (*q != '_') ref[k++] = *q;
        ref[k] = '\0';
        if (strcmp(buf, ref) == 0) return 1;
    }
    return 0;
}

/* get_coding_spec on one raw line [s, s+size): 1 and the name in spec (or
 * spec[0] == 0) if the line is a comment line or blank; 0 if it holds
 * code (later lines are not looked at). */
static int coding_spec(const char *s, size_t size, char *spec, size_t spec_size)
{
    size_t i;
    spec[0] = '\0';
    for (i = 0; i + 6 < size; i++) {
        if (s[i] == '#') break;
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\014') goto code;
    }
    for (; i + 6 < size; i++) {
        const char *t = s + i;
        if (memcmp(t, "coding", 6) == 0) {
            t += 6;
            if (t[0] != ':' && t[0] != '=') continue;
            do {
                t++;
            } while (t < s + size && (t[0] == ' ' || t[0] == '\t'));
            const char *begin = t;
            while (t < s + size &&
                   ((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z') ||
                    (t[0] >= '0' && t[0] <= '9') || t[0] == '-' || t[0] == '_' || t[0] == '.'))
                t++;
            if (begin < t) {
                size_t n = (size_t)(t - begin);
                if (n >= spec_size) n = spec_size - 1;
                memcpy(spec, begin, n);
                spec[n] = '\0';
                return 1;
            }
        }
    }
code:
    /* No spec: a line with anything but a comment ends the search. */
    for (i = 0; i < size; i++) {
        if (s[i] == '#' || s[i] == '\n' || s[i] == '\r') break;
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\014') return 0;
    }
    return 1;
}

/* An error without a location (the decoding errors CPython raises with
 * PyErr_Format). */
static void unlocated_error(py_tok_error *err, const char *fmt, const char *arg)
{
    memset(err, 0, sizeof *err);
    err->set = 1;
    err->type = PY_ERR_SYNTAX;
    snprintf(err->msg, sizeof err->msg, fmt, arg);
}

/* The errors reading line 1 [s, e) raises before line 2 is looked at
 * (ensure_utf8 up to a NUL, then the NUL); 1 if one is set in err. */
static int line1_error(const char *s, const char *e, int bom, const char *filename, py_tok_error *err)
{
    const char *nul = memchr(s, '\0', (size_t)(e - s));
    const char *end = nul ? nul : e;
    char msg[8];
    if (!bom && py_tok_utf8_error(s, end, msg, sizeof msg)) {
        const unsigned char *p = (const unsigned char *)s;
        uint32_t ch;
        while (p < (const unsigned char *)end &&
               (*p < 0x80 || py_tok_utf8_decode(p, (const unsigned char *)end, &ch)))
            p += *p < 0x80 ? 1 : py_tok_utf8_decode(p, (const unsigned char *)end, &ch);
        memset(err, 0, sizeof *err);
        non_utf8_error(err, *p, filename, 1);
        return 1;
    }
    if (nul) {
        memset(err, 0, sizeof *err);
        err->set = 1;
        err->type = PY_ERR_SYNTAX;
        err->located = 1;
        err->lineno = err->end_lineno = 1;
        snprintf(err->msg, sizeof err->msg, "source code cannot contain null bytes");
        return 1;
    }
    return 0;
}

/* The end of the raw line starting at s (universal newlines). */
static const char *raw_line_end(const char *s, const char *end)
{
    while (s < end && *s != '\n' && *s != '\r') s++;
    if (s < end && *s == '\r' && s + 1 < end && s[1] == '\n') return s + 2;
    return s < end ? s + 1 : s;
}

/* Prepare a file's bytes for the tokenizer. */
char *py_tok_prepare(const char *data, size_t len, const char *filename,
                     int *encoding_line, size_t *out_len, py_tok_error *err)
{
    const char *p = data, *end = data + len;
    int bom = 0, latin1 = 0;
    const char *latin1_from = NULL;
    (void)filename;
    err->set = 0;
    *encoding_line = -1;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF) {
        p += 3;
        bom = 1;
        *encoding_line = 0;
    }
    /* A coding spec on line 1 or 2 (check_coding_spec). */
    const char *line = p;
    for (int n = 0; n < 2 && line < end; n++) {
        const char *le = raw_line_end(line, end);
        /* An error on line 2's spec comes after line 1's own errors. */
#define SPEC_ERROR(...)                                                        \
    do {                                                                       \
        if (n == 1 && line1_error(p, line, bom, filename, err)) return NULL;   \
        unlocated_error(err, __VA_ARGS__);                                     \
        return NULL;                                                           \
    } while (0)
        /* CPython looks at the line as a C string: up to a NUL. */
        const char *nul = memchr(line, '\0', (size_t)(le - line));
        char spec[64];
        if (!coding_spec(line, (size_t)((nul ? nul : le) - line), spec, sizeof spec)) break;
        if (spec[0]) {
            const char *name = normal_encoding_name(spec);
            int alias = codec_alias(name);
            if (bom && strcmp(name, "utf-8") != 0) SPEC_ERROR("encoding problem: %s with BOM", name);
            if (strcmp(name, "utf-8") == 0 || alias == 1) {
                /* (With a BOM, spec "utf-8": the encoding was set from the start.)
                 * A name get_normal_name leaves alone goes through a codec
                 * reader (fp_setreadl), which decodes ahead: bad UTF-8 is
                 * "encoding problem" then (at once in CPython for its
                 * first 8 KB; refgc says it for any). */
                char msg[64];
                if (strcmp(name, "utf-8") != 0 && py_tok_utf8_error(le, end, msg, sizeof msg))
                    SPEC_ERROR("encoding problem: %s", name);
                if (!bom) *encoding_line = n + 1;
            } else if (strcmp(name, "iso-8859-1") == 0 || alias == 2) {
                *encoding_line = n + 1;
                latin1 = 1;
                latin1_from = le;
            } else {
                SPEC_ERROR(known_codec(name) ? "encoding problem: %s is not supported by refgc"
                                             : "encoding problem: %s",
                           name);
            }
            break;
        }
        line = le;
    }
#undef SPEC_ERROR
    /* Translate newlines (and Latin-1), add the final '\n'. */
    size_t cap = (size_t)(end - p) + 1;
    if (latin1) {
        if (cap > (SIZE_MAX - 1) / 2) return NULL;
        cap = cap * 2;
    }
    char *out = rg_os_malloc(cap ? cap : 1);
    if (!out) return NULL;
    size_t o = 0;
    for (const char *s = p; s < end; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '\r') {
            out[o++] = '\n';
            if (s + 1 < end && s[1] == '\n') s++;
        } else if (latin1 && ch >= 0x80 && s >= latin1_from) {
            o += py_utf8_put(out + o, ch);
        } else {
            out[o++] = (char)ch;
        }
    }
    if (o > 0 && out[o - 1] != '\n') out[o++] = '\n';
    *out_len = o;
    return out;
}
