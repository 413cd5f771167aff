/* One Set-Cookie header value parsed the way a browser parses it (RFC 6265bis §5.6), keeping
   every attribute the analysis needs (a cookie engine would drop SameSite and the raw text). */
#ifndef SS_SETCOOKIE_H
#define SS_SETCOOKIE_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* 6265bis limits: a larger name+value makes the browser ignore the header; a larger attribute
   value makes it ignore that one attribute. */
#define SETCOOKIE_MAX_NAME_VALUE 4096
#define SETCOOKIE_MAX_ATTR_VALUE 1024

typedef enum {
    SAMESITE_MISSING = 0,
    SAMESITE_STRICT,
    SAMESITE_LAX,
    SAMESITE_NONE,
    SAMESITE_INVALID /* attribute present with a value browsers map to "Default" */
} ss_samesite;

typedef struct {
    char *name, *value; /* name may be "" (nameless cookie per 6265bis) */
    bool has_expires;
    bool expires_invalid; /* some Expires attribute failed the cookie-date algorithm (ignored) */
    time_t expires;       /* last valid Expires, UTC */
    bool has_max_age;
    long long max_age; /* last valid Max-Age; saturated at LLONG_MIN/LLONG_MAX */
    char *domain; /* NULL when absent; leading '.' stripped, lower-cased; empty Domain= ignored */
    char *path;   /* NULL when absent or not starting with '/' (then default-path applies) */
    bool secure, httponly, partitioned;
    ss_samesite samesite;
    char *samesite_raw; /* raw value of the last SameSite attribute, NULL when absent */
    char *raw;          /* the header value as received */
} ss_setcookie;

/* 0 on success; -1 when a browser would ignore the whole header (control characters, empty
   name and value, name+value > 4096 bytes). On -1 *out is zeroed and needs no free.
   `value` is the field value after "Set-Cookie:"; a trailing CRLF of the raw line is dropped,
   any other CR/LF/NUL rejects the header. */
int setcookie_parse(const char *value, size_t len, ss_setcookie *out);
void setcookie_free(ss_setcookie *c);

/* Deletion cookie: Max-Age <= 0, or Expires not in the future (Max-Age wins over Expires).
   Equivalent to setcookie_lifetime() == 0. */
bool setcookie_is_deletion(const ss_setcookie *c, time_t now);
/* Seconds the cookie lives from now as the server asked (no 400-day browser cap):
   -1 = session cookie (no valid Max-Age/Expires), else >= 0. */
long long setcookie_lifetime(const ss_setcookie *c, time_t now);
/* Prefix rules (6265bis §4.1.3, case-insensitive): "__Secure-" needs Secure; "__Host-" needs
   Secure, no Domain, Path=/; "__Http-"/"__Host-Http-" also need HttpOnly; a nameless cookie may
   not carry a prefix in its value. NULL when fine, else a static string naming the rule. */
const char *setcookie_prefix_violation(const ss_setcookie *c);
/* Every reason a browser's storage model (§5.7) drops the cookie regardless of the request:
   the prefix rules, SameSite=None without Secure, Partitioned without Secure (CHIPS). */
const char *setcookie_storage_violation(const ss_setcookie *c);
const char *samesite_name(ss_samesite s);

#endif
