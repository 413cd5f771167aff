/* Numeric helpers shared by the SP 800-90B estimators (internal). */
#ifndef SS_TOKENS_EA_UTIL_H
#define SS_TOKENS_EA_UTIL_H
#include <stdbool.h>
#include <stdint.h>

#define EA_ZALPHA 2.5758293035489008
#define EA_ITERMAX 1076

/* Closeness test used by the tool's binary searches: relative, absolute or within max_ulp ULPs. */
bool ea_close(double a, double b, double max_abs, double max_rel, uint32_t max_ulp);

static inline bool ea_in_open(double x, double a, double b)
{
    return a > b ? (x > b && x < a) : (x > a && x < b);
}
static inline bool ea_in_closed(double x, double a, double b)
{
    return a > b ? (x >= b && x <= a) : (x >= a && x <= b);
}

/* Kahan-compensated accumulation, in double as the tool does. */
static inline void ea_kahan(double *sum, double *comp, double in)
{
    double y = in - *comp;
    double t = *sum + y;
    *comp = (t - *sum) - y;
    *sum = t;
}

#endif
