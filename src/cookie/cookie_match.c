#include "cookie/cookie_match.h"

#include "util/xalloc.h"

#include <string.h>

bool cookie_host_is_ip(const char *host)
{
    if (strchr(host, ':')) return true;
    int dots = 0;
    size_t digits = 0;
    for (const char *p = host; *p; p++) {
        if (*p == '.') {
            if (digits == 0) return false;
            dots++;
            digits = 0;
        } else if (*p >= '0' && *p <= '9') {
            digits++;
        } else {
            return false;
        }
    }
    return dots == 3 && digits > 0;
}

bool cookie_domain_match(const char *host, const char *domain)
{
    if (strcmp(host, domain) == 0) return true;
    size_t hl = strlen(host), dl = strlen(domain);
    if (dl == 0 || hl <= dl + 1 || cookie_host_is_ip(host)) return false;
    return host[hl - dl - 1] == '.' && strcmp(host + hl - dl, domain) == 0;
}

/* The uri-path stops at the query or fragment; cookies never look past them. */
static size_t uri_path_len(const char *p)
{
    return strcspn(p, "?#");
}

bool cookie_path_match(const char *req_path, const char *cookie_path)
{
    if (!req_path || req_path[0] != '/') req_path = "/";
    size_t rl = uri_path_len(req_path), cl = strlen(cookie_path);
    if (cl == 0 || cl > rl || memcmp(req_path, cookie_path, cl) != 0) return false;
    return cl == rl || cookie_path[cl - 1] == '/' || req_path[cl] == '/';
}

char *cookie_default_path(const char *req_path)
{
    if (!req_path || req_path[0] != '/') return xstrdup("/");
    size_t n = uri_path_len(req_path);
    const char *last = req_path;
    for (size_t i = 0; i < n; i++)
        if (req_path[i] == '/') last = req_path + i;
    if (last == req_path) return xstrdup("/");
    return xstrndup(req_path, (size_t)(last - req_path));
}
