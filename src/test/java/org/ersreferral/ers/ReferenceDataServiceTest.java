package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.Test;

/** A004 is asked once per code system per TTL, and its url is what requests carry. */
class ReferenceDataServiceTest extends ErsClientTestSupport {

    private final TestClock clock = TestClock.at(NOW);

    @Test
    void codeSystemIsCachedForTheTtlThenFetchedAgain() {
        FeignErsClient cached = FeignErsClient.create(properties("REFERRING_CLINICIAN", null, Duration.ofSeconds(5)),
                FHIR, ErsAccessTokenProvider.staticToken(TOKEN), clock);
        serveCodeSystem("PRIORITY", "PriorityCodeSystem.json");
        ReferenceDataService referenceData = cached.referenceData();

        referenceData.codeSystem(CALL, "PRIORITY");
        clock.set(NOW.plus(Duration.ofMinutes(59)));
        CodeSystemView stillCached = referenceData.codeSystem(CALL, "PRIORITY");
        assertThat(server.requests()).hasSize(1);

        clock.set(NOW.plus(Duration.ofMinutes(61)));
        referenceData.codeSystem(CALL, "PRIORITY");
        assertThat(server.requests()).hasSize(2);
        assertThat(stillCached.url()).isEqualTo(server.baseUrl() + "/STU3/CodeSystem/PRIORITY");
    }

    @Test
    void eachCodeSystemIsCachedOnItsOwn() {
        serveCodeSystem("PRIORITY", "PriorityCodeSystem.json");
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");

        assertThat(client.referenceData().systemUrl(CALL, "SPECIALTY"))
                .isEqualTo(server.baseUrl() + "/STU3/CodeSystem/SPECIALTY");
        assertThat(client.referenceData().systemUrl(CALL, "PRIORITY"))
                .isEqualTo(server.baseUrl() + "/STU3/CodeSystem/PRIORITY");
        client.referenceData().systemUrl(CALL, "SPECIALTY");

        assertThat(server.requests()).extracting(ErsTestServer.Recorded::path).containsExactly(
                ErsTestServer.CONTEXT + "/STU3/CodeSystem/SPECIALTY", ErsTestServer.CONTEXT + "/STU3/CodeSystem/PRIORITY");
    }

    @Test
    void retiredConceptsAreLeftOutAsOfToday() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        clock.set(Instant.parse("2008-05-08T12:00:00Z")); // ADULT_MENTAL_ILLNESS was retired on 2008-05-09
        FeignErsClient in2008 = FeignErsClient.create(properties("REFERRING_CLINICIAN", null, Duration.ofSeconds(5)),
                FHIR, ErsAccessTokenProvider.staticToken(TOKEN), clock);

        assertThat(in2008.retrieveCodeSystem(CALL, "SPECIALTY").contains("ADULT_MENTAL_ILLNESS")).isTrue();
        assertThat(client.retrieveCodeSystem(CALL, "SPECIALTY").contains("ADULT_MENTAL_ILLNESS")).isFalse();
    }

    @Test
    void aClinicTypeKnowsItsSpecialty() {
        serveCodeSystem("CLINIC-TYPE", "ClinicTypeCodeSystem.json");

        CodeSystemView clinicTypes = client.retrieveCodeSystem(CALL, "CLINIC-TYPE");

        assertThat(clinicTypes.concepts()).contains(new CodeSystemView.Concept("ALLERGY_1", "Allergy", "ALLERGY"));
        assertThat(clinicTypes.concepts()).allSatisfy(c -> assertThat(c.specialty()).as(c.code()).isNotBlank());
    }
}
