package dev.adl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The weak suite plus a failing case, in each output format. */
class ReportsTest {
    @TempDir
    static Path dir;
    static RunReport report;

    @BeforeAll
    static void run() {
        String suite = Fixtures.WEAK_SUITE + """
                  - name: wrong <size> & more
                    positions: positions.csv
                    event: {market: M, mark_price: 100, lot_size: 1, insurance_fund: 0,
                            now: "2026-01-01T08:00:00Z", bankrupt_account: BL}
                    expect: {adl_size: 7}
                """;
        Fixtures.write(dir, "weak_test.yaml", suite);
        report = TestRun.run(List.of(dir), new TestRun.Options(null, true, 90, false));
    }

    @Test
    void jsonHasTheShapeOfOpasCoverageReport() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.write(report));
        JsonNode file = json.get("files").elements().next();
        // lines 4, 12, 15 are covered; 5, 7-9, 11, 14 are not
        assertThat(ranges(file.get("covered"))).containsExactly("4-4", "12-12", "15-15");
        assertThat(ranges(file.get("not_covered"))).containsExactly("5-5", "7-9", "11-11", "14-14");
        assertThat(file.get("covered_lines").asInt()).isEqualTo(3);
        assertThat(file.get("not_covered_lines").asInt()).isEqualTo(6);
        assertThat(file.get("coverage").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(json.get("coverage").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(json.get("branch_coverage").decimalValue())
                .isEqualByComparingTo(JsonReport.percent(report.branchesCovered(), report.branchesTotal()));
        assertThat(json.get("cases").get("failed").asInt()).isEqualTo(1);
        JsonNode diff = json.get("cases").get("failures").get(0).get("differences").get(0);
        assertThat(diff.get("field").asText()).isEqualTo("adl_size");
        assertThat(diff.get("expected").asText()).isEqualTo("7");
        assertThat(diff.get("actual").asText()).isEqualTo("10");
        assertThat(json.get("ok").asBoolean()).isFalse();
    }

    private static List<String> ranges(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(r -> out.add(r.get("start").get("row").asInt() + "-" + r.get("end").get("row").asInt()));
        return out;
    }

    @Test
    void lcovHasOneRecordWithLinesAndBranches() {
        String lcov = LcovReport.write(report);
        assertThat(lcov).startsWith("TN:adl\nSF:").endsWith("end_of_record\n");
        // every event reached the trigger (two events, false both times) and the floor
        assertThat(lcov).contains("DA:4,2\n", "DA:5,2\n", "BRDA:5,1,0,0\n", "BRDA:5,1,1,2\n");
        // no row was ever big: true never, false twice, filled never
        assertThat(lcov).contains("BRDA:11,5,0,0\n", "BRDA:11,5,1,2\n", "BRDA:11,5,2,0\n");
        // the last rank-by branch scored no row in either event
        assertThat(lcov).contains("DA:9,0\n", "LF:9\n", "LH:8\n");
        long brda = lcov.lines().filter(l -> l.startsWith("BRDA:")).count();
        assertThat(lcov).contains("BRF:" + brda + "\n");
    }

    @Test
    void junitXmlParsesAndCountsFailures() throws Exception {
        String xml = JunitReport.write(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3"); // two cases and one coverage check
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        NodeList cases = doc.getElementsByTagName("testcase");
        Element failing = (Element) cases.item(1);
        assertThat(failing.getAttribute("name")).isEqualTo("wrong <size> & more");
        assertThat(failing.getElementsByTagName("failure").item(0).getTextContent())
                .contains("adl_size: expected 7, got 10");
        Element coverage = (Element) cases.item(2);
        assertThat(((Element) coverage.getParentNode()).getAttribute("name")).isEqualTo("coverage");
        assertThat(coverage.getElementsByTagName("failure").item(0).getTextContent())
                .contains("5: trigger never seen true");
    }

    @Test
    void textShowsTheDiffOfTheFailingCase() {
        String text = TextReport.write(report, true);
        assertThat(text).contains("PASS " + dir.resolve("weak_test.yaml") + ": everything is deleveraged");
        assertThat(text).contains("FAIL " + dir.resolve("weak_test.yaml") + ": wrong <size> & more\n"
                + "    adl_size\n      - expected: 7\n      + actual:   10\n");
        assertThat(text).contains("2 cases: 1 passed, 1 failed");
    }
}
