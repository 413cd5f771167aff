#include "flow/evidence.h"
#include "flow/login.h"
#include "util/xalloc.h"

#include <string.h>

/* survives JSON and form encoding unchanged */
#define PASS_MARK "SSPASSWORDMARK"

void evidence_range(ss_finding *f, const ss_client *c, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        const ss_exchange *e = client_exchange(c, i);
        if (!e)
            break;
        ss_buf b;
        buf_init(&b, 0);
        buf_printf(&b, "%s: %s %s", e->actor, e->method, e->path);
        if (*e->cookies)
            buf_printf(&b, " [Cookie: %s]", e->cookies);
        buf_printf(&b, " -> %ld", e->status);
        if (e->location)
            buf_printf(&b, " [Location: %s]", e->location);
        if (*e->set_cookie) {
            char *one = xstrdup(e->set_cookie);
            for (char *p = one; *p; p++)
                if (*p == '\n')
                    *p = '|';
            buf_printf(&b, " [Set-Cookie: %s]", one);
            free(one);
        }
        buf_printf(&b, " (%s)", e->step);
        finding_evidence(f, "%s", b.data);
        buf_free(&b);
    }
}

/* Quotes a string for a double-quoted shell word. */
static void shell_dq(ss_buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\"\\$`", *s))
            buf_append(b, "\\", 1);
        buf_append(b, s, 1);
    }
}

static const char *curl_flags(const ss_scan *s)
{
    (void)s;
    return "curl -s ${CURL_OPTS:-}";
}

void repro_begin(ss_buf *b, const ss_scan *s)
{
    buf_printf(b,
               "# Reproduce (bash; needs curl). The password is read from $SS_PASSWORD;\n"
               "# add e.g. CURL_OPTS='--cacert ca.pem' for a private CA.\n"
               "T='%s'\nrm -f victim.txt attacker.txt\n",
               client_origin(s->client)->origin);
}

void repro_comment(ss_buf *b, const char *text) { buf_printf(b, "# %s\n", text); }

void repro_get(ss_buf *b, const char *actor, const char *path)
{
    buf_printf(b, "curl -s ${CURL_OPTS:-} -o /dev/null -b %s.txt -c %s.txt \"$T", actor, actor);
    shell_dq(b, path);
    buf_puts(b, "\"\n");
}

/* Form logins: fetch the page for its current CSRF token, then post every field. */
static void repro_form_login(ss_buf *b, const ss_scan *s, const char *actor)
{
    const ss_form *f = &s->form;
    if (f->csrf_field) {
        buf_printf(b, "TOKEN=$(curl -s ${CURL_OPTS:-} -b %s.txt -c %s.txt \"$T", actor, actor);
        shell_dq(b, s->cfg->login_form);
        buf_printf(b, "\" | sed -n 's/.*name=\"%s\"[^>]*value=\"\\([^\"]*\\)\".*/\\1/p' | "
                      "head -n 1)\n",
                   f->csrf_field);
    }
    buf_printf(b, "curl -s ${CURL_OPTS:-} -o /dev/null -b %s.txt -c %s.txt", actor, actor);
    if (f->user_field) {
        buf_printf(b, " --data-urlencode \"%s=", f->user_field);
        shell_dq(b, s->cfg->user);
        buf_puts(b, "\"");
    }
    if (f->pass_field)
        buf_printf(b, " --data-urlencode \"%s=$SS_PASSWORD\"", f->pass_field);
    for (size_t i = 0; i < f->n_fields; i++) {
        bool csrf = f->csrf_field && strcmp(f->fields[i].name, f->csrf_field) == 0;
        buf_printf(b, " --data-urlencode \"%s=", f->fields[i].name);
        if (csrf)
            buf_puts(b, "$TOKEN");
        else
            shell_dq(b, f->fields[i].value);
        buf_puts(b, "\"");
    }
    char *action = url_path_query(f->action);
    buf_puts(b, " \"$T");
    shell_dq(b, action);
    buf_puts(b, "\"\n");
    free(action);
}

void repro_login(ss_buf *b, const ss_scan *s, const char *actor)
{
    if (s->cfg->login_form && s->have_form) {
        repro_form_login(b, s, actor);
        return;
    }
    const char *ctype;
    /* the password stays a shell variable: render with a marker, then substitute */
    char *body = login_render(s->cfg->login_body, s->cfg->user, PASS_MARK, &ctype);
    buf_printf(b, "%s -o /dev/null -b %s.txt -c %s.txt -X %s -H 'Content-Type: %s' --data \"",
               curl_flags(s), actor, actor, s->cfg->login_method, ctype);
    for (char *p = body; *p; p++) {
        if (strncmp(p, PASS_MARK, strlen(PASS_MARK)) == 0) {
            buf_puts(b, "$SS_PASSWORD");
            p += strlen(PASS_MARK) - 1;
        } else {
            char one[2] = {*p, 0};
            shell_dq(b, one);
        }
    }
    buf_puts(b, "\" \"$T");
    shell_dq(b, s->cfg->login_path);
    buf_puts(b, "\"\n");
    free(body);
}

void repro_copy_jar(ss_buf *b, const char *from, const char *to)
{
    buf_printf(b, "cp %s.txt %s.txt   # plant: %s's cookies now sit in %s's browser\n", from, to,
               from, to);
}

void repro_plant_var(ss_buf *b, const ss_scan *s, const char *actor, const char *var)
{
    buf_printf(b, "printf '%%s\\tFALSE\\t/\\tFALSE\\t0\\t%s\\t%%s\\n' '%s' \"$%s\" >> %s.txt\n",
               s->cookie, client_origin(s->client)->host, var, actor);
}

void repro_probe(ss_buf *b, const ss_scan *s, const char *actor, const char *expect)
{
    buf_printf(b, "%s -o /dev/null -w '%%{http_code}\\n' -b %s.txt \"$T", curl_flags(s), actor);
    shell_dq(b, s->cfg->protected_path);
    buf_printf(b, "\"   # %s\n", expect);
}
