/* Token analysis chart: estimated entropy per character position, as inline SVG bars. */
#include "report/html_parts.h"

#include <jansson.h>

#define MAX_POSITIONS 512
#define CHART_W 860
#define CHART_H 160

static double max_bits(json_t *positions, size_t n)
{
    double max = 1.0;
    for (size_t i = 0; i < n; i++) {
        double v = json_number_value(json_object_get(json_array_get(positions, i), "entropy_bits"));
        if (v > max && v < 1e6) max = v;
    }
    return max;
}

int html_tokens(FILE *out, const void *extra_json)
{
    json_t *positions = extra_json ? json_object_get((json_t *)extra_json, "positions") : NULL;
    size_t n = json_is_array(positions) ? json_array_size(positions) : 0;
    if (n == 0) return 0;
    if (n > MAX_POSITIONS) n = MAX_POSITIONS;
    double max = max_bits(positions, n), bar = (double)CHART_W / (double)n;
    fputs("<section id=\"tokens\"><h2>Token analysis</h2>\n<p>Estimated entropy of each "
          "character position of the session IDs sampled (bits). Short bars are positions an "
          "attacker can guess.</p>\n",
          out);
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"bars\" viewBox=\"0 0 "
            "%d %d\" width=\"%d\" height=\"%d\"><title>Entropy per position</title>\n",
            CHART_W, CHART_H + 20, CHART_W, CHART_H + 20);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_object_get(json_array_get(positions, i), "entropy_bits");
        double bits = json_is_number(v) ? json_number_value(v) : 0.0;
        if (!(bits >= 0) || bits > max)
            bits = bits > max ? max : 0.0; /* NaN and negatives draw nothing */
        double h = bits / max * CHART_H;
        fprintf(out,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" class=\"bar\">"
                "<title>position %zu: %.2f bits</title></rect>\n",
                (double)i * bar + 1, CHART_H - h, bar > 3 ? bar - 2 : bar, h, i + 1, bits);
    }
    fprintf(out,
            "<text x=\"0\" y=\"%d\" class=\"axis\">position 1</text>"
            "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">position %zu "
            "(max %.2f bits)</text></svg></section>\n",
            CHART_H + 16, CHART_W, CHART_H + 16, n, max);
    return 1;
}
