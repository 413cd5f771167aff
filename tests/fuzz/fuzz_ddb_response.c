/* libFuzzer target: a DynamoDB answer as the network delivers it. The bytes go through the error
 * classification (as a 200 and as a 400), and, when they parse as a Scan or GetItem answer,
 * every item goes through AttributeValue decoding and both session layouts into the tally.
 *
 * clang -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L -Isrc \
 *   tests/fuzz/fuzz_ddb_response.c src/store/ddb_value.c src/store/ddb_error.c \
 *   src/store/store_item.c src/store/store_tally.c src/util/buf.c src/util/xalloc.c \
 *   -ljansson -lcrypto -lm */
#include "store/ddb_client.h"
#include "store/ddb_value.h"
#include "store/store_item.h"
#include "store/store_tally.h"

#include <stdint.h>
#include <string.h>

static void tally_with(const char *hash_key, const json_t *items)
{
    store_opts o;
    memset(&o, 0, sizeof o);
    store_stats st;
    memset(&st, 0, sizeof st);
    store_layout_for_key(hash_key, &o, &st.layout);
    store_tally t;
    tally_init(&t, &st, &st.layout, st.layout.expiry_attr, 1700000000.0, 8);
    tally_page(items, json_array_size(items), &t);
    tally_finish(&t);
    tally_free(&t);
    store_stats_free(&st);
}

static void decode_all(const json_t *item)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)item, k, v)
    {
        ddb_value dv;
        char err[128];
        if (ddb_value_decode(v, &dv, err, sizeof err) == 0) {
            double d;
            ddb_value_number(&dv, &d);
            store_parse_time(&dv, &d);
            ddb_value_free(&dv);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char type[128], msg[256];
    ddb_classify(200, (const char *)data, size, type, sizeof type, msg, sizeof msg);
    ddb_classify(400, (const char *)data, size, type, sizeof type, msg, sizeof msg);
    json_error_t e;
    json_t *resp = json_loadb((const char *)data, size, 0, &e);
    if (!resp) return 0;
    json_t *items = json_object_get(resp, "Items");
    json_t *one = json_object_get(resp, "Item");
    if (json_is_array(items)) {
        size_t i;
        json_t *it;
        json_array_foreach(items, i, it)
        {
            if (json_is_object(it)) decode_all(it);
        }
        tally_with("sessionId", items);
        tally_with("id", items);
    }
    if (json_is_object(one)) {
        decode_all(one);
        json_t *arr = json_pack("[O]", one);
        tally_with("sessionId", arr);
        tally_with("id", arr);
        json_decref(arr);
    }
    json_decref(resp);
    return 0;
}
