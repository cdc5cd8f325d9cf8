package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cis2} mode over HTTP: each call carries its acting person's token and chosen role; A004
 * goes with the application's token; a call with nobody able to act is not sent at all.
 */
class ActingPersonCallsTest extends ErsClientTestSupport {

    private static final String PERSON = "555000000105";
    private static final String PERSON_TOKEN = "person-token-105";
    private static final String APPLICATION_TOKEN = "application-token";
    private static final ErsCall AS_PERSON = new ErsCall("pid-42", "Task_CreateReferral", PERSON);

    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, ErsRole> roles = new HashMap<>();
    private final List<String> refused = new ArrayList<>();

    private final ErsPeople people = new ErsPeople() {
        @Override
        public Optional<String> accessToken(String userId) {
            return Optional.ofNullable(tokens.get(userId));
        }

        @Override
        public Optional<ErsRole> chosenRole(String userId) {
            return Optional.ofNullable(roles.get(userId));
        }

        @Override
        public void tokenRefused(String userId) {
            refused.add(userId);
            tokens.remove(userId);
        }
    };

    @BeforeEach
    void actingPersonClient() {
        tokens.put(PERSON, PERSON_TOKEN);
        roles.put(PERSON, new ErsRole("REFERRING_CLINICIAN_ADMIN", "RXB", "Brook Practice"));
        ErsProperties properties = new ErsProperties(server.baseUrl(), "R69", "REFERRING_CLINICIAN", "021600556514",
                ErsProperties.TRIAGE_CREATE_THEN_SEND, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofHours(1),
                20, 3, new ErsProperties.Auth("cis2", null));
        client = FeignErsClient.create(properties, FHIR,
                new ActingPersonAuthentication(() -> APPLICATION_TOKEN, people), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aReferralCallCarriesThePersonsTokenAndChosenRoleNotTheConfiguredOne() {
        server.onFhir("GET", "/STU3/ReferralRequest/000000070000", 200,
                example("stu3/retrieveReferralRequest/responses/Unbooked.json"));

        client.retrieveReferral(AS_PERSON, "000000070000");

        ErsTestServer.Recorded request = server.only("GET", "/STU3/ReferralRequest/000000070000");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + PERSON_TOKEN);
        assertThat(request.header("NHSD-eRS-Business-Function")).isEqualTo("REFERRING_CLINICIAN_ADMIN");
        assertThat(request.header("NHSD-End-User-Organisation-ODS")).isEqualTo("RXB");
        assertThat(client.chosenRole(AS_PERSON)).contains(new ErsRole("REFERRING_CLINICIAN_ADMIN", "RXB", "Brook Practice"));
    }

    @Test
    void followUpCallsActAsThePersonAndAreNotSentWithoutOne() {
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.fetchworklist", 200,
                example("stu3/retrieveWorklist/responses/AwaitingBooking.json"));
        server.onFhir("GET", "/STU3/Task", 200, example("stu3/availableActionsForUserList/WithCancelReferral.json"));
        server.onFhir("GET", "/STU3/Appointment/70000", 200, example("stu3/retrieveAppointment/responses/BookedDBS.json"));

        client.fetchWorklist(AS_PERSON, WorklistType.AWAITING_BOOKING);
        client.availableActions(AS_PERSON, "000000070005", "6");
        client.retrieveAppointment(AS_PERSON, "70000");

        assertThat(server.requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + PERSON_TOKEN);
            assertThat(request.header("NHSD-eRS-Business-Function")).isEqualTo("REFERRING_CLINICIAN_ADMIN");
            assertThat(request.header("NHSD-End-User-Organisation-ODS")).isEqualTo("RXB");
        });
        ErsCall nobody = new ErsCall("pid-42", "Task_CancelAppointment");
        assertThat(catchThrowableOfType(() -> client.fetchWorklist(nobody, WorklistType.AWAITING_BOOKING),
                ErsException.SignInNeeded.class)).hasMessageContaining("A008");
        assertThat(catchThrowableOfType(() -> client.retrieveAppointment(nobody, "70000"),
                ErsException.SignInNeeded.class)).hasMessageContaining("A038");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void referenceDataGoesWithTheApplicationsOwnToken() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");

        client.retrieveCodeSystem(new ErsCall("input-check", "StartEvent_ReferralRequested"), "SPECIALTY");

        assertThat(server.only("GET", "/STU3/CodeSystem/SPECIALTY").header("Authorization"))
                .isEqualTo("Bearer " + APPLICATION_TOKEN);
    }

    @Test
    void withoutAPersonOrTheirTokenOrTheirRoleNothingIsSent() {
        ErsException.SignInNeeded nobody = catchThrowableOfType(
                () -> client.retrieveReferral(new ErsCall("pid-42", "Task_CreateReferral"), "000000070000"),
                ErsException.SignInNeeded.class);
        assertThat(nobody).hasMessageContaining("No coordinator acts in this referral yet");

        roles.remove(PERSON);
        ErsException.SignInNeeded noRole = catchThrowableOfType(() -> client.retrieveReferral(AS_PERSON, "000000070000"),
                ErsException.SignInNeeded.class);
        assertThat(noRole).hasMessageContaining("has not chosen an e-RS role");

        tokens.remove(PERSON);
        ErsException.SignInNeeded noToken = catchThrowableOfType(() -> client.retrieveReferral(AS_PERSON, "000000070000"),
                ErsException.SignInNeeded.class);
        assertThat(noToken).hasMessageContaining("User " + PERSON + " has no usable e-RS sign-in");

        assertThat(server.requests()).isEmpty();
        assertThat(refused).as("a call not sent refuses no token").isEmpty();
    }

    @Test
    void rolesAreAskedForWithTheTokenAloneBeforeAnyIsChosen() {
        roles.remove(PERSON);
        server.onFhir("GET", "/R4/PractitionerRole", 200,
                example("r4/retrieveBusinessFunctions/responses/PractitionerRoleBundle.json"));

        assertThat(client.retrieveRoles(AS_PERSON)).isNotEmpty();

        ErsTestServer.Recorded request = server.only("GET", "/R4/PractitionerRole");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + PERSON_TOKEN);
        assertThat(request.header("NHSD-eRS-Business-Function")).as("no role yet, and not the configured one").isNull();
        assertThat(request.header("NHSD-End-User-Organisation-ODS")).isNull();
    }

    @Test
    void aTokenE_RSRefusesIsForgotten() {
        server.onFhir("GET", "/STU3/ReferralRequest/000000070000", 401,
                example("stu3/retrieveReferralRequest/responses/Unbooked.json"));

        assertThat(catchThrowableOfType(() -> client.retrieveReferral(AS_PERSON, "000000070000"),
                ErsException.Unauthorised.class)).isNotInstanceOf(ErsException.SignInNeeded.class);

        assertThat(refused).containsExactly(PERSON);
        assertThat(catchThrowableOfType(() -> client.retrieveReferral(AS_PERSON, "000000070000"),
                ErsException.SignInNeeded.class)).isNotNull();
    }
}
