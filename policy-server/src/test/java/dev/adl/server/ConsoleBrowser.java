package dev.adl.server;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The console in Debian's headless chromium, driven through its chromedriver, against a test
 * server: the browser tests' shared moves (open a page, sign in with a token, click, save the
 * screen to target/console-screens). It owns the server it was started with.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENS = Path.of("target", "console-screens");
    /** The browser of the running test class, for {@link ScreenshotOnFailure}: browser tests run one class at a time. */
    private static volatile ConsoleBrowser current;

    final WebDriver driver;
    final WebDriverWait wait;
    final TestServer server;

    private ConsoleBrowser(WebDriver driver, TestServer server) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        this.server = server;
    }

    /** A server with {@code options} on a Vert.x of its own, and the browser; {@link #close()} stops all three. */
    static ConsoleBrowser start(Path dir, AdlServer.Options options) throws IOException {
        Vertx vertx = Vertx.vertx();
        TestServer server = null;
        try {
            server = TestServer.start(vertx, options);
            Files.createDirectories(SCREENS);
            ChromeOptions chrome = new ChromeOptions();
            chrome.setBinary("/usr/bin/chromium");
            chrome.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,800", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
            // the driver is named, so Selenium Manager has nothing to look for or download
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            ConsoleBrowser b = new ConsoleBrowser(new ChromeDriver(service, chrome), server);
            current = b;
            return b;
        } catch (IOException | RuntimeException e) {
            if (server != null) server.close();
            vertx.close().await();
            throw e;
        }
    }

    /** Opens a page of the console (a hash route) and waits for its heading. */
    void open(String hash) {
        String base = "http://localhost:" + server.server.port();
        if (driver.getCurrentUrl().startsWith(base)) {
            ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
        } else {
            driver.get(base + "/" + hash);
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h2")));
    }

    /** Enters a token and waits until the console names who it stands for. */
    void signIn(String token, String name) {
        WebElement input = driver.findElement(By.id("token-input"));
        input.clear();
        input.sendKeys(token, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), name + ":"));
    }

    /** An attribute of every element the selector finds, in page order. */
    List<String> attributes(String css, String attribute) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void scrollTo(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", e);
    }

    void shot(String name) {
        try {
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save screenshot " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        if (current == this) current = null;
        try {
            driver.quit();
        } finally {
            server.close();
            server.vertx.close().await();
        }
    }

    /** Saves the screen of a failing test as FAILED-<test>.png. */
    static final class ScreenshotOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            ConsoleBrowser b = current;
            if (b != null) b.shot("FAILED-" + context.getRequiredTestMethod().getName());
        }
    }
}
