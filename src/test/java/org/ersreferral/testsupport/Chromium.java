package org.ersreferral.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never one Selenium Manager would
 * download), with a throw-away profile. Starting one costs seconds: a test class keeps one for all
 * its tests.
 */
public final class Chromium implements AutoCloseable {

    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** How long pages, scripts and the tests' waits on a page may take. */
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** Where the browser tests save their screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            // Less drawing while the tests wait: no animations (the pages honour reduced motion), no
            // smooth scrolling, no images (the pages' content is text).
            "--force-prefers-reduced-motion", "--disable-smooth-scrolling", "--blink-settings=imagesEnabled=false");

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Fails (CI=true) or aborts the test when Debian's chromium or chromedriver is missing. */
    public static void require() {
        for (Path binary : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(binary)) {
                String message = binary + " is missing: the browser tests need Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver; .ci/run does this)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(message);
                }
                Assumptions.abort(message);
            }
        }
    }

    /**
     * Starts Chromium with {@code arguments} (window size, language) besides the headless ones, and
     * these preferences (none if empty).
     */
    public static Chromium start(Map<String, Object> preferences, String... arguments) {
        require();
        // Selenium Manager must never download a driver or a browser.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(ARGUMENTS);
        all.addAll(List.of(arguments));
        all.add("--user-data-dir=" + profile.toAbsolutePath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(all);
        // The page's console, read when a page stays blank.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new Chromium(driver, profile);
    }

    /** The title of the embedded simulator's CIS2 sign-in page. */
    public static final String CIS2_SIGN_IN_TITLE = "NHS CIS2 (simulated)";

    /**
     * Opens {@code pageUrl} signed in as {@code user} (a simulated smartcard user: {@code coordinator},
     * {@code analyst}, {@code no-role}...): when the application sends the browser to the simulator's
     * CIS2 sign-in page, inserts that user's smartcard there and waits until the browser has left
     * it. A browser already signed in just opens the page.
     */
    public static void signIn(WebDriver driver, String pageUrl, String user) {
        driver.get(pageUrl);
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        // Either the sign-in page or, for a signed-in browser, the page itself (off the simulator's paths).
        wait.until(d -> onSignInPage(d) || !d.getCurrentUrl().contains("/ers-sim/") && !d.getCurrentUrl().contains("/oauth2/"));
        if (!onSignInPage(driver)) {
            return;
        }
        chooseSmartcard(driver, user);
        wait.until(d -> !onSignInPage(d) && !d.getCurrentUrl().contains("/login/oauth2/"));
    }

    /** On the simulator's CIS2 sign-in page, inserts {@code user}'s smartcard (the card that names them in brackets). */
    public static void chooseSmartcard(WebDriver driver, String user) {
        WebElement card = driver.findElement(By.xpath("//form[.//input[@name='user'] and contains(., '(" + user + ")')]"));
        card.findElement(By.cssSelector("button[type='submit']")).click();
    }

    public static boolean onSignInPage(WebDriver driver) {
        return driver.getCurrentUrl().contains("/ers-sim/cis2/sign-in") && driver.getTitle().contains(CIS2_SIGN_IN_TITLE);
    }

    /** Signs out through the application's sign-out page ({@code baseUrl/logout}) and waits for the signed-out page. */
    public static void signOut(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/logout");
        driver.findElement(By.id("sign-out")).click();
        new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> d.getCurrentUrl().startsWith(baseUrl + "/signed-out"));
    }

    /**
     * Starts a referral from the page the browser shows, as the page's own scripts would (same origin,
     * the signed-in session): POSTs {@code request} as JSON to {@code /api/referrals}; the HTTP status.
     */
    public static Object startReferralFromPage(WebDriver driver, Map<String, Object> request) {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/referrals', {method: 'POST', headers: {'Content-Type': 'application/json',"
                        + " 'Accept': 'application/json'}, body: JSON.stringify(arguments[0])})"
                        + ".then(r => done(r.status)).catch(e => done(String(e)));", request);
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    /** Deletes a directory and what it holds; what cannot be deleted stays (temp files are harmless). */
    public static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // left behind
        }
    }
}
