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
 * without any script.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConsoleBrowser.ScreenshotOnFailure.class)
class LabBrowserTest {
    @TempDir
    static Path dir;
    static ConsoleBrowser b;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        b = ConsoleBrowser.start(dir, TestServer.withExamples(dir, LabApiTest.ANALYST_ENTRY));
        browser = b.driver;
        wait = b.wait;
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
}
