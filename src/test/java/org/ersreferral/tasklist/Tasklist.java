package org.ersreferral.tasklist;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist in Debian's headless Chromium, driven through Debian's chromedriver (never a
 * driver Selenium Manager would download), and the few gestures the referral tests need.
 */
final class Tasklist implements AutoCloseable {

    static final Duration WAIT = Chromium.WAIT;
    static final Path SCREENSHOTS = Chromium.SCREENSHOTS;
    /** Where Chromium saves downloads, one folder per browser. */
    static final Path DOWNLOADS = Path.of("target", "downloads");

    private static final AtomicInteger SHOT = new AtomicInteger();

    private final Chromium chromium;
    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String baseUrl;
    /** Names the screenshots; one browser serves the tests of a class one after another. */
    private String testName;
    private final Path downloads;
    /** Whether the engine has an open task whose name starts with this; the tests, which see the engine, say. */
    private Predicate<String> taskOpen = name -> true;

    private Tasklist(Chromium chromium, String baseUrl, String testName, Path downloads) {
        this.chromium = chromium;
        this.driver = chromium.driver();
        this.baseUrl = baseUrl;
        this.testName = testName;
        this.downloads = downloads;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
    }

    static Tasklist open(int port, String testName) {
        Path downloads = DOWNLOADS.resolve(testName).toAbsolutePath();
        try {
            Chromium.deleteQuietly(downloads);
            Files.createDirectories(downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Files (the patient letter PDF) are saved, not shown in the PDF viewer, and without asking.
        Chromium chromium = Chromium.start(java.util.Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "plugins.always_open_pdf_externally", true), "--window-size=1400,1000");
        return new Tasklist(chromium, "http://localhost:" + port, testName, downloads);
    }

    @Override
    public void close() {
        chromium.close();
    }

    /**
     * Hands the browser to the next test of the class: screenshots carry its name, and it starts on
     * Tasklist's start page (signed in again if the session has gone).
     */
    void nextTest(String testName, String user) {
        this.testName = testName;
        // Signed in again (through the simulated CIS2) only if the session has gone.
        Chromium.signIn(driver, baseUrl + "/camunda/app/tasklist/default/", user);
        awaitStartPage();
        // Tasklist has finished loading once the chosen filter shows its count; a dialog opened
        // earlier can lose a click to the page still rendering.
        until("the chosen filter to show its task count", d -> {
            for (WebElement counter : d.findElements(By.cssSelector(".counter"))) {
                try {
                    if (counter.isDisplayed() && counter.getText().trim().matches("\\d+")) {
                        return true;
                    }
                } catch (StaleElementReferenceException gone) {
                    // re-rendered: look again
                }
            }
            return false;
        });
    }

    // --- signing in and starting --------------------------------------------------------------

    /** Signs in to Tasklist through the simulated CIS2 page, inserting {@code user}'s smartcard. */
    void login(String user) {
        Chromium.signIn(driver, baseUrl + "/camunda/app/tasklist/default/", user);
        screenshot("signed-in");
        awaitStartPage();
        // Keep every request of this single-page app for a timeout's report (the browser keeps 250 by default).
        ((JavascriptExecutor) driver).executeScript("performance.setResourceTimingBufferSize(100000);");
    }

    /**
     * Waits for Tasklist's start page, {@link #WAIT} in all. Tasklist starts only once every module it
     * imports at start (its own and config.js's custom scripts) has loaded; one lost import leaves the
     * page blank for good, and a person would load it again. So a page still blank after half the wait
     * is reported (address, console, every resource it loaded) and loaded once more, unless the console
     * shows one of our own scripts failing (other than by a lost connection): a reload could hide that
     * fault, so the test fails with it.
     */
    private void awaitStartPage() {
        By startProcess = By.xpath("//a[contains(normalize-space(.),'Start process')]");
        ExpectedCondition<Boolean> started = d -> !d.findElements(startProcess).isEmpty();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            new WebDriverWait(driver, WAIT.dividedBy(2), Duration.ofMillis(200)).until(started);
            return;
        } catch (TimeoutException notYet) {
            if (bodyText().isBlank()) {
                screenshot("blank-tasklist");
                List<LogEntry> console = driver.manage().logs().get(LogType.BROWSER).getAll();
                List<String> oursFailing = console.stream()
                        .filter(entry -> entry.getLevel().equals(Level.SEVERE) && OUR_SCRIPT.matcher(entry.getMessage()).find())
                        .map(LogEntry::getMessage).toList();
                // A connection lost on the way (net::ERR_...) is the network's, not our script's: that one is loaded again.
                boolean lostOnTheWay = console.stream().anyMatch(entry -> entry.getMessage().contains("net::ERR_")
                        && OUR_SCRIPT.matcher(entry.getMessage()).find());
                if (!oursFailing.isEmpty() && !lostOnTheWay) {
                    throw new AssertionError("Tasklist stayed blank and one of our scripts failed: " + oursFailing + "\n"
                            + pageState(console));
                }
                System.err.println("Tasklist still blank after " + WAIT.dividedBy(2).toSeconds() + " s; loading it again. "
                        + pageState(console));
                driver.navigate().refresh();
            }
        }
        Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
        until("Tasklist", started, new WebDriverWait(driver, left, Duration.ofMillis(200)));
    }

    /**
     * Where a console message names one of our scripts in Tasklist: config.js and the custom scripts it
     * loads (its {@code customScripts}).
     */
    private static final Pattern OUR_SCRIPT = Pattern.compile(
            "/(?:config|sign-out|referral-context|my-referrals-link|next-task)\\.js\\b");

    /** Where the page is, how far it loaded, what its console said and every resource it asked for: what a blank page was waiting on. */
    String pageState() {
        try {
            return pageState(driver.manage().logs().get(LogType.BROWSER).getAll());
        } catch (RuntimeException e) {
            return pageState(List.of()) + " (console not readable: " + e.getMessage() + ")";
        }
    }

    /** As {@link #pageState()}, with the console already read (reading it empties it). */
    private String pageState(List<LogEntry> console) {
        StringBuilder state = new StringBuilder();
        try {
            state.append("address: ").append(driver.getCurrentUrl()).append("; ready state: ")
                    .append(((JavascriptExecutor) driver).executeScript("return document.readyState"))
                    // the page's own answer: an empty error page looks as blank as scripts that never started
                    .append("; page answered: ").append(((JavascriptExecutor) driver).executeScript(
                            "const n = performance.getEntriesByType('navigation')[0];"
                                    + " return n ? (n.responseStatus || '?') + ' in ' + Math.round(n.duration) + ' ms' : '?'"));
            state.append("\nconsole:");
            console.forEach(entry -> state.append("\n  ").append(entry.getLevel()).append(' ').append(entry.getMessage()));
            state.append("\nresources:\n").append(((JavascriptExecutor) driver).executeScript(
                    "return performance.getEntriesByType('resource')"
                            + ".map(e => '  ' + Math.round(e.startTime) + '+' + Math.round(e.duration) + ' '"
                            + " + (e.responseStatus || '?') + ' ' + e.name.replace(location.origin, '')).join('\\n')"));
        } catch (RuntimeException e) {
            state.append(" (not readable: ").append(e.getMessage()).append(')');
        }
        return state.toString();
    }

    /** Opens the start form of the process with this name in the "Start process" dialog. */
    void openStartForm(String processName) {
        click(By.xpath("//a[contains(normalize-space(.),'Start process')]"));
        By process = By.xpath("//div[contains(@class,'modal')]//a[normalize-space(.)='" + processName + "']");
        By form = By.cssSelector(".modal .fjs-form");
        click(process);
        // The dialog may draw its list of processes again while it loads, and a click on the list it
        // replaces is lost: while the list is still shown and no form, choose the process again.
        long[] lastClick = {System.nanoTime()};
        until("the start form of " + processName, d -> {
            if (d.findElements(form).stream().anyMatch(WebElement::isDisplayed)) {
                return true;
            }
            if (System.nanoTime() - lastClick[0] > Duration.ofSeconds(3).toNanos()) {
                for (WebElement link : d.findElements(process)) {
                    try {
                        if (link.isDisplayed()) {
                            link.click();
                            lastClick[0] = System.nanoTime();
                            break;
                        }
                    } catch (StaleElementReferenceException | org.openqa.selenium.ElementClickInterceptedException redrawn) {
                        // drawn again meanwhile: the next look finds the new one
                    }
                }
            }
            return false;
        });
    }

    /** Presses Start in the start dialog. */
    void pressStart() {
        click(By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='Start']"));
    }

    /** Whether the start dialog's Start button can be pressed (Tasklist disables it while the form shows a problem). */
    boolean startButtonEnabled() {
        return visible(By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='Start']")).isEnabled();
    }

    void awaitStartDialogClosed() {
        until("the start dialog to close", d -> d.findElements(By.cssSelector(".modal-dialog")).isEmpty());
    }

    // --- tasks --------------------------------------------------------------------------------

    /** Tells the browser how to see in the engine whether a task is open, so it reloads the list only once it is. */
    void seeOpenTasksBy(Predicate<String> taskOpen) {
        this.taskOpen = taskOpen;
    }

    /** Refreshes the task list until a task whose name starts with this appears, opens it and claims it unless it is claimed already. */
    void openAndClaimTask(String taskName) {
        By link = By.xpath("//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + taskName + "')]");
        if (driver.findElements(link).isEmpty()) {
            // While the job executor is still calling e-RS, a reload of the list only costs time.
            Await.until("task '" + taskName + "' in the engine", WAIT, () -> taskOpen.test(taskName));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (driver.findElements(link).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Task '" + taskName + "' did not appear in Tasklist within " + WAIT.toSeconds()
                        + " s; page text: " + bodyText());
            }
            driver.navigate().refresh();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(3), Duration.ofMillis(200))
                        .until(d -> !d.findElements(link).isEmpty());
            } catch (TimeoutException notYet) {
                // the job executor is still calling e-RS: refresh again
            }
        }
        click(link);
        // After a completion Tasklist opens the referral's next task already claimed (next-task.js): claim only if it is not.
        By claim = By.xpath("//button[normalize-space(.)='Claim']");
        By complete = By.xpath("//button[normalize-space(.)='Complete']");
        until("the task's form to open", d -> !d.findElements(complete).isEmpty());
        if (!driver.findElements(claim).isEmpty()) {
            click(claim);
        }
        // Claimed: the form can be completed.
        until("the task to be claimed", d -> !d.findElements(By.xpath("//button[normalize-space(.)='Complete']")).isEmpty()
                && d.findElements(By.xpath("//button[normalize-space(.)='Claim']")).isEmpty());
    }

    /**
     * Presses Complete. Rarely the press is lost: the form keeps its values, no request leaves the
     * page and no refusal shows (seen after Tasklist had just opened the task by itself). Then, once,
     * it is pressed again, and the report says so; a press that was answered is never repeated.
     */
    void pressComplete() {
        By complete = By.xpath("//button[normalize-space(.)='Complete']");
        String task = currentTaskInAddress();
        click(complete);
        if (task == null) {
            return;
        }
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(250)).until(d -> pressAnswered(task));
        } catch (TimeoutException lost) {
            boolean again = driver.findElements(complete).stream().anyMatch(b -> b.isDisplayed() && b.isEnabled());
            System.err.println("Complete pressed on task " + task + ": no request left the page in 10 s"
                    + (again ? "; pressed again" : "") + ". The page's last requests:\n" + recentRequests());
            if (again) {
                click(complete);
            }
        }
    }

    /** The task Tasklist shows now, from its address (#/?...&task=id). */
    private String currentTaskInAddress() {
        Object task = ((JavascriptExecutor) driver).executeScript(
                "const h = location.hash; const q = h.indexOf('?');"
                        + " return q < 0 ? null : new URLSearchParams(h.substring(q + 1)).get('task');");
        return task == null ? null : task.toString();
    }

    /** Whether a press of Complete on this task got somewhere: a request sent or answered, a refusal, or the task gone. */
    private boolean pressAnswered(String task) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const task = arguments[0];"
                        + " const sent = performance.getEntriesByType('resource').some(e => e.name.includes('/task/' + task + '/'"
                        + " ) && /\\/(submit-form|complete)(\\?|$)/.test(e.name));"
                        + " const working = document.querySelector(\"#next-task-status[data-state='WORKING']\") !== null;"
                        + " const refused = [...document.querySelectorAll('.notifications .alert-danger, .ers-letter-problem')].some(a => a.offsetParent !== null);"
                        + " const buttons = [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === 'Complete');"
                        + " const busy = buttons.length === 0 || buttons.some(b => b.disabled);"
                        + " const moved = new URLSearchParams((location.hash.split('?')[1]) || '').get('task') !== task;"
                        + " return sent || working || refused || busy || moved;", task));
    }

    /** Whether the open task's Complete button can be pressed (Tasklist disables it while the form shows a problem). */
    boolean completeButtonEnabled() {
        return visible(By.xpath("//button[normalize-space(.)='Complete']")).isEnabled();
    }

    /** Waits until the open task has gone from the list (completed). */
    void awaitTaskGone(String taskName) {
        By link = By.xpath("//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + taskName + "')]");
        until("task '" + taskName + "' to leave the list", d -> d.findElements(link).isEmpty());
    }

    // --- Camunda Forms (form-js) -----------------------------------------------------------------

    WebElement formField(String label) {
        return visible(By.xpath("//div[contains(@class,'fjs-form-field') and ./label[contains(normalize-space(.),'"
                + label + "')]]"));
    }

    void type(String label, String text) {
        WebElement input = formField(label).findElement(By.cssSelector("input, textarea"));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Chooses an option of a form-js select (a custom dropdown, not a native select) by its visible
     * label, ignoring case and spaces: lists from e-RS reference data write "Eczema/Dermatitis"
     * where a caller may write "eczema / dermatitis".
     */
    void select(String label, String option) {
        By field = By.xpath("//div[contains(@class,'fjs-form-field-select') and ./label[contains(normalize-space(.),'"
                + label + "')]]");
        By item = By.xpath("//div[contains(@class,'fjs-form-field-select') and ./label[contains(normalize-space(.),'"
                + label + "')]]//*[contains(@class,'fjs-dropdownlist-item') and contains(" + looseXPath("normalize-space(.)") + ",'"
                + loose(option) + "')]");
        visible(field);
        for (int attempt = 1; attempt <= 3; attempt++) {
            // A focused select opens on focus and closes again on the press: start from no focus.
            ((JavascriptExecutor) driver).executeScript("if (document.activeElement) { document.activeElement.blur(); }");
            click(new ByChained(field, By.cssSelector(".fjs-input-group")));
            try {
                new WebDriverWait(driver, Duration.ofSeconds(2), Duration.ofMillis(100))
                        .until(d -> !d.findElements(By.cssSelector(".fjs-dropdownlist")).isEmpty());
                break;
            } catch (TimeoutException notOpen) {
                // press again
            }
        }
        click(item);
        until("'" + option + "' to be chosen in " + label,
                d -> loose(d.findElement(field).findElement(By.cssSelector(".fjs-input-group")).getText()).contains(loose(option)));
    }

    /** The options a form-js select offers now, as shown; the list is closed again. */
    List<String> selectOptions(String label) {
        By field = By.xpath("//div[contains(@class,'fjs-form-field-select') and ./label[contains(normalize-space(.),'"
                + label + "')]]");
        visible(field);
        List<String> options = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 3 && options.isEmpty(); attempt++) {
            ((JavascriptExecutor) driver).executeScript("if (document.activeElement) { document.activeElement.blur(); }");
            click(new ByChained(field, By.cssSelector(".fjs-input-group")));
            try {
                new WebDriverWait(driver, Duration.ofSeconds(2), Duration.ofMillis(100))
                        .until(d -> !d.findElements(By.cssSelector(".fjs-dropdownlist .fjs-dropdownlist-item")).isEmpty());
                for (WebElement item : driver.findElements(By.cssSelector(".fjs-dropdownlist .fjs-dropdownlist-item"))) {
                    options.add(item.getText().trim());
                }
            } catch (TimeoutException notOpen) {
                // press again
            }
        }
        ((JavascriptExecutor) driver).executeScript("if (document.activeElement) { document.activeElement.blur(); }");
        return options;
    }

    /** Empties a form-js select with its ×. */
    void clearSelect(String label) {
        By field = By.xpath("//div[contains(@class,'fjs-form-field-select') and ./label[contains(normalize-space(.),'"
                + label + "')]]");
        click(new ByChained(field, By.cssSelector(".fjs-select-cross")));
        until(label + " to be empty", d -> d.findElement(field).findElements(By.cssSelector(".fjs-select-cross")).isEmpty());
    }

    /** The text in lower case without spaces. */
    private static String loose(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    }

    /** An XPath expression's text in lower case without spaces (translate() drops characters it has no replacement for). */
    private static String looseXPath(String expression) {
        return "translate(" + expression + ",'ABCDEFGHIJKLMNOPQRSTUVWXYZ ','abcdefghijklmnopqrstuvwxyz')";
    }

    /**
     * Ticks the checkbox (checklist or single checkbox) whose label contains this text; scrolled into
     * view first, as a long list puts it under Tasklist's footer.
     */
    void tick(String optionLabel) {
        By box = By.xpath("//div[contains(@class,'fjs-form-field')]//label[contains(normalize-space(.),'"
                + optionLabel + "')]//input[@type='checkbox']");
        if (!visible(box).isSelected()) {
            click(box);
        }
        until("'" + optionLabel + "' to be ticked", d -> d.findElement(box).isSelected());
    }

    /** Ticks or unticks the single checkbox whose label contains this text. */
    void setTicked(String optionLabel, boolean ticked) {
        WebElement box = visible(By.xpath("//div[contains(@class,'fjs-form-field')]//label[contains(normalize-space(.),'"
                + optionLabel + "')]//input[@type='checkbox']"));
        if (box.isSelected() != ticked) {
            box.click();
        }
        until("'" + optionLabel + "' to be " + (ticked ? "ticked" : "unticked"), d -> box.isSelected() == ticked);
    }

    boolean isTicked(String optionLabel) {
        return visible(By.xpath("//div[contains(@class,'fjs-form-field')]//label[contains(normalize-space(.),'"
                + optionLabel + "')]//input[@type='checkbox']")).isSelected();
    }

    /** Chooses the first option of the radio group with this label; answers its label. */
    String chooseFirstRadio(String groupLabel) {
        WebElement group = formField(groupLabel);
        WebElement radio = group.findElements(By.cssSelector("input[type='radio']")).get(0);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", radio);
        radio.click();
        until("a radio to be chosen", d -> radio.isSelected());
        return radio.findElement(By.xpath("ancestor::label")).getText();
    }

    /** Chooses the option with this label in the radio group with this label. */
    void chooseRadio(String groupLabel, String optionLabel) {
        WebElement radio = formField(groupLabel).findElement(By.xpath(
                ".//label[contains(normalize-space(.),'" + optionLabel + "')]//input[@type='radio']"));
        // Long forms put the lower options under Tasklist's footer until scrolled to.
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", radio);
        radio.click();
        until("'" + optionLabel + "' to be chosen", d -> radio.isSelected());
    }

    /** The message form-js shows under the field with this label when its own validation fails. */
    String fieldError(String label) {
        By error = By.xpath("//div[contains(@class,'fjs-form-field') and ./label[contains(normalize-space(.),'" + label
                + "')]]//*[contains(@class,'fjs-form-field-error')]");
        return awaitVisibleNonBlank(error).getText().trim();
    }

    /**
     * The message of the notification Tasklist shows when the server refuses a form (without its
     * heading, such as "An error happened while submitting the task form").
     */
    String notificationMessage() {
        return awaitVisibleNonBlank(NOTIFICATION_MESSAGE).getText().trim();
    }

    /** Tasklist's own notifications (not texts of the forms), their message part. */
    static final By NOTIFICATION_MESSAGE = By.xpath("//*[contains(@class,'alert') and not(ancestor::*[contains(@class,'fjs-form')])]"
            + "//*[contains(concat(' ', normalize-space(@class), ' '), ' message ')]");

    private WebElement awaitVisibleNonBlank(By where) {
        WebElement[] found = new WebElement[1];
        until("a message in " + where, d -> {
            for (WebElement element : d.findElements(where)) {
                try {
                    if (element.isDisplayed() && !element.getText().isBlank()) {
                        found[0] = element;
                        return true;
                    }
                } catch (StaleElementReferenceException gone) {
                    // re-rendered: look again
                }
            }
            return false;
        });
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", found[0]);
        return found[0];
    }

    /** The message the embedded letter form shows when it refuses the chosen files. */
    String letterFormProblem() {
        return awaitVisibleNonBlank(By.cssSelector("form.ers-attach-referral-letter .ers-letter-problem")).getText().trim();
    }

    // --- embedded form ------------------------------------------------------------------------

    void chooseFile(String inputId, Path file) {
        WebElement input = present(By.id(inputId));
        input.sendKeys(file.toAbsolutePath().toString());
        until("the file to be chosen", d -> file.getFileName().toString().equals(
                ((JavascriptExecutor) d).executeScript("return arguments[0].files.length ? arguments[0].files[0].name : null;", input)));
    }

    /** Ticks a checkbox of the embedded (HTML) letter form by its label. */
    void tickEmbedded(String label) {
        WebElement box = visible(By.xpath("//form[contains(@class,'ers-attach-referral-letter')]//label[contains(normalize-space(.),'"
                + label + "')]//input[@type='checkbox']"));
        if (!box.isSelected()) {
            box.click();
        }
        until("'" + label + "' to be ticked", d -> box.isSelected());
    }

    /**
     * Completes the embedded letter form. Its script reads chosen files asynchronously and refuses
     * a completion while one is still being read: then Complete is pressed again.
     */
    void completeLetterTask() {
        pressComplete();
        By problem = By.cssSelector("form.ers-attach-referral-letter .ers-letter-problem");
        until("the letter task to be completed", d -> {
            for (WebElement box : d.findElements(problem)) {
                try {
                    if (box.isDisplayed()) {
                        String text = box.getText();
                        if (text.contains("still being read")) {
                            pressComplete();
                            return false;
                        }
                        throw new AssertionError("The letter form refused the completion: " + text);
                    }
                } catch (StaleElementReferenceException gone) {
                    // the form is going away
                }
            }
            return d.findElements(By.cssSelector("form.ers-attach-referral-letter")).isEmpty();
        });
    }

    /** Chooses an option of a native select of an embedded (HTML) form, by the select's id and the option's text. */
    void chooseEmbeddedOption(String selectId, String optionText) {
        WebElement select = visible(By.id(selectId));
        new org.openqa.selenium.support.ui.Select(select).selectByVisibleText(optionText);
        until("'" + optionText + "' to be chosen", d -> optionText.equals(
                new org.openqa.selenium.support.ui.Select(select).getFirstSelectedOption().getText().trim()));
    }

    /**
     * Clicks a link that downloads a file and waits until Chromium has saved it completely under
     * this browser's download folder; answers the saved file.
     */
    Path download(By link) {
        // The folder serves every test of the class: only this click's file may be in it.
        try (var earlier = Files.list(downloads)) {
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        click(link);
        Path[] saved = new Path[1];
        until("a download to finish in " + downloads, d -> {
            try (var files = Files.list(downloads)) {
                List<Path> done = files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")
                        && !f.getFileName().toString().startsWith(".")).toList();
                try (var partial = Files.list(downloads)) {
                    if (done.size() == 1 && partial.noneMatch(f -> f.getFileName().toString().endsWith(".crdownload"))) {
                        saved[0] = done.get(0);
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        return saved[0];
    }

    // --- waiting and looking --------------------------------------------------------------------

    void awaitText(String text) {
        until("the page to show '" + text + "'", d -> bodyText().contains(text));
    }

    /** Waits for a visible element (notification, form message) whose text contains this. */
    WebElement awaitVisibleText(By where, String text) {
        WebElement[] found = new WebElement[1];
        until("'" + text + "' in " + where, d -> {
            for (WebElement element : d.findElements(where)) {
                try {
                    if (element.isDisplayed() && element.getText().contains(text)) {
                        found[0] = element;
                        return true;
                    }
                } catch (StaleElementReferenceException gone) {
                    // re-rendered: look again
                }
            }
            return false;
        });
        // In sight for the screenshot that usually follows.
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", found[0]);
        return found[0];
    }

    String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no page: " + e.getMessage() + ")";
        }
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

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    WebElement present(By by) {
        until(by + " to be present", d -> !d.findElements(by).isEmpty());
        return driver.findElement(by);
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
                    // re-rendered or covered for a moment (a closing dialog): try again
                }
            }
            return false;
        });
    }

    void until(String what, ExpectedCondition<Boolean> condition) {
        until(what, condition, wait);
    }

    private void until(String what, ExpectedCondition<Boolean> condition, WebDriverWait wait) {
        try {
            wait.withMessage(() -> "waiting for " + what).until(condition);
        } catch (TimeoutException e) {
            screenshot("timeout");
            String text = bodyText();
            throw new TimeoutException("Waited " + WAIT.toSeconds() + " s for " + what + "; page text:\n" + text
                    + (text.isBlank() ? "\n" + pageState() : "\nthe page's last requests:\n" + recentRequests()), e);
        }
    }

    /** The page's last requests to the application's APIs (time in ms since the page loaded, status, method-less address): what a timeout was waiting on. */
    String recentRequests() {
        try {
            Object lines = ((JavascriptExecutor) driver).executeScript(
                    "return performance.getEntriesByType('resource')"
                            + ".filter(e => e.name.includes('/api/'))"
                            + ".slice(-30)"
                            + ".map(e => Math.round(e.startTime) + '+' + Math.round(e.duration) + ' ' + (e.responseStatus || '?') + ' '"
                            + " + e.name.replace(location.origin, '')).join('\\n')");
            return String.valueOf(lines);
        } catch (RuntimeException e) {
            return "(not readable: " + e.getMessage() + ")";
        }
    }

    /** Saves a PNG of the whole window under target/screenshots. */
    Path screenshot(String what) {
        Path target = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", testName, SHOT.incrementAndGet(), what));
        try {
            File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot " + target + ": " + e);
        }
        return target;
    }

    String pageSource() {
        return driver.getPageSource();
    }

    /** Finds the second locator inside the first. */
    private record ByChained(By outer, By inner) {
    }

    private void click(ByChained chained) {
        until(chained.inner() + " in " + chained.outer() + " to be clickable", d -> {
            try {
                WebElement element = d.findElement(chained.outer()).findElement(chained.inner());
                if (element.isDisplayed()) {
                    ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
                    element.click();
                    return true;
                }
            } catch (org.openqa.selenium.NoSuchElementException | StaleElementReferenceException
                     | org.openqa.selenium.ElementClickInterceptedException notYet) {
                // not rendered yet
            }
            return false;
        });
    }
}
