/*
 * test_containers.c - unit tests of the containers (tuple.c, list.c,
 * dict.c, set.c, slice.c, iter.c) against the whole engine (`make check`).
 *
 * Three kinds of checks, all with CPython 3.11's expected values:
 *  1. programs: run through the public API; stdout must match and the run
 *     heap must be EMPTY afterwards (every reference the containers took
 *     was given back: no refcount leak) with mem_used back at baseline;
 *  2. failure injection: the same programs under every memory limit from
 *     tiny to sufficient; each run either succeeds or fails cleanly with
 *     LimitError/MemoryError, and still leaves nothing behind (the error
 *     paths release what they hold);
 *  3. direct API: pe_slice_indices against slice.indices(), pe_unpack's
 *     messages, the dict/set iteration helpers, the trashcan (deeply nested
 *     containers freed without recursion).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pe_vm.h"
#include "test_util.h"

/* ---- output capture ---- */

static buf out_buf, err_buf;

static size_t heap_objects(pe_state *S) {
    size_t n = 0;
    for (pe_obj *o = S->heap.head.gc_next; o != &S->heap.head; o = o->gc_next) n++;
    return n;
}

/* ---- 1. programs ---- */

typedef struct {
    const char *name, *src, *expect;
} prog;

static const prog progs[] = {
#include "test_containers_progs.inc"
};

/* Compiles src (no limit), then runs it under max_memory `limit` (0 =
 * none). Returns the run status; *leaked = objects left on the run heap. */
static int run_prog(pe_state *S, const char *src, size_t limit, size_t *leaked, long *mem_delta) {
    pe_limits lim = {0};
    pe_set_limits(S, &lim);
    pe_code *code = pe_compile(S, src, strlen(src), "<test>", PE_MODE_EXEC);
    if (!code) {
        pe_print_exception(S);
        return -2;
    }
    size_t base = S->mem_used;
    lim.max_memory = limit ? base + limit : 0;
    pe_set_limits(S, &lim);
    out_buf.n = 0;
    int r = pe_run_repr(S, code, NULL);
    if (r) pe_exc_clear(S);
    pe_val h = S->handled;
    S->handled = pe_undef();
    pe_decref(S, h);
    *leaked = heap_objects(S);
    *mem_delta = (long)S->mem_used - (long)base;
    pe_reset(S); /* sweep whatever is left so the next run starts clean */
    pe_code_release(code);
    lim.max_memory = 0;
    pe_set_limits(S, &lim);
    return r;
}

/* Each program runs twice: the engine may keep buffers it grew during the
 * first run (value stack, frames), so mem_used is compared on the second. */
static void test_programs(pe_state *S) {
    for (size_t i = 0; i < 2 * sizeof progs / sizeof *progs; i++) {
        size_t leaked;
        long delta;
        bool second = i & 1;
        i >>= 1;
        int r = run_prog(S, progs[i].src, 0, &leaked, &delta);
        if (!second) delta = 0;
        CHECK(r == 0, "%s: run failed: %s", progs[i].name, err_buf.p ? err_buf.p : "");
        CHECK(out_buf.n == strlen(progs[i].expect) && !memcmp(out_buf.p, progs[i].expect, out_buf.n),
              "%s: output\n--- expected ---\n%s--- got ---\n%.*s", progs[i].name, progs[i].expect,
              (int)out_buf.n, out_buf.p);
        CHECK(leaked == 0, "%s: %zu objects left on the heap (refcount leak)", progs[i].name, leaked);
        CHECK(delta == 0, "%s: mem_used changed by %ld bytes", progs[i].name, delta);
        err_buf.n = 0;
        i = 2 * i + second;
    }
}

/* ---- 2. failure injection ---- */

static void test_memory_limits(pe_state *S) {
    for (size_t i = 0; i < sizeof progs / sizeof *progs; i++) {
        size_t ok_at = 0;
        /* every 24 bytes: allocation sizes are multiples of 8, so nearly
         * every allocation of the run becomes the failing one once */
        for (size_t limit = 64; limit < (1u << 22); limit += 24) {
            size_t leaked;
            long delta;
            int r = run_prog(S, progs[i].src, limit, &leaked, &delta);
            /* a failed run may leave reference cycles it made (reclaimed
             * by the sweep only): programs that build cycles are exempt */
            bool cyclic = strstr(progs[i].name, "recursive") != NULL;
            CHECK(leaked == 0 || (r && cyclic), "%s @%zu: %zu objects left after %s",
                  progs[i].name, limit, leaked, r ? "failure" : "success");
            CHECK(delta == 0 || (r && cyclic), "%s @%zu: mem_used changed by %ld", progs[i].name,
                  limit, delta);
            if (r == 0) {
                ok_at = limit;
                break;
            }
        }
        CHECK(ok_at, "%s never succeeded under a memory limit", progs[i].name);
    }
}

/* ---- 3. direct API ---- */

#define NONE INT64_MIN
typedef struct {
    int64_t start, stop, step, len, first, slicelen;
} slice_case;

static const slice_case slice_cases[] = {
#include "test_containers_slices.inc"
};

static pe_val opt_int(int64_t v) { return v == NONE ? pe_none() : pe_int(v); }

static void test_slice_indices(pe_state *S) {
    for (size_t i = 0; i < sizeof slice_cases / sizeof *slice_cases; i++) {
        const slice_case *c = &slice_cases[i];
        pe_val sl;
        if (pe_slice_new(S, opt_int(c->start), opt_int(c->stop), opt_int(c->step), &sl)) abort();
        int64_t start, stop, step, n;
        int r = pe_slice_indices(S, sl, c->len, &start, &stop, &step, &n);
        CHECK(r == 0 && n == c->slicelen && (n == 0 || start == c->first),
              "slice(%lld, %lld, %lld) of %lld: got start %lld len %lld, want %lld/%lld",
              (long long)c->start, (long long)c->stop, (long long)c->step, (long long)c->len,
              (long long)start, (long long)n, (long long)c->first, (long long)c->slicelen);
        pe_decref(S, sl);
    }
    pe_val sl;
    int64_t a, b, c, n;
    pe_slice_new(S, pe_none(), pe_none(), pe_int(0), &sl);
    CHECK(pe_slice_indices(S, sl, 5, &a, &b, &c, &n) == -1 && !strcmp(exc_name(S), "ValueError"),
          "step 0 must raise ValueError");
    pe_exc_clear(S);
    pe_decref(S, sl);
}

/* Unpacks a 3-tuple / 3-list and compares the error text of the pending
 * exception's str() with want ("" = success). */
static void check_unpack(pe_state *S, pe_val seq, size_t before, bool star, size_t after,
                         const char *want) {
    pe_val dst[8];
    int r = pe_unpack(S, seq, before, star, after, dst);
    if (!*want) {
        CHECK(r == 0, "unpack(%zu,%d,%zu) failed", before, star, after);
        if (r == 0)
            for (size_t i = 0; i < before + after + star; i++) pe_decref(S, dst[i]);
        return;
    }
    pe_sb sb;
    pe_sb_init(&sb, S);
    if (r == 0 || pe_exc_str(S, S->exc, &sb)) {
        CHECK(0, "unpack(%zu,%d,%zu) should fail with %s", before, star, after, want);
    } else {
        CHECK(sb.len == strlen(want) && !memcmp(sb.p, want, sb.len), "unpack message %.*s, want %s",
              (int)sb.len, sb.p, want);
    }
    pe_sb_free(&sb);
    pe_exc_clear(S);
}

static void test_unpack(pe_state *S) {
    pe_val t, l, it;
    pe_val items[3] = {pe_int(1), pe_int(2), pe_int(3)};
    pe_tuple_pack(S, 3, items, &t);
    pe_list_new(S, 0, &l);
    for (int i = 0; i < 3; i++) pe_list_append(S, PE_LIST(l), items[i]);
    pe_val seqs[2] = {t, l};
    for (int k = 0; k < 3; k++) {
        pe_val s = k < 2 ? seqs[k] : (pe_iter(S, t, &it), it);
        check_unpack(S, s, 3, false, 0, "");
        if (k == 2) pe_decref(S, it), pe_iter(S, t, &it), s = it;
        check_unpack(S, s, 2, false, 0, "too many values to unpack (expected 2)");
        if (k == 2) pe_decref(S, it), pe_iter(S, t, &it), s = it;
        check_unpack(S, s, 4, false, 0, "not enough values to unpack (expected 4, got 3)");
        if (k == 2) pe_decref(S, it), pe_iter(S, t, &it), s = it;
        check_unpack(S, s, 1, true, 1, "");
        if (k == 2) pe_decref(S, it), pe_iter(S, t, &it), s = it;
        check_unpack(S, s, 2, true, 2, "not enough values to unpack (expected at least 4, got 3)");
        if (k == 2) pe_decref(S, it), pe_iter(S, t, &it), s = it;
        check_unpack(S, s, 4, true, 0, "not enough values to unpack (expected at least 4, got 3)");
        if (k == 2) pe_decref(S, it);
    }
    check_unpack(S, pe_int(5), 2, false, 0, "cannot unpack non-iterable int object");
    pe_val dst[4];
    CHECK(pe_unpack(S, t, 1, true, 1, dst) == 0 && pe_is_list(dst[1]) && PE_LIST(dst[1])->n == 1,
          "a, *b, c = (1, 2, 3): b must be [2]");
    for (int i = 0; i < 3; i++) pe_decref(S, dst[i]);
    pe_decref(S, t);
    pe_decref(S, l);
}

static void test_dict_api(pe_state *S) {
    pe_val d;
    pe_dict_new(S, &d);
    for (int i = 0; i < 1000; i++)
        CHECK(pe_dict_set(S, PE_DICT(d), pe_int(i), pe_int(i * 2)) == 0, "set %d", i);
    for (int i = 0; i < 1000; i += 2) CHECK(pe_dict_del(S, PE_DICT(d), pe_int(i)) == 1, "del %d", i);
    CHECK(pe_dict_del(S, PE_DICT(d), pe_int(0)) == 0, "second del must miss");
    size_t pos = 0, n = 0;
    pe_val k, v;
    int64_t expect = 1;
    while (pe_dict_next(PE_DICT(d), &pos, &k, &v)) {
        CHECK(k.u.i == expect && v.u.i == expect * 2, "order: got %lld", (long long)k.u.i);
        expect += 2;
        n++;
    }
    CHECK(n == 500 && PE_DICT(d)->used == 500, "500 entries left, got %zu", n);
    CHECK(pe_dict_get(S, PE_DICT(d), pe_float(7.0), &v) == 1 && v.u.i == 14, "7.0 finds key 7");
    pe_val lst;
    pe_list_new(S, 0, &lst);
    CHECK(pe_dict_set(S, PE_DICT(d), lst, pe_none()) == -1 && !strcmp(exc_name(S), "TypeError"),
          "list key must be unhashable");
    pe_exc_clear(S);
    pe_decref(S, lst);
    pe_val c;
    CHECK(pe_dict_copy(S, PE_DICT(d), &c) == 0 && PE_DICT(c)->used == 500, "copy");
    pe_decref(S, c);
    pe_decref(S, d);
}

static void test_set_api(pe_state *S) {
    pe_val s;
    pe_set_new(S, &pe_type_set, &s);
    for (int i = -20; i < 20; i++) pe_set_add(S, s.u.o, pe_int(i % 7));
    CHECK(PE_SET(s)->used == 13, "13 distinct residues, got %zu", PE_SET(s)->used);
    CHECK(pe_set_contains(S, s.u.o, pe_bool(1)) == 1, "True in set (== 1)");
    size_t pos = 0, n = 0;
    pe_val k;
    while (pe_set_next(PE_SET(s), &pos, &k)) n++;
    CHECK(n == 13, "iteration count %zu", n);
    pe_decref(S, s);
}

/* 200000 nested lists / dicts / tuples: freeing them must not recurse. */
static void test_trashcan(pe_state *S) {
    size_t base = S->mem_used;
    pe_val cur;
    pe_list_new(S, 0, &cur);
    for (int i = 0; i < 200000; i++) {
        pe_val next;
        switch (i % 3) {
        case 0: pe_list_new(S, 1, &next); pe_list_append(S, PE_LIST(next), cur); break;
        case 1: pe_tuple_pack(S, 1, &cur, &next); break;
        default: pe_dict_new(S, &next); pe_dict_set(S, PE_DICT(next), pe_int(i), cur); break;
        }
        pe_decref(S, cur);
        cur = next;
    }
    pe_decref(S, cur);
    CHECK(S->mem_used == base && heap_objects(S) == 0, "trashcan: %zu objects left",
          heap_objects(S));
    CHECK(S->ntrash == 0 && S->dealloc_depth == 0 && !S->trash, "trashcan state not reset");
}

int main(void) {
    pe_state *S = pe_state_new();
    if (!S) return 2;
    pe_set_output(S, sink, &out_buf, sink, &err_buf);
    test_programs(S);
    /* in a child process: a crash there (e.g. raising LimitError itself
     * running out of memory) is reported instead of ending the test */
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        test_memory_limits(S);
        _exit(failures ? 1 : 0);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0,
          "memory-limit runs: child %s %d", WIFSIGNALED(status) ? "killed by signal" : "exit",
          WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    test_slice_indices(S);
    test_unpack(S);
    test_dict_api(S);
    test_set_api(S);
    test_trashcan(S);
    CHECK(heap_objects(S) == 0, "objects left at the end: %zu", heap_objects(S));
    pe_state_free(S);
    free(out_buf.p);
    free(err_buf.p);
    printf("test_containers: %d checks, %d failed\n", checks, failures);
    return failures != 0;
}
