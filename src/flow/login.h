/* Driving the application: the login request built from its template, protected-page probes,
 * and the visits to entry points that hand out pre-login sessions. */
#ifndef SS_LOGIN_H
#define SS_LOGIN_H
#include "flow/scan.h"

/* The login body with {user} and {pass} filled in, JSON-escaped when the template is JSON and
 * form-encoded otherwise. *content_type is set accordingly. Caller frees. */
char *login_render(const char *tmpl, const char *user, const char *pass,
                   const char **content_type);

/* Logs actor in; 0 when a response arrived (its status in *status), -1 on transport failure. */
int flow_login(ss_scan *s, ss_actor *a, long *status);
/* GET of the protected path with the actor's cookies; the oracle's verdict. */
ss_login_state flow_probe(ss_scan *s, ss_actor *a);
/* flow_probe for an attacker: a "logged in" answer is asked again before it counts, so that a
 * flapping page gives ORACLE_UNKNOWN (message in s->err), never a false finding. */
ss_login_state flow_probe_attacker(ss_scan *s, ss_actor *a);
/* GETs every entry point (following redirects within the origin); -1 on transport failure. */
int flow_visit_entries(ss_scan *s, ss_actor *a);
/* GET of one path, redirects followed; -1 on transport failure. */
int flow_get(ss_scan *s, ss_actor *a, const char *path);

#endif
