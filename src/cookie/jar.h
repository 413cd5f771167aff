/* A per-actor cookie jar for the one origin a scan talks to: the part of a browser's cookie
   store (RFC 6265bis §5.7-5.8) that decides which cookies go back to the server. SameSite is
   not applied: every request the scanner makes is same-site. */
#ifndef SS_JAR_H
#define SS_JAR_H
#include "cookie/setcookie.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define JAR_MAX_COOKIES 200

typedef struct ss_jar ss_jar; /* opaque */

ss_jar *jar_new(void);
void jar_free(ss_jar *j);
ss_jar *jar_clone(const ss_jar *j);

/* Stores a Set-Cookie received for request path `req_path` from `host` over `secure_origin`:
   replaces the cookie with the same name, domain and path (creation order kept), removes it on a
   deletion cookie, applies default-path, and ignores Secure cookies on a non-secure origin,
   non-secure cookies that would shadow a stored Secure one, prefix-rule violations, and a Domain
   that `host` does not domain-match (exact only when host is an IP).
   Returns 0 stored/deleted, -1 ignored. */
int jar_store(ss_jar *j, const ss_setcookie *c, const char *host, const char *req_path,
              bool secure_origin, time_t now);
/* Same, and *why (when non-NULL) names the reason a cookie was ignored (static string). */
int jar_store_why(ss_jar *j, const ss_setcookie *c, const char *host, const char *req_path,
                  bool secure_origin, time_t now, const char **why);

/* Sets a cookie by hand (the attacker planting an ID): path "/", host-only, session, no
   attributes. Every stored cookie of that name is replaced, so the request carries only this one.
 */
void jar_set(ss_jar *j, const char *name, const char *value);
/* Removes every cookie of that name. */
void jar_remove(ss_jar *j, const char *name);
/* Value of the cookie with that name and the longest path (earliest stored on ties), or NULL. */
const char *jar_get(const ss_jar *j, const char *name);
size_t jar_count(const ss_jar *j);
/* Iteration in storage order; NULL past the end. */
const char *jar_name_at(const ss_jar *j, size_t i);
const char *jar_value_at(const ss_jar *j, size_t i);
/* Cookie header value "a=1; b=2" for a request to `path`: path-match, longer paths first then
   storage order, Secure only if secure_origin, expired skipped. Caller frees; "" when none. */
char *jar_header(const ss_jar *j, const char *path, bool secure_origin, time_t now);

#endif
