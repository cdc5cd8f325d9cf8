package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_APPOINTMENT_BOOKED;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SLOT;
import static org.ersreferral.process.ReferralProcess.TASK_SIGN_IN_AGAIN;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.ers.EmbeddedErsCredentials;
import org.ersreferral.security.tokens.DatabaseAuthorizedClientService;
import org.ersreferral.security.tokens.UserErsTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * A whole referral, with an e-RS refusal of the person's token (401, then a new sign-in) and an
 * incident on the way, leaves no token and no token key in the logs or anywhere in the database:
 * variables, history, incidents, job exceptions, the application's own tables. Only the person's
 * sealed tokens are stored, and a sealed value contains none of its plain text.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoTokenLeaksTest extends LiveReferralTest {

    /** Any JSON Web Token (access or ID token): header and payload are base64url JSON objects. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+");

    @Autowired
    DatabaseAuthorizedClientService storedTokens;
    @Autowired
    EmbeddedErsCredentials applicationTokens;
    @Autowired
    ManagementService managementService;
    @Autowired
    DataSource dataSource;
    @Autowired
    ApplicationContext context;

    private final Set<String> secrets = new LinkedHashSet<>();

    @Test
    void aFullRunLeavesNoTokenOrKeyInLogsOrTheDatabase(CapturedOutput output) throws Exception {
        secrets.add(applicationTokens.accessToken());
        secrets.addAll(keyForms());

        // e-RS refuses the person's token once: the referral waits for them to sign in again.
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A010", "status", 401, "times", 1,
                "delayMs", 0)).status()).isBetween(200, 204);
        ProcessInstance referral = start("no-leaks-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        awaitTask(referral, TASK_SIGN_IN_AGAIN);
        // Their next authenticated request signs them in to e-RS again (demo mode), which carries the referral on.
        assertThat(app.get("/api/referrals/no-leaks-1", "coordinator").status()).isEqualTo(200);
        rememberTokensOf("coordinator");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));

        // A step that fails with e-RS's words, made an incident at once.
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A015", "status", 500, "times", 20,
                "delayMs", 0)).status()).isBetween(200, 204);
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        Job failed = awaitFailedJob(referral);
        managementService.setJobRetries(failed.getId(), 0);
        assertThat(runtimeService.createIncidentQuery().count()).isPositive();
        assertThat(app.delete("/ers-sim/admin/faults", "admin").status()).isEqualTo(204);
        managementService.setJobRetries(failed.getId(), 1);

        String slotTask = awaitTask(referral, TASK_CHOOSE_SLOT).getId();
        taskService.complete(slotTask, Map.of("slotId", firstSlot(referral)));
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        rememberTokensOf("coordinator");
        assertThat(secrets).as("tokens were issued and kept").hasSizeGreaterThan(3);

        // The scan itself finds what it looks for: a planted access token, and any JWT.
        List<String> planted = new ArrayList<>();
        String accessToken = storedTokens.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, "coordinator")
                .getAccessToken().getTokenValue();
        scan("planted", "Authorization: Bearer " + accessToken, planted);
        assertThat(planted).containsExactly("planted: a JSON Web Token", "planted: a known token or the key");

        List<String> found = new ArrayList<>();
        scan("the log", output.getAll(), found);
        scanDatabase(found);
        assertThat(found).as("places where a token or the token key appears").isEmpty();
    }

    private Job awaitFailedJob(ProcessInstance referral) {
        Job[] job = new Job[1];
        await("a failed e-RS job", () -> {
            job[0] = managementService.createJobQuery().withException().list().stream()
                    .filter(j -> j.getExceptionMessage() != null).findFirst().orElse(null);
            return job[0] != null;
        }, referral);
        return job[0];
    }

    private void rememberTokensOf(String userId) {
        OAuth2AuthorizedClient client = storedTokens.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, userId);
        assertThat(client).as(userId + "'s e-RS tokens").isNotNull();
        secrets.add(client.getAccessToken().getTokenValue());
        if (client.getRefreshToken() != null) {
            secrets.add(client.getRefreshToken().getTokenValue());
        }
    }

    /** The token key as bytes would be written: base64, hex, and raw. */
    private List<String> keyForms() throws ReflectiveOperationException {
        Object cipher = context.getBean("tokenCipher");
        Field field = cipher.getClass().getDeclaredField("key");
        field.setAccessible(true);
        byte[] key = ((SecretKey) field.get(cipher)).getEncoded();
        return List.of(Base64.getEncoder().encodeToString(key), Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                HexFormat.of().formatHex(key), new String(key, StandardCharsets.ISO_8859_1));
    }

    private void scan(String where, String text, List<String> found) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (JWT.matcher(text).find()) {
            found.add(where + ": a JSON Web Token");
        }
        for (String secret : secrets) {
            if (secret.length() >= 16 && text.contains(secret)) {
                found.add(where + ": a known token or the key");
            }
        }
    }

    /** Every column of every table of the application's database (the engine's, the application's, the simulator's). */
    private void scanDatabase(List<String> found) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("ACT_GE_BYTEARRAY", "ACT_HI_VARINST", "ACT_RU_INCIDENT", "USER_ERS_TOKEN");
        for (String table : tables) {
            jdbc.query("SELECT * FROM \"" + table + "\"", rows -> {
                int columns = rows.getMetaData().getColumnCount();
                for (int i = 1; i <= columns; i++) {
                    Object value = rows.getObject(i);
                    String where = table + "." + rows.getMetaData().getColumnName(i);
                    if (value instanceof byte[] bytes) {
                        scan(where, new String(bytes, StandardCharsets.ISO_8859_1), found);
                    } else if (value instanceof Blob blob) {
                        scan(where, new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.ISO_8859_1), found);
                    } else if (value instanceof Clob clob) {
                        scan(where, clob.getSubString(1, (int) clob.length()), found);
                    } else if (value != null) {
                        scan(where, value.toString(), found);
                    }
                }
            });
        }
    }
}
