/* The logged-in oracle (DESIGN §2 step 0): calibrated on controls, then asked of every probe. */
#ifndef SS_ORACLE_H
#define SS_ORACLE_H
#include "flow/scan.h"

/* Compiles --logged-in / --logged-out; -1 with a message for a bad pattern (a usage error). */
int oracle_init(ss_oracle *o, const char *in_re, const char *out_re, char *err, size_t errlen);
void oracle_free(ss_oracle *o);

/* Learns how to tell the two states apart from a logged-out and a logged-in response of the
 * protected path. Returns 0, or -1 when they cannot be told apart (message in err). */
int oracle_calibrate(ss_oracle *o, const ss_response *out, const ss_response *in, const char *user,
                     char *err, size_t errlen);
ss_login_state oracle_classify(const ss_oracle *o, const ss_response *r, const char *user);
/* One line for the report: how the oracle decides. Caller frees. */
char *oracle_describe(const ss_oracle *o);

#endif
