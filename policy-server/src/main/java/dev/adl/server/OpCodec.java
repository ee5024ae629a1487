package dev.adl.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one codec of the operations log: {@link #write} for appending, {@link #read} for the
 * replay. Lines are JSON objects whose {@code op} names the kind; field names are snake
 * case; money is a plain decimal string (never a float) and instants are ISO-8601.
 */
final class OpCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .registerModule(new SimpleModule("adl-ops")
                    .addSerializer(BigDecimal.class, new PlainDecimal())
                    .addSerializer(Instant.class, new IsoInstant())
                    .addDeserializer(Instant.class, new InstantReader()));
    private static final ObjectWriter WRITER = MAPPER.writerFor(Op.class);
    private static final ObjectReader READER = MAPPER.readerFor(Op.class);

    private static final String SNAPSHOT = "{\"op\":\"snapshot\"";
    private static final String LATCHED = "\"latched\":";

    private OpCodec() {
    }

    static String write(Op op) {
        try {
            return WRITER.writeValueAsString(op);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode operation " + op, e);
        }
    }

    /** Reads one log line; a line that is not a known operation is an {@link IllegalArgumentException}. */
    static Op read(String line) {
        try {
            if (line.startsWith(SNAPSHOT) && !line.contains(LATCHED)) {
                // a snapshot written before the latch existed, or with the latch clear: not latched
                com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                        MAPPER.readTree(line);
                tree.putNull("latched");
                return READER.readValue(tree);
            }
            return READER.readValue(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an operation: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an operation: " + e.getMessage(), e);
        }
    }

    private static final class PlainDecimal extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(v.toPlainString());
        }
    }

    private static final class IsoInstant extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(v.toString());
        }
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) ctx.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
