#include "report/artifact.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PATH_MAX_OUT 512 /* GitHub shows paths, not essays */

/* Characters that are safe unencoded in a URI path on every consumer. */
static int path_safe(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

/* Appends one path segment made safe; "." and ".." could climb out of the repository. */
static void put_segment(ss_buf *b, const char *s, size_t n)
{
    if (n == 0) return;
    if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.')) {
        buf_puts(b, "/_");
        return;
    }
    buf_puts(b, "/");
    for (size_t i = 0; i < n && b->len < PATH_MAX_OUT; i++)
        buf_append(b, path_safe(s[i]) ? &s[i] : "_", 1);
}

static void put_path(ss_buf *b, const char *p, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || p[i] == '/') {
            put_segment(b, p + start, i - start);
            start = i + 1;
        }
}

/* Length of a URL location without query, fragment or ;params (where session IDs hide). */
static size_t url_path_len(const char *loc)
{
    return strcspn(loc, "?#;");
}

/* "spec.yaml:12" -> length of "spec.yaml". */
static size_t spec_file_len(const char *loc, int line)
{
    char suffix[24];
    snprintf(suffix, sizeof suffix, ":%d", line);
    size_t n = strlen(loc), k = strlen(suffix);
    return n > k && strcmp(loc + n - k, suffix) == 0 ? n - k : n;
}

static char *spec_uri(const char *loc, int line)
{
    size_t n = spec_file_len(loc, line);
    char cwd[1024];
    /* An absolute path inside the working directory becomes relative to it; any other
     * absolute path keeps only its file name, since GitHub resolves paths in the repository. */
    if (n && loc[0] == '/') {
        size_t c = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
        if (c && n > c + 1 && strncmp(loc, cwd, c) == 0 && loc[c] == '/') {
            loc += c + 1;
            n -= c + 1;
        } else {
            const char *base = loc;
            for (size_t i = 0; i < n; i++)
                if (loc[i] == '/') base = loc + i + 1;
            n -= (size_t)(base - loc);
            loc = base;
        }
    }
    ss_buf b;
    buf_init(&b, 0);
    put_path(&b, loc, n);
    char *s = buf_take(&b);
    if (!*s) {
        free(s);
        return xstrdup("sessionscan/spec");
    }
    memmove(s, s + 1, strlen(s)); /* drop the leading '/' put_segment wrote */
    return s;
}

char *finding_artifact_uri(const char *target, const ss_finding *f)
{
    if (f->line > 0 && *f->location) return spec_uri(f->location, f->line);
    const char *host = strstr(target, "://");
    if (!host && *target && !*f->location)
        return spec_uri(target, 0); /* an input file (tokens, spec): the finding is about it */
    host = host ? host + 3 : target;
    size_t hn = strcspn(host, "/?#");
    ss_buf b;
    buf_init(&b, 0);
    buf_puts(&b, "sessionscan");
    put_segment(&b, hn ? host : "report", hn ? hn : 6);
    size_t before = b.len;
    put_path(&b, f->location, url_path_len(f->location));
    if (b.len == before) buf_puts(&b, "/_root"); /* "/" itself: a file name, not a directory */
    return buf_take(&b);
}

void fingerprint_of(const char *rule_id, const char *target, const char *location, int line,
                    char *out)
{
    size_t ln = line > 0 ? strlen(location) : url_path_len(location);
    char num[24];
    int nn = snprintf(num, sizeof num, "%d", line > 0 ? line : 0);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx) {
        out[0] = '\0';
        return;
    }
    /* NUL separators keep ("ab","c") and ("a","bc") apart. */
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    EVP_DigestUpdate(ctx, "sessionscan/v1", 15);
    EVP_DigestUpdate(ctx, rule_id, strlen(rule_id) + 1);
    EVP_DigestUpdate(ctx, target, strlen(target) + 1);
    EVP_DigestUpdate(ctx, location, ln);
    EVP_DigestUpdate(ctx, "", 1);
    EVP_DigestUpdate(ctx, num, (size_t)nn);
    EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    for (unsigned i = 0; i < mdlen && i < SS_FINGERPRINT_LEN / 2; i++)
        snprintf(out + 2 * (size_t)i, 3, "%02x", md[i]);
}

void finding_fingerprint(const ss_report *r, const ss_finding *f, char *out)
{
    fingerprint_of(f->rule->id, r->target, f->location, f->line, out);
}
