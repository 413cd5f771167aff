#include "spec/node.h"

#include <ctype.h>
#include <string.h>

const spec_pair *node_get_pair(const spec_node *n, const char *key)
{
    if (!n || n->kind != SPEC_MAP) return NULL;
    for (uint32_t i = 0; i < n->n; i++)
        if (strcmp(n->u.pairs[i].key, key) == 0) return &n->u.pairs[i];
    return NULL;
}

const spec_node *node_get(const spec_node *n, const char *key)
{
    const spec_pair *p = node_get_pair(n, key);
    return p ? p->val : NULL;
}

const char *node_str(const spec_node *n)
{
    return n && n->kind == SPEC_SCALAR ? n->u.str : NULL;
}

const char *node_get_str(const spec_node *n, const char *key)
{
    return node_str(node_get(n, key));
}

bool node_is_map(const spec_node *n)
{
    return n && n->kind == SPEC_MAP;
}
bool node_is_seq(const spec_node *n)
{
    return n && n->kind == SPEC_SEQ;
}

bool node_true(const spec_node *n)
{
    const char *s = node_str(n);
    return s && n->plain && (strcmp(s, "true") == 0 || strcmp(s, "True") == 0);
}

bool str_ieq(const char *a, const char *b)
{
    if (!a || !b) return false;
    while (*a && *b && tolower((unsigned char)*a) == tolower((unsigned char)*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

bool str_icontains(const char *hay, const char *needle)
{
    if (!hay || !needle) return false;
    size_t nl = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < nl && hay[i] &&
               tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == nl) return true;
    }
    return nl == 0;
}
