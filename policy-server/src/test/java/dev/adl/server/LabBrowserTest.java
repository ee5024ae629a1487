package dev.adl.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.VIEWER;
import static dev.adl.server.TestServer.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lab page in a real browser against a server started with the examples: an analyst's
 * token finds the scenario prefilled with a small crash of every market, starts the stress
 * job, follows it to done, and sees the policies side by side and the report in a frame; a
 * job of many paths is cancelled with the page's Cancel button while it runs.
 * Then a report saved from the API is opened as a file: its table and charts are there
 * without any script. The jobs list shows every job newest first, follows a running one's
 * progress, cancels it and opens an older one; last, examples/lab's events are uploaded with
 * the venue's actual fills and the replay's comparison shows beside them.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConsoleBrowser.ScreenshotOnFailure.class)
class LabBrowserTest {
    static final int POSITIONS = 240;
    /** examples/lab's recorded events (four, on BTC-PERP, ETH-PERP and SOL-PERP) and what the venue did for them. */
    static final Path EVENTS = Path.of("..", "examples", "lab", "events.jsonl").toAbsolutePath().normalize();
    static final Path FILLS = Path.of("..", "examples", "lab", "fills.csv").toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    static ConsoleBrowser b;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        // 240 positions a market: the accounts examples/lab's events and fills name (L100, S112...) are all there
        b = ConsoleBrowser.start(dir, TestServer.withExamples(dir, LabApiTest.ANALYST_ENTRY, POSITIONS));
        browser = b.driver;
        // the jobs list is drawn anew each second while a job runs: an element read may have just been replaced
        wait = b.wait;
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    @Test
    @Order(1)
    void aViewerCannotStartAJob() {
        b.open("#/lab");
        b.signIn(VIEWER, "vera");
        WebElement button = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lab-start")));
        assertThat(button.isEnabled()).isFalse();
        assertThat(button.getAttribute("title")).isEqualTo("needs analyst or operator");
    }

    @Test
    @Order(2)
    void anAnalystRunsTheCrashAndSeesTheTableAndTheReport() {
        b.signIn(LabApiTest.ANALYST, "ada");
        WebElement scenario = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-scenario")));
        wait.until(d -> scenario.getAttribute("value").contains("\"BTC-PERP\": [-0.05, -0.1, -0.1]"));
        b.click("#lab-start");
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-status", "done"));
        assertThat(browser.findElement(By.id("lab-status")).getText()).endsWith(": done, 1 of 1 paths");
        // one column per policy: the markets' active policies differ, so the one run is `venue`
        assertThat(browser.findElements(By.cssSelector("#lab-table thead th")).stream().map(WebElement::getText).toList())
                .containsExactly("metric", "venue");
        List<String> rows = b.attributes("#lab-table tbody tr", "data-metric");
        assertThat(rows).contains("bankruptcies", "shortfall", "adl_covered", "paid.BTC-PERP/fund", "price_impact.BTC-PERP");
        assertThat(browser.findElement(By.cssSelector("#lab-table tr[data-metric='bankruptcies'] td")).getText()).matches("[0-9]+");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lab-report-frame")));
        assertThat(browser.findElement(By.id("lab-report-link")).getAttribute("download")).startsWith("stress-");
        browser.switchTo().frame(browser.findElement(By.id("lab-report-frame")));
        try {
            assertThat(browser.findElements(By.tagName("table"))).isNotEmpty();
            assertThat(browser.findElements(By.tagName("svg"))).isNotEmpty();
        } finally {
            browser.switchTo().defaultContent();
        }
        b.shot("20-lab-stress-done");
    }

    @Test
    @Order(3)
    void theAnalystCancelsARunningJob() {
        WebElement scenario = browser.findElement(By.id("lab-scenario"));
        assertThat(browser.findElement(By.id("lab-cancel")).isDisplayed()).isFalse();
        scenario.clear();
        scenario.sendKeys(LabCancelTest.LONG);
        b.click("#lab-start");
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-status", "running"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lab-cancel")));
        b.click("#lab-cancel");
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-status", "cancelled"));
        assertThat(browser.findElement(By.id("lab-status")).getText()).contains("cancelled after").endsWith("of 10000 paths");
        assertThat(browser.findElement(By.id("lab-cancel")).isDisplayed()).isFalse();
        b.shot("21-lab-stress-cancelled");
    }

    @Test
    @Order(4)
    void aSavedReportShowsItsTableAndChartsWithoutScript() throws Exception {
        TestServer s = b.server;
        String id = expect(s.post("/v1/lab/stress", LabApiTest.ANALYST, JSON, LabApiTest.CRASH), 202).json().get("id").asText();
        LabApiTest.awaitDone(s, id);
        String page = expect(s.get("/v1/lab/jobs/" + id + "/report", VIEWER), 200).body();
        Path file = dir.resolve("report.html");
        Files.writeString(file, page);
        browser.get(file.toUri().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("table")));
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        List<WebElement> svgs = browser.findElements(By.tagName("svg"));
        // marks per market (4 markets), payments per layer, the haircut histogram of the one run
        assertThat(svgs.size()).isGreaterThanOrEqualTo(4 + 1 + 1);
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("bankruptcies");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Stress: ");
    }

    @Test
    @Order(5)
    void theJobsListShowsEveryJobNewestFirstFollowsARunningOneAndCancelsIt() {
        b.open("#/lab");
        b.signIn(LabApiTest.ANALYST, "ada");
        List<String> kept = new java.util.ArrayList<>();
        expect(b.server.get("/v1/lab/jobs", VIEWER), 200).json().get("jobs").forEach(j -> kept.add(j.get("id").asText()));
        // the crash and the long job of the page, the crash of the saved report: newest first
        assertThat(kept).hasSize(3);
        wait.until(d -> jobRows("data-job").equals(kept));
        assertThat(jobRows("data-status")).containsExactly("done", "cancelled", "done");
        assertThat(browser.findElements(By.cssSelector("#lab-jobs-table .lab-job-cancel"))).isEmpty();
        assertThat(progress(kept.get(1))).endsWith("of 10000 paths");

        WebElement scenario = browser.findElement(By.id("lab-scenario"));
        scenario.clear();
        scenario.sendKeys(LabCancelTest.LONG);
        b.click("#lab-start");
        wait.until(d -> jobRows("data-job").size() == 4);
        String running = jobRows("data-job").get(0);
        wait.until(d -> "running".equals(row(running).getAttribute("data-status")));
        // the list is read again while the job runs: its paths done move on without a click
        String first = progress(running);
        wait.until(d -> !progress(running).equals(first));
        String text = wait.until(d -> row(running).getText());
        assertThat(text).contains("ada").contains("stress").contains("perp-queue v1");
        b.scrollTo(browser.findElement(By.id("lab-jobs")));
        b.shot("22-lab-jobs-running");
        wait.until(d -> {
            row(running).findElement(By.className("lab-job-cancel")).click();
            return true;
        });
        wait.until(d -> "cancelled".equals(row(running).getAttribute("data-status")));
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-status", "cancelled"));
        assertThat(browser.findElements(By.cssSelector("#lab-jobs-table .lab-job-cancel"))).isEmpty();

        // Open shows an older job: the first crash, done, with its table
        wait.until(d -> {
            row(kept.get(2)).findElement(By.className("lab-job-open")).click();
            return true;
        });
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-job", kept.get(2)));
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-status", "done"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lab-table tr[data-metric='bankruptcies']")));
        b.shot("23-lab-jobs-opened");
    }

    @Test
    @Order(6)
    void anAnalystReplaysTheExampleEventsWithTheVenuesFillsAndSeesThemSideBySide() throws Exception {
        // the fills (event,account,size,price) name a line that is not an event: a 400 at its CSV line, nothing started
        browser.findElement(By.id("lab-events-file")).sendKeys(EVENTS.toString());
        WebElement events = browser.findElement(By.id("lab-events"));
        wait.until(d -> events.getAttribute("value").equals(read(EVENTS)));
        WebElement actual = browser.findElement(By.id("lab-actual"));
        actual.sendKeys("event,account,size,price\n1,S0,1,47500\n9,S1,1,47500\n");
        b.click("#lab-replay-start");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lab-replay-error .msg.error")));
        assertThat(browser.findElement(By.id("lab-replay-error")).getText()).contains("400 bad_request").contains("3:");
        assertThat(jobRows("data-job")).hasSize(4);

        actual.clear();
        browser.findElement(By.id("lab-actual-file")).sendKeys(FILLS.toString());
        wait.until(d -> actual.getAttribute("value").equals(read(FILLS)));
        b.click("#lab-replay-start");
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-kind", "replay"));
        wait.until(ExpectedConditions.attributeToBe(By.id("lab-status"), "data-status", "done"));
        assertThat(browser.findElement(By.id("lab-status")).getText()).endsWith(": done, 1 of 1 policies");
        String id = browser.findElement(By.id("lab-status")).getAttribute("data-job");
        com.fasterxml.jackson.databind.JsonNode job = expect(b.server.get("/v1/lab/jobs/" + id, VIEWER), 200).json();
        assertThat(job.at("/request/events").asInt()).isEqualTo(4);
        assertThat(job.at("/request/actual_fills").asInt()).isEqualTo(5);
        com.fasterxml.jackson.databind.JsonNode compared = job.at("/result/runs/0/actual");

        // what the venue closed, from fills.csv by hand: five accounts, one fill each
        java.util.Map<String, String> venue = java.util.Map.of("S112", "15.865", "S114", "4", "S0", "1.2", "S1", "0.5", "S99", "0.2");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lab-compare-accounts")));
        for (var e : venue.entrySet()) {
            WebElement r = browser.findElement(By.cssSelector("#lab-compare-accounts tr[data-account='" + e.getKey() + "']"));
            assertThat(r.findElement(By.cssSelector("td[data-col='venue']")).getText()).isEqualTo(e.getValue());
            // the policy's size beside it, as the job's result has it
            assertThat(r.findElement(By.cssSelector("td[data-col='policy']")).getText())
                    .isEqualTo(compared.at("/closed/" + e.getKey() + "/policy").asText());
        }
        // every account either side closed has its row, the venue's first; every fill's account was hit by both or by the venue only
        List<String> rowsShown = b.attributes("#lab-compare-accounts tbody tr", "data-account");
        assertThat(rowsShown).hasSize(compared.get("closed").size());
        assertThat(rowsShown.subList(0, venue.size())).containsExactlyInAnyOrderElementsOf(venue.keySet());
        int both = Integer.parseInt(count("both"));
        int venueOnly = Integer.parseInt(count("venue_only"));
        assertThat(both + venueOnly).isEqualTo(venue.size());
        assertThat(both).isEqualTo(compared.get("both").size());
        assertThat(Integer.parseInt(count("policy_only"))).isEqualTo(compared.get("policy_only").size());
        assertThat(browser.findElements(By.cssSelector("#lab-table tr[data-metric='bankruptcies'] td")).get(0).getText())
                .isEqualTo(job.at("/result/runs/0/metrics/bankruptcies").asText());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lab-report-frame")));
        assertThat(browser.findElement(By.id("lab-report-link")).getAttribute("download")).isEqualTo("replay-" + id + ".html");
        b.scrollTo(browser.findElement(By.id("lab-compare")));
        b.shot("24-lab-replay-compared");
    }

    private static WebElement row(String job) {
        return browser.findElement(By.cssSelector("#lab-jobs-table tr[data-job='" + job + "']"));
    }

    /** An attribute of each row of the jobs list, read again if the list was drawn anew meanwhile. */
    private static List<String> jobRows(String attribute) {
        return wait.until(d -> b.attributes("#lab-jobs-table tbody tr", attribute));
    }

    private static String progress(String job) {
        return wait.until(d -> row(job).findElement(By.className("lab-job-progress")).getText());
    }

    private static String count(String key) {
        return browser.findElement(By.cssSelector("#lab-compare-counts tr[data-count='" + key + "'] td")).getText();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
