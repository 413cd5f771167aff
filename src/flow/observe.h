/* Passive observation of every response: session-cookie values seen in Set-Cookie, where they
 * reappear (bodies, links, Location), and the raw Set-Cookie headers for attribute analysis. */
#ifndef SS_OBSERVE_H
#define SS_OBSERVE_H
#include "http/client.h"

#define OBSERVE_MAX_VALUES 256
#define OBSERVE_MAX_HEADERS 64
#define OBSERVE_MAX_SIGHTINGS 64

typedef enum { SEEN_BODY = 0, SEEN_LINK, SEEN_LOCATION } ss_seen_where;

typedef struct {
    char *cookie;    /* cookie name the value belongs to */
    ss_seen_where where;
    char *path;      /* the response's path?query, redacted */
    char *value;     /* the exposed value (possibly the decoded core) */
} ss_sighting;

typedef struct {
    char *cookie;
    char *raw; /* the Set-Cookie header value as received */
    bool secure_origin;
} ss_seen_header;

typedef struct {
    char *names[OBSERVE_MAX_VALUES];
    char *values[OBSERVE_MAX_VALUES];
    size_t n_values;
    ss_seen_header headers[OBSERVE_MAX_HEADERS];
    size_t n_headers;
    ss_sighting sightings[OBSERVE_MAX_SIGHTINGS];
    size_t n_sightings;
    bool secure_origin;
} ss_observer;

void observer_init(ss_observer *o, bool secure_origin);
void observer_free(ss_observer *o);
/* The ss_observe_cb for client_observe(). */
void observer_on_response(void *ctx, const char *url, const ss_response *resp);
/* The identifier inside a framework wrapper: express-session's s:<id>.<sig> (URL-encoded or
 * not) -> <id>. Returns NULL when the value has no wrapper. Caller frees. */
char *session_core(const char *value);

#endif
