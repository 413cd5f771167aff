#include "cli/spec_source.h"
#include "http/client.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>

static bool is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static spec_doc *fetch(const char *where, bool insecure, const char *cacert, spec_error *err)
{
    ss_url u;
    char msg[400];
    if (url_parse(where, &u, msg, sizeof msg) != 0) {
        snprintf(err->message, sizeof err->message, "%s", msg);
        err->kind = SPEC_ERR_IO;
        return NULL;
    }
    ss_http_opts o;
    http_opts_default(&o);
    o.max_body = spec_default_limits.max_bytes;
    o.insecure = insecure;
    o.cacert = cacert;
    o.max_requests = 12;
    ss_client *c = client_new(&u, &o);
    ss_request req = {"GET", where, NULL, 0, NULL, FOLLOW_ORIGIN};
    ss_response resp;
    spec_doc *d = NULL;
    if (client_send(c, NULL, &req, &resp, msg, sizeof msg) != 0) {
        snprintf(err->message, sizeof err->message, "cannot fetch the API description: %s", msg);
        err->kind = SPEC_ERR_IO;
    } else if (resp.status != 200) {
        snprintf(err->message, sizeof err->message,
                 "cannot fetch the API description: %s answered %ld", where, resp.status);
        err->kind = SPEC_ERR_IO;
    } else {
        char *name = spec_source_name(where);
        d = spec_load_buffer(resp.body.data ? resp.body.data : "", resp.body.len, name, err);
        free(name);
    }
    response_free(&resp);
    client_free(c);
    url_free(&u);
    return d;
}

spec_doc *spec_source_load(const char *where, bool insecure, const char *cacert,
                           spec_error *err)
{
    memset(err, 0, sizeof *err);
    return is_url(where) ? fetch(where, insecure, cacert, err) : spec_load_file(where, err);
}

char *spec_source_name(const char *where)
{
    if (!is_url(where))
        return xstrdup(where);
    char *path = url_path_query(where);
    path[strcspn(path, "?")] = '\0';
    const char *base = strrchr(path, '/');
    char *name = xstrdup(base && base[1] ? base + 1 : "openapi");
    free(path);
    return name;
}
