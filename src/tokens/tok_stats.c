/* p-values: chi-square upper tail (regularised incomplete gamma) and the normal two-sided tail. */
#include "tokens/tok_internal.h"

#include <math.h>

/* Q(a, x) by series for x < a + 1, by continued fraction otherwise. */
static double gamma_q(double a, double x)
{
    if (x <= 0) return 1.0;
    double gln = lgamma(a);
    if (x < a + 1) {
        double ap = a, sum = 1.0 / a, del = sum;
        for (int i = 0; i < 1000; i++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (fabs(del) < fabs(sum) * 1e-15) break;
        }
        double p = sum * exp(-x + a * log(x) - gln);
        return p >= 1 ? 0 : 1 - p;
    }
    double b = x + 1 - a, c = 1 / 1e-300, dd = 1 / b, h = dd;
    for (int i = 1; i < 1000; i++) {
        double an = -i * (i - a);
        b += 2;
        dd = an * dd + b;
        if (fabs(dd) < 1e-300) dd = 1e-300;
        c = b + an / c;
        if (fabs(c) < 1e-300) c = 1e-300;
        dd = 1 / dd;
        double del = dd * c;
        h *= del;
        if (fabs(del - 1) < 1e-15) break;
    }
    return exp(-x + a * log(x) - gln) * h;
}

double tok_chi2_p(double chi2, double df)
{
    if (df <= 0) return 1.0;
    return gamma_q(df / 2, chi2 / 2);
}

double tok_normal_p(double z)
{
    return erfc(fabs(z) / sqrt(2.0));
}
