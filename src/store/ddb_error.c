/* Classification of DynamoDB answers: which errors are the user's to fix (credentials, table,
 * region, permissions) and which are worth a retry (throttling, 5xx). */
#include "store/ddb_client.h"

#include <jansson.h>
#include <string.h>

static int type_is(const char *type, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(type, *list) == 0) return 1;
    return 0;
}

static const char *const auth_types[] = {"UnrecognizedClientException",
                                         "InvalidSignatureException",
                                         "MissingAuthenticationTokenException",
                                         "IncompleteSignatureException",
                                         "ExpiredTokenException",
                                         "InvalidClientTokenId",
                                         "SignatureDoesNotMatch",
                                         "MissingAuthenticationToken",
                                         NULL};
static const char *const throttle_types[] = {"ProvisionedThroughputExceededException",
                                             "ThrottlingException", "RequestLimitExceeded",
                                             "LimitExceededException", NULL};

/* Copies the first line of s, at most n-1 bytes, replacing control bytes: AWS messages can be
 * long (a canonical request with the session token follows the first line). */
static void first_line(char *dst, size_t n, const char *s)
{
    size_t i = 0;
    for (; s && s[i] && s[i] != '\n' && i + 1 < n; i++)
        dst[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
    if (n) dst[i] = '\0';
}

ddb_status ddb_classify(long http_status, const char *body, size_t len, char *type, size_t typelen,
                        char *msg, size_t msglen)
{
    if (typelen) type[0] = '\0';
    if (msglen) msg[0] = '\0';
    json_error_t e;
    json_t *j = body && len ? json_loadb(body, len, 0, &e) : NULL;
    if (json_is_object(j)) {
        const char *t = json_string_value(json_object_get(j, "__type"));
        if (t) {
            const char *hash = strrchr(t, '#');
            first_line(type, typelen, hash ? hash + 1 : t);
        }
        const char *m = json_string_value(json_object_get(j, "message"));
        if (!m) m = json_string_value(json_object_get(j, "Message"));
        first_line(msg, msglen, m);
    }
    int is_object = json_is_object(j);
    json_decref(j);
    if (http_status >= 200 && http_status < 300) return is_object ? DDB_OK : DDB_E_PROTOCOL;
    if (http_status >= 500) return type_is(type, throttle_types) ? DDB_E_THROTTLED : DDB_E_SERVER;
    if (type_is(type, auth_types)) return DDB_E_AUTH;
    if (type_is(type, throttle_types) || http_status == 429) return DDB_E_THROTTLED;
    if (strcmp(type, "ResourceNotFoundException") == 0) return DDB_E_NOT_FOUND;
    if (strcmp(type, "AccessDeniedException") == 0 || http_status == 403)
        return http_status == 403 && !type[0] ? DDB_E_AUTH : DDB_E_DENIED;
    return http_status >= 400 ? DDB_E_CLIENT : DDB_E_PROTOCOL;
}

int ddb_retryable(ddb_status st, long http_status)
{
    (void)http_status;
    return st == DDB_E_THROTTLED || st == DDB_E_SERVER;
}
