#include "http/url.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static char *part(CURLU *h, CURLUPart what)
{
    char *v = NULL;
    if (curl_url_get(h, what, &v, 0) != CURLUE_OK || !v) return NULL;
    char *copy = xstrdup(v);
    curl_free(v);
    return copy;
}

int url_parse(const char *text, ss_url *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    CURLU *h = curl_url();
    if (!h || curl_url_set(h, CURLUPART_URL, text, 0) != CURLUE_OK) {
        snprintf(err, errlen, "'%s' is not a valid URL (expected http://host[:port]/path)", text);
        curl_url_cleanup(h);
        return -1;
    }
    out->scheme = part(h, CURLUPART_SCHEME);
    out->host = part(h, CURLUPART_HOST);
    char *port = NULL;
    if (curl_url_get(h, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK && port) {
        out->port = (int)strtol(port, NULL, 10); /* digits: curl validated the port */
        curl_free(port);
    }
    out->path = part(h, CURLUPART_PATH);
    curl_url_cleanup(h);
    if (!out->scheme || (strcmp(out->scheme, "http") != 0 && strcmp(out->scheme, "https") != 0)) {
        snprintf(err, errlen, "'%s': only http:// and https:// targets are supported", text);
        url_free(out);
        return -1;
    }
    if (!out->host || !*out->host) {
        snprintf(err, errlen, "'%s' has no host", text);
        url_free(out);
        return -1;
    }
    for (char *p = out->host; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    if (out->host[0] == '[') { /* keep IPv6 literals bare; the origin adds brackets back */
        memmove(out->host, out->host + 1, strlen(out->host));
        out->host[strcspn(out->host, "]")] = '\0';
    }
    if (!out->path) out->path = xstrdup("/");
    bool dflt = (out->port == 80 && strcmp(out->scheme, "http") == 0) ||
                (out->port == 443 && strcmp(out->scheme, "https") == 0);
    bool v6 = strchr(out->host, ':') != NULL;
    out->origin =
        dflt ? xasprintf("%s://%s%s%s", out->scheme, v6 ? "[" : "", out->host, v6 ? "]" : "")
             : xasprintf("%s://%s%s%s:%d", out->scheme, v6 ? "[" : "", out->host, v6 ? "]" : "",
                         out->port);
    return 0;
}

void url_free(ss_url *u)
{
    free(u->scheme);
    free(u->host);
    free(u->path);
    free(u->origin);
    memset(u, 0, sizeof *u);
}

char *url_resolve(const char *base_url, const char *ref)
{
    CURLU *h = curl_url();
    char *out = NULL;
    if (h && curl_url_set(h, CURLUPART_URL, base_url, 0) == CURLUE_OK &&
        curl_url_set(h, CURLUPART_URL, ref, 0) == CURLUE_OK)
        out = part(h, CURLUPART_URL);
    curl_url_cleanup(h);
    return out;
}

bool url_same_origin(const ss_url *origin, const char *url)
{
    char err[256];
    ss_url u;
    if (url_parse(url, &u, err, sizeof err) != 0) return false;
    bool same = strcmp(u.scheme, origin->scheme) == 0 && strcmp(u.host, origin->host) == 0 &&
                u.port == origin->port;
    url_free(&u);
    return same;
}

char *url_join(const ss_url *origin, const char *path)
{
    return xasprintf("%s%s%s", origin->origin, path[0] == '/' ? "" : "/", path);
}

char *url_path_query(const char *url)
{
    CURLU *h = curl_url();
    char *path = NULL, *query = NULL, *out;
    if (h && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK) {
        path = part(h, CURLUPART_PATH);
        query = part(h, CURLUPART_QUERY);
    }
    curl_url_cleanup(h);
    out = xasprintf("%s%s%s", path ? path : "/", query ? "?" : "", query ? query : "");
    free(path);
    free(query);
    return out;
}

bool url_is_loopback(const ss_url *u)
{
    return strncmp(u->host, "127.", 4) == 0 || strcmp(u->host, "::1") == 0 ||
           strcasecmp(u->host, "localhost") == 0;
}
