/*
 * pe_repl.h - the interactive prompt of the `pyexpr` binary (repl.c) and
 * its line editor (lineedit.c). Private to the CLI: neither file is part of
 * the engine nor of the CPython extension (they live in csrc/cli/).
 */
#ifndef PE_REPL_H
#define PE_REPL_H

#include <stdbool.h>
#include <stddef.h>

#include "pyexpr.h"

/* The prompt on fds 0/1/2 with S (whose output sinks it replaces). Returns
 * the exit status. */
int pe_repl_main(pe_state *S);

/* ------------------------------------------------------------------ */
/* Line editor (lineedit.c)                                            */
/* ------------------------------------------------------------------ */

/* An editor reading keys from in_fd and drawing on out_fd. When both are
 * terminals (and TERM is not "dumb") it edits in raw mode with ANSI escapes;
 * otherwise it reads plain cooked lines and writes prompts to err_fd, as
 * CPython does without readline. */
typedef struct pe_ledit pe_ledit;

enum { PE_LE_LINE = 0, PE_LE_EOF = 1, PE_LE_INTR = 2, PE_LE_ERROR = -1 };

/* Completion candidates: malloc'ed NUL-terminated strings, each replacing
 * the text from *start to the cursor. */
typedef struct pe_le_cands {
    char **v;
    size_t n, cap;
} pe_le_cands;
int pe_le_cands_add(pe_le_cands *c, const char *s, size_t n); /* 0 / -1 no memory */

/* buf[0..len) is the whole edit buffer, cursor a byte offset in it; the
 * completer sets *start (<= cursor) and adds candidates. */
typedef void (*pe_le_complete_fn)(void *ud, const char *buf, size_t len, size_t cursor,
                                  size_t *start, pe_le_cands *out);

pe_ledit *pe_le_new(int in_fd, int out_fd, int err_fd); /* NULL: out of memory */
void pe_le_free(pe_ledit *le);
bool pe_le_is_terminal(const pe_ledit *le);
/* The column the cursor is at before the next pe_le_read (output that did
 * not end with a newline, e.g. print(x, end='')): the prompt follows it. */
void pe_le_set_column(pe_ledit *le, size_t col);
/* Display width in columns of UTF-8 text (wide characters: 2). */
size_t pe_le_width(const char *s, size_t n);
void pe_le_set_completer(pe_ledit *le, pe_le_complete_fn fn, void *ud);

/* Reads one line (a recalled history block may hold several, '\n'
 * separated) into *line (malloc'ed, NUL-terminated, no final newline).
 * prompt is shown before the first line of the buffer, cont before the
 * others. Returns PE_LE_LINE, PE_LE_EOF (Ctrl-D on an empty line / end of
 * input), PE_LE_INTR (Ctrl-C; the editor has ended the line on screen) or
 * PE_LE_ERROR. */
int pe_le_read(pe_ledit *le, const char *prompt, const char *cont, char **line, size_t *len);

/* In-session history (at most PE_LE_HISTORY_MAX entries; an entry equal to
 * the newest one is not added again). With a history file loaded, every
 * added entry is also appended to it. */
#define PE_LE_HISTORY_MAX 1000
void pe_le_history_add(pe_ledit *le, const char *entry, size_t len);
/* Loads the history file at path (missing = empty) and appends to it from
 * now on; creates its directory (0700). Returns 0, or -1 (history stays
 * in-session only). */
int pe_le_history_file(pe_ledit *le, const char *path);

#endif /* PE_REPL_H */
