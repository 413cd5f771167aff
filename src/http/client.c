#include "http/client.h"
#include "http/transfer.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

volatile int ss_interrupted;

struct ss_client {
    ss_url origin;
    ss_http_opts opts;
    CURLM *multi;
    char *step;
    unsigned requests;
    double target_seconds;
    double last_start; /* monotonic seconds of the last request start, for --rate */
    ss_exchange *ex;
    size_t n_ex, cap_ex;
    FILE *trace;           /* -v: every exchange, redacted, as it happens */
    ss_observe_cb observe; /* sees every raw response before redaction */
    void *observe_ctx;
    unsigned secure_dropped; /* Secure cookies a browser would drop over http:// */
};

void http_opts_default(ss_http_opts *o)
{
    memset(o, 0, sizeof *o);
    o->timeout_ms = 10000;
    o->connect_timeout_ms = 5000;
    o->max_body = 2u << 20;
    o->max_header_bytes = 64u << 10;
    o->max_headers = 200;
    o->max_redirects = 10;
}

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

ss_client *client_new(const ss_url *origin, const ss_http_opts *opts)
{
    ss_client *c = xcalloc(1, sizeof *c);
    char err[256];
    url_parse(origin->origin, &c->origin, err, sizeof err);
    free(c->origin.path);
    c->origin.path = xstrdup(origin->path);
    c->opts = *opts;
    c->multi = curl_multi_init();
    c->step = xstrdup("");
    return c;
}

static void exchange_free(ss_exchange *e)
{
    free(e->step);
    free(e->actor);
    free(e->method);
    free(e->path);
    free(e->cookies);
    free(e->set_cookie);
    free(e->location);
}

void client_free(ss_client *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_ex; i++)
        exchange_free(&c->ex[i]);
    free(c->ex);
    free(c->step);
    curl_multi_cleanup(c->multi);
    url_free(&c->origin);
    free(c);
}

const ss_url *client_origin(const ss_client *c) { return &c->origin; }

void client_trace(ss_client *c, FILE *out) { c->trace = out; }

void client_observe(ss_client *c, ss_observe_cb cb, void *ctx)
{
    c->observe = cb;
    c->observe_ctx = ctx;
}
unsigned client_requests(const ss_client *c) { return c->requests; }
bool client_secure_dropped(const ss_client *c) { return c->secure_dropped > 0; }
double client_target_seconds(const ss_client *c) { return c->target_seconds; }
size_t client_exchange_count(const ss_client *c) { return c->n_ex; }
const ss_exchange *client_exchange(const ss_client *c, size_t i)
{
    return i < c->n_ex ? &c->ex[i] : NULL;
}

void client_step(ss_client *c, const char *fmt, ...)
{
    ss_buf b;
    buf_init(&b, 0);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    free(c->step);
    c->step = buf_take(&b);
}

void response_free(ss_response *r)
{
    buf_free(&r->body);
    for (size_t i = 0; i < r->n_set_cookies; i++)
        free(r->set_cookies[i]);
    free(r->set_cookies);
    for (size_t i = 0; i < r->n_redirects; i++)
        free(r->redirects[i]);
    free(r->redirects);
    free(r->location);
    free(r->content_type);
    free(r->final_url);
    memset(r, 0, sizeof *r);
}

/* Waits out --rate and enforces --max-requests; -1 with a message when no request may go. */
static int admit(ss_client *c, char *err, size_t errlen)
{
    if (ss_interrupted) {
        snprintf(err, errlen, "interrupted");
        return -1;
    }
    if (c->opts.max_requests && c->requests >= c->opts.max_requests) {
        snprintf(err, errlen,
                 "request budget exhausted after %u requests (raise --max-requests to let the "
                 "scan finish)",
                 c->requests);
        return -1;
    }
    if (c->opts.rate > 0) {
        double gap = 1.0 / c->opts.rate, wait = c->last_start + gap - now_mono();
        if (wait > 0) {
            struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
            nanosleep(&ts, NULL);
        }
    }
    c->last_start = now_mono();
    c->requests++;
    return 0;
}

static void record(ss_client *c, const char *actor, const char *method, const char *url,
                   const char *cookie_header, const ss_response *hop)
{
    ss_exchange *e = XARRAY_PUSH(c->ex, c->n_ex, c->cap_ex);
    char *pq = url_path_query(url);
    e->step = xstrdup(c->step);
    e->actor = xstrdup(actor);
    e->method = xstrdup(method);
    e->path = redact_text(pq);
    e->cookies = redact_text(cookie_header);
    e->status = hop->status;
    ss_buf sc;
    buf_init(&sc, 0);
    for (size_t i = 0; i < hop->n_set_cookies; i++) {
        char *r = redact_text(hop->set_cookies[i]);
        buf_printf(&sc, "%s%s", i ? "\n" : "", r);
        free(r);
    }
    e->set_cookie = buf_take(&sc);
    e->location = hop->location ? redact_text(hop->location) : NULL;
    e->seconds = hop->seconds;
    free(pq);
    if (c->trace)
        fprintf(c->trace, "sessionscan: [%s] %s %s %s%s%s -> %ld\n", e->step, e->actor, e->method,
                e->path, *e->cookies ? " Cookie: " : "", e->cookies, e->status);
}

/* Feeds every Set-Cookie of a hop into the actor's jar and registers session-like values as
 * secrets so that nothing prints them in full. */
static void store_cookies(ss_client *c, ss_actor *actor, const char *url, const ss_response *hop)
{
    char *pq = url_path_query(url);
    pq[strcspn(pq, "?")] = '\0';
    bool secure = strcmp(c->origin.scheme, "https") == 0;
    for (size_t i = 0; i < hop->n_set_cookies; i++) {
        ss_setcookie sc;
        if (setcookie_parse(hop->set_cookies[i], strlen(hop->set_cookies[i]), &sc) != 0)
            continue;
        redact_register(sc.value, SECRET_SESSION);
        c->secure_dropped += sc.secure && !secure;
        if (actor)
            jar_store(actor->jar, &sc, c->origin.host, pq, secure, time(NULL));
        setcookie_free(&sc);
    }
    free(pq);
}

static const char *redirect_method(long status, const char *method)
{
    if (status == 303 || ((status == 301 || status == 302) && strcmp(method, "POST") == 0))
        return "GET";
    return method;
}

int client_send(ss_client *c, ss_actor *actor, const ss_request *req, ss_response *resp,
                char *err, size_t errlen)
{
    memset(resp, 0, sizeof *resp);
    const char *method = req->method;
    const char *body = req->body;
    char *url = strncmp(req->path, "http", 4) == 0 ? xstrdup(req->path)
                                                   : url_join(&c->origin, req->path);
    bool secure = strcmp(c->origin.scheme, "https") == 0;
    for (unsigned hop = 0;; hop++) {
        if (!url_same_origin(&c->origin, url)) {
            snprintf(err, errlen, "refusing to request %s: outside the target origin %s", url,
                     c->origin.origin);
            free(url);
            return -1;
        }
        if (admit(c, err, errlen) != 0) {
            free(url);
            return -1;
        }
        char *pq = url_path_query(url);
        pq[strcspn(pq, "?")] = '\0';
        char *cookies = actor ? jar_header(actor->jar, pq, secure, time(NULL)) : xstrdup("");
        free(pq);
        ss_transfer_in in = {method, url, body, body ? req->body_len : 0,
                             body ? req->content_type : NULL, cookies};
        response_free(resp);
        int rc = transfer_run(c->multi, &c->opts, &in, resp, err, errlen);
        c->target_seconds += resp->seconds;
        if (rc != 0) {
            free(cookies);
            free(url);
            return -1;
        }
        store_cookies(c, actor, url, resp); /* first: it registers the values to redact */
        if (c->observe)
            c->observe(c->observe_ctx, url, resp);
        record(c, actor ? actor->name : "-", method, url, cookies, resp);
        free(cookies);
        bool redirect = resp->status >= 300 && resp->status < 400 && resp->location;
        if (!redirect || req->follow == FOLLOW_NONE) {
            resp->final_url = url;
            return 0;
        }
        char *next = url_resolve(url, resp->location);
        if (!next || !url_same_origin(&c->origin, next) || hop + 1 > c->opts.max_redirects) {
            resp->left_origin = next && !url_same_origin(&c->origin, next);
            free(next);
            resp->final_url = url;
            return 0;
        }
        *XARRAY_PUSH(resp->redirects, resp->n_redirects, resp->cap_redirects) = xstrdup(next);
        method = redirect_method(resp->status, method);
        if (strcmp(method, "GET") == 0)
            body = NULL;
        free(url);
        url = next;
    }
}

unsigned client_sample(ss_client *c, const char *path, unsigned n, unsigned concurrency,
                       ss_sample_cb on_response, void *ctx)
{
    char *url = url_join(&c->origin, path);
    unsigned failed = 0, started = 0, done = 0;
    if (concurrency == 0)
        concurrency = 1;
    ss_batch *batch = batch_new(c->multi, &c->opts);
    char err[256];
    while (done < n && !ss_interrupted) {
        while (started < n && batch_active(batch) < concurrency) {
            if (admit(c, err, sizeof err) != 0) {
                failed += n - started;
                n = started; /* stop launching: budget or interrupt */
                break;
            }
            ss_transfer_in in = {"GET", url, NULL, 0, NULL, ""};
            batch_add(batch, &in);
            started++;
        }
        if (done >= n)
            break;
        ss_response resp;
        int rc = batch_next(batch, &resp);
        if (rc < 0)
            break;
        done++;
        c->target_seconds += resp.seconds;
        if (rc == 0) {
            store_cookies(c, NULL, url, &resp);
            on_response(ctx, &resp);
        } else {
            failed++;
        }
        response_free(&resp);
    }
    batch_free(batch);
    client_step(c, "token sampling");
    ss_response summary = {0};
    summary.status = 0;
    record(c, "sampler", "GET", url, "", &summary);
    free(url);
    return failed;
}
