#include "flow/login.h"
#include "flow/oracle.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <stdio.h>

#include <curl/curl.h>
#include <jansson.h>
#include <string.h>

static char *json_escaped(const char *v)
{
    json_t *s = json_string(v);
    char *d = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    json_decref(s);
    if (!d)
        return xstrdup("");
    size_t n = strlen(d);
    char *inner = xstrndup(d + 1, n >= 2 ? n - 2 : 0); /* drop the quotes */
    free(d);
    return inner;
}

static char *form_escaped(const char *v)
{
    char *e = curl_easy_escape(NULL, v, 0);
    char *out = xstrdup(e ? e : "");
    curl_free(e);
    return out;
}

char *login_render(const char *tmpl, const char *user, const char *pass,
                   const char **content_type)
{
    const char *t = tmpl;
    while (*t == ' ' || *t == '\n' || *t == '\t')
        t++;
    bool json = *t == '{' || *t == '[';
    *content_type = json ? "application/json" : "application/x-www-form-urlencoded";
    char *u = json ? json_escaped(user) : form_escaped(user);
    char *p = json ? json_escaped(pass) : form_escaped(pass);
    ss_buf b;
    buf_init(&b, 0);
    for (const char *c = tmpl; *c;) {
        if (strncmp(c, "{user}", 6) == 0) {
            buf_puts(&b, u);
            c += 6;
        } else if (strncmp(c, "{pass}", 6) == 0) {
            buf_puts(&b, p);
            c += 6;
        } else {
            buf_append(&b, c++, 1);
        }
    }
    free(u);
    free(p);
    return buf_take(&b);
}

/* A hidden field whose value changed since the previous fetch is the CSRF token, whatever its
 * name: tokens rotate, so the form is fetched again before every login anyway. */
static void learn_csrf(ss_scan *s, ss_form *fresh)
{
    if (fresh->csrf_field || !s->have_form)
        return;
    for (size_t i = 0; i < fresh->n_fields; i++) {
        const char *before = form_value(&s->form, fresh->fields[i].name);
        if (fresh->fields[i].hidden && before && strcmp(before, fresh->fields[i].value) != 0) {
            fresh->csrf_field = xstrdup(fresh->fields[i].name);
            return;
        }
    }
}

/* path, or path?<login_query> while a check models a victim who arrived through a link. */
static char *login_url(const ss_scan *s, const char *path)
{
    if (!s->login_query)
        return xstrdup(path);
    return xasprintf("%s%c%s", path, strchr(path, '?') ? '&' : '?', s->login_query);
}

static int form_login(ss_scan *s, ss_actor *a, long *status)
{
    char *page_url = login_url(s, s->cfg->login_form);
    ss_request get = {"GET", page_url, NULL, 0, NULL, FOLLOW_ORIGIN};
    ss_response page;
    int sent = client_send(s->client, a, &get, &page, s->err, sizeof s->err);
    free(page_url);
    if (sent != 0) {
        response_free(&page);
        return -1;
    }
    ss_form f;
    int rc = form_find(page.body.data ? page.body.data : "", page.body.len, page.final_url, NULL,
                       &f, s->err, sizeof s->err);
    response_free(&page);
    if (rc != 0)
        return -1;
    learn_csrf(s, &f);
    if (s->have_form)
        form_free(&s->form);
    s->form = f;
    s->have_form = true;
    char *body = form_encode(&f, s->cfg->user, s->cfg->password);
    bool get_form = strcmp(f.method, "GET") == 0;
    char *target = get_form ? xasprintf("%s%c%s", f.action, strchr(f.action, '?') ? '&' : '?', body)
                            : xstrdup(f.action);
    ss_request req = {f.method, target, get_form ? NULL : body, get_form ? 0 : strlen(body),
                      get_form ? NULL : "application/x-www-form-urlencoded", FOLLOW_ORIGIN};
    ss_response resp;
    rc = client_send(s->client, a, &req, &resp, s->err, sizeof s->err);
    *status = resp.status;
    response_free(&resp);
    free(target);
    free(body);
    return rc;
}

int flow_login(ss_scan *s, ss_actor *a, long *status)
{
    if (s->cfg->login_form)
        return form_login(s, a, status);
    const char *ctype;
    char *body = login_render(s->cfg->login_body, s->cfg->user, s->cfg->password, &ctype);
    char *url = login_url(s, s->cfg->login_path);
    ss_request req = {s->cfg->login_method, url, body, strlen(body), ctype, FOLLOW_ORIGIN};
    ss_response resp;
    int rc = client_send(s->client, a, &req, &resp, s->err, sizeof s->err);
    *status = resp.status;
    free(body);
    free(url);
    response_free(&resp);
    return rc;
}

ss_login_state flow_probe(ss_scan *s, ss_actor *a)
{
    ss_request req = {"GET", s->cfg->protected_path, NULL, 0, NULL, FOLLOW_NONE};
    ss_response resp;
    if (client_send(s->client, a, &req, &resp, s->err, sizeof s->err) != 0) {
        response_free(&resp);
        return ORACLE_UNKNOWN;
    }
    ss_login_state st = oracle_classify(&s->oracle, &resp, s->cfg->user);
    response_free(&resp);
    return st;
}

ss_login_state flow_probe_attacker(ss_scan *s, ss_actor *a)
{
    ss_login_state st = flow_probe(s, a);
    if (st != ORACLE_IN)
        return st;
    client_step(s->client, "the attacker's access, confirmed");
    ss_login_state again = flow_probe(s, a);
    if (again == ORACLE_IN)
        return ORACLE_IN;
    if (again == ORACLE_OUT)
        snprintf(s->err, sizeof s->err,
                 "the protected page answered logged in, then logged out, for the same cookies: "
                 "the logged-in oracle is unstable (pass --logged-in REGEX, or another "
                 "--protected path)");
    return ORACLE_UNKNOWN;
}

int flow_get(ss_scan *s, ss_actor *a, const char *path)
{
    ss_request req = {"GET", path, NULL, 0, NULL, FOLLOW_ORIGIN};
    ss_response resp;
    int rc = client_send(s->client, a, &req, &resp, s->err, sizeof s->err);
    response_free(&resp);
    return rc;
}

int flow_visit_entries(ss_scan *s, ss_actor *a)
{
    for (char **p = s->cfg->entries; p && *p; p++)
        if (flow_get(s, a, *p) != 0)
            return -1;
    return 0;
}
