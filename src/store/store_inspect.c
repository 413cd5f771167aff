/* scan --dynamodb-table: what the store holds for one session ID (GetItem, read-only). */
#include "cli/commands.h"
#include "store/store.h"
#include "store/store_item.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int store_inspect_id(ddb_client *c, const char *table, const store_layout *layout, const char *id,
                     store_id_result *res, char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    if (!id || !*id || strlen(id) > 4096) {
        snprintf(err, errlen, "session ID empty or longer than 4096 bytes");
        return EXIT_USAGE;
    }
    char *key = store_key_for_cookie(layout, id);
    json_t *req = json_pack("{s:s,s:{s:{s:s}},s:b}", "TableName", table, "Key", layout->id_attr,
                            "S", key, "ConsistentRead", 1);
    free(key);
    json_t *resp = NULL;
    ddb_status st = ddb_call(c, DDB_OP_GET_ITEM, req, &resp, err, errlen);
    json_decref(req);
    if (st != DDB_OK) return EXIT_INCOMPLETE;
    json_t *item = json_object_get(resp, "Item");
    if (json_is_object(item) && json_object_size(item) > 0) {
        store_item it;
        store_item_extract(layout, NULL, item, &it);
        res->state = it.user ? STORE_ID_BOUND : STORE_ID_ANONYMOUS;
        res->user = it.user;
        it.user = NULL;
        res->has_expiry = it.has_expiry;
        res->expires = it.has_expiry ? it.expiry : 0;
        res->issued = it.has_issued ? it.issued : 0;
        res->expired = it.has_expiry && it.expiry <= (double)time(NULL);
        store_item_free(&it);
    }
    json_decref(resp);
    return 0;
}

void store_id_result_free(store_id_result *res)
{
    free(res->user);
    memset(res, 0, sizeof *res);
}

int store_check_orphan(ddb_client *c, const char *table, const store_layout *layout,
                       const char *pre_login, const char *post_login, ss_report *r,
                       store_id_result *s0, char *err, size_t errlen)
{
    store_id_result res;
    int rc = store_inspect_id(c, table, layout, pre_login, &res, err, errlen);
    if (rc != 0) return rc;
    char *k0 = store_key_for_cookie(layout, pre_login);
    char *k1 = post_login ? store_key_for_cookie(layout, post_login) : NULL;
    int rotated = k1 && strcmp(k0, k1) != 0;
    if (!rotated) {
        report_check(r, "store.orphan", CHECK_SKIPPED, "the session ID did not change at login");
    } else if (res.state == STORE_ID_ABSENT) {
        report_check(r, "store.orphan", CHECK_PASS, "the pre-login item was deleted at login");
    } else {
        char *s0short = store_shorten(pre_login), *s1short = store_shorten(post_login);
        ss_finding *f = report_add(
            r, "SS-STORE-ORPHAN", CONF_CONFIRMED, table,
            "The pre-login session item %s is still in table '%s' after login rotated the ID to "
            "%s.",
            s0short, table, s1short);
        if (res.state == STORE_ID_BOUND)
            finding_evidence(f, "GetItem %s after login: present and bound to user '%s'", s0short,
                             res.user);
        else
            finding_evidence(f, "GetItem %s after login: present, anonymous", s0short);
        report_check(r, "store.orphan", CHECK_FAIL, "pre-login item left in the table");
        free(s0short);
        free(s1short);
    }
    free(k0);
    free(k1);
    if (s0)
        *s0 = res;
    else
        store_id_result_free(&res);
    return 0;
}
