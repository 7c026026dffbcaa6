/*
 * lineedit.c - a small self-contained line editor for the prompt: raw
 * termios input, ANSI escapes (VT100 cursor moves, erase to end of screen),
 * UTF-8 aware cursor movement with East Asian wide characters counted as
 * two columns. Keys follow GNU readline's emacs mode:
 *
 *   Left/Right Ctrl-B/F    character      Ctrl-Left/Right Alt-B/F  word
 *   Home/End   Ctrl-A/E    line start/end Backspace/Ctrl-H, Delete
 *   Ctrl-K / Ctrl-U        kill to end / start of line, Ctrl-W word before
 *   Alt-D, Alt-Backspace   kill word after / before; Ctrl-Y yanks the kill
 *   Up/Down    Ctrl-P/N    history (inside a recalled block: line up/down)
 *   Tab        completion (indents when only blanks precede the cursor);
 *              a second Tab lists the candidates
 *   Ctrl-C     cancel the line    Ctrl-D delete, or end of input on an
 *   Ctrl-L     clear the screen          empty line
 *   Ctrl-T     transpose characters      Ctrl-Z suspend (job control)
 *
 * The edit buffer may hold several lines (a block recalled from history):
 * each is drawn after its prompt and the whole area is redrawn on every
 * change (erase from its first row down, write, place the cursor), which
 * keeps wrapping right for any terminal width.
 *
 * The terminal is in raw mode only inside pe_le_read, so a running program
 * writes through the normal cooked terminal and Ctrl-C there is SIGINT.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "pe_repl.h"

struct pe_ledit {
    int ifd, ofd, efd;
    bool term; /* raw-mode editing */
    struct termios cooked;
    /* bytes read but not consumed yet (a paste, the rest of a sequence) */
    unsigned char in[512];
    size_t ipos, ilen;
    bool in_eof;
    /* the edit buffer */
    char *buf;
    size_t len, cap, pos;
    const char *prompt, *cont;
    int cols;
    int crow; /* cursor row, relative to the edit area's first row */
    size_t col0; /* column where the prompt starts (output left before it) */
    /* history: entries (oldest first) and the one being browsed */
    char **hist;
    size_t nhist, hpos;
    char *scratch; /* the unfinished line, while browsing history */
    size_t scratch_len;
    char *histfile;
    /* kill buffer (Ctrl-K/U/W, Alt-D; Ctrl-Y yanks it) */
    char *kill;
    size_t kill_len;
    pe_le_complete_fn complete;
    void *complete_ud;
    bool last_tab;
};

/* ------------------------------------------------------------------ */
/* Low-level I/O                                                       */
/* ------------------------------------------------------------------ */

static void put(pe_ledit *le, const char *s, size_t n) {
    while (n) {
        ssize_t w = write(le->ofd, s, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

static void puts_(pe_ledit *le, const char *s) { put(le, s, strlen(s)); }

/* A growable output string, so one redraw is one write(2). */
typedef struct obuf {
    char *p;
    size_t len, cap;
    bool failed;
} obuf;

static void ob_add(obuf *o, const char *s, size_t n) {
    if (o->failed) return;
    if (o->len + n > o->cap) {
        size_t nc = (o->len + n) * 2 + 64;
        char *np = realloc(o->p, nc);
        if (!np) {
            o->failed = true;
            return;
        }
        o->p = np;
        o->cap = nc;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void ob_str(obuf *o, const char *s) { ob_add(o, s, strlen(s)); }

static void ob_csi(obuf *o, int n, char c) {
    char b[24];
    int k = snprintf(b, sizeof b, "\x1b[%d%c", n, c);
    ob_add(o, b, (size_t)k);
}

/* Next input byte: -1 end of input / error, -2 timeout (timeout_ms >= 0),
 * -3 interrupted by a signal. */
static int getbyte(pe_ledit *le, int timeout_ms) {
    if (le->ipos < le->ilen) return le->in[le->ipos++];
    if (le->in_eof) return -1;
    if (timeout_ms >= 0) {
        struct pollfd pf = {le->ifd, POLLIN, 0};
        int r = poll(&pf, 1, timeout_ms);
        if (r == 0) return -2;
        if (r < 0) return errno == EINTR ? -3 : -1;
    }
    ssize_t n = read(le->ifd, le->in, sizeof le->in);
    if (n < 0) return errno == EINTR ? -3 : -1;
    if (n == 0) {
        le->in_eof = true;
        return -1;
    }
    le->ipos = 1;
    le->ilen = (size_t)n;
    return le->in[0];
}

static int term_cols(pe_ledit *le) {
    struct winsize ws;
    if (ioctl(le->ofd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

static int raw_on(pe_ledit *le) {
    struct termios t = le->cooked;
    t.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    t.c_oflag &= ~(tcflag_t)OPOST;
    t.c_cflag |= CS8;
    t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    /* TCSANOW, not TCSAFLUSH: typed-ahead and pasted input is kept */
    return tcsetattr(le->ifd, TCSANOW, &t);
}

static void raw_off(pe_ledit *le) { tcsetattr(le->ifd, TCSANOW, &le->cooked); }

/* ------------------------------------------------------------------ */
/* UTF-8 and display width                                             */
/* ------------------------------------------------------------------ */

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

static size_t next_char(const char *b, size_t len, size_t i) {
    if (i >= len) return len;
    i++;
    while (i < len && is_cont((unsigned char)b[i])) i++;
    return i;
}

static size_t prev_char(const char *b, size_t i) {
    if (i == 0) return 0;
    i--;
    while (i > 0 && is_cont((unsigned char)b[i])) i--;
    return i;
}

static uint32_t decode(const char *b, size_t len, size_t i) {
    unsigned char c = (unsigned char)b[i];
    if (c < 0x80) return c;
    int n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    uint32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n && i + (size_t)k < len; k++) cp = (cp << 6) | ((unsigned char)b[i + (size_t)k] & 0x3F);
    return cp;
}

/* Columns a code point takes: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide/fullwidth ones and emoji, 2 for a
 * control character (drawn as ^X), else 1. Ranges, not a full table. */
static int cp_width(uint32_t cp) {
    if (cp < 0x20 || cp == 0x7F) return 2;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
        (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

static size_t width(const char *b, size_t from, size_t to) {
    size_t w = 0;
    for (size_t i = from; i < to; i = next_char(b, to, i)) w += (size_t)cp_width(decode(b, to, i));
    return w;
}

/* Appends b[from, to) for display: control characters as ^X. */
static void ob_text(obuf *o, const char *b, size_t from, size_t to) {
    size_t i = from;
    while (i < to) {
        size_t j = i;
        while (j < to && (unsigned char)b[j] >= 0x20 && b[j] != 0x7F) j++;
        ob_add(o, b + i, j - i);
        if (j < to) {
            char c[2] = {'^', (char)(b[j] == 0x7F ? '?' : b[j] + '@')};
            ob_add(o, c, 2);
            j++;
        }
        i = j;
    }
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

static size_t line_start(const pe_ledit *le, size_t i) {
    while (i > 0 && le->buf[i - 1] != '\n') i--;
    return i;
}

static size_t line_end(const pe_ledit *le, size_t i) {
    while (i < le->len && le->buf[i] != '\n') i++;
    return i;
}

/* Redraws the edit area and leaves the cursor at le->pos; with at_end the
 * cursor goes to the end of the buffer instead (before finishing a line). */
static void refresh(pe_ledit *le, bool at_end) {
    int cols = le->cols = term_cols(le);
    obuf o = {0};
    size_t c0 = le->col0 % (size_t)cols; /* output before the prompt */
    if (le->crow > 0) ob_csi(&o, le->crow, 'A');
    ob_str(&o, "\r");
    if (c0) ob_csi(&o, (int)c0, 'C');
    ob_str(&o, "\x1b[J");
    size_t pw = c0 + strlen(le->prompt), cw = strlen(le->cont);
    size_t row = 0, cur_row = 0, cur_col = 0, target = at_end ? le->len : le->pos;
    size_t i = 0;
    for (;;) {
        size_t e = line_end(le, i);
        size_t p = i == 0 ? pw : cw;
        ob_str(&o, i == 0 ? le->prompt : le->cont);
        ob_text(&o, le->buf, i, e);
        if (target >= i && target <= e) {
            size_t c = p + width(le->buf, i, target);
            cur_row = row + c / (size_t)cols;
            cur_col = c % (size_t)cols;
        }
        size_t w = p + width(le->buf, i, e);
        size_t rows = w == 0 ? 1 : (w + (size_t)cols - 1) / (size_t)cols;
        if (e >= le->len) {
            /* the last line: if it filled its last row exactly, move to a
             * fresh row so the cursor position is well defined */
            if (w > 0 && w % (size_t)cols == 0) {
                ob_str(&o, "\r\n");
                rows++;
            }
            row += rows - 1;
            break;
        }
        ob_str(&o, "\r\n");
        row += rows;
        i = e + 1;
    }
    /* now at `row`; go to the cursor */
    if (row > cur_row) ob_csi(&o, (int)(row - cur_row), 'A');
    ob_str(&o, "\r");
    if (cur_col > 0) ob_csi(&o, (int)cur_col, 'C');
    le->crow = (int)cur_row;
    if (!o.failed) put(le, o.p, o.len);
    free(o.p);
}

/* Moves the cursor below the edit area (the line is finished). */
static void finish_line(pe_ledit *le) {
    refresh(le, true);
    puts_(le, "\r\n");
    le->crow = 0;
    le->col0 = 0;
}

/* ------------------------------------------------------------------ */
/* Buffer editing                                                      */
/* ------------------------------------------------------------------ */

static int reserve(pe_ledit *le, size_t need) {
    if (need + 1 <= le->cap) return 0;
    size_t nc = le->cap ? le->cap : 128;
    while (nc < need + 1) nc *= 2;
    char *nb = realloc(le->buf, nc);
    if (!nb) return -1;
    le->buf = nb;
    le->cap = nc;
    return 0;
}

static int insert(pe_ledit *le, const char *s, size_t n) {
    if (reserve(le, le->len + n)) return -1;
    memmove(le->buf + le->pos + n, le->buf + le->pos, le->len - le->pos);
    memcpy(le->buf + le->pos, s, n);
    le->len += n;
    le->pos += n;
    le->buf[le->len] = 0;
    return 0;
}

static void erase(pe_ledit *le, size_t from, size_t to) {
    memmove(le->buf + from, le->buf + to, le->len - to);
    le->len -= to - from;
    if (le->pos >= to) le->pos -= to - from;
    else if (le->pos > from) le->pos = from;
    le->buf[le->len] = 0;
}

static void kill_range(pe_ledit *le, size_t from, size_t to) {
    if (to <= from) return;
    char *k = malloc(to - from + 1);
    if (k) {
        memcpy(k, le->buf + from, to - from);
        free(le->kill);
        le->kill = k;
        le->kill_len = to - from;
    }
    erase(le, from, to);
}

static int set_text(pe_ledit *le, const char *s, size_t n) {
    if (reserve(le, n)) return -1;
    memcpy(le->buf, s, n);
    le->len = le->pos = n;
    le->buf[n] = 0;
    return 0;
}

static bool word_byte(char c) {
    unsigned char u = (unsigned char)c;
    return u == '_' || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
           u >= 0x80;
}

static size_t word_left(const pe_ledit *le, size_t i) {
    while (i > 0 && !word_byte(le->buf[i - 1])) i--;
    while (i > 0 && word_byte(le->buf[i - 1])) i--;
    return i;
}

static size_t word_right(const pe_ledit *le, size_t i) {
    while (i < le->len && !word_byte(le->buf[i])) i++;
    while (i < le->len && word_byte(le->buf[i])) i++;
    return i;
}

/* Moves to the same column of the previous (dir -1) / next (+1) line of a
 * multi-line buffer; false when there is no such line. */
static bool vertical(pe_ledit *le, int dir) {
    size_t ls = line_start(le, le->pos), le_ = line_end(le, le->pos);
    size_t col = width(le->buf, ls, le->pos);
    size_t ts, te;
    if (dir < 0) {
        if (ls == 0) return false;
        te = ls - 1;
        ts = line_start(le, te);
    } else {
        if (le_ >= le->len) return false;
        ts = le_ + 1;
        te = line_end(le, ts);
    }
    size_t i = ts, w = 0;
    while (i < te) {
        size_t cw = (size_t)cp_width(decode(le->buf, te, i));
        if (w + cw > col) break;
        w += cw;
        i = next_char(le->buf, te, i);
    }
    le->pos = i;
    return true;
}

/* ------------------------------------------------------------------ */
/* History                                                             */
/* ------------------------------------------------------------------ */

static void hist_show(pe_ledit *le, size_t k) {
    if (k == le->nhist) set_text(le, le->scratch ? le->scratch : "", le->scratch_len);
    else set_text(le, le->hist[k], strlen(le->hist[k]));
    le->hpos = k;
}

static void hist_move(pe_ledit *le, int dir) {
    if (dir < 0) {
        if (le->hpos == 0) return;
        if (le->hpos == le->nhist) { /* leaving the line being typed */
            free(le->scratch);
            le->scratch = malloc(le->len + 1);
            if (!le->scratch) return;
            memcpy(le->scratch, le->buf, le->len + 1);
            le->scratch_len = le->len;
        }
        hist_show(le, le->hpos - 1);
    } else {
        if (le->hpos >= le->nhist) return;
        hist_show(le, le->hpos + 1);
    }
}

/* In the file one entry is one line: '\n' and '\\' escaped. */
static void hist_append_file(pe_ledit *le, const char *e, size_t n) {
    if (!le->histfile) return;
    obuf o = {0};
    for (size_t i = 0; i < n; i++) {
        if (e[i] == '\n') ob_add(&o, "\\n", 2);
        else if (e[i] == '\\') ob_add(&o, "\\\\", 2);
        else ob_add(&o, e + i, 1);
    }
    ob_add(&o, "\n", 1);
    int fd = open(le->histfile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0 && !o.failed) {
        size_t off = 0;
        while (off < o.len) {
            ssize_t w = write(fd, o.p + off, o.len - off);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) break;
            off += (size_t)w;
        }
    }
    if (fd >= 0) close(fd);
    free(o.p);
}

static int hist_push(pe_ledit *le, const char *e, size_t n) {
    if (le->nhist && strlen(le->hist[le->nhist - 1]) == n && !memcmp(le->hist[le->nhist - 1], e, n))
        return 1;
    char *c = malloc(n + 1);
    if (!c) return -1;
    memcpy(c, e, n);
    c[n] = 0;
    if (le->nhist == PE_LE_HISTORY_MAX) {
        free(le->hist[0]);
        memmove(le->hist, le->hist + 1, (PE_LE_HISTORY_MAX - 1) * sizeof *le->hist);
        le->nhist--;
    }
    le->hist[le->nhist++] = c;
    return 0;
}

void pe_le_history_add(pe_ledit *le, const char *entry, size_t len) {
    if (!le || !len || memchr(entry, 0, len)) return;
    if (hist_push(le, entry, len) == 0) hist_append_file(le, entry, len);
    le->hpos = le->nhist;
}

/* mkdir -p of the directory part of path (0700). */
static void make_parent_dirs(const char *path) {
    char *p = strdup(path);
    if (!p) return;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        mkdir(p, 0700);
        *s = '/';
    }
    free(p);
}

int pe_le_history_file(pe_ledit *le, const char *path) {
    make_parent_dirs(path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t lines = 0;
    if (fd >= 0) {
        obuf o = {0};
        char chunk[8192];
        for (;;) {
            ssize_t r = read(fd, chunk, sizeof chunk);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            ob_add(&o, chunk, (size_t)r);
            if (o.len > ((size_t)64 << 20)) break; /* absurd: ignore the rest */
        }
        close(fd);
        if (o.failed) {
            free(o.p);
            return -1;
        }
        size_t i = 0;
        while (i < o.len) {
            char *nl = memchr(o.p + i, '\n', o.len - i);
            size_t e = nl ? (size_t)(nl - o.p) : o.len, w = 0;
            for (size_t k = i; k < e; k++) { /* unescape in place */
                if (o.p[k] == '\\' && k + 1 < e) {
                    k++;
                    o.p[i + w++] = o.p[k] == 'n' ? '\n' : o.p[k];
                } else {
                    o.p[i + w++] = o.p[k];
                }
            }
            if (w && !memchr(o.p + i, 0, w)) hist_push(le, o.p + i, w);
            lines++;
            i = e + 1;
        }
        free(o.p);
    }
    le->hpos = le->nhist;
    le->histfile = strdup(path);
    if (!le->histfile) return -1;
    if (lines > 2 * PE_LE_HISTORY_MAX) { /* compact: rewrite the newest entries */
        size_t n = strlen(path) + 8;
        char *tmp = malloc(n);
        if (tmp) {
            snprintf(tmp, n, "%s.tmp", path);
            char *keep = le->histfile;
            le->histfile = tmp;
            unlink(tmp);
            for (size_t k = 0; k < le->nhist; k++) hist_append_file(le, le->hist[k], strlen(le->hist[k]));
            le->histfile = keep;
            if (rename(tmp, path)) unlink(tmp);
            free(tmp);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Completion                                                          */
/* ------------------------------------------------------------------ */

int pe_le_cands_add(pe_le_cands *c, const char *s, size_t n) {
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        char **nv = realloc(c->v, nc * sizeof *nv);
        if (!nv) return -1;
        c->v = nv;
        c->cap = nc;
    }
    char *d = malloc(n + 1);
    if (!d) return -1;
    memcpy(d, s, n);
    d[n] = 0;
    c->v[c->n++] = d;
    return 0;
}

static void cands_free(pe_le_cands *c) {
    for (size_t i = 0; i < c->n; i++) free(c->v[i]);
    free(c->v);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists candidates below the edit area in columns, then redraws it. */
static void list_cands(pe_ledit *le, pe_le_cands *c) {
    qsort(c->v, c->n, sizeof *c->v, cmp_str);
    finish_line(le);
    size_t wmax = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t w = width(c->v[i], 0, strlen(c->v[i]));
        if (w > wmax) wmax = w;
    }
    size_t colw = wmax + 2, ncol = (size_t)le->cols / colw;
    if (ncol == 0) ncol = 1;
    size_t nrow = (c->n + ncol - 1) / ncol;
    obuf o = {0};
    for (size_t r = 0; r < nrow; r++) {
        for (size_t k = 0; k < ncol; k++) {
            size_t i = k * nrow + r; /* down the columns, as readline */
            if (i >= c->n) break;
            ob_str(&o, c->v[i]);
            if (k + 1 < ncol && (k + 1) * nrow + r < c->n)
                for (size_t w = width(c->v[i], 0, strlen(c->v[i])); w < colw; w++) ob_add(&o, " ", 1);
        }
        ob_str(&o, "\r\n");
    }
    if (!o.failed) put(le, o.p, o.len);
    free(o.p);
}

static void complete(pe_ledit *le) {
    size_t ls = line_start(le, le->pos);
    bool blank = true;
    for (size_t i = ls; i < le->pos; i++)
        if (le->buf[i] != ' ' && le->buf[i] != '\t') blank = false;
    if (blank || !le->complete) { /* indent, as CPython's completer does */
        insert(le, "    ", 4);
        le->last_tab = false;
        return;
    }
    pe_le_cands c = {0};
    size_t start = le->pos;
    le->complete(le->complete_ud, le->buf, le->len, le->pos, &start, &c);
    if (start > le->pos) start = le->pos;
    if (c.n == 0) {
        puts_(le, "\a");
    } else {
        /* longest common prefix of the candidates */
        size_t lcp = strlen(c.v[0]);
        for (size_t i = 1; i < c.n; i++) {
            size_t k = 0;
            while (k < lcp && c.v[i][k] == c.v[0][k]) k++;
            lcp = k;
        }
        while (lcp > 0 && is_cont((unsigned char)c.v[0][lcp])) lcp--; /* whole characters */
        size_t typed = le->pos - start;
        if (lcp > typed && !memcmp(c.v[0], le->buf + start, typed)) {
            insert(le, c.v[0] + typed, lcp - typed);
            le->last_tab = false;
        } else if (c.n > 1) {
            if (le->last_tab) {
                list_cands(le, &c);
                le->last_tab = false;
            } else {
                puts_(le, "\a");
                le->last_tab = true;
                cands_free(&c);
                return;
            }
        }
    }
    cands_free(&c);
}

/* ------------------------------------------------------------------ */
/* Reading a line                                                      */
/* ------------------------------------------------------------------ */

enum { K_NONE = 1000, K_UP, K_DOWN, K_LEFT, K_RIGHT, K_HOME, K_END, K_DEL, K_WLEFT, K_WRIGHT,
       K_KILLWORD, K_BKILLWORD };

/* After ESC: a CSI/SS3 sequence or an Alt-key. Unknown ones are ignored. */
static int read_escape(pe_ledit *le) {
    int c = getbyte(le, 50);
    if (c < 0) return K_NONE;
    if (c == 'b' || c == 'B') return K_WLEFT;
    if (c == 'f' || c == 'F') return K_WRIGHT;
    if (c == 'd' || c == 'D') return K_KILLWORD;
    if (c == 127 || c == 8) return K_BKILLWORD;
    if (c == 'O') {
        c = getbyte(le, 50);
        switch (c) {
        case 'A': return K_UP;
        case 'B': return K_DOWN;
        case 'C': return K_RIGHT;
        case 'D': return K_LEFT;
        case 'H': return K_HOME;
        case 'F': return K_END;
        default: return K_NONE;
        }
    }
    if (c != '[') return K_NONE;
    int params[4] = {0}, np = 0;
    for (;;) {
        c = getbyte(le, 50);
        if (c < 0) return K_NONE;
        if (c >= '0' && c <= '9') {
            if (np == 0) np = 1;
            if (params[np - 1] < 10000) params[np - 1] = params[np - 1] * 10 + (c - '0');
        } else if (c == ';') {
            if (np == 0) np = 1;
            if (np < 4) np++;
        } else if (c >= 0x40 && c <= 0x7E) {
            break;
        } else if (c < 0x20 || c > 0x3F) {
            return K_NONE;
        }
    }
    bool mod = np >= 2 && params[1] >= 3; /* Alt/Ctrl modified arrows */
    switch (c) {
    case 'A': return K_UP;
    case 'B': return K_DOWN;
    case 'C': return mod ? K_WRIGHT : K_RIGHT;
    case 'D': return mod ? K_WLEFT : K_LEFT;
    case 'H': return K_HOME;
    case 'F': return K_END;
    case '~':
        switch (params[0]) {
        case 1: case 7: return K_HOME;
        case 4: case 8: return K_END;
        case 3: return K_DEL;
        default: return K_NONE;
        }
    default: return K_NONE;
    }
}

static int take_line(pe_ledit *le, char **line, size_t *len) {
    char *s = malloc(le->len + 1);
    if (!s) return PE_LE_ERROR;
    memcpy(s, le->buf, le->len);
    s[le->len] = 0;
    *line = s;
    *len = le->len;
    return PE_LE_LINE;
}

/* Without a terminal: the prompt on err_fd, a cooked line from in_fd. */
static int read_plain(pe_ledit *le, const char *prompt, char **line, size_t *len) {
    if (le->efd >= 0 && *prompt) {
        int ofd = le->ofd;
        le->ofd = le->efd;
        puts_(le, prompt);
        le->ofd = ofd;
    }
    le->len = le->pos = 0;
    for (;;) {
        int c = getbyte(le, -1);
        if (c == -3) return PE_LE_INTR;
        if (c < 0) {
            if (le->len == 0) return PE_LE_EOF;
            break;
        }
        if (c == '\n') break;
        char ch = (char)c;
        if (insert(le, &ch, 1)) return PE_LE_ERROR;
    }
    return take_line(le, line, len);
}

static int edit(pe_ledit *le, char **line, size_t *len) {
    for (;;) {
        int c = getbyte(le, -1);
        if (c == -3) c = 3; /* a SIGINT from outside: as Ctrl-C */
        if (c == -1) {
            if (le->len == 0) return PE_LE_EOF;
            finish_line(le);
            return take_line(le, line, len);
        }
        if (c == 27) c = read_escape(le);
        bool tab = false;
        switch (c) {
        case '\r':
        case '\n':
            finish_line(le);
            return take_line(le, line, len);
        case 3: /* Ctrl-C: echoed as the terminal echoes it under readline */
            refresh(le, true);
            puts_(le, "^C\r\n");
            le->crow = 0;
            le->col0 = 0;
            le->len = le->pos = 0;
            return PE_LE_INTR;
        case 4: /* Ctrl-D */
            if (le->len == 0) {
                return PE_LE_EOF;
            }
            /* fall through */
        case K_DEL:
            if (le->pos < le->len) erase(le, le->pos, next_char(le->buf, le->len, le->pos));
            break;
        case 127:
        case 8:
            if (le->pos > 0) erase(le, prev_char(le->buf, le->pos), le->pos);
            break;
        case 1:
        case K_HOME:
            le->pos = line_start(le, le->pos);
            break;
        case 5:
        case K_END:
            le->pos = line_end(le, le->pos);
            break;
        case 2:
        case K_LEFT:
            le->pos = prev_char(le->buf, le->pos);
            break;
        case 6:
        case K_RIGHT:
            le->pos = next_char(le->buf, le->len, le->pos);
            break;
        case K_WLEFT:
            le->pos = word_left(le, le->pos);
            break;
        case K_WRIGHT:
            le->pos = word_right(le, le->pos);
            break;
        case 11: /* Ctrl-K */
            kill_range(le, le->pos, line_end(le, le->pos));
            break;
        case 21: /* Ctrl-U */
            kill_range(le, line_start(le, le->pos), le->pos);
            break;
        case 23: { /* Ctrl-W: the whitespace-delimited word before the cursor */
            size_t i = le->pos, ls = line_start(le, le->pos);
            while (i > ls && (le->buf[i - 1] == ' ' || le->buf[i - 1] == '\t')) i--;
            while (i > ls && le->buf[i - 1] != ' ' && le->buf[i - 1] != '\t') i--;
            kill_range(le, i, le->pos);
            break;
        }
        case K_BKILLWORD:
            kill_range(le, word_left(le, le->pos), le->pos);
            break;
        case K_KILLWORD:
            kill_range(le, le->pos, word_right(le, le->pos));
            break;
        case 25: /* Ctrl-Y */
            if (le->kill) insert(le, le->kill, le->kill_len);
            break;
        case 26: /* Ctrl-Z: suspend, as the terminal would without raw mode */
            finish_line(le);
            raw_off(le);
            kill(0, SIGTSTP);
            if (raw_on(le)) return PE_LE_ERROR;
            break;
        case 20: /* Ctrl-T: swap the characters around the cursor */
            if (le->pos > 0 && le->len > 1) {
                size_t ls = line_start(le, le->pos), le_ = line_end(le, le->pos);
                if (le->pos == le_ && le->pos > ls) le->pos = prev_char(le->buf, le->pos);
                size_t a = prev_char(le->buf, le->pos), b = next_char(le->buf, le->len, le->pos);
                if (a >= ls && le->pos < le_) {
                    char tmp[8];
                    size_t na = le->pos - a, nb = b - le->pos;
                    if (na + nb <= sizeof tmp) {
                        memcpy(tmp, le->buf + le->pos, nb);
                        memcpy(tmp + nb, le->buf + a, na);
                        memcpy(le->buf + a, tmp, na + nb);
                        le->pos = b;
                    }
                }
            }
            break;
        case 12: /* Ctrl-L */
            puts_(le, "\x1b[H\x1b[2J");
            le->crow = 0;
            le->col0 = 0;
            break;
        case 16:
        case K_UP:
            if (!vertical(le, -1)) hist_move(le, -1);
            break;
        case 14:
        case K_DOWN:
            if (!vertical(le, 1)) hist_move(le, 1);
            break;
        case 9:
            tab = true;
            complete(le);
            tab = le->last_tab;
            break;
        case K_NONE:
            break;
        default:
            if (c >= 0x20 && c < 0x100) { /* a character: gather its UTF-8 bytes */
                char u[4] = {(char)c};
                size_t n = 1, need = c < 0xC0 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
                while (need--) {
                    int d = getbyte(le, 50);
                    if (d < 0 || !is_cont((unsigned char)d)) {
                        if (d >= 0) le->ipos--; /* not ours: read it again */
                        break;
                    }
                    u[n++] = (char)d;
                }
                if (insert(le, u, n)) return PE_LE_ERROR;
            }
            break;
        }
        le->last_tab = tab;
        /* no redraw while more pasted input is waiting (one at the end) */
        if (le->ipos >= le->ilen) refresh(le, false);
    }
}

int pe_le_read(pe_ledit *le, const char *prompt, const char *cont, char **line, size_t *len) {
    *line = NULL;
    *len = 0;
    if (!le->term) return read_plain(le, prompt, line, len);
    if (raw_on(le)) {
        le->term = false;
        return read_plain(le, prompt, line, len);
    }
    le->prompt = prompt;
    le->cont = cont;
    le->len = le->pos = 0;
    le->crow = 0;
    if (le->col0 > 100000) le->col0 = 0;
    le->hpos = le->nhist;
    le->last_tab = false;
    if (reserve(le, 0) == 0) le->buf[0] = 0;
    refresh(le, false);
    int r = edit(le, line, len);
    raw_off(le);
    return r; /* on PE_LE_EOF the caller ends the line */
}

/* ------------------------------------------------------------------ */
/* Setup                                                               */
/* ------------------------------------------------------------------ */

pe_ledit *pe_le_new(int in_fd, int out_fd, int err_fd) {
    pe_ledit *le = calloc(1, sizeof *le);
    if (!le) return NULL;
    le->ifd = in_fd;
    le->ofd = out_fd;
    le->efd = err_fd;
    le->hist = calloc(PE_LE_HISTORY_MAX, sizeof *le->hist);
    if (!le->hist) {
        free(le);
        return NULL;
    }
    const char *t = getenv("TERM");
    le->term = isatty(in_fd) && isatty(out_fd) && !(t && !strcmp(t, "dumb")) &&
               tcgetattr(in_fd, &le->cooked) == 0;
    le->cols = 80;
    return le;
}

void pe_le_free(pe_ledit *le) {
    if (!le) return;
    for (size_t i = 0; i < le->nhist; i++) free(le->hist[i]);
    free(le->hist);
    free(le->buf);
    free(le->scratch);
    free(le->kill);
    free(le->histfile);
    free(le);
}

bool pe_le_is_terminal(const pe_ledit *le) { return le->term; }

void pe_le_set_column(pe_ledit *le, size_t col) { le->col0 = col; }

size_t pe_le_width(const char *s, size_t n) { return width(s, 0, n); }

void pe_le_set_completer(pe_ledit *le, pe_le_complete_fn fn, void *ud) {
    le->complete = fn;
    le->complete_ud = ud;
}
