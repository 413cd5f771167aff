/* Target URLs, redirect resolution and the scope lock on arbitrary strings. */
#include "http/url.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *text = xstrndup((const char *)data, size);
    char err[256];
    ss_url u;
    if (url_parse(text, &u, err, sizeof err) == 0) {
        char *joined = url_join(&u, "/x");
        char *resolved = url_resolve(u.origin, text);
        if (resolved) {
            (void)url_same_origin(&u, resolved);
            free(url_path_query(resolved));
        }
        (void)url_is_loopback(&u);
        free(resolved);
        free(joined);
        url_free(&u);
    } else {
        free(url_resolve("http://127.0.0.1/a/b", text));
    }
    free(text);
    return 0;
}
