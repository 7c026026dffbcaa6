/*
 * pe_match.h - run-time helpers of `match` statements (match.c), called by
 * the VM's MATCH_* / GET_LEN instructions. Arguments borrowed; results new
 * references; 0 or -1 with the exception pending.
 */
#ifndef PE_MATCH_H
#define PE_MATCH_H

#include "pe_internal.h"

bool pe_match_is_sequence(pe_val v);
bool pe_match_is_mapping(pe_val v);
int pe_match_get_len(pe_state *S, pe_val v, pe_val *out);
int pe_match_keys(pe_state *S, pe_val subj, pe_val keys, pe_val *out);
int pe_match_star_dict(pe_state *S, pe_val subj, pe_val keys, pe_val *out);
int pe_match_class(pe_state *S, pe_val subj, pe_val cls, pe_val names, uint32_t npos, pe_val *out);

#endif /* PE_MATCH_H */
