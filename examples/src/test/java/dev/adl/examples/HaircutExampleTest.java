package dev.adl.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adl.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/haircut through the real `adl run`: its stdout is the hand-computed expected.json, every
 * field in the same order, the version 2 fields (layers, haircut_size, haircut_paid, mark_fill_loss...)
 * and each fill's haircut included.
 */
class HaircutExampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCappedHaircutMatchesItsExpectedResult() throws Exception {
        Path dir = Path.of("haircut").toAbsolutePath();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--policy",
                dir.resolve("policy.adl").toString(), "--positions", dir.resolve("positions.csv").toString(),
                "--event", dir.resolve("event.json").toString());
        assertThat(err.toString()).as("stderr").isEmpty();
        assertThat(code).isZero();
        JsonNode actual = JSON.readTree(out.toString());
        JsonNode expected = JSON.readTree(Files.readString(dir.resolve("expected.json")));
        assertThat(names(actual)).containsExactlyElementsOf(names(expected));
        for (int i = 0; i < expected.get("fills").size(); i++) {
            assertThat(names(actual.get("fills").get(i))).containsExactlyElementsOf(names(expected.get("fills").get(i)));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get("haircut_paid").asText()).isEqualTo("350");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }
}
