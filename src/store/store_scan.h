/* Streams a whole table through Scan: page by page (LastEvaluatedKey), optionally in parallel
 * segments (Segment/TotalSegments, one thread and connection each). Memory holds one page per
 * segment, whatever the table's size. */
#ifndef SS_STORE_SCAN_H
#define SS_STORE_SCAN_H
#include "store/ddb_client.h"

#include <jansson.h>

#define STORE_MAX_SEGMENTS 64

/* Called with the first n items of a page; calls are serialised (never concurrent). */
typedef void (*store_page_fn)(const json_t *items, size_t n, void *ud);

typedef struct {
    ddb_client *client;
    const char *table;
    const char *const *attrs; /* top-level attributes to project (NULL-terminated), or NULL */
    int segments;
    int page_size;
    unsigned long max_items; /* 0 = no limit */
    unsigned long max_pages; /* 0 = no limit */
    store_page_fn on_page;
    void *ud;
} store_scan_req;

typedef struct {
    unsigned long items, pages, requests;
    int truncated; /* stopped by max_items or max_pages before the end of the table */
} store_scan_res;

/* DDB_OK, or the first error (message in err). */
ddb_status store_scan(const store_scan_req *rq, store_scan_res *res, char *err, size_t errlen);
/* The Scan request body for one page (exposed for tests). */
json_t *store_scan_request(const store_scan_req *rq, int segment, const json_t *start, long limit);

#endif
