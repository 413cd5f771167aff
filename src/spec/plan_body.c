/* The login request body template: the request schema's fields with {user} and {pass} in the
 * user-name and password fields and harmless values in the other required ones. */
#include "spec/names.h"
#include "spec/plan.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <jansson.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 64

typedef struct {
    const char *name;
    const spec_node *schema; /* property schema (may be NULL for Swagger 2 form fields) */
    const spec_node *param;  /* Swagger 2 form parameter */
    bool required;
} field;

static bool is_json(const char *media)
{
    return strncmp(media, "application/json", 16) == 0 || strstr(media, "+json") != NULL;
}

bool plan_login_request(const spec_doc *d, const spec_op *op, spec_login_req *out)
{
    memset(out, 0, sizeof *out);
    if (d->version == SPEC_V2) {
        for (size_t i = 0; i < op->n_params; i++) {
            const spec_param *p = &op->params[i];
            if (strcmp(p->in, "body") == 0) {
                out->schema = spec_deref(d, node_get(p->node, "schema"));
                out->type = "json";
                out->media = "application/json";
                return out->schema != NULL;
            }
            if (strcmp(p->in, "formData") == 0 && !out->fields) {
                /* fields_of() picks the formData ones out of all parameters */
                out->fields = op->params;
                out->n_fields = op->n_params;
                out->type = "form";
                out->media = "application/x-www-form-urlencoded";
            }
        }
        return out->fields != NULL;
    }
    const spec_node *content = node_get(op->request_body, "content");
    const spec_pair *form = NULL;
    for (uint32_t i = 0; node_is_map(content) && i < content->n; i++) {
        const spec_pair *mt = &content->u.pairs[i];
        if (is_json(mt->key)) {
            out->schema = spec_deref(d, node_get(mt->val, "schema"));
            out->type = "json";
            out->media = mt->key;
            return out->schema != NULL;
        }
        if (!form && (strncmp(mt->key, "application/x-www-form-urlencoded", 33) == 0 ||
                      strncmp(mt->key, "multipart/form-data", 19) == 0))
            form = mt;
    }
    if (!form) return false;
    out->schema = spec_deref(d, node_get(form->val, "schema"));
    out->type = "form";
    out->media = form->key;
    return out->schema != NULL;
}

static bool name_in(const spec_node *list, const char *name)
{
    for (uint32_t i = 0; node_is_seq(list) && i < list->n; i++)
        if (str_ieq(node_str(list->u.items[i]), name)) return true;
    return false;
}

/* Top-level fields, with allOf members merged (login schemas are often composed). */
static void collect(const spec_doc *d, const spec_node *s, field *out, size_t *n, int depth)
{
    s = spec_deref(d, s);
    if (!node_is_map(s) || depth > 4) return;
    const spec_node *props = node_get(s, "properties"), *req = node_get(s, "required");
    for (uint32_t i = 0; node_is_map(props) && i < props->n && *n < MAX_FIELDS; i++) {
        const spec_pair *p = &props->u.pairs[i];
        out[(*n)++] = (field){p->key, spec_deref(d, p->val), NULL, name_in(req, p->key)};
    }
    const spec_node *all = node_get(s, "allOf");
    for (uint32_t i = 0; node_is_seq(all) && i < all->n; i++)
        collect(d, all->u.items[i], out, n, depth + 1);
}

static size_t fields_of(const spec_doc *d, const spec_login_req *req, field *out)
{
    size_t n = 0;
    if (req->schema) {
        collect(d, req->schema, out, &n, 0);
        return n;
    }
    for (size_t i = 0; req->fields && i < req->n_fields && n < MAX_FIELDS; i++) {
        const spec_param *p = &req->fields[i];
        if (strcmp(p->in, "formData") == 0)
            out[n++] = (field){p->name, p->node, p->node, p->required};
    }
    return n;
}

const char *plan_password_field(const spec_doc *d, const spec_login_req *req)
{
    field f[MAX_FIELDS];
    size_t n = fields_of(d, req, f);
    for (size_t i = 0; i < n; i++)
        if (name_is_password(f[i].name)) return f[i].name;
    return NULL;
}

size_t plan_field_count(const spec_doc *d, const spec_login_req *req)
{
    field f[MAX_FIELDS];
    return fields_of(d, req, f);
}

/* A harmless value for another required field: its example, default or first enum value. */
static json_t *filler(const field *f)
{
    const spec_node *s = f->schema;
    const spec_node *v = node_get(s, "example");
    if (!v || v->kind != SPEC_SCALAR) v = node_get(s, "default");
    const spec_node *en = node_get(s, "enum");
    if ((!v || v->kind != SPEC_SCALAR) && node_is_seq(en) && en->n > 0) v = en->u.items[0];
    const char *type = node_get_str(s, "type");
    const char *text = node_str(v);
    if (str_ieq(type, "boolean")) return json_boolean(text && strcmp(text, "true") == 0);
    if (str_ieq(type, "integer")) return json_integer(text ? strtoll(text, NULL, 10) : 0);
    if (str_ieq(type, "number")) return json_real(text ? strtod(text, NULL) : 0.0);
    if (str_ieq(type, "object")) return json_object();
    if (str_ieq(type, "array")) return json_array();
    json_t *str = text ? json_string(text) : NULL; /* NULL for invalid UTF-8 */
    return str ? str : json_string("");
}

static void form_escape(ss_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            buf_append(b, s, 1);
        else
            buf_printf(b, "%%%02X", c);
    }
}

static int user_field(const field *f, size_t n)
{
    int best = -1, best_rank = 1000;
    for (size_t i = 0; i < n; i++) {
        int r = name_user_rank(f[i].name);
        if (r >= 0 && r < best_rank && !name_is_password(f[i].name)) {
            best = (int)i;
            best_rank = r;
        }
    }
    return best;
}

char *plan_body_template(const spec_doc *d, const spec_login_req *req, char **reason)
{
    field f[MAX_FIELDS];
    size_t n = fields_of(d, req, f);
    int pass = -1;
    for (size_t i = 0; i < n && pass < 0; i++)
        if (name_is_password(f[i].name)) pass = (int)i;
    if (pass < 0) {
        *reason = xstrdup("the login request schema has no password field");
        return NULL;
    }
    int user = user_field(f, n);
    json_t *obj = json_object();
    ss_buf form, extra;
    buf_init(&form, 0);
    buf_init(&extra, 0);
    for (size_t i = 0; i < n; i++) {
        json_t *v;
        if ((int)i == pass)
            v = json_string("{pass}");
        else if ((int)i == user)
            v = json_string("{user}");
        else if (f[i].required) {
            v = filler(&f[i]);
            buf_printf(&extra, ", %s", f[i].name);
        } else
            continue;
        if (json_object_get(obj, f[i].name)) { /* allOf repeating a property */
            json_decref(v);
            continue;
        }
        if (form.len) buf_puts(&form, "&");
        form_escape(&form, f[i].name);
        buf_puts(&form, "=");
        if ((int)i == pass || (int)i == user)
            buf_puts(&form, json_string_value(v));
        else if (json_is_string(v))
            form_escape(&form, json_string_value(v));
        else {
            char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
            form_escape(&form, t ? t : "");
            free(t);
        }
        json_object_set_new(obj, f[i].name, v);
    }
    char *out = strcmp(req->type, "json") == 0 ? json_dumps(obj, JSON_COMPACT) : buf_take(&form);
    *reason = xasprintf("%s request schema (%s): {user} in '%s', {pass} in '%s'%s%s", req->type,
                        req->media, user >= 0 ? f[user].name : "(no user-name field)", f[pass].name,
                        extra.len ? "; other required fields filled from examples:" : "",
                        extra.len ? extra.data + 1 : "");
    json_decref(obj);
    buf_free(&form);
    buf_free(&extra);
    return out;
}
