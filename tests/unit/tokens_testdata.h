/* Shared by the tokens tests: the reference data sets, regenerated where they can be and checked
 * against SHA256SUMS (OpenSSL SHA-256) before use. Included by test_tokens_*.c only. */
#ifndef SS_TOKENS_TESTDATA_H
#define SS_TOKENS_TESTDATA_H
#include <jansson.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENTROPY_DIR SS_TEST_DATA "/entropy"

static uint8_t *td_read(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ENTROPY_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) b[n] = 0;
    *len = (size_t)n;
    return b;
}

static void td_sha256(const uint8_t *b, size_t n, char out[65])
{
    unsigned char md[32];
    unsigned int l = 0;
    EVP_Digest(b, n, md, &l, EVP_sha256(), NULL);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* The checksum SHA256SUMS lists for name, or "" when it lists none. */
static void td_expected_sum(const char *name, char out[65])
{
    size_t n;
    char *s = (char *)td_read("SHA256SUMS", &n);
    out[0] = 0;
    if (!s) return;
    for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
        char sum[65], file[256];
        if (sscanf(line, "%64s %255s", sum, file) == 2 && strcmp(file, name) == 0)
            memcpy(out, sum, 65);
    }
    free(s);
}

static int hexnib(int c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static uint8_t *td_nibbles(const char *txt, size_t *len)
{
    size_t n;
    char *t = (char *)td_read(txt, &n);
    if (!t) return NULL;
    uint8_t *o = malloc(n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] != '\n' && t[i] != '\r') o[k++] = (uint8_t)hexnib(t[i]);
    free(t);
    *len = k;
    return o;
}

static int b64url(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '-' ? 62 : c == '_' ? 63 : -1;
}

/* express cookies: s%3A<base64url id>.<sig> -> the id bytes */
static uint8_t *td_express_ids(size_t *len)
{
    size_t n;
    char *t = (char *)td_read("express_tokens_cookie.txt", &n);
    if (!t) return NULL;
    uint8_t *o = malloc(n);
    size_t k = 0;
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
        char *id = strstr(line, "s%3A");
        id = id ? id + 4 : strstr(line, "s:") ? strstr(line, "s:") + 2 : NULL;
        if (!id) continue;
        uint32_t acc = 0;
        int bits = 0;
        for (char *p = id; *p && *p != '.'; p++) {
            acc = (acc << 6) | (uint32_t)b64url(*p);
            bits += 6;
            if (bits >= 8) {
                o[k++] = (uint8_t)(acc >> (bits - 8));
                bits -= 8;
                acc &= (1u << bits) - 1;
            }
        }
    }
    free(t);
    *len = k;
    return o;
}

/* A data set by its file name: read, or regenerated when it is not stored. */
static uint8_t *td_dataset(const char *name, size_t *len)
{
    if (strcmp(name, "counter_1M.bin") == 0 || strcmp(name, "lcg_low8_1M.bin") == 0 ||
        strcmp(name, "javarand_hi8_1M.bin") == 0) {
        uint8_t *b = malloc(1000000);
        uint64_t x = 1, s = (42 ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1);
        for (long i = 0; i < 1000000; i++) {
            if (name[0] == 'c') {
                b[i] = (uint8_t)(i % 256);
            } else if (name[0] == 'l') {
                x = (1103515245ULL * x + 12345) % (1ULL << 31);
                b[i] = (uint8_t)(x & 255);
            } else {
                s = (s * 0x5DEECE66DULL + 0xB) & ((1ULL << 48) - 1);
                b[i] = (uint8_t)((s >> 16) >> 24);
            }
        }
        *len = 1000000;
        return b;
    }
    if (strcmp(name, "hex_tokens_nibbles.bin") == 0) return td_nibbles("hex_tokens.txt", len);
    if (strcmp(name, "weak_hex_tokens_nibbles.bin") == 0)
        return td_nibbles("weak_hex_tokens.txt", len);
    if (strcmp(name, "express_ids_raw.bin") == 0) return td_express_ids(len);
    return td_read(name, len);
}

/* Reads and verifies one data set; NULL (with a message) if missing or its checksum differs. */
static uint8_t *td_verified(const char *name, size_t *len)
{
    uint8_t *b = td_dataset(name, len);
    char got[65], want[65];
    if (!b) {
        fprintf(stderr, "%s: missing\n", name);
        return NULL;
    }
    td_sha256(b, *len, got);
    td_expected_sum(name, want);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "%s: sha256 %s, SHA256SUMS says %s\n", name, got, want);
        free(b);
        return NULL;
    }
    return b;
}

#endif
