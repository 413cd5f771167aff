/* Name heuristics shared by the rules and the planner: what a session ID, a token, a password or a
 * login operation is called in real API descriptions. Names are compared normalised: lower case,
 * letters and digits only ("Session-Id" == "session_id" == "sessionId"). */
#ifndef SS_SPEC_NAMES_H
#define SS_SPEC_NAMES_H
#include "spec/doc.h"

#include <stdbool.h>
#include <stddef.h>

/* Lower-cases and keeps [a-z0-9]; out is always NUL-terminated. */
void name_norm(const char *in, char *out, size_t cap);

bool name_is_session_id(const char *name); /* sessionId, sid, JSESSIONID, ... */
bool name_is_token(const char *name);      /* token, access_token, jwt, ... */
bool name_is_api_key(const char *name);    /* api_key, X-API-Key, apikey, ... */
bool name_is_password(const char *name);
/* Rank of a user-name field (lower is better), or -1. */
int name_user_rank(const char *name);

/* Operation roles, from operationId, path and summary. Each returns a static phrase saying which
 * signal matched (for reason strings), or NULL. */
const char *op_looks_login(const spec_op *op);
const char *op_looks_logout(const spec_op *op);
/* Registration, password reset, health checks, docs: operations that are public by design. */
bool op_public_by_design(const spec_op *op);

#endif
