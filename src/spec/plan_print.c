/* `sessionscan spec --plan`: the plan, why each part was chosen, and the scan options it means. */
#include "spec/spec.h"
#include "util/buf.h"

#include <string.h>

static void row(FILE *out, const char *label, const char *value, const char *why)
{
    fprintf(out, "%-10s %s\n", label, value ? value : "(not found)");
    if (why) fprintf(out, "%-10s   why: %s\n", "", why);
}

/* Single-quoted for a POSIX shell. */
static void shell_quote(ss_buf *b, const char *s)
{
    buf_puts(b, "'");
    for (; *s; s++)
        if (*s == '\'')
            buf_puts(b, "'\\''");
        else
            buf_append(b, s, 1);
    buf_puts(b, "'");
}

void spec_plan_print(const spec_plan *p, FILE *out)
{
    char login[1024];
    snprintf(login, sizeof login, "%s %s%s%s%s", p->login_method ? p->login_method : "",
             p->login_path ? p->login_path : "", p->login_content_type ? " (" : "",
             p->login_content_type ? p->login_content_type : "", p->login_content_type ? ")" : "");
    row(out, "login:", p->login_path ? login : NULL, p->reason_login);
    if (p->login_path)
        row(out, "body:", p->login_body ? p->login_body : "(none)", p->reason_login_body);
    char prot[1024];
    snprintf(prot, sizeof prot, "GET %s", p->protected_path ? p->protected_path : "");
    row(out, "protected:", p->protected_path ? prot : NULL, p->reason_protected);
    char logout[1024];
    snprintf(logout, sizeof logout, "%s %s", p->logout_method ? p->logout_method : "",
             p->logout_path ? p->logout_path : "");
    row(out, "logout:", p->logout_path ? logout : NULL, p->reason_logout);
    row(out, "cookie:", p->cookie_name, p->reason_cookie);
    if (p->server_url) fprintf(out, "%-10s %s\n", "server:", p->server_url);
    if (p->base_path && p->base_path[0])
        fprintf(out, "%-10s %s (server path, included above)\n", "base:", p->base_path);

    ss_buf o;
    buf_init(&o, 0);
    if (p->login_path) {
        buf_puts(&o, " --login ");
        shell_quote(&o, p->login_path);
    }
    if (p->login_body) {
        buf_puts(&o, " --login-body ");
        shell_quote(&o, p->login_body);
    }
    if (p->protected_path) {
        buf_puts(&o, " --protected ");
        shell_quote(&o, p->protected_path);
    }
    if (p->logout_path) {
        buf_puts(&o, " --logout ");
        shell_quote(&o, p->logout_path);
        buf_printf(&o, " --logout-method %s", p->logout_method);
    }
    if (p->cookie_name) {
        buf_puts(&o, " --cookie ");
        shell_quote(&o, p->cookie_name);
    }
    fprintf(out, "\nscan options:%s\n", o.len ? o.data : " (none derived)");
    buf_free(&o);
}
