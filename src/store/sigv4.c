#include "store/sigv4.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

#define SIGV4_MAX_HEADERS 64
#define SIGV4_MAX_PARAMS 256

static const char hexdig[] = "0123456789abcdef";

void sigv4_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    for (size_t i = 0; i < sizeof md; i++) {
        out[2 * i] = hexdig[md[i] >> 4];
        out[2 * i + 1] = hexdig[md[i] & 15];
    }
    out[64] = '\0';
}

static void hmac256(const void *key, size_t keylen, const char *msg, unsigned char out[32])
{
    unsigned int n = 32;
    HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, strlen(msg), out, &n);
}

void sigv4_amz_date(time_t t, char out[17])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static int unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* AWS URI encoding: everything but the unreserved set as %XX (uppercase). Existing escapes are
 * decoded first so that an already-encoded query is not encoded twice. */
static int uri_encode(ss_buf *out, const char *s, size_t n, int keep_slash)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            c = (unsigned char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        }
        char enc[3] = {'%', HEX[c >> 4], HEX[c & 15]};
        int rc = (unreserved(c) || (keep_slash && c == '/')) ? buf_append(out, &c, 1)
                                                             : buf_append(out, enc, 3);
        if (rc != 0) return -1;
    }
    return 0;
}

typedef struct {
    char *key;
    char *val;
} qparam;

static int cmp_param(const void *a, const void *b)
{
    const qparam *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->val, y->val);
}

static char *encoded(const char *s, size_t n)
{
    ss_buf b;
    buf_init(&b, 0);
    uri_encode(&b, s, n, 0);
    return buf_take(&b);
}

static int canonical_query(ss_buf *out, const char *q)
{
    qparam params[SIGV4_MAX_PARAMS];
    size_t np = 0;
    int rc = 0;
    while (q && *q) {
        size_t len = strcspn(q, "&");
        if (len > 0) {
            if (np == SIGV4_MAX_PARAMS) {
                rc = -1;
                break;
            }
            const char *eq = memchr(q, '=', len);
            size_t klen = eq ? (size_t)(eq - q) : len;
            params[np].key = encoded(q, klen);
            params[np].val = eq ? encoded(eq + 1, len - klen - 1) : xstrdup("");
            np++;
        }
        q += len;
        if (*q == '&') q++;
    }
    qsort(params, np, sizeof *params, cmp_param);
    for (size_t i = 0; i < np; i++) {
        if (rc == 0 && buf_printf(out, "%s%s=%s", i ? "&" : "", params[i].key, params[i].val) < 0)
            rc = -1;
        free(params[i].key);
        free(params[i].val);
    }
    return rc;
}

typedef struct {
    char *name; /* lowercased */
    const char *value;
    size_t order;
} hdr;

static int cmp_hdr(const void *a, const void *b)
{
    const hdr *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Trims the value and collapses runs of spaces, as the canonical form requires. */
static int append_trimmed(ss_buf *out, const char *v)
{
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    for (size_t i = 0; i < n; i++) {
        if ((v[i] == ' ' || v[i] == '\t') && i > 0 && (v[i - 1] == ' ' || v[i - 1] == '\t'))
            continue;
        char c = v[i] == '\t' ? ' ' : v[i];
        if (buf_append(out, &c, 1) != 0) return -1;
    }
    return 0;
}

static int canonical_headers(ss_buf *out, ss_buf *signed_headers, const sigv4_request *rq)
{
    if (rq->n_headers > SIGV4_MAX_HEADERS) return -1;
    hdr h[SIGV4_MAX_HEADERS];
    for (size_t i = 0; i < rq->n_headers; i++) {
        h[i].name = xstrdup(rq->headers[i].name);
        for (char *p = h[i].name; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        h[i].value = rq->headers[i].value;
        h[i].order = i;
    }
    qsort(h, rq->n_headers, sizeof *h, cmp_hdr);
    int rc = 0;
    for (size_t i = 0; i < rq->n_headers && rc == 0; i++) {
        int first = i == 0 || strcmp(h[i].name, h[i - 1].name) != 0;
        if (first) {
            if (i > 0) rc |= buf_puts(out, "\n");
            rc |= buf_printf(out, "%s:", h[i].name);
            rc |= buf_printf(signed_headers, "%s%s", i ? ";" : "", h[i].name);
        } else {
            rc |= buf_puts(out, ",");
        }
        rc |= append_trimmed(out, h[i].value);
    }
    if (rq->n_headers) rc |= buf_puts(out, "\n");
    for (size_t i = 0; i < rq->n_headers; i++)
        free(h[i].name);
    return rc ? -1 : 0;
}

int sigv4_canonical_request(const sigv4_request *rq, ss_buf *creq, ss_buf *signed_headers)
{
    char payload[65];
    sigv4_sha256_hex(rq->body ? rq->body : "", rq->body ? rq->body_len : 0, payload);
    const char *path = rq->path && *rq->path ? rq->path : "/";
    int rc = buf_printf(creq, "%s\n", rq->method);
    rc |= uri_encode(creq, path, strlen(path), 1);
    rc |= buf_puts(creq, "\n");
    rc |= canonical_query(creq, rq->query);
    rc |= buf_puts(creq, "\n");
    rc |= canonical_headers(creq, signed_headers, rq);
    rc |= buf_printf(creq, "\n%s\n%s", signed_headers->data ? signed_headers->data : "", payload);
    return rc ? -1 : 0;
}

int sigv4_string_to_sign(const char *amz_date, const char *scope, const char *creq, ss_buf *out)
{
    char h[65];
    sigv4_sha256_hex(creq, strlen(creq), h);
    return buf_printf(out, "AWS4-HMAC-SHA256\n%s\n%s\n%s", amz_date, scope, h) < 0 ? -1 : 0;
}

int sigv4_signing_key(const char *secret, const char *date8, const char *region,
                      const char *service, unsigned char out[32])
{
    ss_buf k;
    buf_init(&k, 4096);
    if (buf_printf(&k, "AWS4%s", secret) < 0) {
        buf_free(&k);
        return -1;
    }
    unsigned char a[32], b[32];
    hmac256(k.data, k.len, date8, a);
    hmac256(a, 32, region, b);
    hmac256(b, 32, service, a);
    hmac256(a, 32, "aws4_request", out);
    OPENSSL_cleanse(k.data, k.len);
    OPENSSL_cleanse(a, sizeof a);
    OPENSSL_cleanse(b, sizeof b);
    buf_free(&k);
    return 0;
}

int sigv4_authorization(const sigv4_request *rq, const sigv4_key *k, const char *amz_date,
                        ss_buf *authz)
{
    if (strlen(amz_date) != 16) return -1;
    char date8[9];
    memcpy(date8, amz_date, 8);
    date8[8] = '\0';
    ss_buf creq, sh, scope, sts;
    buf_init(&creq, 1 << 20);
    buf_init(&sh, 1 << 14);
    buf_init(&scope, 1024);
    buf_init(&sts, 1 << 12);
    unsigned char key[32], sig[32];
    unsigned int siglen = 32;
    int rc = sigv4_canonical_request(rq, &creq, &sh);
    if (rc == 0 && buf_printf(&scope, "%s/%s/%s/aws4_request", date8, k->region, k->service) < 0)
        rc = -1;
    if (rc == 0) rc = sigv4_string_to_sign(amz_date, scope.data, creq.data, &sts);
    if (rc == 0) rc = sigv4_signing_key(k->secret_key, date8, k->region, k->service, key);
    if (rc == 0) {
        HMAC(EVP_sha256(), key, 32, (const unsigned char *)sts.data, sts.len, sig, &siglen);
        char hex[65];
        for (size_t i = 0; i < 32; i++) {
            hex[2 * i] = hexdig[sig[i] >> 4];
            hex[2 * i + 1] = hexdig[sig[i] & 15];
        }
        hex[64] = '\0';
        if (buf_printf(authz, "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                       k->access_key, scope.data, sh.data ? sh.data : "", hex) < 0)
            rc = -1;
    }
    OPENSSL_cleanse(key, sizeof key);
    buf_free(&creq);
    buf_free(&sh);
    buf_free(&scope);
    buf_free(&sts);
    return rc;
}
