/* utf8_clean on arbitrary bytes: the result is valid UTF-8 without control characters (cleaning
 * it again changes nothing) and no longer than three bytes per input byte. */
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) return 0;
    char *text = xstrndup((const char *)data, size);
    char *once = utf8_clean(text);
    char *twice = utf8_clean(once);
    if (strcmp(once, twice) != 0 || strlen(once) > 3 * strlen(text)) abort();
    for (const unsigned char *p = (const unsigned char *)once; *p; p++)
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F ||
            (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)) /* C1 */
            abort();
    free(twice);
    free(once);
    free(text);
    return 0;
}
