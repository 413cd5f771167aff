/* The scan context shared by the flows and the checks: configuration, client, oracle, the
 * session cookie and the cached results of steps that several checks build on. */
#ifndef SS_SCAN_H
#define SS_SCAN_H
#include "flow/form.h"
#include "flow/observe.h"
#include "http/client.h"
#include "report/finding.h"

#include <stdbool.h>

typedef struct {
    char *login_path;       /* --login */
    char *login_method;     /* --login-method (POST) */
    char *login_body;       /* --login-body template with {user} and {pass} */
    char *protected_path;   /* --protected */
    char *logout_path;      /* --logout */
    char *logout_method;    /* --logout-method (POST) */
    char *cookie_name;      /* --cookie, or NULL to find it */
    char **entries;         /* --entry paths visited for a pre-login session, NULL-terminated */
    char *user;
    char *password;         /* never printed */
    char *logged_in_re;     /* --logged-in */
    char *logged_out_re;    /* --logged-out */
    char *login_form;       /* --login-form: page whose password form is filled and submitted */
    /* gray-box: read access to the DynamoDB session table */
    char *dynamodb_table, *endpoint_url, *region, *aws_profile;
} ss_target_cfg;

typedef enum { ORACLE_OUT = 0, ORACLE_IN = 1, ORACLE_UNKNOWN = -1 } ss_login_state;

typedef enum { DISC_NONE = 0, DISC_REGEX, DISC_STATUS, DISC_LOCATION, DISC_USER_IN_BODY } ss_disc;

typedef struct {
    ss_disc how;
    long in_status, out_status;
    char *in_location, *out_location;
    void *in_re, *out_re; /* pcre2_code* */
} ss_oracle;

/* Steps several checks share; each runs once, on first use. */
typedef struct {
    int done; /* 0 not yet, 1 ok, -1 failed (reason in .why) */
    char *why;
    size_t ex_from, ex_to; /* transcript range, for evidence */
} ss_stepstate;

typedef struct ss_scan {
    const ss_target_cfg *cfg;
    ss_client *client;
    ss_report *report;
    ss_oracle oracle;
    char *cookie;          /* session cookie name */
    char *sample_value;    /* a post-login session value, for the shape of invented IDs */
    /* pre-login: the attacker's jar after visiting the entry points; S0 = its session value */
    ss_stepstate prelogin;
    ss_jar *attacker_jar;
    char *s0;
    /* the victim logged in carrying S0 */
    ss_stepstate victim_login;
    ss_jar *victim_jar;
    char *s1;
    /* what every response showed (values, exposures, raw Set-Cookie headers) */
    ss_observer seen;
    /* every session value the victim held after logging in, oldest first */
    char *victim_ids[4];
    size_t n_victim_ids;
    bool loopback;   /* the target is this machine: cleartext findings are rated lower */
    ss_form form;    /* --login-form: the form as last fetched (action, fields, CSRF field) */
    const char *login_query; /* while set, logins go to the login URL with this query appended */
    bool have_form;
    char err[512]; /* last transport error */
} ss_scan;

#endif
