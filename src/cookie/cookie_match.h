/* Matching rules of RFC 6265bis §5.1.3-5.1.4 shared by the jar and the checks. */
#ifndef SS_COOKIE_MATCH_H
#define SS_COOKIE_MATCH_H
#include <stdbool.h>

/* True for an IPv4 dotted quad or anything with ':' (IPv6, bracketed or not). */
bool cookie_host_is_ip(const char *host);
/* `host` domain-matches `domain` (both lower-case): identical, or host ends with "." + domain
   and host is not an IP address. */
bool cookie_domain_match(const char *host, const char *domain);
/* `req_path` (query/fragment ignored) path-matches `cookie_path`. */
bool cookie_path_match(const char *req_path, const char *cookie_path);
/* default-path of a request path (§5.1.4), malloc'd. NULL or relative input gives "/". */
char *cookie_default_path(const char *req_path);

#endif
