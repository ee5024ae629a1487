package dev.adl.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Policy text with every name its author chooses left as a slot, so that one generated
 * policy can be written out with any names: hostile ones, or the harmless {@code p},
 * {@code l1}, {@code t1} of {@link #harmless}.
 */
public final class PolicyText {
    /** What a slot names; the string kinds are written between quotes, the others as they are. */
    public enum Kind {
        POLICY(true, "p"), LET(false, "l"), TIER(true, "t"), SOURCE(true, "s"), MARKET(true, "m"), COMMENT(false, "c");

        final boolean quoted;
        final String harmless;

        Kind(boolean quoted, String harmless) {
            this.quoted = quoted;
            this.harmless = harmless;
        }
    }

    /** The n-th name of a kind (numbered from 1). */
    public record Slot(Kind kind, int n) {
    }

    private final List<Object> parts = new ArrayList<>();

    PolicyText add(String text) {
        parts.add(text);
        return this;
    }

    PolicyText add(Slot slot) {
        parts.add(slot);
        return this;
    }

    PolicyText add(PolicyText other) {
        parts.addAll(other.parts);
        return this;
    }

    /** The slots in the order they occur, each once. */
    public List<Slot> slots() {
        return parts.stream().filter(Slot.class::isInstance).map(Slot.class::cast).distinct().toList();
    }

    /** The text with each slot written as {@code names} says (string values are quoted and escaped here). */
    public String render(Function<Slot, String> names) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Slot slot) {
                String name = names.apply(slot);
                out.append(slot.kind().quoted ? quote(name) : name);
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /** {@code p} for the policy, {@code l1}, {@code t1}, {@code s1}, {@code m1}, {@code c1} for the rest. */
    public static String harmless(Slot slot) {
        return slot.kind() == Kind.POLICY ? "p" : slot.kind().harmless + slot.n();
    }

    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String toString() {
        return render(PolicyText::harmless);
    }
}
