package dev.adl.bench;

import java.util.List;
import java.util.Locale;

/** A small log-log line plot as SVG, with bars (fastest to p90) and a dashed line of slope 1 (linear cost) for reference. */
final class Plot {
    private Plot() {
    }

    private static final int W = 640;
    private static final int H = 420;
    private static final int L = 80;
    private static final int R = 20;
    private static final int T = 40;
    private static final int B = 60;

    /** Points are {x, y, yLow, yHigh}. */
    static String logLog(List<double[]> points, String title, String xLabel, String yLabel) {
        double x0 = Math.floor(Math.log10(points.get(0)[0]));
        double x1 = Math.ceil(Math.log10(points.get(points.size() - 1)[0]));
        double ymin = Double.MAX_VALUE;
        double ymax = 0;
        for (double[] p : points) {
            ymin = Math.min(ymin, Math.max(1e-6, p[2]));
            ymax = Math.max(ymax, p[3]);
        }
        double y0 = Math.floor(Math.log10(ymin));
        double y1 = Math.ceil(Math.log10(ymax));
        if (y1 == y0) y1 = y0 + 1;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", W, H));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>\n", L, title));
        for (double d = x0; d <= x1; d++) {
            double x = px(d, x0, x1);
            s.append(line(x, T, x, H - B, "#ddd", false));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x,
                    H - B + 18, label(Math.pow(10, d))));
        }
        for (double d = y0; d <= y1; d++) {
            double y = py(d, y0, y1);
            s.append(line(L, y, W - R, y, "#ddd", false));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", L - 6,
                    y + 4, label(Math.pow(10, d))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                (L + W - R) / 2, H - 20, xLabel));
        s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" transform=\"rotate(-90 18 %d)\" "
                + "text-anchor=\"middle\">%s</text>\n", (T + H - B) / 2, (T + H - B) / 2, yLabel));
        // linear cost through the last point
        double[] last = points.get(points.size() - 1);
        double lx0 = Math.log10(points.get(0)[0]);
        double ly0 = Math.log10(last[1]) - (Math.log10(last[0]) - lx0);
        s.append(line(px(lx0, x0, x1), py(ly0, y0, y1), px(Math.log10(last[0]), x0, x1),
                py(Math.log10(last[1]), y0, y1), "#999", true));
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            double x = px(Math.log10(p[0]), x0, x1);
            double y = py(Math.log10(p[1]), y0, y1);
            path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            double lo = py(Math.log10(Math.max(1e-6, p[2])), y0, y1);
            double hi = py(Math.log10(p[3]), y0, y1);
            s.append(line(x, lo, x, hi, "#c33", false));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c33\"/>\n", x, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s ms</text>\n", x + 8, y - 8,
                    p[1] >= 10 ? String.format(Locale.ROOT, "%.0f", p[1]) : String.format(Locale.ROOT, "%.2f", p[1])));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#c33\" stroke-width=\"2\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#777\">median, bars from fastest to p90; "
                + "dashed: cost proportional to positions</text>\n", L + 10, T + 16));
        return s.append("</svg>\n").toString();
    }

    private static double px(double lg, double x0, double x1) {
        return L + (lg - x0) / (x1 - x0) * (W - L - R);
    }

    private static double py(double lg, double y0, double y1) {
        return H - B - (lg - y0) / (y1 - y0) * (H - T - B);
    }

    private static String line(double xa, double ya, double xb, double yb, String color, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
                xa, ya, xb, yb, color, dashed ? " stroke-dasharray=\"6 4\"" : "");
    }

    private static String label(double v) {
        if (v >= 1e6) return String.format(Locale.ROOT, "%.0fM", v / 1e6);
        if (v >= 1e3) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (v >= 1) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%s", v);
    }
}
