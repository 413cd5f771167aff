#include "store/ddb_client.h"
#include "store/aws_creds.h"
#include "store/sigv4.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <curl/curl.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Read operations only: this table is the whole vocabulary of the client. */
static const char *const op_names[DDB_OP_COUNT] = {"DescribeTable", "DescribeTimeToLive", "GetItem",
                                                   "Scan"};

struct ddb_client {
    ddb_config cfg;
    aws_creds creds;
    char *endpoint; /* scheme://host[:port]/path */
    char *host;     /* the Host header we sign and send */
    char *path;
    CURL *curl;
    unsigned long requests;
};

const char *ddb_op_name(ddb_op op)
{
    return op >= 0 && op < DDB_OP_COUNT ? op_names[op] : NULL;
}

const char *ddb_client_region(const ddb_client *c)
{
    return c->creds.region;
}
const char *ddb_client_endpoint(const ddb_client *c)
{
    return c->endpoint;
}
unsigned long ddb_client_requests(const ddb_client *c)
{
    return c->requests;
}

static void apply_defaults(ddb_config *c)
{
    if (c->connect_timeout_ms <= 0) c->connect_timeout_ms = 5000;
    if (c->timeout_ms <= 0) c->timeout_ms = 30000;
    if (c->max_body == 0) c->max_body = 16u << 20;
    if (c->max_attempts <= 0) c->max_attempts = 6;
    if (c->backoff_base_ms <= 0) c->backoff_base_ms = 50;
}

/* Splits the endpoint into the Host header and path we sign; only http(s) is accepted. */
static int parse_endpoint(ddb_client *c, char *err, size_t errlen)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    int rc = -1;
    if (curl_url_set(u, CURLUPART_URL, c->endpoint, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        snprintf(err, errlen, "invalid endpoint URL '%.200s'", c->endpoint);
    } else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
        snprintf(err, errlen, "endpoint URL must be http:// or https://, not %.20s://", scheme);
    } else {
        curl_url_get(u, CURLUPART_PORT, &port, 0);
        curl_url_get(u, CURLUPART_PATH, &path, 0);
        c->host = port ? xasprintf("%s:%s", host, port) : xstrdup(host);
        c->path = xstrdup(path && *path ? path : "/");
        rc = 0;
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(u);
    return rc;
}

static CURL *new_handle(const ddb_client *c)
{
    CURL *h = curl_easy_init();
    if (!h) return NULL;
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->cfg.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->cfg.timeout_ms);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_USERAGENT, "sessionscan/" SS_VERSION);
    if (c->cfg.cacert) curl_easy_setopt(h, CURLOPT_CAINFO, c->cfg.cacert);
    return h;
}

ddb_client *ddb_client_new(const ddb_config *cfg, char *err, size_t errlen)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    ddb_client *c = xcalloc(1, sizeof *c);
    c->cfg = *cfg;
    apply_defaults(&c->cfg);
    if (aws_creds_load(cfg->profile, cfg->region, cfg->endpoint == NULL, &c->creds, err, errlen) !=
        0) {
        free(c);
        return NULL;
    }
    const char *suffix =
        strncmp(c->creds.region, "cn-", 3) == 0 ? "amazonaws.com.cn" : "amazonaws.com";
    c->endpoint = cfg->endpoint ? xstrdup(cfg->endpoint)
                                : xasprintf("https://dynamodb.%s.%s/", c->creds.region, suffix);
    c->cfg.endpoint = c->endpoint;
    if (parse_endpoint(c, err, errlen) != 0) {
        ddb_client_free(c);
        return NULL;
    }
    if (!(c->curl = new_handle(c))) {
        snprintf(err, errlen, "could not initialise libcurl");
        ddb_client_free(c);
        return NULL;
    }
    return c;
}

ddb_client *ddb_client_dup(const ddb_client *c)
{
    ddb_client *d = xcalloc(1, sizeof *d);
    d->cfg = c->cfg;
    d->creds.access_key = xstrdup(c->creds.access_key);
    d->creds.secret_key = xstrdup(c->creds.secret_key);
    d->creds.session_token = c->creds.session_token ? xstrdup(c->creds.session_token) : NULL;
    d->creds.region = xstrdup(c->creds.region);
    d->creds.source = xstrdup(c->creds.source);
    d->endpoint = xstrdup(c->endpoint);
    d->cfg.endpoint = d->endpoint;
    d->host = xstrdup(c->host);
    d->path = xstrdup(c->path);
    d->curl = new_handle(d);
    if (!d->curl) {
        ddb_client_free(d);
        return NULL;
    }
    return d;
}

void ddb_client_free(ddb_client *c)
{
    if (!c) return;
    if (c->curl) curl_easy_cleanup(c->curl);
    aws_creds_free(&c->creds);
    free(c->endpoint);
    free(c->host);
    free(c->path);
    free(c);
}

/* ---- one HTTP exchange ------------------------------------------------------------------- */

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    ss_buf *b = ud;
    return buf_append(b, p, size * n) == 0 ? size * n : 0;
}

static struct curl_slist *signed_headers(const ddb_client *c, ddb_op op, const char *body,
                                         size_t len)
{
    char date[17], target[64];
    sigv4_amz_date(time(NULL), date);
    snprintf(target, sizeof target, "DynamoDB_20120810.%s", op_names[op]);
    sigv4_header h[5] = {{"Content-Type", "application/x-amz-json-1.0"},
                         {"Host", c->host},
                         {"X-Amz-Date", date},
                         {"X-Amz-Target", target},
                         {"X-Amz-Security-Token", c->creds.session_token}};
    size_t nh = c->creds.session_token ? 5 : 4;
    sigv4_request rq = {"POST", c->path, "", h, nh, body, len};
    sigv4_key k = {c->creds.access_key, c->creds.secret_key, c->creds.region, "dynamodb"};
    ss_buf authz, line;
    buf_init(&authz, 0);
    buf_init(&line, 0);
    struct curl_slist *sl = NULL;
    if (sigv4_authorization(&rq, &k, date, &authz) == 0) {
        for (size_t i = 0; i < nh; i++) {
            buf_reset(&line);
            buf_printf(&line, "%s: %s", h[i].name, h[i].value);
            sl = curl_slist_append(sl, line.data);
        }
        buf_reset(&line);
        buf_printf(&line, "Authorization: %s", authz.data);
        sl = curl_slist_append(sl, line.data);
        sl = curl_slist_append(sl, "Expect:");
    }
    buf_free(&authz);
    buf_free(&line);
    return sl;
}

static void describe_network_error(const ddb_client *c, CURLcode cc, char *err, size_t errlen)
{
    if (cc == CURLE_COULDNT_RESOLVE_HOST)
        snprintf(err, errlen,
                 "cannot resolve the DynamoDB endpoint %s: check --region (now %s) or "
                 "--endpoint-url",
                 c->endpoint, c->creds.region);
    else if (cc == CURLE_WRITE_ERROR)
        snprintf(err, errlen, "DynamoDB response larger than %zu bytes: refused", c->cfg.max_body);
    else
        snprintf(err, errlen, "DynamoDB endpoint %s unreachable: %s", c->endpoint,
                 curl_easy_strerror(cc));
}

static void describe_api_error(const ddb_client *c, ddb_status st, ddb_op op, json_t *req,
                               long http, const char *type, const char *msg, char *err,
                               size_t errlen)
{
    const char *table = json_string_value(json_object_get(req, "TableName"));
    if (!table) table = "?";
    switch (st) {
    case DDB_E_NOT_FOUND:
        snprintf(err, errlen,
                 "table '%.255s' not found at %s (region %s): check the table name and --region",
                 table, c->endpoint, c->creds.region);
        break;
    case DDB_E_AUTH:
        snprintf(err, errlen,
                 "DynamoDB rejected the credentials from %s (%s: %.200s): check the access key, "
                 "secret key, session token and region",
                 c->creds.source, type[0] ? type : "HTTP 403", msg);
        break;
    case DDB_E_DENIED:
        snprintf(err, errlen,
                 "access denied for dynamodb:%s on table '%.255s' (%.200s): the audit needs "
                 "DescribeTable, DescribeTimeToLive, Scan and GetItem",
                 op_names[op], table, msg);
        break;
    case DDB_E_THROTTLED:
        snprintf(err, errlen, "DynamoDB still throttling %s after %d attempts (%s)", op_names[op],
                 c->cfg.max_attempts, type);
        break;
    case DDB_E_PROTOCOL:
        snprintf(err, errlen, "DynamoDB %s: the HTTP %ld answer is not a DynamoDB JSON object",
                 op_names[op], http);
        break;
    default:
        snprintf(err, errlen, "DynamoDB %s failed: HTTP %ld %s%s%.200s", op_names[op], http, type,
                 type[0] ? ": " : "", msg);
    }
}

static void backoff_sleep(const ddb_client *c, int attempt)
{
    /* Full jitter: uniform in [0, base * 2^attempt), capped at 5 s, as the AWS SDKs do. */
    long cap = c->cfg.backoff_base_ms << (attempt < 16 ? attempt : 16);
    if (cap > 5000) cap = 5000;
    unsigned int r = 0;
    RAND_bytes((unsigned char *)&r, sizeof r);
    long ms = cap > 0 ? (long)(r % (unsigned long)cap) : 0;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

ddb_status ddb_call(ddb_client *c, ddb_op op, json_t *req, json_t **resp, char *err, size_t errlen)
{
    *resp = NULL;
    if (!ddb_op_name(op)) {
        snprintf(err, errlen, "internal error: unknown DynamoDB operation");
        return DDB_E_CLIENT;
    }
    char *body = json_dumps(req, JSON_COMPACT);
    if (!body) {
        snprintf(err, errlen, "internal error: cannot encode the request");
        return DDB_E_CLIENT;
    }
    size_t blen = strlen(body);
    ss_buf out;
    buf_init(&out, c->cfg.max_body);
    ddb_status st = DDB_E_NETWORK;
    for (int attempt = 0; attempt < c->cfg.max_attempts; attempt++) {
        if (attempt > 0) backoff_sleep(c, attempt);
        buf_reset(&out);
        struct curl_slist *hdrs = signed_headers(c, op, body, blen);
        curl_easy_setopt(c->curl, CURLOPT_URL, c->endpoint);
        curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE, (long)blen);
        curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &out);
        CURLcode cc = curl_easy_perform(c->curl);
        curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
        curl_slist_free_all(hdrs);
        c->requests++;
        long http = 0;
        curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &http);
        if (cc != CURLE_OK) {
            describe_network_error(c, cc, err, errlen);
            st = cc == CURLE_WRITE_ERROR ? DDB_E_PROTOCOL : DDB_E_NETWORK;
            /* A refused or dropped connection may be a restart; a name that does not resolve
             * or an oversized answer will not get better. */
            if (cc == CURLE_COULDNT_RESOLVE_HOST || cc == CURLE_WRITE_ERROR ||
                cc == CURLE_OPERATION_TIMEDOUT || attempt >= 2)
                break;
            continue;
        }
        char type[128], msg[256];
        st = ddb_classify(http, out.data, out.len, type, sizeof type, msg, sizeof msg);
        if (st == DDB_OK) {
            json_error_t je;
            *resp = json_loadb(out.data, out.len, 0, &je);
            if (!json_is_object(*resp)) {
                json_decref(*resp);
                *resp = NULL;
                snprintf(err, errlen, "DynamoDB %s: response is not a JSON object", op_names[op]);
                st = DDB_E_PROTOCOL;
            }
            break;
        }
        describe_api_error(c, st, op, req, http, type, msg, err, errlen);
        if (!ddb_retryable(st, http)) break;
    }
    buf_free(&out);
    free(body);
    return st;
}
