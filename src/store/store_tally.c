#include "store/store_tally.h"
#include "util/xalloc.h"

#include <openssl/crypto.h>
#include <string.h>

void tally_init(store_tally *t, store_stats *st, const store_layout *l, const char *ttl_attr,
                double now, size_t max_keys)
{
    memset(t, 0, sizeof *t);
    t->st = st;
    t->layout = l;
    t->ttl_attr = ttl_attr;
    t->now = now;
    t->max_keys = max_keys;
}

static void sample(store_tally *t, sample_kind k, const char *id)
{
    if (t->n_samples[k] < TALLY_SAMPLES) t->samples[k][t->n_samples[k]++] = store_shorten(id);
}

static unsigned long fnv1a(const char *s)
{
    unsigned long h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void users_grow(store_tally *t)
{
    size_t cap = t->user_cap ? t->user_cap * 2 : 1024;
    char **names = xcalloc(cap, sizeof *names);
    unsigned long *counts = xcalloc(cap, sizeof *counts);
    for (size_t i = 0; i < t->user_cap; i++) {
        if (!t->user_names[i]) continue;
        size_t j = fnv1a(t->user_names[i]) & (cap - 1);
        while (names[j])
            j = (j + 1) & (cap - 1);
        names[j] = t->user_names[i];
        counts[j] = t->user_counts[i];
    }
    free(t->user_names);
    free(t->user_counts);
    t->user_names = names;
    t->user_counts = counts;
    t->user_cap = cap;
}

static void user_add(store_tally *t, const char *user)
{
    if (t->st->users >= t->user_cap / 2) {
        if (t->st->users < TALLY_MAX_USERS) users_grow(t);
    }
    size_t mask = t->user_cap - 1;
    for (size_t j = fnv1a(user) & mask;; j = (j + 1) & mask) {
        if (!t->user_names[j]) {
            if (t->st->users >= TALLY_MAX_USERS) {
                t->users_dropped++; /* bounded: sessions of further users are not tallied */
                return;
            }
            t->user_names[j] = xstrdup(user);
            t->user_counts[j] = 1;
            t->st->users++;
            return;
        }
        if (strcmp(t->user_names[j], user) == 0) {
            t->user_counts[j]++;
            return;
        }
    }
}

static void keep_replay_candidate(store_tally *t, const store_item *it)
{
    int bound = it->user != NULL;
    if (t->replay_id && (t->replay_bound || !bound)) return;
    if (t->replay_id) OPENSSL_cleanse(t->replay_id, strlen(t->replay_id));
    free(t->replay_id);
    t->replay_id = xstrdup(it->id);
    t->replay_bound = bound;
}

void tally_item(store_tally *t, const store_item *it)
{
    store_stats *st = t->st;
    const char *id = it->id ? it->id : "";
    st->items++;
    int expired = it->has_expiry && it->expiry <= t->now;
    if (!it->has_expiry) {
        st->no_expiry++;
        sample(t, SAMPLE_NO_EXPIRY, id);
    }
    if (!it->has_issued) {
        st->no_issued++;
        sample(t, SAMPLE_NO_ISSUED, id);
    }
    if (it->user) {
        st->bound++;
        if (!expired) user_add(t, it->user);
    } else {
        st->anonymous++;
        sample(t, SAMPLE_ANONYMOUS, id);
    }
    if (t->ttl_attr && it->ttl == TTL_VALUE_MISSING) {
        st->ttl_missing++;
        sample(t, SAMPLE_TTL_MISSING, id);
    } else if (t->ttl_attr && it->ttl == TTL_VALUE_UNUSABLE) {
        st->ttl_unusable++;
        sample(t, SAMPLE_TTL_UNUSABLE, id);
    }
    if (expired) {
        st->expired++;
        sample(t, SAMPLE_EXPIRED, id);
        if (st->expired == 1 || it->expiry < st->oldest_expired_expiry)
            st->oldest_expired_expiry = it->expiry;
        if (it->id) keep_replay_candidate(t, it);
        return;
    }
    st->live++;
    if (it->has_issued && (!st->has_oldest_live || it->issued < st->oldest_live_issued)) {
        st->has_oldest_live = 1;
        st->oldest_live_issued = it->issued;
        free(st->oldest_live_key);
        st->oldest_live_key = store_shorten(id);
    }
    if (it->id && st->n_keys < t->max_keys) {
        if (st->n_keys == 0) st->keys = xcalloc(t->max_keys, sizeof *st->keys);
        st->keys[st->n_keys++] = xstrdup(it->id);
    }
}

void tally_page(const json_t *items, size_t n, void *ud)
{
    store_tally *t = ud;
    for (size_t i = 0; i < n; i++) {
        store_item it;
        store_item_extract(t->layout, t->ttl_attr, json_array_get(items, i), &it);
        tally_item(t, &it);
        store_item_free(&it);
    }
}

void tally_finish(store_tally *t)
{
    store_stats *st = t->st;
    for (size_t i = 0; i < t->user_cap; i++) {
        if (!t->user_names[i]) continue;
        unsigned long c = t->user_counts[i];
        if (c > 1) st->users_multi++;
        if (c > st->max_per_user) {
            st->max_per_user = c;
            free(st->busiest_user);
            st->busiest_user = xstrdup(t->user_names[i]);
        }
    }
}

void tally_free(store_tally *t)
{
    for (size_t k = 0; k < SAMPLE_KINDS; k++)
        for (size_t i = 0; i < t->n_samples[k]; i++)
            free(t->samples[k][i]);
    for (size_t i = 0; i < t->user_cap; i++)
        free(t->user_names[i]);
    free(t->user_names);
    free(t->user_counts);
    if (t->replay_id) OPENSSL_cleanse(t->replay_id, strlen(t->replay_id));
    free(t->replay_id);
    memset(t, 0, sizeof *t);
}

void store_stats_free(store_stats *st)
{
    free(st->ttl_status);
    free(st->ttl_attr);
    free(st->busiest_user);
    free(st->oldest_live_key);
    for (size_t i = 0; i < st->n_keys; i++)
        free(st->keys[i]);
    free(st->keys);
    store_layout_free(&st->layout);
    memset(st, 0, sizeof *st);
}
