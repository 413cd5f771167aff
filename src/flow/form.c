#include "flow/form.h"
#include "http/url.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <curl/curl.h>
#include <gumbo.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const csrf_names[] = {"csrfmiddlewaretoken", "_csrf", "authenticity_token",
                                         "_token", "csrf_token", "__RequestVerificationToken",
                                         "csrf", "_csrf_token", "xsrf_token"};

static bool csrf_like(const char *name)
{
    for (size_t i = 0; i < sizeof csrf_names / sizeof *csrf_names; i++)
        if (strcasecmp(name, csrf_names[i]) == 0)
            return true;
    return strstr(name, "csrf") || strstr(name, "CSRF") || strstr(name, "xsrf");
}

static bool is_void_tag(const char *p, size_t left)
{
    static const char *const voids[] = {"area", "base", "br",   "col",   "embed", "hr",  "img",
                                        "input", "link", "meta", "source", "track", "wbr"};
    for (size_t i = 0; i < sizeof voids / sizeof *voids; i++) {
        size_t n = strlen(voids[i]);
        if (left > n && strncasecmp(p, voids[i], n) == 0 && !isalnum((unsigned char)p[n]))
            return true;
    }
    return false;
}

/* Open-tag nesting estimate: '<' followed by a letter opens (void elements do not), "</" closes.
 * Good enough to refuse pathological pages before gumbo builds (and recursively frees) a tree. */
static bool too_deep(const char *html, size_t len)
{
    long depth = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (html[i] != '<')
            continue;
        if (html[i + 1] == '/')
            depth -= depth > 0;
        else if (isalpha((unsigned char)html[i + 1]) && !is_void_tag(html + i + 1, len - i - 1) &&
                 ++depth > FORM_MAX_DEPTH)
            return true;
    }
    return false;
}

static const char *attr(const GumboElement *e, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
    return a ? a->value : NULL;
}

static void add_field(ss_form *f, const char *name, const char *value, int hidden)
{
    if (f->n_fields >= FORM_MAX_FIELDS)
        return;
    ss_field *x = XARRAY_PUSH(f->fields, f->n_fields, f->cap_fields);
    x->name = xstrdup(name);
    x->value = xstrdup(value ? value : "");
    x->hidden = hidden;
}

static bool icontains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

static bool user_like(const char *name)
{
    return icontains(name, "user") || icontains(name, "email") || icontains(name, "login") ||
           icontains(name, "name");
}

static void take_input(ss_form *f, const GumboElement *e)
{
    const char *name = attr(e, "name"), *type = attr(e, "type");
    if (!name || !*name)
        return;
    if (!type)
        type = "text";
    if (strcasecmp(type, "password") == 0) {
        if (!f->pass_field)
            f->pass_field = xstrdup(name);
    } else if (strcasecmp(type, "hidden") == 0) {
        add_field(f, name, attr(e, "value"), 1);
        if (!f->csrf_field && csrf_like(name))
            f->csrf_field = xstrdup(name);
    } else if (strcasecmp(type, "text") == 0 || strcasecmp(type, "email") == 0) {
        if (!f->user_field || (!user_like(f->user_field) && user_like(name))) {
            free(f->user_field);
            f->user_field = xstrdup(name);
        }
    } else if ((strcasecmp(type, "checkbox") == 0 || strcasecmp(type, "radio") == 0) &&
               attr(e, "checked")) {
        add_field(f, name, attr(e, "value") ? attr(e, "value") : "on", 0);
    } else if (strcasecmp(type, "submit") == 0 && !form_value(f, name)) {
        add_field(f, name, attr(e, "value"), 0);
    }
}

/* Walks a subtree without recursion (the page is hostile input). */
typedef void (*visit_fn)(void *ctx, const GumboNode *n);

static void walk(const GumboNode *root, visit_fn fn, void *ctx)
{
    const GumboNode **stack = xmalloc(64 * sizeof *stack);
    size_t n = 0, cap = 64;
    stack[n++] = root;
    while (n) {
        const GumboNode *node = stack[--n];
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
            continue;
        fn(ctx, node);
        const GumboVector *kids = &node->v.element.children;
        for (unsigned i = kids->length; i-- > 0;) {
            if (n == cap) {
                cap *= 2;
                stack = xrealloc(stack, cap * sizeof *stack);
            }
            stack[n++] = kids->data[i];
        }
    }
    free(stack);
}

static void collect_input(void *ctx, const GumboNode *n)
{
    if (n->v.element.tag == GUMBO_TAG_INPUT)
        take_input(ctx, &n->v.element);
}

typedef struct {
    const char *page_url;
    const char *want_action;
    ss_form *out;
    int found;
    unsigned forms;
} finder;

static bool action_matches(const char *action_url, const char *want)
{
    char *pq = url_path_query(action_url);
    pq[strcspn(pq, "?")] = '\0';
    bool ok = strcmp(pq, want) == 0;
    free(pq);
    return ok;
}

static void consider_form(void *ctx, const GumboNode *n)
{
    finder *fd = ctx;
    if (fd->found || n->v.element.tag != GUMBO_TAG_FORM)
        return;
    fd->forms++;
    ss_form f;
    memset(&f, 0, sizeof f);
    walk(n, collect_input, &f);
    const char *action = attr(&n->v.element, "action");
    f.action = url_resolve(fd->page_url, action && *action ? action : fd->page_url);
    const char *method = attr(&n->v.element, "method");
    f.method = xstrdup(method && strcasecmp(method, "post") == 0 ? "POST" : "GET");
    bool wanted = f.action && (fd->want_action ? action_matches(f.action, fd->want_action)
                                               : f.pass_field != NULL);
    if (wanted) {
        *fd->out = f;
        fd->found = 1;
    } else {
        form_free(&f);
    }
}

int form_find(const char *html, size_t len, const char *page_url, const char *want_action,
              ss_form *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len > FORM_MAX_HTML || too_deep(html, len)) {
        snprintf(err, errlen, "the page at %s is too large or too deeply nested to be a login form",
                 page_url);
        return -1;
    }
    GumboOutput *doc = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
    finder fd = {page_url, want_action, out, 0, 0};
    walk(doc->root, consider_form, &fd);
    gumbo_destroy_output(&kGumboDefaultOptions, doc);
    if (!fd.found) {
        snprintf(err, errlen,
                 want_action ? "no form posting to %s on the page" : "%s has no form with a "
                                                                     "password field (%u forms)",
                 want_action ? want_action : page_url, fd.forms);
        return -1;
    }
    return 0;
}

const char *form_value(const ss_form *f, const char *name)
{
    for (size_t i = 0; i < f->n_fields; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

static void pair(ss_buf *b, const char *name, const char *value)
{
    char *n = curl_easy_escape(NULL, name, 0), *v = curl_easy_escape(NULL, value, 0);
    buf_printf(b, "%s%s=%s", b->len ? "&" : "", n ? n : "", v ? v : "");
    curl_free(n);
    curl_free(v);
}

char *form_encode(const ss_form *f, const char *user, const char *pass)
{
    ss_buf b;
    buf_init(&b, 0);
    if (f->user_field && user)
        pair(&b, f->user_field, user);
    if (f->pass_field && pass)
        pair(&b, f->pass_field, pass);
    for (size_t i = 0; i < f->n_fields; i++)
        pair(&b, f->fields[i].name, f->fields[i].value);
    return buf_take(&b);
}

void form_free(ss_form *f)
{
    for (size_t i = 0; i < f->n_fields; i++) {
        free(f->fields[i].name);
        free(f->fields[i].value);
    }
    free(f->fields);
    free(f->action);
    free(f->method);
    free(f->user_field);
    free(f->pass_field);
    free(f->csrf_field);
    memset(f, 0, sizeof *f);
}
