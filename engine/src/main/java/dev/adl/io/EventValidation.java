package dev.adl.io;

import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import dev.adl.runtime.Decimals;
import dev.adl.runtime.InputException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one check of an event's values, whoever read them (an event file, a test suite, a
 * request to the server). It collects every problem rather than stopping at the first, so
 * a user fixes a file in one go; {@link #throwIfAny} then raises them together as one
 * {@link InputException}.
 *
 * <p>Amounts are decimals of at most 8 places (the store's fixed point) and at most
 * {@link #LARGEST} in size. The size is checked on the decimal's precision and scale
 * before anything else, so a short text such as {@code 1e999999999} is refused without
 * ever expanding it. Instants lie in the years 1970 to 9999.
 */
public final class EventValidation {
    /** The largest amount an event may carry; anything larger is a typing mistake, not a market. */
    public static final BigDecimal LARGEST = new BigDecimal("1e15");
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final int LONGEST_TEXT = 64;
    private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** Whether an instant lies in the years 1970 to 9999, where the engine's time arithmetic stays in range. */
    public static boolean inYears(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(AFTER_LATEST);
    }

    /**
     * Whether a decimal has more digits before the point than any amount in range may have,
     * decided on its precision and scale so that {@code 1e999999999} is never expanded.
     */
    public static boolean tooManyDigits(BigDecimal value) {
        return value.precision() - value.scale() > LARGEST.precision() - LARGEST.scale();
    }

    /** What sign an amount may have. */
    public enum Sign {
        POSITIVE("greater than 0"), NOT_NEGATIVE("0 or more");

        private final String words;

        Sign(String words) {
            this.words = words;
        }
    }

    private final List<Diagnostic> problems = new ArrayList<>();

    public void problem(String code, String sentence, SourcePos at) {
        problems.add(new Diagnostic(Diagnostic.Severity.ERROR, code, sentence, at.line(), at.col(), at.length(),
                null));
    }

    /**
     * The amount written as {@code text}, a decimal in plain notation such as {@code 1000.5},
     * or null after recording why it is refused.
     */
    public BigDecimal amount(String field, String text, Sign sign, SourcePos at) {
        if (!PLAIN.matcher(text).matches()) {
            problem("bad_number", "`" + field + "` must be a plain decimal, got `" + shown(text) + "`", at);
            return null;
        }
        if (text.length() > LONGEST_TEXT) {
            // never parse an absurdly long digit string: no amount in range needs this many characters
            tooLarge(field, text, at);
            return null;
        }
        return amount(field, new BigDecimal(text), text, sign, at);
    }

    /** The amount, or null after recording why it is refused; {@code text} is how the user wrote it. */
    public BigDecimal amount(String field, BigDecimal value, String text, Sign sign, SourcePos at) {
        // precision - scale is the number of digits before the point: comparing it first is cheap even
        // for 1e999999999, whose plain form would be a billion digits
        if (tooManyDigits(value) || value.abs().compareTo(LARGEST) > 0) {
            tooLarge(field, text, at);
            return null;
        }
        boolean wrongSign = sign == Sign.POSITIVE ? value.signum() <= 0 : value.signum() < 0;
        if (wrongSign) {
            problem("out_of_range", "`" + field + "` must be " + sign.words + ", got `" + shown(text) + "`", at);
            return null;
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > Decimals.SCALE) {
            problem("too_precise", "`" + field + "` must have at most " + Decimals.SCALE + " decimal places, got `"
                    + shown(text) + "`", at);
            return null;
        }
        return value.signum() == 0 ? BigDecimal.ZERO : value;
    }

    private void tooLarge(String field, String text, SourcePos at) {
        problem("out_of_range", "`" + field + "` must be at most " + LARGEST.toPlainString() + " in size, got `"
                + shown(text) + "`", at);
    }

    /** The instant written as {@code text}, or null after recording why it is refused. */
    public Instant instant(String field, String text, SourcePos at) {
        Instant t;
        try {
            t = Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            problem("bad_instant", "`" + field + "` must be an ISO-8601 instant such as `2026-01-01T08:00:00Z`, got `"
                    + shown(text) + "`", at);
            return null;
        }
        if (!inYears(t)) {
            problem("out_of_range", "`" + field + "` must lie in the years 1970 to 9999, got `" + shown(text) + "`",
                    at);
            return null;
        }
        return t;
    }

    /** A name such as a market or an account: a non-empty string, or null after recording why not. */
    public String name(String field, String text, SourcePos at) {
        if (text.isBlank()) {
            problem("bad_value", "`" + field + "` must not be empty", at);
            return null;
        }
        return text;
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** Every problem found, in text order, as one exception naming {@code source}. */
    public void throwIfAny(String source) {
        if (problems.isEmpty()) return;
        List<Diagnostic> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::col));
        throw new InputException(source, sorted);
    }

    /** A number in a message: plain notation unless that would be long (never for 1e999999999). */
    static String shown(BigDecimal d) {
        int digitsBeforePoint = d.precision() - d.scale();
        return digitsBeforePoint > -20 && digitsBeforePoint < 40 ? d.toPlainString() : d.toString();
    }

    /** User text in a message: long text is cut, so that a refusal stays one readable line. */
    static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
