/* Redaction: session IDs are shortened, passwords masked, everywhere text leaves the process.
 * Secrets are registered once; redact_text() scrubs any string before it is stored or printed. */
#ifndef SS_REDACT_H
#define SS_REDACT_H
#include <stdbool.h>
#include <stddef.h>

typedef enum { SECRET_PASSWORD, SECRET_SESSION } ss_secret_kind;

/* --show-secrets: session IDs are shown in full (passwords never are). */
void redact_show_secrets(bool show);
void redact_register(const char *secret, ss_secret_kind kind);
void redact_reset(void);
/* "3f9a…c21e" (or the full value with --show-secrets); caller frees. */
char *redact_id(const char *id);
/* Copy of text with every registered secret replaced; caller frees. */
char *redact_text(const char *text);

#endif
