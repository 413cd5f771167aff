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
