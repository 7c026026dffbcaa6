/*
 * marshal.c - compiled programs and values to bytes and back (pe_marshal.h).
 *
 * Encoding: unsigned LEB128 varints, zigzag for signed ones. A value is a
 * tag byte and a payload:
 *   'N' None  'T' True  'F' False  '.' Ellipsis
 *   'i' int (zigzag varint)   'I' big int (varint length + hex digits, '-')
 *   'f' float (8 bytes, little-endian IEEE)
 *   's' str: varint 2*length + bytes, or 2*k+1: the k-th str written before
 *       (names repeat across code objects: one object, loaded once)
 *   'b' bytes (varint length + bytes)
 *   '(' tuple  '{' frozenset  '[' list  '<' set (count + values)
 *   'd' dict (count + key, value pairs)
 *   'c' code object (only inside a program: see read_fcode)
 * A program: varint mode, filename, source (flag + blob), global names,
 * then the module's code object.
 *
 * The reader trusts nothing: every length is checked against the bytes
 * left before anything is allocated, strings must be valid UTF-8, nesting
 * is bounded (PE_MARSHAL_MAX_DEPTH), every bytecode operand is checked
 * against its table, the stack depth is recomputed by the compiler's flow
 * pass (which also requires every backward jump to pay the step limit), and
 * the instructions that take an object of a given type from a constant
 * (MAKE_FUNCTION, keyword names) must follow the LOAD_CONST of one.
 */
#include <string.h>

#include "pe_marshal.h"
#include "pe_vm.h"
#include "utf8.h"

#define MAGIC "PEXC"

/* ------------------------------------------------------------------ */
/* Writer                                                              */
/* ------------------------------------------------------------------ */

void pe_marshal_w_init(pe_marshal_w *w, pe_state *S, pe_sb *sb) {
    memset(w, 0, sizeof *w);
    w->S = S;
    w->sb = sb;
    w->strs = pe_undef();
}

void pe_marshal_w_fini(pe_marshal_w *w) {
    pe_decref(w->S, w->strs);
    w->strs = pe_undef();
}

int pe_marshal_put_u8(pe_marshal_w *w, uint8_t b) { return pe_sb_putc(w->sb, (char)b); }

int pe_marshal_put_uvarint(pe_marshal_w *w, uint64_t x) {
    char buf[10];
    size_t n = 0;
    do {
        uint8_t b = x & 0x7f;
        x >>= 7;
        buf[n++] = (char)(b | (x ? 0x80 : 0));
    } while (x);
    return pe_sb_putn(w->sb, buf, n);
}

int pe_marshal_put_svarint(pe_marshal_w *w, int64_t x) {
    return pe_marshal_put_uvarint(w, ((uint64_t)x << 1) ^ (uint64_t)(x >> 63));
}

int pe_marshal_put_blob(pe_marshal_w *w, const void *p, size_t n) {
    if (pe_marshal_put_uvarint(w, n)) return -1;
    return n ? pe_sb_putn(w->sb, p, n) : 0;
}

/* A fingerprint of the opcode table (names and stack effects): bytecode
 * from an engine with other opcodes is refused even at the same version. */
static uint32_t opcode_fingerprint(void) {
    uint32_t h = 2166136261u;
    for (int i = 0; i < PE_OP__COUNT; i++) {
        const pe_opinfo *o = &pe_opinfo_table[i];
        for (const char *c = o->name; *c; c++) h = (h ^ (uint8_t)*c) * 16777619u;
        uint8_t x[5] = {(uint8_t)o->pops, (uint8_t)o->pushes, (uint8_t)o->jpushes, o->kind,
                        (uint8_t)o->flags};
        for (int k = 0; k < 5; k++) h = (h ^ x[k]) * 16777619u;
    }
    return h;
}

int pe_marshal_write_header(pe_marshal_w *w) {
    if (pe_sb_putn(w->sb, MAGIC, 4) || pe_marshal_put_uvarint(w, PE_MARSHAL_VERSION) ||
        pe_marshal_put_blob(w, PYEXPR_VERSION, strlen(PYEXPR_VERSION)))
        return -1;
    return pe_marshal_put_uvarint(w, opcode_fingerprint());
}

static int put_str_obj(pe_marshal_w *w, const pe_obj *o) {
    pe_str *s = (pe_str *)o;
    if (w->strs.tag == PE_TUNDEF && pe_dict_new(w->S, &w->strs)) return -1;
    pe_val k = pe_dict_get_str(PE_DICT(w->strs), s);
    if (k.tag == PE_TINT) return pe_marshal_put_uvarint(w, (uint64_t)k.u.i * 2 + 1);
    if (pe_dict_set(w->S, PE_DICT(w->strs), pe_obj_val((pe_obj *)o), pe_int(w->nstrs++)))
        return -1;
    if (pe_marshal_put_uvarint(w, (uint64_t)s->len * 2)) return -1;
    return s->len ? pe_sb_putn(w->sb, s->data, s->len) : 0;
}

static int write_fcode(pe_marshal_w *w, const pe_fcode *f);

/* count + items of a tuple-like array */
static int write_items(pe_marshal_w *w, const pe_val *v, size_t n) {
    if (pe_marshal_put_uvarint(w, n)) return -1;
    for (size_t i = 0; i < n; i++)
        if (pe_marshal_write_val(w, v[i])) return -1;
    return 0;
}

/* table size, count, then (slot, item) in iteration order */
static int write_set(pe_marshal_w *w, pe_set *s) {
    if (pe_marshal_put_uvarint(w, pe_set_table_size(s)) || pe_marshal_put_uvarint(w, s->used))
        return -1;
    size_t pos = 0;
    pe_val k;
    while (pe_set_next(s, &pos, &k))
        if (pe_marshal_put_uvarint(w, pos - 1) || pe_marshal_write_val(w, k)) return -1;
    return 0;
}

static int write_dict(pe_marshal_w *w, pe_dict *d) {
    if (pe_marshal_put_uvarint(w, d->used)) return -1;
    size_t pos = 0;
    pe_val k, v;
    while (pe_dict_next(d, &pos, &k, &v))
        if (pe_marshal_write_val(w, k) || pe_marshal_write_val(w, v)) return -1;
    return 0;
}

static int write_obj(pe_marshal_w *w, pe_val v) {
    pe_obj *o = v.u.o;
    if (o == &pe_ellipsis_obj) return pe_marshal_put_u8(w, '.');
    const pe_type *t = o->type;
    if (t == &pe_type_str) return pe_marshal_put_u8(w, 's') || put_str_obj(w, o);
    if (t == &pe_type_bytes) {
        const pe_bytes *b = (const pe_bytes *)o;
        return pe_marshal_put_u8(w, 'b') || pe_marshal_put_blob(w, b->data, b->len);
    }
    if (t == &pe_type_int) {
        pe_sb hex;
        pe_sb_init(&hex, w->S);
        int r = pe_int_to_str(w->S, v, 16, false, &hex);
        if (!r && hex.failed) r = -1;
        if (!r) r = pe_marshal_put_u8(w, 'I') || pe_marshal_put_blob(w, hex.p, hex.len);
        pe_sb_free(&hex);
        return r;
    }
    if (t == &pe_type_tuple)
        return pe_marshal_put_u8(w, '(') || write_items(w, PE_TUPLE(v)->items, PE_TUPLE(v)->n);
    if (t == &pe_type_list)
        return pe_marshal_put_u8(w, '[') || write_items(w, PE_LIST(v)->items, PE_LIST(v)->n);
    if (t == &pe_type_frozenset) return pe_marshal_put_u8(w, '{') || write_set(w, PE_SET(v));
    if (t == &pe_type_set) return pe_marshal_put_u8(w, '<') || write_set(w, PE_SET(v));
    if (t == &pe_type_dict) return pe_marshal_put_u8(w, 'd') || write_dict(w, PE_DICT(v));
    if (t == &pe_type_code) return pe_marshal_put_u8(w, 'c') || write_fcode(w, (const pe_fcode *)o);
    if (w->write_other) return w->write_other(w, v);
    return pe_raise(w->S, PE_EXC(ValueError), "unmarshallable object");
}

int pe_marshal_write_val(pe_marshal_w *w, pe_val v) {
    switch (v.tag) {
    case PE_TNONE: return pe_marshal_put_u8(w, 'N');
    case PE_TBOOL: return pe_marshal_put_u8(w, v.u.i ? 'T' : 'F');
    case PE_TINT: return pe_marshal_put_u8(w, 'i') || pe_marshal_put_svarint(w, v.u.i);
    case PE_TFLOAT: {
        uint64_t bits;
        memcpy(&bits, &v.u.f, 8);
        char b[8];
        for (int i = 0; i < 8; i++) b[i] = (char)(bits >> (8 * i));
        return pe_marshal_put_u8(w, 'f') || pe_sb_putn(w->sb, b, 8);
    }
    case PE_TOBJ: break;
    default: return pe_raise(w->S, PE_EXC(ValueError), "unmarshallable object");
    }
    if (w->depth >= PE_MARSHAL_MAX_DEPTH)
        return pe_raise(w->S, PE_EXC(ValueError), "object too deeply nested to marshal");
    w->depth++;
    int r = write_obj(w, v);
    w->depth--;
    return r;
}

/* A code object's counts and flags, in the order they are written. */
enum { F_FLAGS, F_NARGS, F_NPOSONLY, F_NKWONLY, F_NLOCALS, F_NCELLS, F_NFREE, F_NCODE,
       F_NCONSTS, F_NNAMES, F_NEXC, F_STACK, F__COUNT };
static void fcode_fields(pe_fcode *f, uint32_t *p[F__COUNT]) {
    uint32_t *const q[F__COUNT] = {&f->flags,  &f->nargs, &f->nposonly, &f->nkwonly,
                                   &f->nlocals, &f->ncells, &f->nfree,  &f->ncode,
                                   &f->nconsts, &f->nnames, &f->nexctab, &f->stacksize};
    memcpy(p, q, sizeof q);
}

static int put_str_objs(pe_marshal_w *w, pe_obj *const *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (put_str_obj(w, v[i])) return -1;
    return 0;
}

static int write_fcode(pe_marshal_w *w, const pe_fcode *f) {
    uint32_t nl = f->nlocals + f->ncells + f->nfree;
    if (put_str_obj(w, f->name) || put_str_obj(w, f->qualname) ||
        pe_marshal_put_svarint(w, f->firstline))
        return -1;
    uint32_t *fields[F__COUNT];
    fcode_fields((pe_fcode *)f, fields);
    for (int i = 0; i < F__COUNT; i++)
        if (pe_marshal_put_uvarint(w, *fields[i])) return -1;
    uint32_t line = 0;
    for (uint32_t i = 0; i < f->ncode; i++) {
        if (pe_marshal_put_uvarint(w, f->code[i]) ||
            pe_marshal_put_svarint(w, (int64_t)f->lines[i] - line) ||
            pe_marshal_put_uvarint(w, f->cols[i]))
            return -1;
        line = f->lines[i];
    }
    for (uint32_t i = 0; i < f->nexctab; i++) {
        const pe_exc_entry *e = &f->exctab[i];
        if (pe_marshal_put_uvarint(w, e->start) || pe_marshal_put_uvarint(w, e->end) ||
            pe_marshal_put_uvarint(w, e->target) || pe_marshal_put_uvarint(w, e->depth))
            return -1;
    }
    for (uint32_t i = 0; i < nl; i++) {
        const pe_obj *x = f->localnames ? f->localnames[i] : NULL;
        if (pe_marshal_put_u8(w, x != NULL) || (x && put_str_obj(w, x))) return -1;
    }
    for (uint32_t i = 0; i < f->ncells; i++)
        if (pe_marshal_put_svarint(w, f->cell2arg[i])) return -1;
    for (uint32_t i = 0; i < f->nconsts; i++)
        if (pe_marshal_write_val(w, f->consts[i])) return -1;
    return put_str_objs(w, f->names, f->nnames);
}

static int write_code_body(pe_marshal_w *w, const pe_code *code);

/* A program's strs are numbered apart from what the stream holds around it
 * (they live on the code's own heap when read back). */
int pe_marshal_write_code(pe_marshal_w *w, const pe_code *code) {
    pe_val outer = w->strs;
    uint32_t nouter = w->nstrs;
    w->strs = pe_undef();
    w->nstrs = 0;
    int r = write_code_body(w, code);
    pe_marshal_w_fini(w);
    w->strs = outer;
    w->nstrs = nouter;
    return r;
}

static int write_code_body(pe_marshal_w *w, const pe_code *code) {
    if (pe_marshal_put_uvarint(w, (uint64_t)code->mode) ||
        pe_marshal_put_blob(w, code->filename, strlen(code->filename)) ||
        pe_marshal_put_blob(w, code->source, code->source_len) ||
        pe_marshal_put_uvarint(w, code->nglobals) || put_str_objs(w, code->gnames, code->nglobals))
        return -1;
    return pe_marshal_write_val(w, pe_obj_val((pe_obj *)&code->module->ob));
}

int pe_code_serialize(pe_state *S, const pe_code *code, pe_sb *out) {
    pe_marshal_w w;
    pe_marshal_w_init(&w, S, out);
    int r = pe_marshal_write_header(&w) || pe_marshal_write_code(&w, code) ? -1 : 0;
    pe_marshal_w_fini(&w);
    return r || out->failed ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Reader                                                              */
/* ------------------------------------------------------------------ */

void pe_marshal_r_init(pe_marshal_r *r, pe_state *S, const void *buf, size_t len) {
    memset(r, 0, sizeof *r);
    r->S = S;
    r->p = buf;
    r->end = r->p + len;
}

void pe_marshal_r_fini(pe_marshal_r *r) {
    for (uint32_t i = 0; i < r->nstrs; i++) pe_decref_obj(r->S, r->strs[i]);
    pe_mem_free(r->S, r->strs, r->capstrs * sizeof(pe_obj *));
    r->strs = NULL;
    r->nstrs = r->capstrs = 0;
}

int pe_marshal_error(pe_marshal_r *r, const char *what) {
    return pe_raise(r->S, PE_EXC(ValueError), "bad marshal data (%s)", what);
}

static int eof(pe_marshal_r *r) { return pe_marshal_error(r, "unexpected end of data"); }

int pe_marshal_get_u8(pe_marshal_r *r, uint8_t *out) {
    if (r->p >= r->end) return eof(r);
    *out = *r->p++;
    return 0;
}

int pe_marshal_get_uvarint(pe_marshal_r *r, uint64_t *out) {
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) return eof(r);
        uint8_t b = *r->p++;
        if (shift == 63 && (b & 0x7e)) break;
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = x;
            return 0;
        }
    }
    return pe_marshal_error(r, "varint too long");
}

int pe_marshal_get_svarint(pe_marshal_r *r, int64_t *out) {
    uint64_t z;
    if (pe_marshal_get_uvarint(r, &z)) return -1;
    *out = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
    return 0;
}

int pe_marshal_get_count(pe_marshal_r *r, size_t min_bytes, uint32_t max, uint32_t *out) {
    uint64_t n;
    if (pe_marshal_get_uvarint(r, &n)) return -1;
    if (n > max) return pe_marshal_error(r, "count out of range");
    if (min_bytes && n > (uint64_t)(r->end - r->p) / min_bytes) return eof(r);
    *out = (uint32_t)n;
    return 0;
}

int pe_marshal_get_blob(pe_marshal_r *r, const uint8_t **p, size_t *n) {
    uint64_t len;
    if (pe_marshal_get_uvarint(r, &len)) return -1;
    if (len > (uint64_t)(r->end - r->p)) return eof(r);
    *p = r->p;
    *n = (size_t)len;
    r->p += len;
    return 0;
}

int pe_marshal_read_header(pe_marshal_r *r) {
    if (r->end - r->p < 4 || memcmp(r->p, MAGIC, 4))
        return pe_marshal_error(r, "not pyexpr bytecode");
    r->p += 4;
    uint64_t ver, fp;
    const uint8_t *ev;
    size_t evn;
    if (pe_marshal_get_uvarint(r, &ver)) return -1;
    if (ver != PE_MARSHAL_VERSION) return pe_marshal_error(r, "unsupported format version");
    if (pe_marshal_get_blob(r, &ev, &evn)) return -1;
    if (evn != strlen(PYEXPR_VERSION) || memcmp(ev, PYEXPR_VERSION, evn))
        return pe_marshal_error(r, "written by another pyexpr version");
    if (pe_marshal_get_uvarint(r, &fp)) return -1;
    if (fp != opcode_fingerprint()) return pe_marshal_error(r, "written for other opcodes");
    return 0;
}

/* A str (valid UTF-8, lone surrogates allowed as pyexpr stores them), or
 * a back-reference to one read before. */
static int read_str(pe_marshal_r *r, pe_val *out) {
    uint64_t x;
    if (pe_marshal_get_uvarint(r, &x)) return -1;
    if (x & 1) {
        if (x / 2 >= r->nstrs) return pe_marshal_error(r, "bad str reference");
        pe_obj *o = r->strs[x / 2];
        pe_incref(pe_obj_val(o));
        *out = pe_obj_val(o);
        return 0;
    }
    uint64_t n = x / 2;
    if (n > (uint64_t)(r->end - r->p)) return eof(r);
    const char *p = (const char *)r->p;
    r->p += n;
    if (!r->trusted && pe_utf8_valid_prefix_ex(p, (size_t)n, true) != n)
        return pe_marshal_error(r, "invalid UTF-8 in a str");
    if (r->nstrs == r->capstrs) {
        uint32_t cap = r->capstrs ? r->capstrs * 2 : 64;
        pe_obj **a = pe_mem_alloc(r->S, cap * sizeof(pe_obj *));
        if (!a) return -1;
        if (r->nstrs) memcpy(a, r->strs, r->nstrs * sizeof(pe_obj *));
        pe_mem_free(r->S, r->strs, r->capstrs * sizeof(pe_obj *));
        r->strs = a;
        r->capstrs = cap;
    }
    if (pe_str_new(r->S, p, (size_t)n, out)) return -1;
    pe_incref(*out);
    r->strs[r->nstrs++] = out->u.o;
    return 0;
}

static int read_bigint(pe_marshal_r *r, pe_val *out) {
    const uint8_t *p;
    size_t n;
    if (pe_marshal_get_blob(r, &p, &n)) return -1;
    size_t i = n && p[0] == '-';
    if (i == n || n > 1000000) return pe_marshal_error(r, "bad int");
    for (size_t k = i; k < n; k++)
        if (!((p[k] >= '0' && p[k] <= '9') || (p[k] >= 'a' && p[k] <= 'f')))
            return pe_marshal_error(r, "bad int");
    return pe_int_from_str(r->S, (const char *)p, n, 16, out);
}

/* n values into the tuple/list items array v (UNDEF or None beforehand). */
static int read_items(pe_marshal_r *r, pe_val *v, uint32_t n) {
    for (uint32_t i = 0; i < n; i++)
        if (pe_marshal_read_val(r, &v[i])) return -1;
    return 0;
}

/* A set or frozenset with its table layout (pe_set_fill_layout): the
 * iteration order is the original's. */
static int read_set(pe_marshal_r *r, const pe_type *t, pe_val *out) {
    uint64_t size;
    uint32_t n;
    pe_val items = pe_undef();
    if (pe_marshal_get_uvarint(r, &size) || pe_marshal_get_count(r, 2, UINT32_MAX, &n) ||
        pe_tuple_new(r->S, n, &items))
        return -1;
    uint32_t *slots = pe_mem_alloc(r->S, (n ? n : 1) * sizeof(uint32_t));
    int rc = slots ? 0 : -1;
    for (uint32_t i = 0; !rc && i < n; i++) {
        uint64_t slot;
        rc = pe_marshal_get_uvarint(r, &slot);
        if (!rc && slot > UINT32_MAX) rc = pe_marshal_error(r, "set layout");
        if (!rc) {
            slots[i] = (uint32_t)slot;
            rc = pe_marshal_read_val(r, &PE_TUPLE(items)->items[i]);
        }
    }
    if (!rc) rc = pe_set_new(r->S, t, out);
    if (!rc) rc = pe_set_fill_layout(r->S, PE_SET(*out), (size_t)size, PE_TUPLE(items)->items, slots, n);
    pe_mem_free(r->S, slots, (n ? n : 1) * sizeof(uint32_t));
    pe_decref(r->S, items);
    return rc;
}

static int read_dict(pe_marshal_r *r, pe_val *out) {
    uint32_t n;
    if (pe_marshal_get_count(r, 2, UINT32_MAX, &n) || pe_dict_new(r->S, out)) return -1;
    for (uint32_t i = 0; i < n; i++) {
        pe_val k, v = pe_undef();
        int rc = pe_marshal_read_val(r, &k);
        if (!rc) rc = pe_marshal_read_val(r, &v);
        if (!rc) rc = pe_dict_set(r->S, PE_DICT(*out), k, v);
        pe_decref(r->S, v); /* UNDEF after a failed read: nothing */
        pe_decref(r->S, k);
        if (rc) return -1;
    }
    return 0;
}

static int read_fcode(pe_marshal_r *r, pe_val *out);

static int read_tagged(pe_marshal_r *r, uint8_t tag, pe_val *out) {
    pe_state *S = r->S;
    uint32_t n;
    switch (tag) {
    case 'N': *out = pe_none(); return 0;
    case 'T': *out = pe_bool(1); return 0;
    case 'F': *out = pe_bool(0); return 0;
    case '.': *out = pe_obj_val((pe_obj *)&pe_ellipsis_obj); return 0;
    case 'i': {
        int64_t x;
        if (pe_marshal_get_svarint(r, &x)) return -1;
        *out = pe_int(x);
        return 0;
    }
    case 'I': return read_bigint(r, out);
    case 'f': {
        if (r->end - r->p < 8) return eof(r);
        uint64_t bits = 0;
        for (int i = 0; i < 8; i++) bits |= (uint64_t)r->p[i] << (8 * i);
        r->p += 8;
        double d;
        memcpy(&d, &bits, 8);
        *out = pe_float(d);
        return 0;
    }
    case 's': return read_str(r, out);
    case 'b': {
        const uint8_t *p;
        size_t len;
        if (pe_marshal_get_blob(r, &p, &len)) return -1;
        return pe_bytes_new(S, p, len, out);
    }
    case '(':
        if (pe_marshal_get_count(r, 1, UINT32_MAX, &n) || pe_tuple_new(S, n, out)) return -1;
        return read_items(r, PE_TUPLE(*out)->items, n);
    case '[':
        if (pe_marshal_get_count(r, 1, UINT32_MAX, &n) || pe_list_new(S, n, out)) return -1;
        for (uint32_t i = 0; i < n; i++) {
            pe_val x;
            if (pe_marshal_read_val(r, &x) || pe_list_append_steal(S, PE_LIST(*out), x)) return -1;
        }
        return 0;
    case '{': return read_set(r, &pe_type_frozenset, out);
    case '<': return read_set(r, &pe_type_set, out);
    case 'd': return read_dict(r, out);
    case 'c':
        if (!r->code_ok) return pe_marshal_error(r, "code object outside a program");
        return read_fcode(r, out);
    default:
        if (r->read_other) return r->read_other(r, tag, out);
        return pe_marshal_error(r, "unknown type code");
    }
}

int pe_marshal_read_val(pe_marshal_r *r, pe_val *out) {
    *out = pe_undef();
    uint8_t tag = 0;
    if (pe_marshal_get_u8(r, &tag)) return -1;
    if (r->depth >= PE_MARSHAL_MAX_DEPTH) return pe_marshal_error(r, "nesting too deep");
    r->depth++;
    int rc = read_tagged(r, tag, out);
    r->depth--;
    if (rc && out->tag != PE_TUNDEF) {
        pe_decref(r->S, *out);
        *out = pe_undef();
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Code objects                                                        */
/* ------------------------------------------------------------------ */

static bool is_str_tuple(pe_val v) {
    if (!pe_is_kind(v, PE_K_TUPLE) || v.u.o->type != &pe_type_tuple) return false;
    for (size_t i = 0; i < PE_TUPLE(v)->n; i++)
        if (!pe_is_str(PE_TUPLE(v)->items[i])) return false;
    return true;
}

/* The constant instruction at-1 loads (or UNDEF), when nothing jumps to at. */
static pe_val const_before(const pe_fcode *f, const uint8_t *target, uint32_t at) {
    if (!at || target[at]) return pe_undef();
    uint32_t w = f->code[at - 1];
    if (PE_OPOF(w) != PE_OP_LOAD_CONST || PE_ARGOF(w) >= f->nconsts) return pe_undef();
    return f->consts[PE_ARGOF(w)];
}

/* Checks every operand against f's tables and the objects some
 * instructions take from a constant. */
static int check_code(pe_marshal_r *r, const pe_fcode *f) {
    pe_state *S = r->S;
    uint32_t nl = f->nlocals + f->ncells + f->nfree;
    uint8_t *target = pe_mem_alloc(S, f->ncode);
    if (!target) return -1;
    memset(target, 0, f->ncode);
    int rc = 0;
    const char *bad = NULL;
    uint32_t bad_at = 0;
    for (uint32_t i = 0; i < f->ncode; i++) {
        bad_at = i;
        uint32_t w = f->code[i];
        if (PE_OPOF(w) >= PE_OP__COUNT) {
            bad = "unknown opcode";
            break;
        }
        if ((pe_opinfo_table[PE_OPOF(w)].flags & PE_OPF_JUMP) && PE_ARGOF(w) < f->ncode)
            target[PE_ARGOF(w)] = 1;
    }
    for (uint32_t i = 0; !bad && i < f->nexctab; i++)
        if (f->exctab[i].target < f->ncode) target[f->exctab[i].target] = 1;
    for (uint32_t i = 0; !bad && i < f->ncode; i++) {
        bad_at = i;
        uint32_t w = f->code[i], arg = PE_ARGOF(w), op = PE_OPOF(w);
        bool ok = true;
        switch (pe_opinfo_table[op].kind) {
        case PE_ARGK_CONST: ok = arg < f->nconsts; break;
        case PE_ARGK_LOCAL: ok = arg < nl; break;
        case PE_ARGK_CELL: ok = arg >= f->nlocals && arg < nl; break;
        case PE_ARGK_GLOBAL: ok = arg < r->nglobals; break;
        case PE_ARGK_NAME: ok = arg < f->nnames; break;
        case PE_ARGK_EXC: ok = arg < PE_EXC__COUNT; break;
        case PE_ARGK_BINOP: ok = (arg & 0xffu) < PE_BO__COUNT && (arg >> 8) <= 1; break;
        case PE_ARGK_CMP: ok = arg <= PE_GE; break;
        case PE_ARGK_INPLACE: case PE_ARGK_INVERT: ok = arg <= 1; break;
        default: break;
        }
        /* a superinstruction reads the operand of the instruction after it */
        uint32_t first, second = pe_super_parts(op, &first);
        if (second && (i + 1 >= f->ncode || pe_super_first(PE_OPOF(f->code[i + 1])) != second))
            ok = false;
        if (!ok) {
            bad = "operand out of range";
            break;
        }
        /* instructions that take an object of a given type from a constant */
        if (op == PE_OP_MAKE_FUNCTION) {
            ok = pe_is_kind(const_before(f, target, i), PE_K_CODE);
        } else if (op == PE_OP_CALL_KW || (op == PE_OP_BUILD_CLASS && (arg >> 12))) {
            ok = is_str_tuple(const_before(f, target, i));
        } else if (op == PE_OP_RETURN_GENERATOR) {
            ok = i == 0;
        }
        if (!ok) {
            bad = "instruction without its constant";
            break;
        }
    }
    if (bad) rc = pe_raise(S, PE_EXC(ValueError), "bad marshal data (%s at instruction %u)", bad,
                           (unsigned)bad_at);
    pe_mem_free(S, target, f->ncode);
    return rc;
}

/* Reads one code object's fields (written by write_fcode) into a new
 * pe_fcode, then validates it. */
static int read_fcode(pe_marshal_r *r, pe_val *out) {
    pe_state *S = r->S;
    pe_val name, qualname = pe_undef();
    int64_t firstline;
    if (read_str(r, &name)) return -1;
    if (read_str(r, &qualname) || pe_marshal_get_svarint(r, &firstline)) goto fail_names;
    uint32_t v[F__COUNT];
    /* the least bytes each item counted takes (a hostile count is refused
     * before anything is allocated) */
    static const uint8_t min_bytes[F__COUNT] = {0, 0, 0, 0, 1, 1, 1, 3, 1, 1, 4, 0};
    for (int i = 0; i < F__COUNT; i++)
        if (pe_marshal_get_count(r, min_bytes[i], PE_ARG_MAX, &v[i])) goto fail_names;
    uint32_t flags = v[F_FLAGS], nargs = v[F_NARGS], nkwonly = v[F_NKWONLY];
    uint32_t nlocals = v[F_NLOCALS], ncells = v[F_NCELLS], nfree = v[F_NFREE];
    uint32_t ncode = v[F_NCODE], nconsts = v[F_NCONSTS], nnames = v[F_NNAMES], nexc = v[F_NEXC];
    uint64_t nl = (uint64_t)nlocals + ncells + nfree;
    uint64_t nparams = (uint64_t)nargs + nkwonly + !!(flags & PE_CO_VARARGS) +
                       !!(flags & PE_CO_VARKW);
    if ((flags & ~(uint32_t)(PE_CO_VARARGS | PE_CO_VARKW | PE_CO_DOC)) || v[F_NPOSONLY] > nargs ||
        nparams > nlocals || nl > PE_ARG_MAX || (nl && nl > (uint64_t)(r->end - r->p)) ||
        !ncode || ((flags & PE_CO_DOC) && !nconsts) || firstline < 0 || firstline > INT32_MAX) {
        pe_marshal_error(r, "bad code header");
        goto fail_names;
    }
    pe_fcode *f = (pe_fcode *)pe_obj_new(S, &pe_type_code, sizeof(pe_fcode));
    if (!f) goto fail_names;
    memset((char *)f + sizeof(pe_obj), 0, sizeof(pe_fcode) - sizeof(pe_obj));
    f->name = name.u.o;
    f->qualname = qualname.u.o;
    *out = pe_obj_val(&f->ob); /* from here the caller's decref frees it all */
    if (pe_fcode_arrays(S, f, ncode, nconsts, nnames, (uint32_t)nl, ncells, nexc)) return -1;
    /* filled one by one below: until then, entries its dealloc can free */
    for (uint32_t i = 0; i < nconsts; i++) f->consts[i] = pe_none();
    for (uint32_t i = 0; i < nnames; i++) f->names[i] = NULL;
    uint32_t *fields[F__COUNT];
    fcode_fields(f, fields);
    for (int i = 0; i < F__COUNT; i++) *fields[i] = v[i];
    f->firstline = (int)firstline;
    int64_t line = 0;
    for (uint32_t i = 0; i < ncode; i++) {
        uint64_t w, col;
        int64_t d;
        if (pe_marshal_get_uvarint(r, &w) || pe_marshal_get_svarint(r, &d) ||
            pe_marshal_get_uvarint(r, &col))
            return -1;
        line += d; /* lines are uint32 (no range assumed by their readers) */
        if (w > UINT32_MAX || line < 0 || line > UINT32_MAX || col > UINT16_MAX ||
            d > UINT32_MAX || d < -(int64_t)UINT32_MAX)
            return pe_marshal_error(r, "bad instruction");
        f->code[i] = (uint32_t)w;
        f->lines[i] = (uint32_t)line;
        f->cols[i] = (uint16_t)col;
    }
    for (uint32_t i = 0; i < nexc; i++) {
        uint64_t e[4];
        for (int k = 0; k < 4; k++)
            if (pe_marshal_get_uvarint(r, &e[k])) return -1;
        if (e[0] > e[1] || e[1] > ncode || e[2] >= ncode || e[3] > PE_ARG_MAX)
            return pe_marshal_error(r, "bad exception table");
        f->exctab[i] = (pe_exc_entry){(uint32_t)e[0], (uint32_t)e[1], (uint32_t)e[2],
                                      (uint32_t)e[3]};
    }
    for (uint32_t i = 0; i < nl; i++) {
        uint8_t has = 0;
        pe_val s;
        if (pe_marshal_get_u8(r, &has)) return -1;
        if (has > 1) return pe_marshal_error(r, "bad local name");
        if (has) {
            if (read_str(r, &s)) return -1;
            f->localnames[i] = s.u.o;
        }
    }
    for (uint32_t i = 0; i < ncells; i++) {
        int64_t a;
        if (pe_marshal_get_svarint(r, &a)) return -1;
        if (a < -1 || a >= (int64_t)nlocals) return pe_marshal_error(r, "bad cell argument");
        f->cell2arg[i] = (int32_t)a;
    }
    for (uint32_t i = 0; i < nconsts; i++)
        if (pe_marshal_read_val(r, &f->consts[i])) return -1;
    for (uint32_t i = 0; i < nnames; i++) {
        pe_val s;
        if (read_str(r, &s)) return -1;
        f->names[i] = s.u.o;
    }
    if (r->trusted) return 0; /* checked when this build wrote it */
    if (check_code(r, f)) return -1;
    return pe_code_stack_depth(S, f->code, f->ncode, f->exctab, f->nexctab, &f->stacksize, true);
fail_names:
    pe_decref(S, name);
    if (qualname.tag != PE_TUNDEF) pe_decref(S, qualname);
    return -1;
}

static int read_code_body(pe_marshal_r *r, pe_code **out);

int pe_marshal_read_code(pe_marshal_r *r, pe_code **out) {
    pe_obj **outer = r->strs;
    uint32_t n = r->nstrs, cap = r->capstrs;
    r->strs = NULL;
    r->nstrs = r->capstrs = 0;
    int rc = read_code_body(r, out);
    r->strs = outer;
    r->nstrs = n;
    r->capstrs = cap;
    return rc;
}

/* Leaves r->strs empty (released before the objects are swept or sealed). */
static int read_code_body(pe_marshal_r *r, pe_code **out) {
    pe_state *S = r->S;
    *out = NULL;
    uint64_t mode;
    const uint8_t *fn, *src;
    size_t fnlen, srclen;
    uint32_t ng;
    if (pe_marshal_get_uvarint(r, &mode) || pe_marshal_get_blob(r, &fn, &fnlen) ||
        pe_marshal_get_blob(r, &src, &srclen) || pe_marshal_get_count(r, 1, PE_ARG_MAX + 1, &ng))
        return -1;
    if (mode > PE_MODE_SINGLE || fnlen > 4096 || memchr(fn, 0, fnlen) ||
        memchr(src, 0, srclen) ||
        (!r->trusted && pe_utf8_valid_prefix_ex((const char *)src, srclen, false) != srclen))
        return pe_marshal_error(r, "bad program header");
    char fname[4097];
    memcpy(fname, fn, fnlen);
    fname[fnlen] = 0;
    /* as compile_source (api.c): objects go on a private heap that becomes
     * the code's, counted against max_memory */
    pe_heap tmp;
    pe_heap_init(&tmp);
    pe_heap *saved = S->cur;
    size_t mark = S->mem_used, saved_limit = S->mem_limit;
    S->mem_limit = pe_mem_limit_from(S, mark);
    S->cur = &tmp;
    pe_code *code = pe_code_block_new(S, ng, fname, (const char *)src, srclen);
    int rc = code ? 0 : -1;
    uint32_t k = 0;
    for (; !rc && k < ng; k++) {
        pe_val s;
        rc = read_str(r, &s);
        if (rc) break;
        code->gnames[k] = s.u.o;
        code->gbuiltin[k] = pe_builtin_lookup(PE_STR(s)->data, PE_STR(s)->len);
    }
    pe_val mod = pe_undef();
    if (!rc) {
        bool code_ok = r->code_ok;
        uint32_t nglobals = r->nglobals;
        r->code_ok = true;
        r->nglobals = ng;
        rc = pe_marshal_read_val(r, &mod);
        r->code_ok = code_ok;
        r->nglobals = nglobals;
        if (!rc && !pe_is_kind(mod, PE_K_CODE)) rc = pe_marshal_error(r, "no module code");
        if (!rc && (((pe_fcode *)mod.u.o)->nlocals || ((pe_fcode *)mod.u.o)->nargs))
            rc = pe_marshal_error(r, "bad module code");
    }
    S->mem_limit = saved_limit;
    S->cur = saved;
    pe_marshal_r_fini(r);
    if (rc) {
        pe_heap_sweep(S, &tmp); /* everything read */
        if (code) pe_sys_free(S, code, code->block_size);
        return -1;
    }
    code->module = (pe_fcode *)mod.u.o;
    code->mode = (int)mode;
    code->flags = pe_code_compute_flags(code);
    pe_code_seal(S, code, &tmp, mark);
    *out = code;
    return 0;
}

static int deserialize(pe_state *S, const void *buf, size_t len, bool trusted, pe_code **out) {
    pe_marshal_r r;
    pe_marshal_r_init(&r, S, buf, len);
    r.trusted = trusted;
    *out = NULL;
    int rc = pe_marshal_read_header(&r) || pe_marshal_read_code(&r, out) ? -1 : 0;
    pe_marshal_r_fini(&r);
    if (!rc && r.p != r.end) {
        pe_code_release(*out);
        *out = NULL;
        rc = pe_marshal_error(&r, "trailing bytes");
    }
    return rc;
}

int pe_code_deserialize(pe_state *S, const void *buf, size_t len, pe_code **out) {
    return deserialize(S, buf, len, false, out);
}

int pe_code_deserialize_trusted(pe_state *S, const void *buf, size_t len, pe_code **out) {
    return deserialize(S, buf, len, true, out);
}
