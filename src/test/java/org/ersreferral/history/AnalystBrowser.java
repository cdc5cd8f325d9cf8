package org.ersreferral.history;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.ersreferral.testsupport.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analyst page in Debian's headless Chromium through Debian's chromedriver (never one Selenium
 * Manager would download), signed in through the simulated NHS CIS2, as a person's browser is.
 */
final class AnalystBrowser implements AutoCloseable {

    static final Duration WAIT = Chromium.WAIT;
    static final Path SCREENSHOTS = Chromium.SCREENSHOTS;

    private final Chromium chromium;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private AnalystBrowser(Chromium chromium) {
        this.chromium = chromium;
        this.driver = chromium.driver();
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
    }

    static AnalystBrowser open(int width, int height) {
        return new AnalystBrowser(Chromium.start(java.util.Map.of(), "--lang=en-GB", "--window-size=" + width + "," + height));
    }

    @Override
    public void close() {
        chromium.close();
    }

    /** Opens an address of the application, e.g. {@code /analytics}, signed in as this simulated smartcard user. */
    void signInAs(String user, int port, String path) {
        Chromium.signIn(driver, "http://127.0.0.1:" + port + path, user);
    }

    void open(int port, String path) {
        driver.get("http://127.0.0.1:" + port + path);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no page: " + e.getMessage() + ")";
        }
    }

    String pageSource() {
        return driver.getPageSource();
    }

    /** The text alternative of the chart in this box: its SVG title and description. */
    String chartText(String boxId) {
        return (String) script("var svg = document.querySelector('#' + arguments[0] + ' svg');"
                + "return svg ? svg.querySelector('title').textContent + ': ' + svg.querySelector('desc').textContent : null;", boxId);
    }

    /** What the chart in this box tells assistive technology: the texts its aria-labelledby and aria-describedby name. */
    String chartAccessibleText(String boxId) {
        return (String) script("var svg = document.querySelector('#' + arguments[0] + ' svg');"
                + "return [svg.getAttribute('aria-labelledby'), svg.getAttribute('aria-describedby')].map(function (id) {"
                + "  return document.getElementById(id).textContent; }).join(' | ');", boxId);
    }

    List<String> optionLabels(By select) {
        return new Select(visible(select)).getOptions().stream().map(WebElement::getText).toList();
    }

    void select(By select, String label) {
        new Select(visible(select)).selectByVisibleText(label);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    WebElement visible(By by) {
        WebElement[] found = new WebElement[1];
        until(by + " to be visible", d -> {
            for (WebElement element : d.findElements(by)) {
                try {
                    if (element.isDisplayed()) {
                        found[0] = element;
                        return true;
                    }
                } catch (StaleElementReferenceException gone) {
                    // re-rendered: look again
                }
            }
            return false;
        });
        return found[0];
    }

    void type(By field, String text) {
        WebElement input = visible(field);
        input.clear();
        input.sendKeys(text);
    }

    void click(By by) {
        until(by + " to be clickable", d -> {
            for (WebElement element : d.findElements(by)) {
                try {
                    if (element.isDisplayed() && element.isEnabled()) {
                        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
                        element.click();
                        return true;
                    }
                } catch (StaleElementReferenceException | org.openqa.selenium.ElementClickInterceptedException busy) {
                    // re-rendered or covered for a moment: try again
                }
            }
            return false;
        });
    }

    void awaitText(By where, String text) {
        until("'" + text + "' in " + where, d -> {
            try {
                return d.findElements(where).stream().anyMatch(e -> e.isDisplayed() && e.getText().contains(text));
            } catch (StaleElementReferenceException gone) {
                return false;
            }
        });
    }

    void until(String what, ExpectedCondition<Boolean> condition) {
        try {
            wait.withMessage(() -> "waiting for " + what).until(condition);
        } catch (TimeoutException e) {
            screenshot("analytics-timeout");
            throw new TimeoutException("Waited " + WAIT.toSeconds() + " s for " + what + "; page text:\n" + bodyText(), e);
        }
    }

    /** Saves a PNG of the whole page (not only the window) under target/screenshots. */
    Path screenshot(String name) {
        Path target = SCREENSHOTS.resolve(name + ".png");
        Object height = script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        var size = driver.manage().window().getSize();
        try {
            int pageHeight = Math.min(6000, ((Number) height).intValue() + 140);
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), Math.max(size.getHeight(), pageHeight)));
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot " + target + ": " + e);
        } finally {
            driver.manage().window().setSize(size);
        }
        return target;
    }
}
