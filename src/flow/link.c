#include "flow/link.h"
#include "util/buf.h"

#include <curl/curl.h>
#include <string.h>

/* The names a server might read a URL session ID under: the cookie's own name, without a
 * __Host-/__Secure- prefix, and the common ones. All go in one link: unknown ones are ignored. */
static const char *const common_names[] = {"sessionId", "sid", "session_id"};

typedef struct {
    ss_buf url;
    const char *names[8];
    size_t n;
} link_builder;

static void add_param(link_builder *l, const char *name, const char *escaped)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->names[i], name) == 0)
            return;
    if (l->n < sizeof l->names / sizeof *l->names)
        l->names[l->n++] = name;
    buf_printf(&l->url, "%c%s=%s", strchr(l->url.data, '?') ? '&' : '?', name, escaped);
}

char *link_with_id(const char *entry, const char *name, const char *id)
{
    char *e = curl_easy_escape(NULL, id, 0);
    link_builder l = {.n = 0};
    buf_init(&l.url, 0);
    buf_puts(&l.url, entry);
    if (strcmp(name, "JSESSIONID") == 0)
        buf_printf(&l.url, ";jsessionid=%s", e);
    add_param(&l, name, e);
    if (strncmp(name, "__Host-", 7) == 0 || strncmp(name, "__Secure-", 9) == 0)
        add_param(&l, strchr(name + 2, '-') + 1, e);
    for (size_t i = 0; i < sizeof common_names / sizeof *common_names; i++)
        add_param(&l, common_names[i], e);
    curl_free(e);
    return buf_take(&l.url);
}

