package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.Chromium;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The cross-site attack as it happens: an administrator's Chromium holds basic credentials for the
 * application; a page of another origin posts a form and a credentialed fetch to the simulator's
 * reset. Both reach the server and are refused; the simulator keeps its state. The same browser's
 * own same-origin request succeeds, so the refusal is the other origin's, not a missing sign-in.
 */
@ExtendWith(OutputCaptureExtension.class)
class CrossSiteBrowserTest extends RunningApplicationTest {

    static final Path SCREENSHOTS = Chromium.SCREENSHOTS;
    static final Duration WAIT = Chromium.WAIT;
    static final String REFUSED_LOG = "Refused a cross-site request: POST /ers-sim/admin/reset";

    private LiveApplication app;
    private HttpServer attacker;
    private Chromium chromium;
    private ChromeDriver driver;

    @BeforeEach
    void attackerSiteAndBrowser() throws IOException {
        Chromium.require();
        app = new LiveApplication(port);
        String target = "http://localhost:" + port + "/ers-sim/admin/reset";
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page(attacker, "/form", "<!DOCTYPE html><html><head><title>Win a prize</title></head><body>"
                + "<form id=\"f\" method=\"post\" action=\"" + target + "\"><input type=\"hidden\" name=\"x\" value=\"1\"></form>"
                + "<script>document.getElementById('f').submit();</script></body></html>");
        page(attacker, "/fetch", "<!DOCTYPE html><html><head><title>loading</title></head><body><script>"
                + "fetch('" + target + "', {method: 'POST', credentials: 'include', mode: 'no-cors', body: '{}'})"
                + ".then(function () { document.title = 'sent'; }, function (e) { document.title = 'failed ' + e; });"
                + "</script></body></html>");
        attacker.start();

        chromium = Chromium.start(java.util.Map.of(), "--lang=en-GB", "--window-size=1000,700");
        driver = chromium.driver();
    }

    @AfterEach
    void close() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    @Test
    void anotherSiteCannotUseTheAdministratorsSignedInBrowser(CapturedOutput output) {
        // Signed in: the browser keeps the basic credentials for the application's origin, as after its sign-in
        // prompt (people sign in with OpenID Connect; basic authentication remains for the simulator's control API).
        driver.get("http://admin:" + LiveApplication.PASSWORD + "@localhost:" + port + "/ers-sim/admin/faults");
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(org.openqa.selenium.By.tagName("body")).getText().startsWith("{"));
        // The address without the credentials: the browser sends the ones it keeps.
        driver.get("http://localhost:" + port + "/ers-sim/admin/faults");
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(org.openqa.selenium.By.tagName("body")).getText().startsWith("{"));
        // The application's own page may change state with those credentials: the attack would work without the filter.
        Object armed = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/ers-sim/admin/faults', {method: 'POST', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({operation: 'A030', status: 503, times: 1})})"
                + ".then(function (r) { done(r.status); }, function (e) { done('failed ' + e); });");
        assertThat(armed).isEqualTo(201L);
        assertThat(faults()).contains("A030");

        driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/form");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith("http://localhost:" + port + "/ers-sim/admin/reset"));
        String shown = driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
        screenshot("cross-site-form-refused");
        assertThat(shown).contains("cross-site request refused").contains("403");
        assertThat(faults()).as("the simulator was not reset").contains("A030");
        assertThat(count(output.getOut(), REFUSED_LOG)).isEqualTo(1);

        driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/fetch");
        new WebDriverWait(driver, WAIT).until(d -> !"loading".equals(d.getTitle()));
        screenshot("cross-site-fetch-refused");
        assertThat(driver.getTitle()).isEqualTo("sent");
        awaitRefusals(output, 2);
        assertThat(faults()).as("the simulator was not reset").contains("A030");
    }

    private String faults() {
        LiveApplication.Answer answer = app.get("/ers-sim/admin/faults", "admin");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static void awaitRefusals(CapturedOutput output, int expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count(output.getOut(), REFUSED_LOG) < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(count(output.getOut(), REFUSED_LOG)).isEqualTo(expected);
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }

    private void screenshot(String name) {
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void page(HttpServer server, String path, String html) {
        server.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }
}
