#define PCRE2_CODE_UNIT_WIDTH 8
#include "flow/oracle.h"
#include "util/xalloc.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

static pcre2_code *compile(const char *pattern, const char *opt, char *err, size_t errlen)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re =
        pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[128];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(err, errlen, "%s '%s' is not a valid regular expression: %s at offset %zu", opt,
                 pattern, (const char *)msg, (size_t)off);
    }
    return re;
}

int oracle_init(ss_oracle *o, const char *in_re, const char *out_re, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (in_re && !(o->in_re = compile(in_re, "--logged-in", err, errlen))) return -1;
    if (out_re && !(o->out_re = compile(out_re, "--logged-out", err, errlen))) return -1;
    if (o->in_re || o->out_re) o->how = DISC_REGEX;
    return 0;
}

void oracle_free(ss_oracle *o)
{
    pcre2_code_free(o->in_re);
    pcre2_code_free(o->out_re);
    free(o->in_location);
    free(o->out_location);
    memset(o, 0, sizeof *o);
}

/* Bounded matching: a hostile body must not make a user pattern backtrack forever. */
static bool matches(void *re, const ss_response *r)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, 1000000);
    const char *body = r->body.data ? r->body.data : "";
    int rc = pcre2_match(re, (PCRE2_SPTR)body, r->body.len, 0, 0, md, mc);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    return rc >= 0;
}

static bool contains_user(const ss_response *r, const char *user)
{
    return user && *user && r->body.data && strstr(r->body.data, user);
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int oracle_calibrate(ss_oracle *o, const ss_response *out, const ss_response *in, const char *user,
                     char *err, size_t errlen)
{
    if (o->how == DISC_REGEX) {
        if (oracle_classify(o, in, user) == ORACLE_IN &&
            oracle_classify(o, out, user) == ORACLE_OUT)
            return 0;
        snprintf(err, errlen,
                 "--logged-in/--logged-out do not tell the logged-in response of the protected "
                 "path (status %ld) from the logged-out one (status %ld): check the patterns",
                 in->status, out->status);
        return -1;
    }
    o->in_status = in->status;
    o->out_status = out->status;
    if (in->status != out->status && in->status >= 200 && in->status < 300) {
        o->how = DISC_STATUS;
        return 0;
    }
    if (in->status == out->status && !same_str(in->location, out->location)) {
        o->how = DISC_LOCATION;
        o->in_location = in->location ? xstrdup(in->location) : NULL;
        o->out_location = out->location ? xstrdup(out->location) : NULL;
        return 0;
    }
    if (in->status == out->status && contains_user(in, user) && !contains_user(out, user)) {
        o->how = DISC_USER_IN_BODY;
        return 0;
    }
    snprintf(err, errlen,
             "the protected path answers the same logged in and logged out (status %ld both "
             "times): pass --protected with a path that needs login, or --logged-in REGEX to "
             "recognise a logged-in page",
             in->status);
    return -1;
}

ss_login_state oracle_classify(const ss_oracle *o, const ss_response *r, const char *user)
{
    switch (o->how) {
    case DISC_REGEX:
        if (o->in_re && matches(o->in_re, r)) return ORACLE_IN;
        if (o->out_re && matches(o->out_re, r)) return ORACLE_OUT;
        return o->in_re ? ORACLE_OUT : ORACLE_IN;
    case DISC_STATUS:
        return r->status == o->in_status ? ORACLE_IN : ORACLE_OUT;
    case DISC_LOCATION:
        return r->status == o->in_status && same_str(r->location, o->in_location) ? ORACLE_IN
                                                                                  : ORACLE_OUT;
    case DISC_USER_IN_BODY:
        return contains_user(r, user) ? ORACLE_IN : ORACLE_OUT;
    case DISC_NONE:
        break;
    }
    return ORACLE_UNKNOWN;
}

char *oracle_describe(const ss_oracle *o)
{
    switch (o->how) {
    case DISC_REGEX:
        return xstrdup("body matches --logged-in / --logged-out");
    case DISC_STATUS:
        return xasprintf("status %ld when logged in, %ld when not", o->in_status, o->out_status);
    case DISC_LOCATION:
        return xasprintf("redirect target (%s when not logged in)",
                         o->out_location ? o->out_location : "none");
    case DISC_USER_IN_BODY:
        return xstrdup("the user name appears in the page only when logged in");
    case DISC_NONE:
        break;
    }
    return xstrdup("not calibrated");
}
