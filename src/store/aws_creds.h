/* Credentials and region the way every AWS tool finds them: environment, then the shared
 * credentials and config files (~/.aws/credentials, ~/.aws/config, AWS_SHARED_CREDENTIALS_FILE,
 * AWS_CONFIG_FILE) for the profile (--profile, AWS_PROFILE, else "default"). Static keys and
 * session tokens only: SSO, process and instance-metadata providers are not implemented. */
#ifndef SS_AWS_CREDS_H
#define SS_AWS_CREDS_H
#include <stddef.h>

typedef struct {
    char *access_key;
    char *secret_key;    /* never printed */
    char *session_token; /* NULL when absent; never printed */
    char *region;
    char *source; /* where the keys came from, for messages */
} aws_creds;

/* profile and region may be NULL (not given on the command line). need_region: fail when no
 * region is found (no endpoint override). Returns 0, or -1 with a message in err. */
int aws_creds_load(const char *profile, const char *region, int need_region, aws_creds *c,
                   char *err, size_t errlen);
void aws_creds_free(aws_creds *c);

/* Value of key in [section] of an INI text (AWS shared-file syntax); NULL if absent. Exposed for
 * the unit tests. The caller frees the result. */
char *aws_ini_get(const char *text, const char *section, const char *key);

#endif
