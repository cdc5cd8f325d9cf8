package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;

class ShortlistCheckTest {

    static final String DIRECT = "11002";
    static final String INDIRECT = "11003";
    static final String TRIAGE = "50001";

    static List<FoundService> services() {
        List<FoundService> services = new ArrayList<>(List.of(
                service(DIRECT, "Good Cardiology Service", "DIRECTLY_BOOKABLE", false),
                service(INDIRECT, "Phone Cardiology Clinic", "INDIRECTLY_BOOKABLE", false),
                service(TRIAGE, "Cardiology Referral Assessment", "INDIRECTLY_BOOKABLE", true),
                service("50002", "Directly Bookable RAS", "DIRECTLY_BOOKABLE", true)));
        IntStream.rangeClosed(1, 21).forEach(i -> services.add(service("2" + i, "Service " + i, "DIRECTLY_BOOKABLE", false)));
        return services;
    }

    static FoundService service(String id, String name, String bookableType, boolean triage) {
        return new FoundService(id, name, name, bookableType, triage, null, null, null);
    }

    @Test
    void anEmptyShortlistIsRefused() {
        assertThat(ShortlistCheck.problem(List.of(), services(), null)).isEqualTo("Choose at least one service for the shortlist");
    }

    @Test
    void twentyServicesAreAllowedButNotTwentyOne() {
        List<String> twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "2" + i).toList();
        List<String> twentyOne = IntStream.rangeClosed(1, 21).mapToObj(i -> "2" + i).toList();

        assertThat(ShortlistCheck.problem(twenty, services(), null)).isNull();
        assertThat(ShortlistCheck.problem(twentyOne, services(), null))
                .isEqualTo("A shortlist holds at most 20 services; 21 were chosen");
    }

    @Test
    void aServiceChosenTwiceIsRefused() {
        assertThat(ShortlistCheck.problem(List.of(DIRECT, INDIRECT, DIRECT), services(), null)).isEqualTo("A service was chosen twice");
    }

    @Test
    void aServiceTheSearchDidNotFindIsRefused() {
        assertThat(ShortlistCheck.problem(List.of(DIRECT, "99999"), services(), null))
                .isEqualTo("Service 99999 was not among the services found for this patient");
        assertThat(ShortlistCheck.problem(List.of(DIRECT), List.of(), null))
                .isEqualTo("Service 11002 was not among the services found for this patient");
    }

    @Test
    void aTriageServiceMustBeAlone() {
        assertThat(ShortlistCheck.problem(List.of(DIRECT, TRIAGE), services(), null))
                .isEqualTo("A triage (RAS) service must be the only service on the shortlist");
        assertThat(ShortlistCheck.problem(List.of(TRIAGE), services(), null)).isNull();
    }

    @Test
    void theServiceToBookNowMustBeOnTheShortlistAndDirectlyBookable() {
        assertThat(ShortlistCheck.problem(List.of(DIRECT, INDIRECT), services(), DIRECT)).isNull();
        assertThat(ShortlistCheck.problem(List.of(INDIRECT), services(), DIRECT))
                .isEqualTo("The service to book now must be on the shortlist");
        assertThat(ShortlistCheck.problem(List.of(DIRECT, INDIRECT), services(), INDIRECT))
                .isEqualTo("Only a directly bookable service can be booked now; Phone Cardiology Clinic is not");
        assertThat(ShortlistCheck.problem(List.of("50002"), services(), "50002"))
                .isEqualTo("Only a directly bookable service can be booked now; Directly Bookable RAS is not");
    }

    @Test
    void completingWithATriageServiceMarksTheReferralForTriageAndKeepsTheShortlistAsJson() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.SERVICES.name(), services())
                .with(ReferralVariables.SHORTLIST.name(), "[\"" + TRIAGE + "\"]");

        new ShortlistCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.TRIAGE_SERVICE.name())).isEqualTo(true);
        assertThat(scope.stored(ReferralVariables.SHORTLIST.name())).isInstanceOf(JsonValue.class);
        assertThat(ReferralVariables.of(scope.execution()).get(ReferralVariables.SHORTLIST)).containsExactly(TRIAGE);
        assertThat(scope.variables).containsKey(ReferralVariables.BOOK_SERVICE_ID.name());
        assertThat(scope.value(ReferralVariables.BOOK_SERVICE_ID.name())).isNull();
    }

    @Test
    void completingWithAShortlistToBookKeepsTheServiceToBook() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.SERVICES.name(), services())
                .with(ReferralVariables.SHORTLIST.name(), List.of(DIRECT, INDIRECT))
                .with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT);

        new ShortlistCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.TRIAGE_SERVICE.name())).isEqualTo(false);
        assertThat(ReferralVariables.of(scope.execution()).get(ReferralVariables.SHORTLIST)).containsExactly(DIRECT, INDIRECT);
        assertThat(scope.value(ReferralVariables.BOOK_SERVICE_ID.name())).isEqualTo(DIRECT);
    }

    @Test
    void aBadChoiceKeepsTheTaskOpenWithTheProblem() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.SERVICES.name(), services())
                .with(ReferralVariables.SHORTLIST.name(), List.of(DIRECT, TRIAGE));

        assertThatThrownBy(() -> new ShortlistCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("A triage (RAS) service must be the only service on the shortlist");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.TRIAGE_SERVICE.name());
    }
}
