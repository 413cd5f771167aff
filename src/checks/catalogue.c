/* The catalogue of checks, in the order a scan runs them. */
#include "checks/check.h"

#include <string.h>

extern const ss_check check_fixation;
extern const ss_check check_adoption;
extern const ss_check check_url_fixation;
extern const ss_check check_old_id;
extern const ss_check check_reauth;
extern const ss_check check_exposure;
extern const ss_check check_cookie_attrs;
extern const ss_check check_store_proof;
extern const ss_check check_logout;

/* Logout last: it ends the sessions the others replay. */
static const ss_check *const catalogue[] = {
    &check_fixation, &check_adoption,     &check_url_fixation, &check_old_id,      &check_reauth,
    &check_exposure, &check_cookie_attrs, &check_store_proof,  &check_logout,
};

size_t check_count(void) { return sizeof catalogue / sizeof *catalogue; }

const ss_check *check_at(size_t i) { return i < check_count() ? catalogue[i] : NULL; }

const ss_check *check_find(const char *name)
{
    for (size_t i = 0; i < check_count(); i++)
        if (strcmp(catalogue[i]->name, name) == 0)
            return catalogue[i];
    return NULL;
}
