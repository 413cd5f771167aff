/* Target URLs and the scope lock: one origin per run, every request checked against it. */
#ifndef SS_URL_H
#define SS_URL_H
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *scheme; /* "http" or "https" */
    char *host;   /* lower-case, IPv6 without brackets */
    int port;     /* explicit or the scheme's default */
    char *path;   /* path of the target URL, "/" at least */
    char *origin; /* scheme://host[:port] as printed */
} ss_url;

/* Parses an absolute http(s) URL. Returns 0, or -1 with a message in err. */
int url_parse(const char *text, ss_url *out, char *err, size_t errlen);
void url_free(ss_url *u);
/* Resolves ref (absolute, or relative to base_url) to an absolute URL; NULL when invalid. */
char *url_resolve(const char *base_url, const char *ref);
/* True when url is of the same scheme, host and port as origin. */
bool url_same_origin(const ss_url *origin, const char *url);
/* origin + path (path must start with '/'); caller frees. */
char *url_join(const ss_url *origin, const char *path);
/* The path and query of an absolute URL ("/" when empty); caller frees. */
char *url_path_query(const char *url);
/* True for loopback hosts (127.0.0.0/8, ::1, localhost). */
bool url_is_loopback(const ss_url *u);

#endif
