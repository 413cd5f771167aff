/* Evidence for findings: transcript excerpts (already redacted) and a curl script that
 * reproduces the attack without containing any secret. */
#ifndef SS_EVIDENCE_H
#define SS_EVIDENCE_H
#include "flow/scan.h"
#include "util/buf.h"

/* Appends transcript exchanges [from, to) to the finding as numbered steps. */
void evidence_range(ss_finding *f, const ss_client *c, size_t from, size_t to);

/* Reproduction script builder. Each actor is a curl cookie file named after it. */
void repro_begin(ss_buf *b, const ss_scan *s);
void repro_comment(ss_buf *b, const char *text);
void repro_get(ss_buf *b, const char *actor, const char *path);
void repro_login(ss_buf *b, const ss_scan *s, const char *actor);
void repro_copy_jar(ss_buf *b, const char *from, const char *to);
/* Plants NAME=$VAR (a shell variable set by the script) into the actor's cookie file. */
void repro_plant_var(ss_buf *b, const ss_scan *s, const char *actor, const char *var);
void repro_probe(ss_buf *b, const ss_scan *s, const char *actor, const char *expect);

#endif
