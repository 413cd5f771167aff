/* The HTTP client: libcurl (multi interface) with hard limits, the scope lock, manual redirects,
 * per-actor cookie jars fed from raw Set-Cookie headers, and a transcript of every exchange. */
#ifndef SS_CLIENT_H
#define SS_CLIENT_H
#include "cookie/jar.h"
#include "http/url.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    long timeout_ms;         /* whole exchange, per hop */
    long connect_timeout_ms;
    bool insecure;           /* -k: skip TLS verification */
    const char *cacert;      /* --cacert */
    const char *proxy;       /* --proxy; environment proxies are not used otherwise */
    const char *const *headers; /* -H "Name: value", NULL-terminated */
    double rate;             /* requests per second, 0 = unlimited */
    unsigned max_requests;   /* 0 = unlimited */
    size_t max_body;         /* decoded body bytes kept (larger is an error) */
    size_t max_header_bytes; /* all response header lines together */
    unsigned max_headers;    /* header lines per response */
    unsigned max_redirects;
} ss_http_opts;

void http_opts_default(ss_http_opts *o);

/* An actor is one browser: a name for the transcript and its own cookie jar. */
typedef struct {
    const char *name; /* "victim", "attacker", … */
    ss_jar *jar;
} ss_actor;

typedef struct {
    long status;
    ss_buf body;
    char **set_cookies; /* raw Set-Cookie values of the final hop, in order */
    size_t n_set_cookies, cap_set_cookies;
    char *location;     /* Location of the final hop, if any */
    char *content_type;
    char *final_url;    /* after redirects followed */
    char **redirects;   /* every Location followed, absolute */
    size_t n_redirects, cap_redirects;
    bool left_origin;   /* a redirect pointed outside the origin (not followed) */
    double seconds;     /* time spent waiting for the target, all hops */
} ss_response;

void response_free(ss_response *r);

/* One hop of one exchange, kept for evidence. Values are redacted when recorded. */
typedef struct {
    char *step;    /* what the scan was doing */
    char *actor;
    char *method;
    char *path;    /* path?query */
    char *cookies; /* Cookie header as sent (redacted) */
    long status;
    char *set_cookie; /* Set-Cookie lines received (redacted), joined by "\n" */
    char *location;
    double seconds;
} ss_exchange;

typedef struct ss_client ss_client;

ss_client *client_new(const ss_url *origin, const ss_http_opts *opts);
void client_free(ss_client *c);
const ss_url *client_origin(const ss_client *c);

/* Label for the exchanges that follow ("control: no cookie", "victim login"...). */
void client_step(ss_client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef enum { FOLLOW_NONE = 0, FOLLOW_ORIGIN } ss_follow;

typedef struct {
    const char *method;   /* GET, POST… */
    const char *path;     /* path?query on the origin, or an absolute URL inside the origin */
    const char *body;     /* NULL for none */
    size_t body_len;
    const char *content_type;
    ss_follow follow;
} ss_request;

/* Performs the request as actor (cookies from and to its jar). Returns 0 when a response
 * arrived (any status), -1 on transport failure, limit breach or scope violation, with a message
 * for the user in err. */
int client_send(ss_client *c, ss_actor *actor, const ss_request *req, ss_response *resp,
                char *err, size_t errlen);

/* Sends n independent GETs of path with empty jars concurrently (at most `concurrency` at a time,
 * honouring the rate limit); calls on_response for each. Returns the number that failed. */
typedef void (*ss_sample_cb)(void *ctx, const ss_response *resp);

/* Called with every raw response (each hop, before redaction) and the URL it answered. */
typedef void (*ss_observe_cb)(void *ctx, const char *url, const ss_response *resp);
void client_observe(ss_client *c, ss_observe_cb cb, void *ctx);
/* Prints every exchange (redacted) to out as it happens; NULL turns it off. */
void client_trace(ss_client *c, FILE *out);
unsigned client_sample(ss_client *c, const char *path, unsigned n, unsigned concurrency,
                       ss_sample_cb on_response, void *ctx);

unsigned client_requests(const ss_client *c);
/* True when a Secure cookie arrived over http:// (a browser drops it). */
bool client_secure_dropped(const ss_client *c);
double client_target_seconds(const ss_client *c);
size_t client_exchange_count(const ss_client *c);
const ss_exchange *client_exchange(const ss_client *c, size_t i);

/* Set by the SIGINT handler: every wait checks it and gives up. */
extern volatile int ss_interrupted;

#endif
