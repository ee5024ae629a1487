package dev.adl.cli;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the lab's report: lines over steps and a histogram. Doubles only
 * place shapes on the page; every number printed as a label comes from the exact values.
 */
final class Svg {
    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"};
    private static final int W = 640;
    private static final int H = 240;
    private static final int PAD = 44;

    /** One line: its legend name, values per step, and whether it is drawn dashed. */
    record Series(String name, List<Double> values, boolean dashed) {
    }

    private Svg() {
    }

    static String lines(String title, List<Series> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            n = Math.max(n, s.values().size());
        }
        if (n == 0) return "";
        if (hi == lo) {
            hi = hi + 1;
            lo = lo - 1;
        }
        StringBuilder sb = open(title);
        axes(sb, fmt(lo), fmt(hi), "step 0", "step " + (n - 1));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            StringBuilder pts = new StringBuilder();
            for (int t = 0; t < s.values().size(); t++) {
                double x = PAD + (W - 2.0 * PAD) * (n == 1 ? 0 : t / (double) (n - 1));
                double y = H - PAD - (H - 2.0 * PAD) * (s.values().get(t) - lo) / (hi - lo);
                pts.append(num(x)).append(',').append(num(y)).append(' ');
            }
            sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colour(i)).append('"')
                    .append(s.dashed() ? " stroke-dasharray=\"5,4\"" : "").append(" points=\"")
                    .append(pts.toString().strip()).append("\"/>\n");
            sb.append("<text x=\"").append(W - PAD + 4).append("\" y=\"").append(PAD + 14 * i)
                    .append("\" font-size=\"11\" fill=\"").append(colour(i)).append("\">")
                    .append(Html.escape(s.name())).append("</text>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    /** Bars of counts with a label under each. */
    static String histogram(String title, List<String> labels, long[] counts) {
        long max = 1;
        for (long c : counts) max = Math.max(max, c);
        StringBuilder sb = open(title);
        axes(sb, "0", Long.toString(max), labels.isEmpty() ? "" : labels.get(0),
                labels.isEmpty() ? "" : labels.get(labels.size() - 1));
        double bw = (W - 2.0 * PAD) / Math.max(1, counts.length);
        for (int i = 0; i < counts.length; i++) {
            double h = (H - 2.0 * PAD) * counts[i] / (double) max;
            sb.append("<rect x=\"").append(num(PAD + i * bw + 1)).append("\" y=\"").append(num(H - PAD - h))
                    .append("\" width=\"").append(num(bw - 2)).append("\" height=\"").append(num(h))
                    .append("\" fill=\"").append(COLOURS[0]).append("\"><title>").append(Html.escape(labels.get(i)))
                    .append(": ").append(counts[i]).append("</title></rect>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg width=\"").append(W + 120).append("\" height=\"")
                .append(H).append("\" role=\"img\">\n<title>").append(Html.escape(title)).append("</title>\n")
                .append("<text x=\"").append(PAD).append("\" y=\"16\" font-size=\"13\">").append(Html.escape(title))
                .append("</text>\n");
        return sb;
    }

    private static void axes(StringBuilder sb, String lo, String hi, String left, String right) {
        sb.append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - PAD).append("\" x2=\"").append(W - PAD)
                .append("\" y2=\"").append(H - PAD).append("\" stroke=\"#444\"/>\n")
                .append("<line x1=\"").append(PAD).append("\" y1=\"").append(PAD).append("\" x2=\"").append(PAD)
                .append("\" y2=\"").append(H - PAD).append("\" stroke=\"#444\"/>\n");
        label(sb, 2, H - PAD, lo);
        label(sb, 2, PAD, hi);
        label(sb, PAD, H - PAD + 16, left);
        label(sb, W - PAD - 60, H - PAD + 16, right);
    }

    private static void label(StringBuilder sb, int x, int y, String text) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"10\">")
                .append(Html.escape(text)).append("</text>\n");
    }

    private static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
