/* A check is a module with a descriptor: adding one touches its own file and catalogue.c. */
#ifndef SS_CHECK_H
#define SS_CHECK_H
#include "flow/scan.h"
#include "util/buf.h"

typedef struct {
    const char *name;  /* stable, used by --checks and in reports */
    const char *title; /* one line */
    const char *rules; /* the rule ids it can raise, space-separated */
    /* Runs the check; returns its status and writes why into reason. */
    ss_check_status (*run)(ss_scan *s, ss_buf *reason);
} ss_check;

size_t check_count(void);
const ss_check *check_at(size_t i);
const ss_check *check_find(const char *name);

#endif
