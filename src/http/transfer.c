#include "http/transfer.h"
#include "util/redact.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct {
    CURL *easy;
    struct curl_slist *headers;
    ss_response *resp;
    const ss_http_opts *o;
    size_t header_bytes;
    unsigned header_lines;
    const char *limit_hit; /* which cap aborted the transfer */
    bool headers_done;     /* the final response's header block ended */
    size_t body_seen;      /* decoded body bytes, with discard_body */
    char errbuf[CURL_ERROR_SIZE];
} xfer;

static char *trimmed(const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }
    while (n && (p[n - 1] == '\r' || p[n - 1] == '\n' || p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    return xstrndup(p, n);
}

static bool header_is(const char *line, size_t n, const char *name, size_t *vstart)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':') return false;
    *vstart = k + 1;
    return true;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
    xfer *x = userp;
    size_t n = size * nmemb, v;
    x->header_bytes += n;
    if (++x->header_lines > x->o->max_headers) {
        x->limit_hit = "too many response header lines";
        return 0;
    }
    if (x->header_bytes > x->o->max_header_bytes) {
        x->limit_hit = "response headers too large";
        return 0;
    }
    ss_response *r = x->resp;
    if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) { /* a new response (after 1xx): start over */
        x->headers_done = false;
        for (size_t i = 0; i < r->n_set_cookies; i++)
            free(r->set_cookies[i]);
        r->n_set_cookies = 0;
        free(r->location);
        r->location = NULL;
    } else if (n <= 2 && (data[0] == '\r' || data[0] == '\n')) {
        x->headers_done = true; /* reset by the next status line after a 1xx */
    } else if (memchr(data, '\0', n)) {
        return n; /* a NUL inside a header line: nothing sane can be read from it */
    } else if (header_is(data, n, "set-cookie", &v)) {
        *XARRAY_PUSH(r->set_cookies, r->n_set_cookies, r->cap_set_cookies) =
            trimmed(data + v, n - v);
    } else if (header_is(data, n, "location", &v)) {
        free(r->location);
        r->location = trimmed(data + v, n - v);
    } else if (header_is(data, n, "content-type", &v)) {
        free(r->content_type);
        r->content_type = trimmed(data + v, n - v);
    }
    return n;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    xfer *x = userp;
    size_t n = size * nmemb;
    if (x->o->discard_body) { /* still bounded: a bomb must end at the cap, not the timeout */
        x->body_seen += n;
        if (x->body_seen <= x->o->max_body) return n;
        x->limit_hit = "response body larger than the limit";
        return 0;
    }
    if (buf_append(&x->resp->body, data, n) != 0) {
        x->limit_hit = "response body larger than the limit";
        return 0;
    }
    return n;
}

static int on_progress(void *p, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)p, (void)dt, (void)dn, (void)ut, (void)un;
    return ss_interrupted ? 1 : 0;
}

static void xfer_setup(xfer *x, const ss_http_opts *o, const ss_transfer_in *in, ss_response *r)
{
    memset(x, 0, sizeof *x);
    memset(r, 0, sizeof *r);
    buf_init(&r->body, o->max_body);
    x->resp = r;
    x->o = o;
    CURL *e = x->easy = curl_easy_init();
    curl_easy_setopt(e, CURLOPT_URL, in->url);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* decoded bytes count against max_body */
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "sessionscan/" SS_VERSION);
    curl_easy_setopt(e, CURLOPT_PROXY, o->proxy ? o->proxy : "");
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o->insecure ? 0L : 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o->insecure ? 0L : 2L);
    if (o->cacert) curl_easy_setopt(e, CURLOPT_CAINFO, o->cacert);
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, in->method);
    if (strcmp(in->method, "HEAD") == 0) curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    if (in->body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)in->body_len);
        curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, in->body);
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, in->method);
    }
    struct curl_slist *h = curl_slist_append(NULL, "Expect:");
    for (const char *const *p = o->headers; p && *p; p++)
        h = curl_slist_append(h, *p);
    if (in->content_type) {
        char *ct = xasprintf("Content-Type: %s", in->content_type);
        h = curl_slist_append(h, ct);
        free(ct);
    }
    if (in->cookie_header && *in->cookie_header) {
        char *ck = xasprintf("Cookie: %s", in->cookie_header);
        h = curl_slist_append(h, ck);
        free(ck);
    }
    x->headers = h;
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
}

static void xfer_cleanup(xfer *x)
{
    curl_slist_free_all(x->headers);
    curl_easy_cleanup(x->easy);
}

/* What a libcurl failure means for the user, for the codes a hostile or broken server causes. */
static const char *explain(const xfer *x, CURLcode rc)
{
    switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL: /* the reply ("…HTTP response", "HTTP/0.9…"), or a proxy */
        return strstr(x->errbuf, "HTTP") ? "the answer is not a valid HTTP/1.x or HTTP/2 response"
                                         : NULL;
    case CURLE_WEIRD_SERVER_REPLY:
        return "malformed HTTP response";
    case CURLE_OUT_OF_MEMORY: /* libcurl's own cap on one header line (100 KB) */
        return x->headers_done ? "response too large to process"
                               : "a response header line is larger than 100 KB";
    case CURLE_GOT_NOTHING:
        return "the server closed the connection without answering";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return "receiving the response failed";
    case CURLE_PARTIAL_FILE:
        return "the response ended before the length it announced";
    case CURLE_BAD_CONTENT_ENCODING:
        return "cannot decode the response body";
    default:
        return NULL;
    }
}

void redact_in_place(char *text, size_t size)
{
    char *r = redact_text(text);
    snprintf(text, size, "%s", r);
    free(r);
}

static void describe_error(const xfer *x, CURLcode rc, const char *url, const ss_http_opts *o,
                           char *err, size_t errlen)
{
    if (x->limit_hit) {
        snprintf(err, errlen, "%s: %s (limits: body %zu bytes, headers %zu bytes / %u lines)", url,
                 x->limit_hit, o->max_body, o->max_header_bytes, o->max_headers);
        return;
    }
    const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
    if (rc == CURLE_OUT_OF_MEMORY)
        detail = "libcurl's limit"; /* its message, "Out of memory", would mislead */
    const char *what = explain(x, rc);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
        snprintf(err, errlen, "cannot connect to %s: is the target running and the URL right?",
                 url);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(err, errlen, "cannot resolve the host of %s: check the target URL", url);
        break;
    case CURLE_OPERATION_TIMEDOUT:
        snprintf(err, errlen, "%s did not answer within %ld ms (raise --timeout if it is slow)",
                 url, o->timeout_ms);
        break;
    case CURLE_FILESIZE_EXCEEDED:
        snprintf(err, errlen, "%s: response body larger than the limit (%zu bytes)", url,
                 o->max_body);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
        snprintf(err, errlen,
                 "TLS with %s failed (%s): pass --cacert FILE for a private CA, or -k to skip "
                 "verification",
                 url, detail);
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        snprintf(err, errlen, "interrupted");
        break;
    default:
        if (what)
            snprintf(err, errlen, "%s: %s (%s)", url, what, detail);
        else
            snprintf(err, errlen, "%s: %s", url, detail);
    }
}

static void xfer_finish(xfer *x, ss_response *r)
{
    long status = 0;
    double t = 0;
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &t);
    r->status = status;
    r->seconds = t;
}

int transfer_run(CURLM *multi, const ss_http_opts *o, const ss_transfer_in *in, ss_response *resp,
                 char *err, size_t errlen)
{
    xfer x;
    xfer_setup(&x, o, in, resp);
    curl_multi_add_handle(multi, x.easy);
    int running = 1;
    CURLcode rc = CURLE_OK;
    while (running) {
        if (curl_multi_perform(multi, &running) != CURLM_OK) break;
        if (running) curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    int left;
    for (CURLMsg *m; (m = curl_multi_info_read(multi, &left));)
        if (m->msg == CURLMSG_DONE && m->easy_handle == x.easy) rc = m->data.result;
    curl_multi_remove_handle(multi, x.easy);
    xfer_finish(&x, resp);
    int out = 0;
    if (rc != CURLE_OK || x.limit_hit) {
        describe_error(&x, rc, in->url, o, err, errlen);
        redact_in_place(err, errlen); /* the URL may carry a planted session ID */
        out = -1;
    }
    xfer_cleanup(&x);
    return out;
}

/* --- batches ------------------------------------------------------------------------------ */

typedef struct {
    xfer x;
    ss_response resp;
    unsigned seq; /* order of batch_add */
} slot;

struct ss_batch {
    CURLM *multi;
    const ss_http_opts *o;
    slot **slots;
    size_t n, cap;
    unsigned added;
};

ss_batch *batch_new(CURLM *multi, const ss_http_opts *o)
{
    ss_batch *b = xcalloc(1, sizeof *b);
    b->multi = multi;
    b->o = o;
    return b;
}

void batch_free(ss_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        curl_multi_remove_handle(b->multi, b->slots[i]->x.easy);
        xfer_cleanup(&b->slots[i]->x);
        response_free(&b->slots[i]->resp);
        free(b->slots[i]);
    }
    free(b->slots);
    free(b);
}

unsigned batch_active(const ss_batch *b)
{
    return (unsigned)b->n;
}

void batch_add(ss_batch *b, const ss_transfer_in *in)
{
    slot *s = xcalloc(1, sizeof *s);
    s->seq = b->added++;
    xfer_setup(&s->x, b->o, in, &s->resp);
    curl_multi_add_handle(b->multi, s->x.easy);
    *XARRAY_PUSH(b->slots, b->n, b->cap) = s;
}

int batch_next(ss_batch *b, ss_response *resp, unsigned *seq)
{
    while (b->n && !ss_interrupted) {
        int running, left;
        curl_multi_perform(b->multi, &running);
        for (CURLMsg *m; (m = curl_multi_info_read(b->multi, &left));) {
            if (m->msg != CURLMSG_DONE) continue;
            for (size_t i = 0; i < b->n; i++) {
                slot *s = b->slots[i];
                if (s->x.easy != m->easy_handle) continue;
                CURLcode rc = m->data.result;
                curl_multi_remove_handle(b->multi, s->x.easy);
                xfer_finish(&s->x, &s->resp);
                *resp = s->resp;
                *seq = s->seq;
                int failed = rc != CURLE_OK || s->x.limit_hit;
                xfer_cleanup(&s->x);
                free(s);
                b->slots[i] = b->slots[--b->n];
                return failed;
            }
        }
        curl_multi_poll(b->multi, NULL, 0, 100, NULL);
    }
    return -1;
}
