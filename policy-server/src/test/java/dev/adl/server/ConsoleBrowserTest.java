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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.adl.server.TestServer.APPROVER;
import static dev.adl.server.TestServer.CSV;
import static dev.adl.server.TestServer.JSON;
import static dev.adl.server.TestServer.OPERATOR;
import static dev.adl.server.TestServer.PROPOSER;
import static dev.adl.server.TestServer.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governance console in a real browser (Debian's chromium and chromedriver) against a real
 * server with the two-person rule: a policy typed with a mistake, fixed, proposed, dry-run,
 * approved with a second token, activated, a live fill, a rollback, and every step in the audit
 * view. Each step's screen goes to target/console-screens; a failing step's screen is saved too.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConsoleBrowser.ScreenshotOnFailure.class)
class ConsoleBrowserTest {
    static final String MARKET = "TEST-C";

    @TempDir
    static Path dir;
    static TestServer s;
    static ConsoleBrowser b;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        b = ConsoleBrowser.start(dir, TestServer.options(dir, true));
        s = b.server;
        browser = b.driver;
        wait = b.wait;
        // the market runs version 1 of the policy (rank by upnl), approved and activated by API
        TestServer.expect(s.put("/v1/markets/" + MARKET, OPERATOR, JSON, "{\"lot_size\": \"1\", \"mark_price\": \"1000\"}"), 201);
        TestServer.expect(s.put("/v1/markets/" + MARKET + "/positions", OPERATOR, CSV, TestServer.positions(MARKET, 10, 5)), 200);
        TestServer.expect(s.post("/v1/policies", PROPOSER, TEXT, TestServer.policy("console-demo", 1, "upnl")), 201);
        String v1 = "{\"policy\": \"console-demo\", \"version\": 1}";
        TestServer.expect(s.post("/v1/markets/" + MARKET + "/approvals", APPROVER, JSON, v1), 201);
        TestServer.expect(s.post("/v1/markets/" + MARKET + "/activate", OPERATOR, JSON, v1), 200);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    // ------------------------------------------------------------------ the journey

    @Test
    @Order(1)
    void aMistakeIsUnderlinedAtItsLineThenFixedAndProposed() {
        b.open("#/policies");
        b.signIn(PROPOSER, "paul");
        WebElement content = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#policy-editor .cm-content")));
        content.click();
        content.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        typeLines(content, "policy \"console-demo\" version 2", "markets \"TEST-*\"", "rank by -equty",
                "reduce {", "tier \"all\" : queue", "}");
        // the server's diagnostic is underlined on line 3, where the mistake is
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#problems li.error")));
        assertThat(problem.getText()).contains("3:10:").contains("unknown name `equty`");
        List<WebElement> lines = browser.findElements(By.cssSelector("#policy-editor .cm-line"));
        assertThat(lines.get(2).findElements(By.cssSelector(".cm-lintRange-error"))).hasSize(1);
        assertThat(lines.get(2).findElement(By.cssSelector(".cm-lintRange-error")).getText()).isEqualTo("equty");
        b.shot("1-editor-diagnostic");

        problem.findElement(By.cssSelector("button.fix")).click(); // the offered `did you mean` fix
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#problems li"), "no problems"));
        assertThat(lines.get(2).getText()).isEqualTo("rank by -equity");
        b.click("#propose");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("propose-status"), "stored console-demo version 2"));
        b.shot("2-proposed");
    }

    @Test
    @Order(2)
    void theDryRunShowsBothVersionsSideBySide() {
        openGovernance();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gov-missing"))).getText())
                .contains("missing an approval from someone other than paul");
        WebElement event = browser.findElement(By.id("gov-event"));
        event.clear();
        event.sendKeys(TestServer.event("L1"));
        b.click("#dry-run");
        WebElement candidate = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dry-candidate")));
        WebElement active = browser.findElement(By.id("dry-active"));
        // v1 ranks by profit (S5 first), v2 by lowest equity (S1 first): one lot each
        assertThat(active.getText()).contains("console-demo v1").contains("hit only here: S5");
        assertThat(candidate.getText()).contains("console-demo v2").contains("hit only here: S1");
        assertThat(candidate.findElement(By.cssSelector("[data-field='ADL size']")).getText()).isEqualTo("1");
        b.scrollTo(candidate);
        b.shot("3-dry-run");
        // a proposer cannot activate: the button says so, and the server would refuse anyway
        assertThat(browser.findElement(By.id("activate")).isEnabled()).isFalse();
    }

    @Test
    @Order(3)
    void aSecondPersonApprovesAndTheOperatorActivates() {
        b.signIn(APPROVER, "anna");
        openGovernance();
        b.click("#approve");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gov-status"), "console-demo v2 approved by anna"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gov-missing"), "two-person rule: met"));
        b.shot("4-approved");

        b.signIn(OPERATOR, "otto");
        actThenSeeTheMarket("#activate", "console-demo v2 activated in " + MARKET + " by otto", "console-demo v2");
        b.shot("5-activated");
    }

    @Test
    @Order(4)
    void aFillArrivesLiveWhenAnEventIsApplied() {
        b.open("#/markets");
        b.click("tr[data-market='" + MARKET + "'] button");
        WebElement account = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-account")));
        account.sendKeys("S1");
        b.click("#live-start");
        wait.until(ExpectedConditions.textToBe(By.id("live-state"), "listening for S1"));
        By applied = By.cssSelector("td[data-field='events applied']");
        long before = Long.parseLong(wait.until(ExpectedConditions.visibilityOfElementLocated(applied)).getText());
        // the event comes through the API, as a risk engine would send it
        TestServer.expect(s.post("/v1/markets/" + MARKET + "/events", OPERATOR, JSON, TestServer.event("L1")), 200);
        WebElement fill = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#live-feed li.live-fill")));
        assertThat(fill.getText()).contains("fill in " + MARKET + ": S1 short size 1 at");
        // the market's numbers follow the live feed without pressing Refresh
        wait.until(ExpectedConditions.textToBe(applied, Long.toString(before + 1)));
        assertThat(browser.findElement(By.id("queue")).getText()).contains("quintile 5");
        b.shot("6-live-fill");
    }

    @Test
    @Order(5)
    void aRollbackReturnsToTheVersionBefore() {
        actThenSeeTheMarket("#rollback", "rolled back: console-demo v1 is active in " + MARKET, "console-demo v1");
        b.shot("7-rolled-back");
    }

    @Test
    @Order(6)
    void everyStepIsInTheAuditViewNewestFirst() {
        b.open("#/audit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#audit-table tbody tr")));
        List<String> actions = b.attributes("#audit-table tbody tr", "data-action");
        // newest first: rollback, event, activation and approval of v2, its proposal
        assertThat(actions).startsWith("policy.rollback", "event.apply", "policy.activate", "policy.approve", "policy.create");
        assertThat(browser.findElement(By.cssSelector("#audit-table tbody tr")).getText()).contains("otto");
        b.shot("8-audit");
    }

    @Test
    @Order(7)
    void aSuiteRunMarksEachLinesCoverage() {
        b.open("#/tests");
        wait.until(d -> new Select(d.findElement(By.id("test-version"))).getOptions().size() == 2);
        // the page's template suite, moved to this policy's market
        WebElement suite = browser.findElement(By.id("test-suite"));
        String text = suite.getAttribute("value").replace("BTC-PERP", MARKET);
        suite.clear();
        suite.sendKeys(text);
        b.click("#test-run");
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("coverage")));
        // the template suite's one case runs against v2: the rank line and the tier line are exercised
        assertThat(report.findElement(By.cssSelector("tr[data-line='3']")).getAttribute("class")).isEqualTo("covered");
        assertThat(report.findElement(By.cssSelector("tr[data-line='5']")).getAttribute("class")).isEqualTo("covered");
        assertThat(browser.findElement(By.id("test-result")).getText()).contains("console-demo v2");
        b.scrollTo(report);
        b.shot("9-coverage");
    }

    // ------------------------------------------------------------------ helpers

    private static void openGovernance() {
        b.open("#/governance");
        wait.until(d -> new Select(d.findElement(By.id("gov-version"))).getOptions().size() >= 2);
        new Select(browser.findElement(By.id("gov-version"))).selectByValue("2");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gov-proposer"), "v2 proposed by paul"));
    }

    /** Presses a governance button, reads its answer, then finds the market running {@code active}. */
    private static void actThenSeeTheMarket(String button, String answer, String active) {
        openGovernance();
        b.click(button);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gov-status"), answer));
        b.open("#/markets");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-market='" + MARKET + "'] .active-version"), active));
    }

    /** Types line by line; Escape first so that an open completion list does not take the Enter. */
    private static void typeLines(WebElement editor, String... lines) {
        for (String line : lines) {
            editor.sendKeys(line, Keys.ESCAPE, Keys.ENTER);
        }
    }
}
