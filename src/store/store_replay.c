#include "store/store_replay.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <curl/curl.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

#define REPLAY_BODY_MAX (64u << 10)

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    size_t *total = ud;
    *total += size * n;
    return *total > REPLAY_BODY_MAX ? 0 : size * n; /* enough to know the status */
}

static long get_status(const char *url, const char *cookie, const char *id, long timeout_ms,
                       const char *cacert, char *err, size_t errlen)
{
    CURL *h = curl_easy_init();
    if (!h) return -1;
    char *cookie_hdr = xasprintf("%s=%s", cookie, id);
    size_t total = 0;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_COOKIE, cookie_hdr);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &total);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "sessionscan/" SS_VERSION);
    if (cacert) curl_easy_setopt(h, CURLOPT_CAINFO, cacert);
    CURLcode cc = curl_easy_perform(h);
    long status = -1;
    if (cc == CURLE_OK || cc == CURLE_WRITE_ERROR)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(err, errlen, "%s: %s", url, curl_easy_strerror(cc));
    free(cookie_hdr);
    curl_easy_cleanup(h);
    return status;
}

int store_replay(const char *url, const char *cookie, const char *expired_id, long timeout_ms,
                 const char *cacert, replay_result *res)
{
    memset(res, 0, sizeof *res);
    res->verdict = REPLAY_INCONCLUSIVE;
    unsigned char rnd[16];
    char control[33];
    RAND_bytes(rnd, sizeof rnd);
    for (size_t i = 0; i < sizeof rnd; i++)
        snprintf(control + 2 * i, 3, "%02x", rnd[i]);
    char err[300] = "";
    long exp = get_status(url, cookie, expired_id, timeout_ms, cacert, err, sizeof err);
    long ctl = exp < 0 ? -1 : get_status(url, cookie, control, timeout_ms, cacert, err, sizeof err);
    if (exp < 0 || ctl < 0) {
        snprintf(res->detail, sizeof res->detail, "target unreachable: %s", err);
        return -1;
    }
    res->expired_status = exp;
    res->control_status = ctl;
    int exp_ok = exp >= 200 && exp < 300, ctl_ok = ctl >= 200 && ctl < 300;
    if (exp_ok && !ctl_ok)
        res->verdict = REPLAY_ACCEPTED;
    else if (!exp_ok)
        res->verdict = REPLAY_REFUSED;
    snprintf(res->detail, sizeof res->detail,
             "GET %s with the expired ID answered %ld; with a never-issued ID %ld", url, exp, ctl);
    return 0;
}
