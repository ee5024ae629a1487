package dev.adl.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.adl.runtime.EventResult;
import dev.adl.runtime.Fill;
import dev.adl.runtime.LayerResult;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes an {@link EventResult} as the JSON object of the `adl run` contract: fields in
 * the contract's order, decimals as strings in plain notation without trailing zeros.
 */
public final class ResultJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ResultJson() {
    }

    public static String write(EventResult r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeStringField("policy", r.policy());
            g.writeNumberField("version", r.version());
            g.writeStringField("market", r.market());
            g.writeStringField("bankrupt_account", r.bankruptAccount());
            g.writeStringField("side", r.side());
            g.writeStringField("size", plain(r.size()));
            g.writeStringField("bankruptcy_price", plain(r.bankruptcyPrice()));
            g.writeStringField("shortfall", plain(r.shortfall()));
            g.writeStringField("fund_before", plain(r.fundBefore()));
            g.writeStringField("fund_absorbed_size", plain(r.fundAbsorbedSize()));
            g.writeStringField("fund_paid", plain(r.fundPaid()));
            g.writeStringField("fund_after", plain(r.fundAfter()));
            g.writeStringField("adl_size", plain(r.adlSize()));
            g.writeStringField("unresolved_size", plain(r.unresolvedSize()));
            if (r.tierCover() != null) {
                // only a policy with a haircut tier or `fill at mark_price` reports these
                g.writeStringField("haircut_size", plain(r.tierCover().haircutSize()));
                g.writeStringField("haircut_paid", plain(r.tierCover().haircutPaid()));
                g.writeStringField("mark_fill_loss", plain(r.tierCover().markFillLoss()));
                g.writeStringField("mark_fill_loss_unresolved", plain(r.tierCover().markFillLossUnresolved()));
            }
            if (r.layers() != null) {
                // version 2 only: a version 1 policy's result stays what it was, byte for byte
                g.writeArrayFieldStart("layers");
                for (LayerResult l : r.layers()) {
                    g.writeStartObject();
                    g.writeStringField("name", l.name());
                    g.writeStringField("kind", l.kind());
                    g.writeStringField("balance_before", plain(l.balanceBefore()));
                    g.writeStringField("available", plain(l.available()));
                    g.writeStringField("absorbed_size", plain(l.absorbedSize()));
                    g.writeStringField("paid", plain(l.paid()));
                    g.writeStringField("balance_after", plain(l.balanceAfter()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeBooleanField("trigger_active_after", Boolean.TRUE.equals(r.triggerActiveAfter()));
            }
            g.writeArrayFieldStart("fills");
            for (Fill f : r.fills()) {
                g.writeStartObject();
                g.writeStringField("account", f.account());
                g.writeStringField("side", f.side());
                g.writeStringField("size", plain(f.size()));
                g.writeStringField("price", plain(f.price()));
                g.writeStringField("realized_pnl", plain(f.realizedPnl()));
                if (f.fee() != null) g.writeStringField("fee", plain(f.fee()));
                if (f.haircut() != null) g.writeStringField("haircut", plain(f.haircut()));
                g.writeStringField("tier", f.tier());
                g.writeNumberField("rank", f.rank());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rules_fired");
            for (String rule : r.rulesFired()) {
                g.writeString(rule);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Plain notation, no trailing zeros, and "0" rather than "0E-8". */
    public static String plain(BigDecimal d) {
        if (d.signum() == 0) return "0";
        return d.stripTrailingZeros().toPlainString();
    }
}
