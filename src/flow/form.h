/* HTML login forms (gumbo): the form with a password field, its hidden fields and CSRF token. */
#ifndef SS_FORM_H
#define SS_FORM_H
#include <stddef.h>

#define FORM_MAX_HTML (1u << 20) /* larger pages are refused, not parsed */
#define FORM_MAX_DEPTH 1000      /* gumbo frees its tree recursively: bound the nesting */
#define FORM_MAX_FIELDS 200

typedef struct {
    char *name;
    char *value;
    int hidden;
} ss_field;

typedef struct {
    char *action; /* absolute URL (resolved against the page) */
    char *method; /* upper-case; GET when the form says nothing */
    ss_field *fields;
    size_t n_fields, cap_fields;
    char *user_field; /* the text/email input the user name goes into */
    char *pass_field;
    char *csrf_field; /* hidden field known as a CSRF token by name, or NULL */
} ss_form;

/* Finds the first form that has a password input; pass `want_action` (a path) to find the form
 * whose action ends in that path instead (e.g. a logout form). 0 on success, -1 with a message. */
int form_find(const char *html, size_t len, const char *page_url, const char *want_action,
              ss_form *out, char *err, size_t errlen);
/* application/x-www-form-urlencoded body: every field, user and password filled in. */
char *form_encode(const ss_form *f, const char *user, const char *pass);
const char *form_value(const ss_form *f, const char *name);
void form_free(ss_form *f);

#endif
