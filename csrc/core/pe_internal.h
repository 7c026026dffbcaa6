/*
 * pe_internal.h - the engine's internal object model, shared by every stage.
 *
 * Conventions (see docs/internals.md):
 *  - Every function that can fail returns int: 0 = ok, -1 = error with an
 *    exception pending in S (pe_raise*). Functions returning a pointer return
 *    NULL on error with the exception pending.
 *  - pe_val arguments are BORROWED. Values written through `pe_val *out` are
 *    NEW references owned by the caller. Functions with `_steal` in the name
 *    take ownership of the named argument.
 *  - No mutable globals: all run-time state hangs off pe_state. Static type
 *    objects are immortal and never written.
 *  - Ints that fit in int64_t are ALWAYS PE_TINT; a pe_bigint only ever holds
 *    a value outside [INT64_MIN, INT64_MAX] (normalised on every result).
 */
#ifndef PE_INTERNAL_H
#define PE_INTERNAL_H

/* The areas, in dependency order (each includes the one before). */
#include "pe_object.h"
#include "pe_mem.h"
#include "pe_exc.h"
#include "pe_str.h"
#include "pe_num.h"
#include "pe_proto.h"
#include "pe_cont.h"
#include "pe_bytes.h"

#endif /* PE_INTERNAL_H */
