package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ersreferral.benchmark.PlainLoop;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's plain loop against the shared application's embedded simulator over HTTP: each
 * referral makes the e-RS calls the process makes on its path (booked, deferred, triage, patient
 * books), reference data comes from the client's cache, and the summary line the benchmark reads adds up.
 */
class PlainLoopTest extends LiveReferralTest {

    private static final Pattern RESULT = Pattern.compile(
            PlainLoop.RESULT + " referrals=(\\d+) failed=(\\d+) calls=(\\d+) wallMs=(\\d+) cpuMs=(\\d+)");

    @Test
    void makesEachReferralsCallsWithTheProductionClient() {
        String token = coordinatorErsToken();
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
        // Three pages of free slots (20, 20, 10) at the booked service: the process reads up to three.
        assertThat(app.put("/ers-sim/admin/services/11002/free-slots", "admin", "{\"count\": 50}").status()).isEqualTo(200);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = PlainLoop.run(new String[] {"--referrals=4", "--coordinators=2", "--warmup=1",
                "--ers.base-url=http://localhost:" + port + "/ers-sim/FHIR", "--ers.business-function=REFERRING_CLINICIAN_ADMIN",
                "--ers.referring-clinician=" + DemoUserErsAccessTest.SIMULATOR_GP},
                Map.of("ERS_ACCESS_TOKEN", token), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(output).isZero();
        Matcher result = RESULT.matcher(output);
        assertThat(result.find()).as(output).isTrue();
        assertThat(result.group(1)).isEqualTo("4");
        assertThat(result.group(2)).isEqualTo("0");
        // One referral of each path: A030, A010, A011, A019 and A005 each; booking and deferral A016 too, after
        // three pages of slots and one empty page; triage A016.
        assertThat(result.group(3)).isEqualTo(Integer.toString(4 * 5 + 3 + 1 + 2 + 1));
        assertThat(output).contains("byOperation=A005:4,A010:4,A011:4,A015:4,A016:3,A019:4,A030:4");
        assertThat(Long.parseLong(result.group(4))).isPositive();
        assertThat(Long.parseLong(result.group(5))).isPositive();
        assertThat(output).doesNotContain(token);

        JsonNode calls = app.get("/ers-sim/admin/calls", "admin").json();
        assertThat(calls.get("A011").asInt()).as("warm-up and timed referrals").isEqualTo(5);
        assertThat(calls.get("A019").asInt()).isEqualTo(5);
        assertThat(calls.get("A016").asInt()).as("two bookings, a deferral, a triage").isEqualTo(4);
        assertThat(calls.has("A020")).as("letters are added later").isFalse();
        // Three code systems, each read once and then taken from the client's cache.
        assertThat(calls.get("A004").asInt()).isEqualTo(3);
        // The busiest second as e-RS would count it: at least the share of the 45-odd calls that fell in one second,
        // for administrators only.
        JsonNode busiest = app.get("/ers-sim/admin/calls/busiest-second", "admin").json();
        long total = 0;
        for (JsonNode count : calls) {
            total += count.asLong();
        }
        assertThat(busiest.get("calls").asLong()).isPositive().isLessThanOrEqualTo(total);
        assertThat(busiest.get("second").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(app.get("/ers-sim/admin/calls/busiest-second", null).status()).isEqualTo(401);
        assertThat(app.get("/ers-sim/admin/calls/busiest-second", "coordinator").status()).isEqualTo(403);
        assertThat(app.get("/ers-sim/admin/referrals", "admin").json()).hasSize(5)
                .filteredOn(referral -> referral.get("status").asText().equals("BOOKED")).hasSize(2);
    }
}
