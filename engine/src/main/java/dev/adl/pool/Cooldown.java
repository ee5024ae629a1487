package dev.adl.pool;

import dev.adl.diag.Echo;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an unstake request waits before it can be withdrawn: a duration of the policy
 * language ({@code 30s}, {@code 5m}, {@code 8h}, {@code 13d}), kept as written so a state
 * file reads back the way it was given.
 */
public record Cooldown(String text, long seconds) {
    private static final Pattern DURATION = Pattern.compile("([0-9][0-9_]*)([smhd])");
    /** Ten thousand years: longer cooldowns would push a request's release past the instants Java can hold. */
    private static final long MAX_SECONDS = 10_000L * 366 * 86_400;

    /** Parses a duration; anything else is an IllegalArgumentException with a lowercase sentence. */
    public static Cooldown parse(String text) {
        Matcher m = text == null ? null : DURATION.matcher(text);
        if (m == null || !m.matches() || text.endsWith("_")) {
            throw new IllegalArgumentException("cooldown `" + Echo.of(text)
                    + "` must be a duration such as `30s`, `5m`, `8h` or `13d`");
        }
        BigInteger n = new BigInteger(m.group(1).replace("_", ""));
        long unit = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3_600;
            default -> 86_400;
        };
        BigInteger seconds = n.multiply(BigInteger.valueOf(unit));
        if (seconds.compareTo(BigInteger.valueOf(MAX_SECONDS)) > 0) {
            throw new IllegalArgumentException("cooldown `" + Echo.of(text) + "` is too long");
        }
        return new Cooldown(text, seconds.longValueExact());
    }

    @Override
    public String toString() {
        return text;
    }
}
