/* `sessionscan store --table NAME` and the store side of `scan --dynamodb-table NAME`: a
 * read-only audit of a DynamoDB session table (TTL, expiry / issue time / user binding, stale
 * items, optional replay of an expired ID), and a look-up of one session ID. */
#ifndef SS_STORE_H
#define SS_STORE_H
#include "report/finding.h"
#include "store/ddb_client.h"

#include <stddef.h>
#include <time.h>

typedef struct {
    const char *table;
    const char *endpoint; /* --endpoint-url; NULL = the region's AWS endpoint */
    const char *region;   /* --region; NULL = AWS_REGION / AWS_DEFAULT_REGION / profile */
    const char *profile;  /* --profile; NULL = AWS_PROFILE / "default" */
    const char *cacert;
    /* Layout overrides (NULL = recognise the seed's or connect-dynamodb's layout). user_attr may
     * be a dotted path inside connect-dynamodb's `sess` JSON, e.g. "passport.user". */
    const char *id_attr, *expiry_attr, *issued_attr, *user_attr;
    unsigned long max_items; /* stop after this many items (0 = whole table) */
    unsigned long max_pages; /* 0 = 10000 */
    int segments;            /* parallel Scan segments, 1..64 (0 = 1) */
    int page_size;           /* Scan Limit per page (0 = DynamoDB's 1 MB pages) */
    size_t max_keys;         /* session IDs kept for the tokens analysis (0 = 20000) */
    /* Replay of one expired ID (SS-EXPIRY-IGNORED); all three needed. */
    const char *target;         /* origin, e.g. http://127.0.0.1:3000 */
    const char *protected_path; /* e.g. /profile */
    const char *cookie;         /* session cookie name */
    long timeout_ms;            /* per HTTP request (0 = 10000) */
    time_t now;                 /* 0 = time(NULL); tests fix the clock */
} store_opts;

typedef enum {
    STORE_LAYOUT_GENERIC = 0,
    STORE_LAYOUT_SEED,
    STORE_LAYOUT_CONNECT
} store_layout_kind;

typedef struct {
    store_layout_kind kind;
    char *id_attr;     /* hash key attribute */
    char *id_prefix;   /* "sess:" for connect-dynamodb, "" otherwise */
    char *expiry_attr; /* epoch seconds (ms and ISO 8601 tolerated) */
    char *issued_attr;
    char *user_attr; /* top-level attribute, or path inside sess_attr */
    char *sess_attr; /* connect-dynamodb's JSON session string, or NULL */
} store_layout;

typedef struct {
    unsigned long items, live, expired, no_expiry, no_issued, anonymous, bound;
    unsigned long ttl_missing, ttl_unusable; /* items without / with an unusable TTL value */
    int ttl_enabled;                         /* ENABLED or ENABLING */
    char *ttl_status, *ttl_attr;             /* as DescribeTimeToLive said */
    unsigned long users, users_multi, max_per_user;
    char *busiest_user;
    int has_oldest_live;
    double oldest_live_issued;
    char *oldest_live_key; /* shortened */
    double oldest_expired_expiry;
    int truncated; /* stopped by --max-items / max pages */
    unsigned long pages, requests;
    /* Session IDs as the application sees them (prefix stripped), for the tokens analysis.
     * SECRET: never print them; at most max_keys. */
    char **keys;
    size_t n_keys;
    store_layout layout;
} store_stats;

/* Audits the table into r (findings + check results). Returns 0, or 3 (scan incomplete: bad
 * credentials, missing table, wrong region, unreachable endpoint) with a message in err. */
int store_audit(const store_opts *o, ss_report *r, char *err, size_t errlen);
/* The same, also handing back the figures and the collected keys (free with store_stats_free). */
int store_audit_stats(const store_opts *o, ss_report *r, store_stats *st, char *err, size_t errlen);
void store_stats_free(store_stats *st);

/* ---- one session ID, for scan --dynamodb-table ------------------------------------------ */

/* A client for o's endpoint/region/profile (free with ddb_client_free); NULL + err on failure. */
ddb_client *store_connect(const store_opts *o, char *err, size_t errlen);
/* Reads the table's key schema and fills layout (o's overrides applied). 0, or 3 + err. */
int store_layout_detect(ddb_client *c, const store_opts *o, store_layout *layout, char *err,
                        size_t errlen);
void store_layout_free(store_layout *l);
/* "seed (sessionId, userId, issuedAt, expiresAt)", "connect-dynamodb (...)" or "custom". */
const char *store_layout_name(store_layout_kind k);

typedef enum { STORE_ID_ABSENT = 0, STORE_ID_ANONYMOUS, STORE_ID_BOUND } store_id_state;

typedef struct {
    store_id_state state;
    char *user; /* STORE_ID_BOUND: the user the item is bound to */
    int has_expiry, expired;
    double expires, issued; /* epoch seconds, 0 when absent */
} store_id_result;

/* GetItems id (a cookie value: express-session's "s:<id>.<sig>", URL-encoded or not, is
 * reduced to its ID) and says whether the item is absent, anonymous or bound to a user.
 * Returns 0, or 3 + err when the store could not be asked. */
int store_inspect_id(ddb_client *c, const char *table, const store_layout *layout, const char *id,
                     store_id_result *res, char *err, size_t errlen);
void store_id_result_free(store_id_result *res);

/* After the victim's login rotated pre_login (S0) to post_login (S1): looks S0 up and adds
 * SS-STORE-ORPHAN to r when its item is still in the table. s0 (may be NULL) receives what the
 * store holds for S0: STORE_ID_BOUND means the pre-login item now authenticates a user, which the
 * scan's fixation checks should weigh. Returns 0, or 3 + err. */
int store_check_orphan(ddb_client *c, const char *table, const store_layout *layout,
                       const char *pre_login, const char *post_login, ss_report *r,
                       store_id_result *s0, char *err, size_t errlen);

/* `sessionscan store` (argv[0] = "store"): options, audit, text output. Exit code. */
int cmd_store(int argc, char **argv);

#endif
