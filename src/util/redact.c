#include "util/redact.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <string.h>

#define MAX_SECRETS 512
#define MIN_SECRET_LEN 4 /* shorter values are too common to scrub meaningfully */

static struct {
    char *value;
    ss_secret_kind kind;
} secrets[MAX_SECRETS];
static size_t n_secrets;
static bool show_ids;

void redact_show_secrets(bool show)
{
    show_ids = show;
}

void redact_register(const char *secret, ss_secret_kind kind)
{
    if (!secret || strlen(secret) < MIN_SECRET_LEN) return;
    for (size_t i = 0; i < n_secrets; i++)
        if (strcmp(secrets[i].value, secret) == 0) return;
    if (n_secrets == MAX_SECRETS) { /* oldest session IDs make room; passwords stay */
        size_t i = 0;
        while (i < n_secrets && secrets[i].kind == SECRET_PASSWORD)
            i++;
        if (i == n_secrets) return;
        free(secrets[i].value);
        memmove(&secrets[i], &secrets[i + 1], (n_secrets - i - 1) * sizeof secrets[0]);
        n_secrets--;
    }
    secrets[n_secrets].value = xstrdup(secret);
    secrets[n_secrets].kind = kind;
    n_secrets++;
}

void redact_reset(void)
{
    for (size_t i = 0; i < n_secrets; i++)
        free(secrets[i].value);
    n_secrets = 0;
}

char *redact_id(const char *id)
{
    size_t n = strlen(id);
    if (show_ids) return xstrdup(id);
    if (n >= 12) return xasprintf("%.4s\u2026%s", id, id + n - 4);
    if (n >= 4) return xasprintf("%.2s\u2026", id);
    return xstrdup("\u2026");
}

/* Longest registered secret that starts at p, or -1. */
static long match_at(const char *p)
{
    long best = -1;
    for (size_t i = 0; i < n_secrets; i++) {
        size_t n = strlen(secrets[i].value);
        if ((long)n > (best < 0 ? 0 : (long)strlen(secrets[best].value)) &&
            strncmp(p, secrets[i].value, n) == 0)
            best = (long)i;
    }
    return best;
}

char *redact_text(const char *text)
{
    ss_buf b;
    buf_init(&b, 0);
    for (const char *p = text; *p;) {
        long i = n_secrets ? match_at(p) : -1;
        if (i < 0) {
            buf_append(&b, p++, 1);
            continue;
        }
        if (secrets[i].kind == SECRET_PASSWORD || !show_ids) {
            char *r =
                secrets[i].kind == SECRET_PASSWORD ? xstrdup("****") : redact_id(secrets[i].value);
            buf_puts(&b, r);
            free(r);
        } else {
            buf_puts(&b, secrets[i].value);
        }
        p += strlen(secrets[i].value);
    }
    return buf_take(&b);
}
