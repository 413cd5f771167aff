/* The catalogue of checks, in the order a scan runs them. */
#include "checks/check.h"

#include <string.h>

extern const ss_check check_fixation;
extern const ss_check check_adoption;
extern const ss_check check_url_fixation;

static const ss_check *const catalogue[] = {
    &check_fixation,
    &check_adoption,
    &check_url_fixation,
};

/* NOLINTNEXTLINE(bugprone-sizeof-expression): the element count of an array of pointers */
size_t check_count(void) { return sizeof catalogue / sizeof *catalogue; }

const ss_check *check_at(size_t i) { return i < check_count() ? catalogue[i] : NULL; }

const ss_check *check_find(const char *name)
{
    for (size_t i = 0; i < check_count(); i++)
        if (strcmp(catalogue[i]->name, name) == 0)
            return catalogue[i];
    return NULL;
}
