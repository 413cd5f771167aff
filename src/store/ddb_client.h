/* A read-only DynamoDB client: libcurl + SigV4 + the JSON 1.0 protocol. The operation set is a
 * closed enum of read operations; there is no way to send a write, update or delete. */
#ifndef SS_DDB_CLIENT_H
#define SS_DDB_CLIENT_H
#include <jansson.h>
#include <stddef.h>

typedef enum {
    DDB_OP_DESCRIBE_TABLE = 0,
    DDB_OP_DESCRIBE_TTL,
    DDB_OP_GET_ITEM,
    DDB_OP_SCAN,
    DDB_OP_COUNT
} ddb_op;

typedef enum {
    DDB_OK = 0,
    DDB_E_NETWORK,   /* unreachable, DNS, timeout, TLS */
    DDB_E_AUTH,      /* credentials rejected */
    DDB_E_DENIED,    /* credentials fine, permission missing */
    DDB_E_NOT_FOUND, /* table (or index) does not exist in this region */
    DDB_E_THROTTLED, /* still throttled after every retry */
    DDB_E_SERVER,    /* 5xx after every retry */
    DDB_E_CLIENT,    /* other 4xx (validation...) */
    DDB_E_PROTOCOL   /* unparseable or oversized response */
} ddb_status;

typedef struct {
    const char *endpoint;    /* NULL: https://dynamodb.REGION.amazonaws.com */
    const char *region;      /* NULL: from the environment / profile */
    const char *profile;     /* NULL: AWS_PROFILE or "default" */
    const char *cacert;      /* NULL: system store */
    long connect_timeout_ms; /* 0: 5000 */
    long timeout_ms;         /* per attempt; 0: 30000 */
    size_t max_body;         /* response cap; 0: 16 MiB */
    int max_attempts;        /* 0: 6 (throttling and 5xx are retried with backoff + jitter) */
    long backoff_base_ms;    /* 0: 50; tests set 1 */
} ddb_config;

typedef struct ddb_client ddb_client;

ddb_client *ddb_client_new(const ddb_config *cfg, char *err, size_t errlen);
/* A second client with the same credentials and its own connection, for another thread. */
ddb_client *ddb_client_dup(const ddb_client *c);
void ddb_client_free(ddb_client *c);

/* Sends one request. On DDB_OK *resp holds the parsed body (caller decrefs). On failure err gets
 * a message meant for the user (no secret in it). */
ddb_status ddb_call(ddb_client *c, ddb_op op, json_t *req, json_t **resp, char *err, size_t errlen);

const char *ddb_op_name(ddb_op op);
const char *ddb_client_region(const ddb_client *c);
const char *ddb_client_endpoint(const ddb_client *c);
unsigned long ddb_client_requests(const ddb_client *c);

/* Classifies a DynamoDB answer: the "__type" of an error body (after '#') into type, the first
 * line of its message into msg. Pure function, exposed for tests and fuzzing. */
ddb_status ddb_classify(long http_status, const char *body, size_t len, char *type, size_t typelen,
                        char *msg, size_t msglen);
/* Whether a failed attempt may be retried (throttling, 5xx, a dropped connection). */
int ddb_retryable(ddb_status st, long http_status);

#endif
