/*
 * pe_ast.h - tokens (lexer.c), AST nodes (parser.c) shared with compiler.c.
 */
#ifndef PE_AST_H
#define PE_AST_H

#include "pe_vm.h"

/* ------------------------------------------------------------------ */
/* Tokens: TOK(name, text). Keywords are tokens of their own.          */
/* ------------------------------------------------------------------ */

#define PE_TOKENS(T)                                                             \
    T(ENDMARKER, "end of input") T(NAME, "name") T(NUMBER, "number")             \
    T(STRING, "string") T(NEWLINE, "newline") T(INDENT, "indent")                \
    T(DEDENT, "dedent") T(LPAR, "(") T(RPAR, ")") T(LSQB, "[") T(RSQB, "]")      \
    T(LBRACE, "{") T(RBRACE, "}") T(COLON, ":") T(COMMA, ",") T(SEMI, ";")       \
    T(PLUS, "+") T(MINUS, "-") T(STAR, "*") T(SLASH, "/") T(VBAR, "|")           \
    T(AMPER, "&") T(LESS, "<") T(GREATER, ">") T(EQUAL, "=") T(DOT, ".")         \
    T(PERCENT, "%") T(EQEQUAL, "==") T(NOTEQUAL, "!=") T(LESSEQUAL, "<=")        \
    T(GREATEREQUAL, ">=") T(TILDE, "~") T(CIRCUMFLEX, "^") T(LEFTSHIFT, "<<")    \
    T(RIGHTSHIFT, ">>") T(DOUBLESTAR, "**") T(PLUSEQUAL, "+=")                   \
    T(MINEQUAL, "-=") T(STAREQUAL, "*=") T(SLASHEQUAL, "/=")                     \
    T(PERCENTEQUAL, "%=") T(AMPEREQUAL, "&=") T(VBAREQUAL, "|=")                 \
    T(CIRCUMFLEXEQUAL, "^=") T(LEFTSHIFTEQUAL, "<<=")                            \
    T(RIGHTSHIFTEQUAL, ">>=") T(DOUBLESTAREQUAL, "**=")                          \
    T(DOUBLESLASH, "//") T(DOUBLESLASHEQUAL, "//=") T(AT, "@")                   \
    T(ATEQUAL, "@=") T(RARROW, "->") T(ELLIPSIS, "...") T(COLONEQUAL, ":=")      \
    T(EXCLAMATION, "!")                                                          \
    /* keywords last, in byte order (lexer.c binary-searches them) */            \
    T(KW_False, "False") T(KW_None, "None") T(KW_True, "True") T(KW_and, "and")  \
    T(KW_as, "as") T(KW_assert, "assert") T(KW_async, "async")                   \
    T(KW_await, "await") T(KW_break, "break") T(KW_class, "class")               \
    T(KW_continue, "continue") T(KW_def, "def") T(KW_del, "del")                 \
    T(KW_elif, "elif") T(KW_else, "else") T(KW_except, "except")                 \
    T(KW_finally, "finally") T(KW_for, "for") T(KW_from, "from")                 \
    T(KW_global, "global") T(KW_if, "if") T(KW_import, "import")                 \
    T(KW_in, "in") T(KW_is, "is") T(KW_lambda, "lambda")                         \
    T(KW_nonlocal, "nonlocal") T(KW_not, "not") T(KW_or, "or")                   \
    T(KW_pass, "pass") T(KW_raise, "raise") T(KW_return, "return")               \
    T(KW_try, "try") T(KW_while, "while") T(KW_with, "with")                     \
    T(KW_yield, "yield")

enum pe_tok {
#define PE_TOK_ENUM(n, s) PE_TOK_##n,
    PE_TOKENS(PE_TOK_ENUM)
#undef PE_TOK_ENUM
        PE_TOK__COUNT
};
extern const char *const pe_tok_text[PE_TOK__COUNT];

typedef struct pe_token {
    int kind;
    const char *start; /* into the source */
    size_t len;
    uint32_t line;     /* 1-based */
    uint32_t col;      /* 1-based, in code points */
    uint32_t end_line, end_col;
} pe_token;

typedef struct pe_lexer {
    pe_state *S;
    const char *src, *end, *p;
    const char *filename;
    const char *line_start; /* start of the current line */
    uint32_t line;
    int indents[100];       /* indentation columns (tabs to 8) */
    int altindents[100];    /* tabs counted as 1: TabError detection */
    int nindent;
    int pending_dedents;
    int pending_indent;
    bool at_line_start;
    bool eof_newline_done;
    int last_kind; /* kind of the previous token (0 at start) */
    int paren_depth;
    char parens[200];       /* open bracket chars */
    uint32_t paren_line[200], paren_col[200];
    const char *cc_line, *cc_p; /* column cache: position cc_p has column cc_col */
    uint32_t cc_col;
    uint32_t tick;          /* tokens since the last time-limit check */
    bool quiet;             /* no warnings (f-string expression sub-lexers) */
    const char *comment;    /* a comment skipped before the current token */
    uint32_t line_base;     /* f-string sub-lexers: added to the line an error
                             * reports (the shown text is the local line) */
    bool failed;            /* the lexer raised (not the parser) */
    bool eof_unclosed;      /* ... and it was "'(' was never closed" */
    bool bad_token;         /* ... or "invalid syntax" for a stray $ ? ` */
} pe_lexer;

void pe_lex_init(pe_lexer *L, pe_state *S, const char *src, size_t len, const char *filename);
/* Next token; -1 with SyntaxError pending on a lexical error. */
int pe_lex_next(pe_lexer *L, pe_token *tok);
/* The time limit during compilation (the lexer calls it every 1024 tokens,
 * the compiler every 1024 nodes): LimitError once the state's deadline has
 * passed; if it was interrupted, the state's interrupt hook or
 * KeyboardInterrupt, as the VM does. */
int pe_compile_check_time(pe_state *S);
/* Writes a SyntaxWarning to the state's error output as CPython's warnings
 * module shows it: "FILE:LINE: SyntaxWarning: MSG", then the stripped
 * source line when FILE is a real file name (not "<string>", "<stdin>"). */
void pe_syntax_warning(pe_state *S, const char *filename, uint32_t line, const char *msg,
                       const char *text, size_t textlen);
/* Raise a SyntaxError-family error at a location (1-based line/col). */
int pe_lex_error(pe_lexer *L, const pe_type *t, uint32_t line, uint32_t col, uint32_t end_col,
                 const char *fmt, ...) PE_PRINTF(6, 7);

/* ------------------------------------------------------------------ */
/* AST                                                                 */
/* ------------------------------------------------------------------ */

#define PE_NODES(N)                                                                \
    /* expressions */                                                              \
    N(CONST) N(NAME) N(BINOP) N(UNARY) N(BOOLOP) N(COMPARE) N(IFEXP) N(CALL)       \
    N(KEYWORD) N(ATTR) N(SUBSCR) N(SLICE) N(TUPLE) N(LIST) N(DICT) N(SET)          \
    N(LAMBDA) N(LISTCOMP) N(SETCOMP) N(DICTCOMP) N(GENEXP) N(COMPFOR) N(STARRED)   \
    N(JOINEDSTR) N(FORMATTED) N(NAMEDEXPR) N(YIELD) N(YIELDFROM)                   \
    /* statements */                                                               \
    N(EXPR) N(ASSIGN) N(AUGASSIGN) N(ANNASSIGN) N(IF) N(WHILE) N(FOR) N(BREAK)     \
    N(CONTINUE) N(PASS) N(RETURN) N(DEF) N(ARG) N(GLOBAL) N(NONLOCAL) N(DEL)       \
    N(ASSERT) N(RAISE) N(TRY) N(EXCEPT) N(IMPORT) N(MODULE) N(CLASS)           \
    N(WITH) N(WITHITEM) N(MATCH) N(CASE)                                           \
    /* patterns */                                                                 \
    N(PVALUE) N(PSINGLE) N(PSEQ) N(PMAP) N(PCLASS) N(PSTAR) N(PAS) N(POR)

enum pe_node_kind {
#define PE_N_ENUM(n) PE_N_##n,
    PE_NODES(PE_N_ENUM)
#undef PE_N_ENUM
        PE_N__COUNT
};

/* Unary ops and boolean ops (op field). Binary ops use enum pe_binop;
 * comparisons use PE_LT..PE_GE plus these: */
enum { PE_UOP_NEG, PE_UOP_POS, PE_UOP_INVERT, PE_UOP_NOT };
enum { PE_BOOL_AND, PE_BOOL_OR };
enum { PE_CMP_IS = 6, PE_CMP_ISNOT, PE_CMP_IN, PE_CMP_NOTIN };

typedef struct pe_node pe_node;

typedef struct pe_nodelist {
    pe_node **v;
    uint32_t n;
} pe_nodelist;

/* One generic node. Field use per kind:
 *  CONST: v (constant, lives on the code heap), op (unary minus signs folded in)
 *  NAME: name
 *  BINOP: op, a, b            UNARY: op, a         BOOLOP: op, l[0]
 *  COMPARE: a, l[0] comparators, ops[]             IFEXP: a test, b body, c orelse
 *  CALL: a func, l[0] args (STARRED allowed), l[1] KEYWORD (name NULL: **)
 *  ATTR: a, name              SUBSCR: a, b         SLICE: a, b, c (NULL = absent)
 *  TUPLE/LIST/SET: l[0]       DICT: l[0] keys (NULL: **value), l[1] values
 *  LAMBDA: l[0] ARG params (see DEF), a body expr
 *  LISTCOMP/SETCOMP/GENEXP: a elt, l[0] COMPFOR    DICTCOMP: a key, b value, l[0]
 *  COMPFOR: a target, b iter, l[0] ifs             STARRED: a
 *  YIELD: a value (NULL)    YIELDFROM: a iterable
 *  JOINEDSTR: l[0] parts      FORMATTED: a value, op conv (0 s r a), b spec JOINEDSTR/NULL
 *  EXPR: a    ASSIGN: l[0] targets, a value        AUGASSIGN: a target, op, b value
 *  ANNASSIGN: a target, b annotation, c value
 *  IF/WHILE: a test, l[0] body, l[1] orelse        FOR: a target, b iter, l[0], l[1]
 *  RETURN: a (NULL)           DEF: name, l[0] params, l[1] body, l[2] decorators
 *  CLASS: name, l[0] bases (STARRED allowed), l[1] body, l[2] decorators, l[3] KEYWORD
 *  ARG: name, a default, op: 0 positional, 1 kw-only, 2 *args, 3 **kwargs, flags: posonly
 *  GLOBAL/NONLOCAL: l[0] NAME nodes                DEL: l[0] targets
 *  ASSERT: a test, b msg      RAISE: a exc, b cause
 *  TRY: l[0] body, l[1] EXCEPT handlers, l[2] orelse, l[3] finalbody
 *  EXCEPT: a type (NULL), name (NULL), l[0] body
 *  IMPORT: l[0] NAME nodes (dotted names), name set for `as`
 *  MODULE: l[0] body
 *  WITH: l[0] WITHITEM items, l[1] body           WITHITEM: a context expr, b target (NULL)
 *  MATCH: a subject, l[0] CASE                     CASE: a pattern, b guard (NULL), l[0] body
 *  patterns: PVALUE: a expr (literal or dotted name; ==)   PSINGLE: v None/True/False (is)
 *   PSEQ: l[0] patterns (one PSTAR at most)       PSTAR: name (NULL: *_)
 *   PMAP: l[0] key exprs, l[1] value patterns, name: **rest (NULL)
 *   PCLASS: a class expr, l[0] positional patterns, l[1] keyword patterns (name = attribute)
 *   PAS: a pattern (NULL: a capture), name (NULL: the wildcard _)   POR: l[0] alternatives
 */
struct pe_node {
    uint16_t kind;
    uint16_t op;
    uint32_t flags;
    uint32_t line, col, end_line, end_col;
    pe_node *a, *b, *c;
    pe_nodelist l[4];
    uint8_t *ops;
    pe_val v;
    const char *name; /* identifier (NUL-terminated copy in the arena) */
    uint32_t namelen;
    void *scope;      /* compiler: the scope a DEF/LAMBDA/comprehension opens */
};

/* Arena for AST nodes and identifiers; freed whole after compilation. */
typedef struct pe_arena_chunk {
    struct pe_arena_chunk *next;
    size_t size, used;
    char data[];
} pe_arena_chunk;

typedef struct pe_arena {
    pe_state *S;
    pe_arena_chunk *head;
} pe_arena;

void *pe_arena_alloc(pe_arena *A, size_t n);
void pe_arena_free(pe_arena *A);

/* Parse a whole module. Returns NULL with SyntaxError pending. Constants
 * (numbers, strings) are created on S->cur (the code heap). */
pe_node *pe_parse(pe_state *S, pe_arena *A, const char *src, size_t len, const char *filename,
                  int mode);

/* mangle.c: private name mangling (__x -> _Class__x inside classes) over
 * a parsed module, before the compiler's scope analysis; names are
 * rewritten in place (new text in A). 0, or -1 (MemoryError). */
int pe_ast_mangle(pe_state *S, pe_arena *A, pe_node *mod, const char *src, size_t len);

#endif /* PE_AST_H */
