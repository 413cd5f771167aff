#include "spec/names.h"

#include <ctype.h>
#include <string.h>

void name_norm(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    for (; in && *in && o + 1 < cap; in++)
        if (isalnum((unsigned char)*in)) out[o++] = (char)tolower((unsigned char)*in);
    out[o] = '\0';
}

static bool in_list(const char *name, const char *const *list)
{
    char n[128];
    name_norm(name, n, sizeof n);
    for (; *list; list++)
        if (strcmp(n, *list) == 0) return true;
    return false;
}

bool name_is_session_id(const char *name)
{
    static const char *const l[] = {"sessionid",  "session",    "sid",          "sessid",
                                    "jsessionid", "phpsessid",  "aspsessionid", "sessiontoken",
                                    "sessionkey", "connectsid", "xsessionid",   "xsessiontoken",
                                    NULL};
    return in_list(name, l);
}

bool name_is_token(const char *name)
{
    static const char *const l[] = {"token",
                                    "accesstoken",
                                    "authtoken",
                                    "authorizationtoken",
                                    "bearertoken",
                                    "idtoken",
                                    "refreshtoken",
                                    "jwt",
                                    "jwttoken",
                                    "apitoken",
                                    "securitytoken",
                                    "xauthtoken",
                                    "xaccesstoken",
                                    "usertoken",
                                    "logintoken",
                                    "oauthtoken",
                                    NULL};
    return in_list(name, l);
}

bool name_is_api_key(const char *name)
{
    static const char *const l[] = {"apikey",
                                    "xapikey",
                                    "key",
                                    "apisecret",
                                    "accesskey",
                                    "secretkey",
                                    "clientsecret",
                                    "xkey",
                                    "authkey",
                                    "appkey",
                                    "subscriptionkey",
                                    "ocpapimsubscriptionkey",
                                    NULL};
    return in_list(name, l);
}

bool name_is_password(const char *name)
{
    static const char *const l[] = {"password",   "passwd",       "pwd", "pass",
                                    "passphrase", "userpassword", NULL};
    return in_list(name, l);
}

int name_user_rank(const char *name)
{
    static const char *const l[] = {"username", "user",    "login",      "email", "emailaddress",
                                    "userid",   "account", "identifier", "name",  "usernameoremail",
                                    NULL};
    char n[128];
    name_norm(name, n, sizeof n);
    for (int i = 0; l[i]; i++)
        if (strcmp(n, l[i]) == 0) return i;
    return -1;
}

/* True when the normalised last literal path segment (not a {param}) equals one of words. */
static bool last_segment_is(const char *path, const char *const *words)
{
    const char *seg = path, *p;
    for (p = path; *p; p++)
        if (*p == '/' && p[1] && p[1] != '{') seg = p + 1;
    char n[128];
    size_t len = strcspn(seg, "/");
    char tmp[128];
    if (len >= sizeof tmp) return false;
    memcpy(tmp, seg, len);
    tmp[len] = '\0';
    name_norm(tmp, n, sizeof n);
    for (; *words; words++)
        if (strcmp(n, *words) == 0) return true;
    return false;
}

static bool norm_contains(const char *s, const char *const *words)
{
    char n[256];
    name_norm(s, n, sizeof n);
    for (; *words; words++)
        if (strstr(n, *words)) return true;
    return false;
}

const char *op_looks_login(const spec_op *op)
{
    static const char *const words[] = {"login", "signin", "logon", NULL};
    static const char *const segs[] = {"login",        "signin",         "logon",
                                       "authenticate", "auth",           "session",
                                       "sessions",     "authentication", NULL};
    static const char *const summary[] = {"login", "logsin",       "loguserin", "signin",
                                          "logon", "authenticate", NULL};
    static const char *const authn[] = {"authenticate", NULL};
    static const char *const authed[] = {"authenticated", NULL};
    if (op->op_id && (norm_contains(op->op_id, words) ||
                      (norm_contains(op->op_id, authn) && !norm_contains(op->op_id, authed))))
        return "its operationId names a login";
    if (last_segment_is(op->path, segs)) return "its path names a login";
    if (op->summary && norm_contains(op->summary, summary)) return "its summary describes a login";
    return NULL;
}

const char *op_looks_logout(const spec_op *op)
{
    static const char *const words[] = {"logout", "signout", "logoff", "signoff", "logsout", NULL};
    static const char *const session_segs[] = {"session", "sessions", "login", "auth", NULL};
    if (op->op_id && norm_contains(op->op_id, words)) return "its operationId names a logout";
    if (last_segment_is(op->path, words)) return "its path names a logout";
    if (strcmp(op->method, "delete") == 0 && last_segment_is(op->path, session_segs))
        return "it deletes the session";
    if (op->summary && norm_contains(op->summary, words)) return "its summary describes a logout";
    return NULL;
}

static bool any_segment_is(const char *path, const char *const *words)
{
    char tmp[128], n[128];
    for (const char *p = path; *p;) {
        p += strspn(p, "/");
        size_t len = strcspn(p, "/");
        if (len > 0 && len < sizeof tmp && p[0] != '{') {
            memcpy(tmp, p, len);
            tmp[len] = '\0';
            name_norm(tmp, n, sizeof n);
            for (const char *const *w = words; *w; w++)
                if (strcmp(n, *w) == 0) return true;
        }
        p += len;
    }
    return false;
}

bool op_public_by_design(const spec_op *op)
{
    static const char *const segs[] = {
        "register",      "registration",  "signup",    "forgot",      "forgotpassword",
        "resetpassword", "passwordreset", "health",    "healthz",     "ping",
        "status",        "version",       "openapi",   "openapijson", "openapiyaml",
        "swagger",       "swaggerjson",   "docs",      "wellknown",   "public",
        "callback",      "webhook",       "webhooks",  "oauth",       "verify",
        "confirm",       "metrics",       "readiness", "liveness",    "readyz",
        "livez",         "token",         "refresh",   NULL};
    static const char *const ids[] = {"register",      "signup",      "forgot",
                                      "resetpassword", "healthcheck", NULL};
    if (strcmp(op->path, "/") == 0 || op_looks_login(op) || op_looks_logout(op)) return true;
    return any_segment_is(op->path, segs) || (op->op_id && norm_contains(op->op_id, ids));
}
