#include "store/aws_creds.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AWS_FILE_MAX (1u << 20) /* shared files are small; anything larger is refused */

static char *trimmed(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

char *aws_ini_get(const char *text, const char *section, const char *key)
{
    int in_section = 0;
    char *found = NULL;
    for (const char *p = text; p && *p;) {
        size_t len = strcspn(p, "\r\n");
        char *line = trimmed(p, len);
        p += len;
        while (*p == '\r' || *p == '\n')
            p++;
        size_t ll = strlen(line);
        if (ll >= 2 && line[0] == '[' && line[ll - 1] == ']') {
            char *name = trimmed(line + 1, ll - 2);
            in_section = strcmp(name, section) == 0;
            free(name);
        } else if (ll && line[0] == '[') {
            in_section = 0; /* a malformed header ends the section rather than extend it */
        } else if (in_section && ll && line[0] != '#' && line[0] != ';') {
            char *eq = strchr(line, '=');
            if (eq) {
                char *k = trimmed(line, (size_t)(eq - line));
                if (strcmp(k, key) == 0) {
                    free(found); /* the last assignment wins, as in botocore */
                    found = trimmed(eq + 1, strlen(eq + 1));
                }
                free(k);
            }
        }
        OPENSSL_cleanse(line, ll);
        free(line);
    }
    return found;
}

/* Reads a whole small file; NULL when absent, unreadable or too large. */
static char *read_small_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    ss_buf b;
    buf_init(&b, AWS_FILE_MAX);
    char chunk[4096];
    size_t n;
    int ok = 1;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ok = buf_append(&b, chunk, n) == 0;
    fclose(f);
    if (!ok) {
        fprintf(stderr, "sessionscan: %s: larger than %u bytes, ignored\n", path, AWS_FILE_MAX);
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

static char *shared_path(const char *env, const char *name)
{
    const char *p = getenv(env);
    if (p && *p) return xstrdup(p);
    const char *home = getenv("HOME");
    return home && *home ? xasprintf("%s/.aws/%s", home, name) : NULL;
}

static char *env_dup(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? xstrdup(v) : NULL;
}

static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

/* Keys from one shared file: the credentials file uses [NAME], the config file [profile NAME]
 * (except [default]). */
static int keys_from_file(const char *path, const char *section, aws_creds *c)
{
    char *text = path ? read_small_file(path) : NULL;
    if (!text) return 0;
    char *ak = aws_ini_get(text, section, "aws_access_key_id");
    char *sk = aws_ini_get(text, section, "aws_secret_access_key");
    int ok = ak && sk && *ak && *sk;
    if (ok) {
        c->access_key = ak;
        c->secret_key = sk;
        c->session_token = aws_ini_get(text, section, "aws_session_token");
        c->source = xasprintf("%s [%s]", path, section);
    } else {
        free(ak);
        free_secret(sk);
    }
    free_secret(text);
    return ok;
}

static char *region_from_config(const char *cfg_path, const char *cfg_section)
{
    char *text = cfg_path ? read_small_file(cfg_path) : NULL;
    char *r = text ? aws_ini_get(text, cfg_section, "region") : NULL;
    free_secret(text);
    return r;
}

static int valid_region(const char *r)
{
    if (!*r || strlen(r) > 64) return 0;
    for (const char *p = r; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-')) return 0;
    return 1;
}

int aws_creds_load(const char *profile, const char *region, int need_region, aws_creds *c,
                   char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    const char *prof = profile && *profile ? profile : getenv("AWS_PROFILE");
    if (!prof || !*prof) prof = "default";
    char *cred_path = shared_path("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    char *cfg_path = shared_path("AWS_CONFIG_FILE", "config");
    char *cfg_section =
        strcmp(prof, "default") == 0 ? xstrdup("default") : xasprintf("profile %s", prof);

    /* An explicit --profile beats keys in the environment, as with the AWS CLI. */
    if (!(profile && *profile) && getenv("AWS_ACCESS_KEY_ID") && getenv("AWS_SECRET_ACCESS_KEY")) {
        c->access_key = env_dup("AWS_ACCESS_KEY_ID");
        c->secret_key = env_dup("AWS_SECRET_ACCESS_KEY");
        c->session_token = env_dup("AWS_SESSION_TOKEN");
        c->source = xstrdup("environment");
    }
    if (!c->access_key || !c->secret_key) {
        aws_creds_free(c);
        if (!keys_from_file(cred_path, prof, c)) keys_from_file(cfg_path, cfg_section, c);
    }
    if (region && *region) c->region = xstrdup(region);
    if (!c->region) c->region = env_dup("AWS_REGION");
    if (!c->region) c->region = env_dup("AWS_DEFAULT_REGION");
    if (!c->region) c->region = region_from_config(cfg_path, cfg_section);
    if (!c->region && !need_region)
        c->region = xstrdup("us-east-1"); /* only the signature scope of a local endpoint */

    int rc = 0;
    if (!c->access_key || !c->secret_key) {
        snprintf(err, errlen,
                 "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add "
                 "profile '%s' to %s",
                 prof, cred_path ? cred_path : "~/.aws/credentials");
        rc = -1;
    } else if (!c->region) {
        snprintf(err, errlen,
                 "no AWS region: use --region, AWS_REGION or 'region' in profile '%s' of %s", prof,
                 cfg_path ? cfg_path : "~/.aws/config");
        rc = -1;
    } else if (!valid_region(c->region)) {
        snprintf(err, errlen, "invalid AWS region '%.64s'", c->region);
        rc = -1;
    }
    if (rc != 0) aws_creds_free(c);
    free(cred_path);
    free(cfg_path);
    free(cfg_section);
    return rc;
}

void aws_creds_free(aws_creds *c)
{
    free(c->access_key);
    free_secret(c->secret_key);
    free_secret(c->session_token);
    free(c->region);
    free(c->source);
    memset(c, 0, sizeof *c);
}
