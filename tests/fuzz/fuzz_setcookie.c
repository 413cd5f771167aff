/* libFuzzer target: arbitrary bytes as Set-Cookie header values, one per line, through the
   parser, every helper and a jar, over both secure and plain origins. */
#include "cookie/cookie_date.h"
#include "cookie/jar.h"
#include "cookie/setcookie.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NOW ((time_t)1700000000)

static void exercise(ss_jar *secure, ss_jar *plain, const char *line, size_t len)
{
    time_t t;
    (void)cookie_date_parse(line, len, &t); /* the date algorithm on its own, any bytes */
    ss_setcookie c;
    if (setcookie_parse(line, len, &c) != 0) {
        if (c.name || c.value || c.raw || c.domain || c.path || c.samesite_raw)
            abort(); /* the contract: zeroed on failure */
        return;
    }
    if (setcookie_is_deletion(&c, NOW) != (setcookie_lifetime(&c, NOW) == 0)) abort();
    if (setcookie_lifetime(&c, NOW) < -1) abort();
    (void)setcookie_prefix_violation(&c);
    (void)setcookie_storage_violation(&c);
    (void)samesite_name(c.samesite);
    if (strlen(c.name) + strlen(c.value) > SETCOOKIE_MAX_NAME_VALUE) abort();
    const char *why = NULL;
    (void)jar_store_why(secure, &c, "www.Example.com", "/a/b?c=/d", true, NOW, &why);
    (void)jar_store(plain, &c, "127.0.0.1", "/a/", false, NOW);
    if (c.name[0]) (void)jar_get(secure, c.name);
    setcookie_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ss_jar *secure = jar_new(), *plain = jar_new();
    const char *p = (const char *)data, *end = p + size;
    for (;;) { /* split on '\n' so one input fills a jar with several cookies */
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        exercise(secure, plain, p, len);
        if (!nl) break;
        p = nl + 1;
    }
    static const char *paths[] = {"/", "/a", "/a/b", "/a/b/c?x", "", "/d"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        free(jar_header(secure, paths[i], true, NOW));
        free(jar_header(plain, paths[i], false, NOW + 3600));
    }
    ss_jar *copy = jar_clone(secure);
    jar_set(copy, "sid", "planted");
    for (size_t i = 0; i < jar_count(copy); i++)
        if (!jar_name_at(copy, i) || !jar_value_at(copy, i)) abort();
    jar_remove(copy, "sid");
    free(jar_header(copy, "/a/b", true, NOW));
    jar_free(copy);
    jar_free(secure);
    jar_free(plain);
    return 0;
}
