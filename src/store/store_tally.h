/* The running tally of an audit: counts, a few sample keys per problem, sessions per user.
 * Bounded: samples, users and collected keys each have a ceiling. */
#ifndef SS_STORE_TALLY_H
#define SS_STORE_TALLY_H
#include "store/store.h"
#include "store/store_item.h"

#define TALLY_SAMPLES 3
#define TALLY_MAX_USERS 100000

typedef enum {
    SAMPLE_NO_EXPIRY = 0,
    SAMPLE_NO_ISSUED,
    SAMPLE_ANONYMOUS,
    SAMPLE_EXPIRED,
    SAMPLE_TTL_MISSING,
    SAMPLE_TTL_UNUSABLE,
    SAMPLE_KINDS
} sample_kind;

typedef struct {
    store_stats *st;
    const store_layout *layout;
    const char *ttl_attr; /* NULL when TTL is off */
    double now;
    size_t max_keys;
    char *samples[SAMPLE_KINDS][TALLY_SAMPLES]; /* shortened keys */
    size_t n_samples[SAMPLE_KINDS];
    /* users: open addressing, FNV-1a */
    char **user_names;
    unsigned long *user_counts;
    size_t user_cap;
    unsigned long users_dropped;
    /* the expired item to replay (SECRET: full ID), preferring one bound to a user */
    char *replay_id;
    int replay_bound;
} store_tally;

void tally_init(store_tally *t, store_stats *st, const store_layout *l, const char *ttl_attr,
                double now, size_t max_keys);
void tally_item(store_tally *t, const store_item *it);
/* store_page_fn: extracts and tallies the first n items. */
void tally_page(const json_t *items, size_t n, void *ud);
/* Fills the per-user figures of st. */
void tally_finish(store_tally *t);
void tally_free(store_tally *t);

/* Turns the tally into the TTL, attribute and stale-item findings and check results on table loc
 * (everything but the replay, which needs the network). */
void store_report_findings(const char *loc, const store_stats *st, const store_tally *t, double now,
                           ss_report *r);

#endif
