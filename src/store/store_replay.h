/* Replays one expired session ID against the protected endpoint (SS-EXPIRY-IGNORED), next to a
 * never-issued control ID: two GET requests, bounded in time and size, no redirects followed. */
#ifndef SS_STORE_REPLAY_H
#define SS_STORE_REPLAY_H
#include <stddef.h>

typedef enum { REPLAY_REFUSED = 0, REPLAY_ACCEPTED, REPLAY_INCONCLUSIVE } replay_verdict;

typedef struct {
    replay_verdict verdict;
    long expired_status, control_status; /* HTTP status codes (0 = no answer) */
    char detail[512];
} replay_result;

/* url = origin + protected path. Returns 0, or -1 when the target could not be reached. */
int store_replay(const char *url, const char *cookie, const char *expired_id, long timeout_ms,
                 const char *cacert, replay_result *res);

#endif
