/*
 * ast.h -- the front end's abstract syntax tree and its public interface:
 * parse a file into a tree, dump a tree, report a syntax error.
 *
 * Owns: the node types, node for node and field for field those of
 * CPython 3.11's ast module (Parser/Python.asdl), with CPython's
 * positions (lines from 1, columns as UTF-8 byte offsets); the arena the
 * nodes live in (plain malloc'd blocks freed at once -- never refgc's
 * object heap, so parsing leaves the collector's counts alone); the
 * syntax error record; ast.dump's text.
 *
 * Literal numbers stay as their source text (the compiler converts them);
 * strings are decoded to UTF-8 (a lone surrogate from an escape such as
 * "\ud800" is kept as its 3-byte generalized UTF-8 form) and bytes to
 * bytes.
 *
 * Not accepted (a SyntaxError whose message ends "is not supported by
 * refgc"): match statements, async def/for/with, await and async
 * comprehensions (parsed, then refused if the file parses), \N{...}
 * escapes; see the list at the top of parser.c.
 */
#ifndef PY_LANG_AST_H
#define PY_LANG_AST_H

#include <stddef.h>
#include <stdint.h>

/* ====================================================================== */
/* Arena                                                                   */
/* ====================================================================== */

typedef struct py_arena py_arena;

/* A new, empty arena; NULL if out of memory. */
py_arena *py_arena_new(void);

/* Free the arena and everything allocated in it. */
void py_arena_free(py_arena *arena);

/* size bytes (zeroed, 8-byte aligned) that live as long as the arena;
 * NULL if out of memory. */
void *py_arena_alloc(py_arena *arena, size_t size);

/* Bytes the arena holds from the system (for tests and statistics). */
size_t py_arena_size(const py_arena *arena);

/* ====================================================================== */
/* Sequences                                                               */
/* ====================================================================== */

/* A sequence of nodes (asdl_seq): NULL or size items. */
typedef struct py_seq {
    int size;
    void *items[];
} py_seq;

/* A sequence of ints (asdl_int_seq: Compare's ops). */
typedef struct py_int_seq {
    int size;
    int items[];
} py_int_seq;

#define PY_SEQ_LEN(s) ((s) ? (s)->size : 0)
#define PY_SEQ_GET(s, i) ((s)->items[(i)])

/* ====================================================================== */
/* Enumerations                                                            */
/* ====================================================================== */

typedef enum { PY_Load = 1, PY_Store, PY_Del } py_expr_context;
typedef enum { PY_And = 1, PY_Or } py_boolop;
typedef enum {
    PY_Add = 1, PY_Sub, PY_Mult, PY_MatMult, PY_Div, PY_Mod, PY_Pow, PY_LShift,
    PY_RShift, PY_BitOr, PY_BitXor, PY_BitAnd, PY_FloorDiv
} py_operator;
typedef enum { PY_Invert = 1, PY_Not, PY_UAdd, PY_USub } py_unaryop;
typedef enum {
    PY_Eq = 1, PY_NotEq, PY_Lt, PY_LtE, PY_Gt, PY_GtE, PY_Is, PY_IsNot, PY_In, PY_NotIn
} py_cmpop;

/* ====================================================================== */
/* Constants                                                               */
/* ====================================================================== */

typedef enum {
    PY_CONST_NONE, PY_CONST_TRUE, PY_CONST_FALSE, PY_CONST_ELLIPSIS,
    PY_CONST_INT,     /* text: the literal as written ("0x_ff", "1_000") */
    PY_CONST_FLOAT,   /* text: as written ("1e3", ".5", "1_0.0") */
    PY_CONST_COMPLEX, /* text: as written, with its j ("1.5j") */
    PY_CONST_STR,     /* text: the value in (generalized) UTF-8 */
    PY_CONST_BYTES    /* text: the value */
} py_const_kind;

typedef struct py_constant {
    py_const_kind kind;
    const char *text; /* NUL-terminated; len bytes (may hold NULs) */
    size_t len;
} py_constant;

/* ====================================================================== */
/* Nodes                                                                   */
/* ====================================================================== */

typedef struct py_expr py_expr;
typedef struct py_stmt py_stmt;
typedef struct py_arguments py_arguments;

/* The position attributes of stmt, expr, excepthandler, arg, keyword and
 * alias. */
#define PY_AST_POS int lineno, col_offset, end_lineno, end_col_offset

typedef enum {
    PY_Module_kind = 1, PY_Interactive_kind, PY_Expression_kind, PY_FunctionType_kind
} py_mod_kind;

typedef struct py_mod {
    py_mod_kind kind;
    py_seq *body;         /* stmt* */
    py_seq *type_ignores; /* always empty */
} py_mod;

typedef enum {
    PY_FunctionDef_kind = 1, PY_AsyncFunctionDef_kind, PY_ClassDef_kind, PY_Return_kind,
    PY_Delete_kind, PY_Assign_kind, PY_AugAssign_kind, PY_AnnAssign_kind, PY_For_kind,
    PY_AsyncFor_kind, PY_While_kind, PY_If_kind, PY_With_kind, PY_AsyncWith_kind,
    PY_Match_kind, PY_Raise_kind, PY_Try_kind, PY_TryStar_kind, PY_Assert_kind,
    PY_Import_kind, PY_ImportFrom_kind, PY_Global_kind, PY_Nonlocal_kind, PY_Expr_kind,
    PY_Pass_kind, PY_Break_kind, PY_Continue_kind
} py_stmt_kind;

struct py_stmt {
    py_stmt_kind kind;
    PY_AST_POS;
    union {
        struct {
            const char *name;
            py_arguments *args;
            py_seq *body;           /* stmt* */
            py_seq *decorator_list; /* expr* */
            py_expr *returns;       /* optional */
            const char *type_comment; /* always NULL */
        } FunctionDef; /* also AsyncFunctionDef (never produced) */
        struct {
            const char *name;
            py_seq *bases;          /* expr* */
            py_seq *keywords;       /* keyword* */
            py_seq *body;
            py_seq *decorator_list;
        } ClassDef;
        struct { py_expr *value; } Return; /* value optional */
        struct { py_seq *targets; } Delete;
        struct { py_seq *targets; py_expr *value; const char *type_comment; } Assign;
        struct { py_expr *target; py_operator op; py_expr *value; } AugAssign;
        struct { py_expr *target; py_expr *annotation; py_expr *value; int simple; } AnnAssign;
        struct {
            py_expr *target, *iter;
            py_seq *body, *orelse;
            const char *type_comment;
        } For; /* also AsyncFor */
        struct { py_expr *test; py_seq *body, *orelse; } While;
        struct { py_expr *test; py_seq *body, *orelse; } If;
        struct { py_seq *items; py_seq *body; const char *type_comment; } With; /* withitem* */
        struct { py_expr *exc, *cause; } Raise; /* both optional */
        struct { py_seq *body, *handlers, *orelse, *finalbody; } Try; /* also TryStar */
        struct { py_expr *test, *msg; } Assert; /* msg optional */
        struct { py_seq *names; } Import;       /* alias* */
        struct { const char *module; py_seq *names; int level; } ImportFrom;
        struct { py_seq *names; } Global;       /* const char* items */
        struct { py_seq *names; } Nonlocal;
        struct { py_expr *value; } Expr;
    } v;
};

typedef enum {
    PY_BoolOp_kind = 1, PY_NamedExpr_kind, PY_BinOp_kind, PY_UnaryOp_kind, PY_Lambda_kind,
    PY_IfExp_kind, PY_Dict_kind, PY_Set_kind, PY_ListComp_kind, PY_SetComp_kind,
    PY_DictComp_kind, PY_GeneratorExp_kind, PY_Await_kind, PY_Yield_kind,
    PY_YieldFrom_kind, PY_Compare_kind, PY_Call_kind, PY_FormattedValue_kind,
    PY_JoinedStr_kind, PY_Constant_kind, PY_Attribute_kind, PY_Subscript_kind,
    PY_Starred_kind, PY_Name_kind, PY_List_kind, PY_Tuple_kind, PY_Slice_kind
} py_expr_kind;

struct py_expr {
    py_expr_kind kind;
    PY_AST_POS;
    union {
        struct { py_boolop op; py_seq *values; } BoolOp;
        struct { py_expr *target, *value; } NamedExpr;
        struct { py_expr *left; py_operator op; py_expr *right; } BinOp;
        struct { py_unaryop op; py_expr *operand; } UnaryOp;
        struct { py_arguments *args; py_expr *body; } Lambda;
        struct { py_expr *test, *body, *orelse; } IfExp;
        struct { py_seq *keys, *values; } Dict; /* a NULL key: **value */
        struct { py_seq *elts; } Set;
        struct { py_expr *elt; py_seq *generators; } ListComp; /* also SetComp, GeneratorExp */
        struct { py_expr *key, *value; py_seq *generators; } DictComp;
        struct { py_expr *value; } Await;
        struct { py_expr *value; } Yield; /* optional */
        struct { py_expr *value; } YieldFrom;
        struct { py_expr *left; py_int_seq *ops; py_seq *comparators; } Compare;
        struct { py_expr *func; py_seq *args; py_seq *keywords; } Call;
        struct { py_expr *value; int conversion; py_expr *format_spec; } FormattedValue;
        struct { py_seq *values; } JoinedStr;
        struct { py_constant value; const char *kind; } Constant; /* kind: "u" or NULL */
        struct { py_expr *value; const char *attr; py_expr_context ctx; } Attribute;
        struct { py_expr *value; py_expr *slice; py_expr_context ctx; } Subscript;
        struct { py_expr *value; py_expr_context ctx; } Starred;
        struct { const char *id; py_expr_context ctx; } Name;
        struct { py_seq *elts; py_expr_context ctx; } List; /* also Tuple */
        struct { py_expr *lower, *upper, *step; } Slice;    /* all optional */
    } v;
};

typedef struct py_comprehension {
    py_expr *target, *iter;
    py_seq *ifs;
    int is_async;
    int async_lineno, async_col_offset; /* where 'async' is (not an ASDL field) */
} py_comprehension;

typedef struct py_excepthandler {
    int kind; /* 1: ExceptHandler */
    PY_AST_POS;
    py_expr *type;    /* optional */
    const char *name; /* optional */
    py_seq *body;
} py_excepthandler;

typedef struct py_arg {
    const char *arg;
    py_expr *annotation; /* optional */
    const char *type_comment;
    PY_AST_POS;
} py_arg;

struct py_arguments {
    py_seq *posonlyargs, *args; /* arg* */
    py_arg *vararg;
    py_seq *kwonlyargs;
    py_seq *kw_defaults;        /* expr*, NULL items for no default */
    py_arg *kwarg;
    py_seq *defaults;
};

typedef struct py_keyword {
    const char *arg; /* NULL for **value */
    py_expr *value;
    PY_AST_POS;
} py_keyword;

typedef struct py_alias {
    const char *name, *asname;
    PY_AST_POS;
} py_alias;

typedef struct py_withitem {
    py_expr *context_expr, *optional_vars;
} py_withitem;

/* ====================================================================== */
/* Parsing                                                                 */
/* ====================================================================== */

/* The exception a failed parse raises, as CPython 3.11 would. */
typedef enum {
    PY_ERR_NONE,
    PY_ERR_SYNTAX,      /* SyntaxError */
    PY_ERR_INDENTATION, /* IndentationError */
    PY_ERR_TAB,         /* TabError */
    PY_ERR_MEMORY,      /* MemoryError (out of memory, or the parser's stack) */
    PY_ERR_RECURSION,   /* RecursionError (the compiler's depth limit) */
    PY_ERR_UNICODE_DECODE /* UnicodeDecodeError (invalid UTF-8 in a file that declares
                           * its encoding, met while looking past a syntax error) */
} py_error_type;

typedef struct py_parse_error {
    py_error_type type;
    char msg[512];   /* str(exception); "" for MemoryError (a long message is cut) */
    /* SyntaxError's lineno, offset, end_lineno, end_offset as Python sees
     * them: offsets from 1, in bytes unless the file declares its encoding
     * (BOM or coding spec: characters), end_offset may be 0 or -1, as
     * CPython computes them; located == 0: all four are None. */
    int located;
    int lineno, offset, end_lineno, end_offset;
    /* SyntaxError.text: the line as CPython gives it (a parser error: the
     * file's line with its '\n'; a tokenizer error: up to the '\n'; an
     * f-string expression: "(expr)\n"), invalid UTF-8 replaced by U+FFFD;
     * malloc'd, NUL-terminated, or NULL. */
    char *text;
    size_t text_len;
} py_parse_error;

/* The exception's name: "SyntaxError", "MemoryError", ... */
const char *py_error_type_name(py_error_type type);

/* Free what an error holds (its text); the record can be reused. */
void py_parse_error_clear(py_parse_error *err);

/* The depth limit of CPython 3.11's compiler for a script: sys's
 * recursion limit (1000) times COMPILER_STACK_FRAME_SCALE (3).  A tree
 * with more stmt and expr nodes on one path fails to compile with
 * "RecursionError: maximum recursion depth exceeded during compilation"
 * (ast_opt.c counts them; other nodes do not count). */
#define PY_AST_MAX_DEPTH 3000

/* py_parse_file's flags. */
enum {
    /* Also fail as the compiler does on trees deeper than
     * PY_AST_MAX_DEPTH (a tree that passes has a bounded depth, so its
     * consumers may recurse on it). */
    PY_PARSE_CHECK_DEPTH = 1,
    /* Return trees with async constructs instead of refusing them. */
    PY_PARSE_ALLOW_ASYNC = 2
};

/* Parse a source file (its bytes, as read) as `python3 FILE` would:
 * returns the Module, its nodes in arena, or NULL with *err filled in.
 * filename appears in some messages (python3 gives the script's absolute
 * path there). */
py_mod *py_parse_file(const char *data, size_t len, const char *filename, py_arena *arena, int flags,
                      py_parse_error *err);

/* ====================================================================== */
/* Dump and helpers                                                        */
/* ====================================================================== */

/* ast.dump(tree) (default arguments; include_attributes: the positions
 * too, as ast.dump(tree, include_attributes=True)) as a malloc'd
 * NUL-terminated string; NULL if out of memory.  Recursive: needs a tree
 * of bounded depth (py_parse_file's PY_PARSE_CHECK_DEPTH). */
char *py_ast_dump(const py_mod *mod, int include_attributes, size_t *len);

/* The value of an int literal (PY_CONST_INT text) if it is below 2**64:
 * 0 and *value, or -1. */
int py_ast_int_value(const py_constant *c, uint64_t *value);

/* The value of a float or imaginary literal (without the j). */
double py_ast_float_value(const py_constant *c);

/* Is the tree deeper than limit, counting stmt and expr nodes on one path
 * as CPython's compiler does?  1 yes, 0 no, -1 out of memory.  Iterative:
 * any tree may be checked. */
int py_ast_too_deep(const py_mod *mod, int limit);

/* An async construct: what it is and where its keyword is. */
enum { PY_ASYNC_DEF = 1, PY_ASYNC_FOR, PY_ASYNC_WITH, PY_ASYNC_AWAIT, PY_ASYNC_COMPREHENSION };
typedef struct py_async_use {
    int kind; /* PY_ASYNC_*, 0: none */
    int lineno, col_offset;
} py_async_use;

/* The first async def/for/with, await or async comprehension of the
 * tree in source order: 1 and *first, 0 if none, -1 out of memory.
 * (py_parse_file refuses such trees; this is for its callers' tests.) */
int py_ast_first_async(const py_mod *mod, py_async_use *first);

/* Python's repr() of a str value (UTF-8 as in py_constant) or of a bytes
 * value, appended to a malloc'd buffer (*buf, *len, *cap); -1 if out of
 * memory. */
int py_ast_repr_str(const char *s, size_t n, int bytes, char **buf, size_t *len, size_t *cap);

#endif /* PY_LANG_AST_H */
