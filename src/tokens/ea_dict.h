/* The dictionary predictors of SP 800-90B 6.3.9 (MultiMMC) and 6.3.10 (LZ78Y), split by input kind
 * (internal; ea_multi_mmc and ea_lz78y in ea.h choose). Each returns EA_NOT_RUN when the input is
 * too short or memory runs out. */
#ifndef SS_TOKENS_EA_DICT_H
#define SS_TOKENS_EA_DICT_H
#include "tokens/ea.h"

double ea_mmc_binary(const uint8_t *bits, long len);

#endif
