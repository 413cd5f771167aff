/* SA-IS body, instantiated by ea_tuple.c with SAIS_NAME(x) and SAIS_T (the symbol type). */
#define TGET(i) ((types[(i) >> 3] >> ((i)&7)) & 1)
#define TSET(i, b)                                                                                 \
    (types[(i) >> 3] = (uint8_t)((b) ? (types[(i) >> 3] | (1u << ((i)&7)))                         \
                                     : (types[(i) >> 3] & ~(1u << ((i)&7)))))
#define ISLMS(i) ((i) > 0 && TGET(i) && !TGET((i)-1))

static void SAIS_NAME(buckets)(const SAIS_T *s, int32_t *bkt, int32_t n, int32_t k, int end)
{
    memset(bkt, 0, sizeof(int32_t) * (size_t)(k + 1));
    for (int32_t i = 0; i < n; i++)
        bkt[s[i]]++;
    int32_t sum = 0;
    for (int32_t i = 0; i <= k; i++) {
        sum += bkt[i];
        bkt[i] = end ? sum : sum - bkt[i];
    }
}

static void SAIS_NAME(induce)(const SAIS_T *s, const uint8_t *types, int32_t *sa, int32_t *bkt,
                              int32_t n, int32_t k)
{
    SAIS_NAME(buckets)(s, bkt, n, k, 0);
    for (int32_t i = 0; i < n; i++) {
        int32_t j = sa[i] - 1;
        if (sa[i] > 0 && !TGET(j)) sa[bkt[s[j]]++] = j;
    }
    SAIS_NAME(buckets)(s, bkt, n, k, 1);
    for (int32_t i = n - 1; i >= 0; i--) {
        int32_t j = sa[i] - 1;
        if (sa[i] > 0 && TGET(j)) sa[--bkt[s[j]]] = j;
    }
}

static int SAIS_NAME(sais)(const SAIS_T *s, int32_t *sa, int32_t n, int32_t k)
{
    uint8_t *types = calloc((size_t)n / 8 + 1, 1);
    int32_t *bkt = malloc(sizeof(int32_t) * (size_t)(k + 1));
    if (!types || !bkt) {
        free(types);
        free(bkt);
        return -1;
    }
    TSET(n - 1, 1);
    if (n > 1) TSET(n - 2, 0);
    for (int32_t i = n - 3; i >= 0; i--)
        TSET(i, (s[i] < s[i + 1] || (s[i] == s[i + 1] && TGET(i + 1))) ? 1 : 0);
    SAIS_NAME(buckets)(s, bkt, n, k, 1);
    for (int32_t i = 0; i < n; i++)
        sa[i] = -1;
    for (int32_t i = 1; i < n; i++)
        if (ISLMS(i)) sa[--bkt[s[i]]] = i;
    SAIS_NAME(induce)(s, types, sa, bkt, n, k);

    /* Name the sorted LMS substrings. */
    int32_t n1 = 0;
    for (int32_t i = 0; i < n; i++)
        if (ISLMS(sa[i])) sa[n1++] = sa[i];
    for (int32_t i = n1; i < n; i++)
        sa[i] = -1;
    int32_t name = 0, prev = -1;
    for (int32_t i = 0; i < n1; i++) {
        int32_t pos = sa[i];
        int diff = 0;
        for (int32_t d = 0; d < n; d++) {
            if (prev == -1 || s[pos + d] != s[prev + d] || TGET(pos + d) != TGET(prev + d)) {
                diff = 1;
                break;
            } else if (d > 0 && (ISLMS(pos + d) || ISLMS(prev + d))) {
                break;
            }
        }
        if (diff) {
            name++;
            prev = pos;
        }
        sa[n1 + pos / 2] = name - 1;
    }
    for (int32_t i = n - 1, j = n - 1; i >= n1; i--)
        if (sa[i] >= 0) sa[j--] = sa[i];

    /* Sort the reduced problem, recursively when names repeat. */
    int32_t *s1 = sa + n - n1;
    if (name < n1) {
        if (sais_i32(s1, sa, n1, name - 1) < 0) {
            free(types);
            free(bkt);
            return -1;
        }
    } else {
        for (int32_t i = 0; i < n1; i++)
            sa[s1[i]] = i;
    }
    SAIS_NAME(buckets)(s, bkt, n, k, 1);
    for (int32_t i = 1, j = 0; i < n; i++)
        if (ISLMS(i)) s1[j++] = i;
    for (int32_t i = 0; i < n1; i++)
        sa[i] = s1[sa[i]];
    for (int32_t i = n1; i < n; i++)
        sa[i] = -1;
    for (int32_t i = n1 - 1; i >= 0; i--) {
        int32_t j = sa[i];
        sa[i] = -1;
        sa[--bkt[s[j]]] = j;
    }
    SAIS_NAME(induce)(s, types, sa, bkt, n, k);
    free(types);
    free(bkt);
    return 0;
}

#undef TGET
#undef TSET
#undef ISLMS
