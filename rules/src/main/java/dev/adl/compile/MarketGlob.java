package dev.adl.compile;

/** A {@code markets} pattern: {@code *} matches any run of characters, everything else matches itself. */
final class MarketGlob {
    private MarketGlob() {
    }

    static boolean matches(String glob, String market) {
        int g = 0;
        int m = 0;
        int star = -1;
        int resume = 0;
        while (m < market.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = m;
            } else if (g < glob.length() && glob.charAt(g) == market.charAt(m)) {
                g++;
                m++;
            } else if (star >= 0) {
                g = star + 1;
                m = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') g++;
        return g == glob.length();
    }
}
