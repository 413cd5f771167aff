/* HTML login-form discovery (gumbo) and form encoding on arbitrary pages. */
#include "flow/form.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ss_form f;
    char err[256];
    const char *html = (const char *)data;
    if (form_find(html, size, "http://127.0.0.1:8080/login", NULL, &f, err, sizeof err) == 0) {
        free(form_encode(&f, "alice", "pw"));
        (void)form_value(&f, "_csrf");
        form_free(&f);
    }
    if (form_find(html, size, "http://127.0.0.1:8080/", "/logout", &f, err, sizeof err) == 0)
        form_free(&f);
    return 0;
}
