/* The scan's shared steps (DESIGN §2 steps 0-2), each run once and cached in ss_scan. */
#ifndef SS_STEPS_H
#define SS_STEPS_H
#include "flow/scan.h"

/* Step 0: controls, oracle calibration and the session cookie. -1 = the scan cannot go on
 * (report error set, exit 3). */
int step_controls(ss_scan *s);
/* Step 1: the attacker's pre-login session (S0 may stay NULL: none issued). 0 ok, -1 failed. */
int step_prelogin(ss_scan *s);
/* Step 2: the victim logs in carrying the attacker's pre-login cookies. 0 ok, -1 failed. */
int step_victim_login(ss_scan *s);

/* A value shaped like the session cookie's (same length and alphabet), freshly random. */
char *invent_id(const char *like);
/* A fresh actor with an empty jar (or a copy of `from`). */
ss_actor actor_new(const char *name, const ss_jar *from);
void actor_free(ss_actor *a);



/* Keeps every session value the victim held after a login (for the logout replay). */
void scan_remember_victim_id(ss_scan *s, const char *id);
void scan_free(ss_scan *s);

#endif

/* The victim visits visit_path (carrying whatever is in its jar), logs in, and is probed; then an
 * attacker holding only session cookie = id is probed. Shared by the adoption and URL checks. */
typedef struct {
    bool echoed;           /* the visit answered Set-Cookie: <cookie>=<id> */
    bool kept;             /* after login the victim's session cookie still equals id */
    ss_login_state victim; /* the victim after login */
    ss_login_state attacker;
    size_t ex_from, ex_to;
} ss_plant_result;

int flow_plant_and_login(ss_scan *s, ss_actor *victim, const char *visit_path, const char *id,
                         ss_plant_result *out);
