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
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staking page in a real browser against a server started with the examples (the pool
 * {@code stakers}: 500,000 shares worth 501,250, so a share is worth 1.0025): a staker's token
 * stakes, asks to unstake, is refused a withdrawal inside the 13 days' cooldown with the
 * server's sentence beside the form, and the treasury's revenue lifts the share price. Each
 * step's screen goes to target/console-screens. Last, an operator's token cancels the request for
 * the staker it names.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConsoleBrowser.ScreenshotOnFailure.class)
class StakingBrowserTest {
    static final String DAVE = "dave-staker-token";
    static final String TREASURER = "treasury-token-1";

    @TempDir
    static Path dir;
    static ConsoleBrowser b;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        b = ConsoleBrowser.start(dir, TestServer.withExamples(dir, """
                  ,{"token": "dave-staker-token", "name": "dave", "roles": [], "staker": "dave"},
                  {"token": "treasury-token-1", "name": "tess", "roles": ["treasury"]}"""));
        browser = b.driver;
        wait = b.wait;
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
    }

    @Test
    @Order(1)
    void theExamplePoolIsListedWithItsNumbersAndChart() {
        b.open("#/staking");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-pool='stakers']")));
        assertThat(b.attributes("#layers-table tbody tr", "data-layer")).containsExactly("btc-fund", "clearing-house", "stakers");
        assertThat(browser.findElement(By.cssSelector("tr[data-layer='clearing-house']")).getText())
                .isEqualTo("clearing-house backstop 5000000 0");
        // 250,000 + 150,000 + 100,000 staked at 1, then 1,250 of revenue
        assertThat(field("value")).isEqualTo("501250");
        assertThat(field("total shares")).isEqualTo("500000");
        assertThat(field("share price")).isEqualTo("1.0025");
        assertThat(field("cooldown")).isEqualTo("13d");
        assertThat(field("realised yield, 7 days")).startsWith("0.25% since ");
        WebElement chart = browser.findElement(By.id("price-chart"));
        // a point per operation with shares: three stakes, the revenue and carol's request
        assertThat(chart.findElements(By.cssSelector("circle.dot"))).hasSize(5);
        assertThat(lastDot().getAttribute("data-value")).isEqualTo("1.0025");

        // carol asked for 40,000 of her 100,000 shares back: worth 40,100 then
        WebElement id = browser.findElement(By.id("staker-id"));
        id.sendKeys("carol");
        b.click("#staker-lookup");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#staker-info [data-field='shares']"), "100000"));
        assertThat(browser.findElement(By.cssSelector("#staker-info [data-field='pending request']")).getText())
                .isEqualTo("40000 shares, worth at most 40100");
        // nothing to stake with without a staker's token
        assertThat(browser.findElements(By.id("stake"))).isEmpty();
        b.scrollTo(browser.findElement(By.cssSelector("main h2")));
        b.shot("10-staking-pool");
    }

    @Test
    @Order(2)
    void aStakerTokenStakesAndSeesItsShares() {
        b.signIn(DAVE, "dave");
        wait.until(ExpectedConditions.textToBe(By.id("acting-for"), "acting for staker dave"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("staker-info"), "has no staker `dave`"));
        browser.findElement(By.id("stake-amount")).sendKeys("1002.5");
        b.click("#stake-submit");
        // 1002.5 * 500000 / 501250 = 1000 shares exactly
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stake-status"), "stake done: shares 1000"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#staker-info [data-field='shares']"), "1000"));
        assertThat(browser.findElement(By.cssSelector("#staker-info [data-field='value']")).getText()).isEqualTo("1002.5");
        assertThat(field("total shares")).isEqualTo("501000");
        b.shot("11-staked");
    }

    @Test
    @Order(3)
    void anUnstakeRequestThenAWithdrawalTooEarlyIsRefusedBesideItsForm() {
        browser.findElement(By.id("unstake-shares")).sendKeys("400");
        b.click("#unstake-submit");
        // 400 shares at 1.0025
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unstake-status"), "value at request 401"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#staker-info [data-field='pending request']"),
                "400 shares, worth at most 401"));
        assertThat(browser.findElement(By.cssSelector("#staker-info [data-field='withdrawable from']")).getText())
                .contains("(in 12d 23h)");

        b.click("#withdraw-submit");
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#withdraw-status .msg.error")));
        assertThat(refusal.getText()).startsWith("pool `stakers` refused the operation: staker `dave` may withdraw from `")
                .endsWith("(409 refused)");
        // refused: the shares and the request are as they were, and no other form shows the error
        assertThat(browser.findElement(By.cssSelector("#staker-info [data-field='shares']")).getText()).isEqualTo("1000");
        assertThat(browser.findElements(By.cssSelector("#stake-status .msg.error, #unstake-status .msg.error"))).isEmpty();
        b.scrollTo(refusal);
        b.shot("12-withdrawal-refused");
    }

    @Test
    @Order(4)
    void revenueFromTheTreasuryRaisesTheSharePrice() {
        b.signIn(TREASURER, "tess");
        WebElement amount = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revenue-amount")));
        assertThat(browser.findElements(By.id("stake"))).isEmpty();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-field='share price']"), "1.0025"));
        int points = browser.findElements(By.cssSelector("#price-chart circle.dot")).size();
        amount.sendKeys("501");
        b.click("#revenue-submit");
        // (502252.5 + 501) / 501000
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("revenue-status"), "revenue done; share price 1.0035"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-field='share price']"), "1.0035"));
        assertThat(field("value")).isEqualTo("502753.5");
        // the tables above are read again too: the pool's layer balance is its value + reserve
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-layer='stakers']"), "stakers pool 502753.5 0"));
        assertThat(browser.findElement(By.cssSelector("tr[data-pool='stakers']")).getText()).startsWith("stakers 502753.5 1.0035 13d 4");
        assertThat(field("realised yield, 7 days")).startsWith("0.35% since ");
        assertThat(browser.findElements(By.cssSelector("#price-chart circle.dot"))).hasSize(points + 1);
        assertThat(lastDot().getAttribute("data-value")).isEqualTo("1.0035");
        b.scrollTo(browser.findElement(By.id("price-chart")));
        b.shot("13-revenue");
    }

    @Test
    @Order(5)
    void anOperatorNamesTheStakerItCancelsFor() {
        b.signIn(TestServer.OPERATOR, "otto");
        WebElement staker = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("act-staker")));
        // without a staker named, the server's 400 is shown beside the cancel form
        b.click("#cancel-submit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#cancel-status .msg.error"),
                "field `staker` is required"));
        staker.sendKeys("dave");
        b.click("#cancel-submit");
        // the 400 shares are worth 400 * 1.0035 = 401.4 > 401 asked: dave keeps 401 * 501000 / 502753.5, rounded up
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cancel-status"),
                "unstake cancel done: kept 399.60139512, burned 0.39860488"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#staker-info [data-field='shares']"), "999.60139512"));
        assertThat(browser.findElement(By.cssSelector("#staker-info [data-field='pending request']")).getText()).isEqualTo("none");
        b.shot("14-operator-cancel");
    }

    private static String field(String name) {
        return browser.findElement(By.cssSelector("#pool-numbers [data-field='" + name + "']")).getText();
    }

    private static WebElement lastDot() {
        List<WebElement> dots = browser.findElements(By.cssSelector("#price-chart circle.dot"));
        return dots.get(dots.size() - 1);
    }
}
