#include "store/store_scan.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const store_scan_req *rq;
    pthread_mutex_t lock;
    store_scan_res res;
    int stop;
    ddb_status status;
    char err[512];
} scan_shared;

typedef struct {
    scan_shared *sh;
    int segment;
    ddb_client *client;
    pthread_t thread;
} scan_worker;

json_t *store_scan_request(const store_scan_req *rq, int segment, const json_t *start, long limit)
{
    json_t *req = json_pack("{s:s}", "TableName", rq->table);
    if (rq->segments > 1) {
        json_object_set_new(req, "Segment", json_integer(segment));
        json_object_set_new(req, "TotalSegments", json_integer(rq->segments));
    }
    if (limit > 0) json_object_set_new(req, "Limit", json_integer(limit));
    if (start) json_object_set(req, "ExclusiveStartKey", (json_t *)start);
    if (rq->attrs && rq->attrs[0]) {
        /* Placeholders, because session attribute names may be reserved words ("expires"). */
        json_t *names = json_object();
        char expr[2048] = "", ph[16];
        size_t used = 0;
        for (int i = 0; rq->attrs[i] && i < 32; i++) {
            snprintf(ph, sizeof ph, "#a%d", i);
            json_object_set_new(names, ph, json_string(rq->attrs[i]));
            used += (size_t)snprintf(expr + used, sizeof expr - used, "%s%s", i ? "," : "", ph);
        }
        json_object_set_new(req, "ProjectionExpression", json_string(expr));
        json_object_set_new(req, "ExpressionAttributeNames", names);
    }
    return req;
}

/* How many items the next page may bring, under the shared lock; 0 means stop. */
static long next_limit(scan_shared *sh)
{
    const store_scan_req *rq = sh->rq;
    if (sh->stop) return 0;
    if (rq->max_pages && sh->res.pages >= rq->max_pages) {
        sh->res.truncated = 1;
        sh->stop = 1;
        return 0;
    }
    long limit = rq->page_size > 0 ? rq->page_size : -1;
    if (rq->max_items) {
        if (sh->res.items >= rq->max_items) {
            sh->res.truncated = 1;
            sh->stop = 1;
            return 0;
        }
        unsigned long left = rq->max_items - sh->res.items;
        if (limit < 0 || (unsigned long)limit > left) limit = left > 1000000 ? 1000000 : (long)left;
    }
    return limit;
}

static void fail(scan_shared *sh, ddb_status st, const char *err)
{
    if (sh->status == DDB_OK) {
        sh->status = st;
        snprintf(sh->err, sizeof sh->err, "%s", err);
    }
    sh->stop = 1;
}

static void *scan_segment(void *arg)
{
    scan_worker *w = arg;
    scan_shared *sh = w->sh;
    json_t *start = NULL;
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        long limit = next_limit(sh);
        pthread_mutex_unlock(&sh->lock);
        if (limit == 0) break;
        json_t *req = store_scan_request(sh->rq, w->segment, start, limit);
        json_t *resp = NULL;
        char err[512];
        ddb_status st = ddb_call(w->client, DDB_OP_SCAN, req, &resp, err, sizeof err);
        json_decref(req);
        json_t *items = resp ? json_object_get(resp, "Items") : NULL;
        pthread_mutex_lock(&sh->lock);
        if (st != DDB_OK || !json_is_array(items)) {
            fail(sh, st != DDB_OK ? st : DDB_E_PROTOCOL,
                 st != DDB_OK ? err : "DynamoDB Scan: response without an Items array");
        } else if (!sh->stop) {
            size_t n = json_array_size(items);
            if (sh->rq->max_items && sh->res.items + n > sh->rq->max_items)
                n = sh->rq->max_items - sh->res.items;
            sh->rq->on_page(items, n, sh->rq->ud);
            sh->res.items += n;
            sh->res.pages++;
        }
        int stop = sh->stop;
        pthread_mutex_unlock(&sh->lock);
        json_t *lek = resp ? json_object_get(resp, "LastEvaluatedKey") : NULL;
        json_decref(start);
        start = json_is_object(lek) && json_object_size(lek) ? json_incref(lek) : NULL;
        json_decref(resp);
        if (stop || !start) break;
    }
    if (start) { /* stopped early with more to read */
        pthread_mutex_lock(&sh->lock);
        if (sh->status == DDB_OK) sh->res.truncated = 1;
        pthread_mutex_unlock(&sh->lock);
    }
    json_decref(start);
    return NULL;
}

ddb_status store_scan(const store_scan_req *rq, store_scan_res *res, char *err, size_t errlen)
{
    scan_shared sh;
    memset(&sh, 0, sizeof sh);
    sh.rq = rq;
    sh.status = DDB_OK;
    pthread_mutex_init(&sh.lock, NULL);
    int n = rq->segments < 1                    ? 1
            : rq->segments > STORE_MAX_SEGMENTS ? STORE_MAX_SEGMENTS
                                                : rq->segments;
    scan_worker *w = xcalloc((size_t)n, sizeof *w);
    unsigned long before = ddb_client_requests(rq->client), dup_requests = 0;
    if (n == 1) {
        w[0] = (scan_worker){&sh, 0, rq->client, 0};
        scan_segment(&w[0]);
    } else {
        int started = 0;
        for (int i = 0; i < n; i++) {
            w[i].sh = &sh;
            w[i].segment = i;
            w[i].client = ddb_client_dup(rq->client);
            if (!w[i].client || pthread_create(&w[i].thread, NULL, scan_segment, &w[i]) != 0) {
                pthread_mutex_lock(&sh.lock);
                fail(&sh, DDB_E_NETWORK, "could not start a scan worker");
                pthread_mutex_unlock(&sh.lock);
                break;
            }
            started++;
        }
        for (int i = 0; i < started; i++)
            pthread_join(w[i].thread, NULL);
        for (int i = 0; i < n; i++) {
            if (w[i].client) dup_requests += ddb_client_requests(w[i].client);
            ddb_client_free(w[i].client);
        }
    }
    *res = sh.res;
    res->requests = ddb_client_requests(rq->client) - before + dup_requests;
    if (sh.status != DDB_OK) snprintf(err, errlen, "%s", sh.err);
    pthread_mutex_destroy(&sh.lock);
    free(w);
    return sh.status;
}
