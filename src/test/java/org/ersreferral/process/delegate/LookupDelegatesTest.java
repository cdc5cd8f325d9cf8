package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.CodeSystemView.Concept;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.ers.ServiceOption;
import org.ersreferral.ers.ServiceSearch;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.FoundService;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.api.Test;

/** The steps before a referral exists: A030 {@link EstablishErsContextDelegate}, A004 {@link LoadReferenceDataDelegate}, A010 {@link SearchServicesDelegate}. */
class LookupDelegatesTest {

    static final String CONTEXT = ReferralProcess.TASK_ESTABLISH_ERS_CONTEXT;
    static final String REFERENCE = ReferralProcess.TASK_LOAD_REFERENCE_DATA;
    static final String SEARCH = ReferralProcess.TASK_SEARCH_SERVICES;

    final ErsClient ers = mock(ErsClient.class);

    static FakeScope requested(String step) {
        return new FakeScope().activity(step)
                .with(ReferralVariables.NHS_NUMBER.name(), NHS_NUMBER)
                .with(ReferralVariables.PRIORITY.name(), "TWO_WEEK_WAIT")
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY")
                .with(ReferralVariables.CLINIC_TYPE.name(), null)
                .with(ReferralVariables.CLINICAL_TERM.name(), "chest pain")
                .with(ReferralVariables.NAMED_CLINICIAN.name(), null)
                .with(ReferralVariables.POSTCODE.name(), "LS1 4HR");
    }

    @Test
    void theConfiguredRoleAtTheConfiguredOrganisationIsEnough() {
        FakeScope scope = requested(CONTEXT);
        when(ers.retrieveRoles(any())).thenReturn(List.of(
                new ErsRole("REFERRING_CLINICIAN_ADMIN", "R69", "Leeds GP"),
                new ErsRole("REFERRING_CLINICIAN", "r69", "Leeds GP")));
        int before = scope.variables.size();

        new EstablishErsContextDelegate(ersSteps(ers, properties(10, 3))).execute(scope.execution());

        verify(ers).chosenRole(call(CONTEXT));
        verify(ers).retrieveRoles(call(CONTEXT));
        verifyNoMoreInteractions(ers);
        assertThat(scope.variables).hasSize(before);
    }

    @Test
    void theActingPersonsChosenRoleIsWhatE_RSMustConfirm() {
        FakeScope scope = requested(CONTEXT).with(ReferralVariables.ACTING_USER.name(), "555000000105");
        ErsCall asPerson = new ErsCall(scope.execution().getProcessInstanceId(), CONTEXT, "555000000105");
        when(ers.chosenRole(asPerson)).thenReturn(Optional.of(new ErsRole("REFERRING_CLINICIAN_ADMIN", "RXB", "Brook")));
        when(ers.retrieveRoles(asPerson)).thenReturn(List.of(new ErsRole("REFERRING_CLINICIAN", "R69", "Cicero"),
                new ErsRole("REFERRING_CLINICIAN_ADMIN", "RXB", "Brook")));

        new EstablishErsContextDelegate(ersSteps(ers, properties(10, 3))).execute(scope.execution());

        verify(ers).retrieveRoles(asPerson);
        when(ers.retrieveRoles(asPerson)).thenReturn(List.of(new ErsRole("REFERRING_CLINICIAN", "R69", "Cicero")));
        BpmnError error = catchThrowableOfType(
                () -> new EstablishErsContextDelegate(ersSteps(ers, properties(10, 3))).execute(scope.execution()), BpmnError.class);
        assertProblem(error, scope, "ERS_REJECTED", "A030 answered 403: The e-RS user has no REFERRING_CLINICIAN_ADMIN role"
                + " at organisation RXB; roles held: REFERRING_CLINICIAN at R69");
    }

    @Test
    void aMissingRoleIsRefusedNamingTheRolesHeld() {
        FakeScope scope = requested(CONTEXT);
        when(ers.retrieveRoles(any())).thenReturn(List.of(
                new ErsRole("REFERRING_CLINICIAN_ADMIN", "R69", "Leeds GP"),
                new ErsRole("REFERRING_CLINICIAN", "RR8", "Leeds Hospital")));

        BpmnError error = catchThrowableOfType(
                () -> new EstablishErsContextDelegate(ersSteps(ers, properties(10, 3))).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A030 answered 403: The e-RS user has no REFERRING_CLINICIAN role at "
                + "organisation R69; roles held: REFERRING_CLINICIAN_ADMIN at R69, REFERRING_CLINICIAN at RR8");
    }

    @Test
    void noRolesAtAllAreNamedAsNone() {
        FakeScope scope = requested(CONTEXT);
        when(ers.retrieveRoles(any())).thenReturn(List.of());

        BpmnError error = catchThrowableOfType(
                () -> new EstablishErsContextDelegate(ersSteps(ers, properties(10, 3))).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED",
                "A030 answered 403: The e-RS user has no REFERRING_CLINICIAN role at organisation R69; roles held: none");
    }

    static CodeSystemView codes(String type, String... codeAndDisplay) {
        List<Concept> concepts = new java.util.ArrayList<>();
        for (int i = 0; i < codeAndDisplay.length; i += 2) {
            concepts.add(new Concept(codeAndDisplay[i], codeAndDisplay[i + 1]));
        }
        return new CodeSystemView(type, "https://fhir.nhs.uk/STU3/CodeSystem/eRS-" + type, concepts);
    }

    @Test
    void theDisplayNamesOfSpecialtyAndPriorityAreKept() {
        FakeScope scope = requested(REFERENCE);
        when(ers.retrieveCodeSystem(any(), eq("SPECIALTY"))).thenReturn(codes("SPECIALTY", "CARDIOLOGY", "Cardiology", "DERMATOLOGY", "Dermatology"));
        when(ers.retrieveCodeSystem(any(), eq("PRIORITY"))).thenReturn(codes("PRIORITY", "ROUTINE", "Routine", "TWO_WEEK_WAIT", "2 Week Wait"));

        new LoadReferenceDataDelegate(ers).execute(scope.execution());

        verify(ers).retrieveCodeSystem(call(REFERENCE), "SPECIALTY");
        verify(ers).retrieveCodeSystem(call(REFERENCE), "PRIORITY");
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.SPECIALTY_DISPLAY.name())).isEqualTo("Cardiology");
        // Our one name for the priority, not e-RS's own spelling.
        assertThat(scope.value(ReferralVariables.PRIORITY_DISPLAY.name())).isEqualTo("Two-week wait");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.CLINIC_TYPE_DISPLAY.name());
    }

    @Test
    void aClinicTypeIsLookedUpOnlyWhenGivenAndAnUnknownCodeShowsAsItself() {
        FakeScope scope = requested(REFERENCE).with(ReferralVariables.CLINIC_TYPE.name(), "HEART_FAILURE")
                .with(ReferralVariables.SPECIALTY.name(), "NEW_SPECIALTY");
        when(ers.retrieveCodeSystem(any(), eq("SPECIALTY"))).thenReturn(codes("SPECIALTY", "CARDIOLOGY", "Cardiology"));
        when(ers.retrieveCodeSystem(any(), eq("PRIORITY"))).thenReturn(codes("PRIORITY", "TWO_WEEK_WAIT", "2 Week Wait"));
        when(ers.retrieveCodeSystem(any(), eq("CLINIC-TYPE"))).thenReturn(codes("CLINIC-TYPE", "HEART_FAILURE", "Heart Failure"));

        new LoadReferenceDataDelegate(ers).execute(scope.execution());

        verify(ers).retrieveCodeSystem(call(REFERENCE), "CLINIC-TYPE");
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE_DISPLAY.name())).isEqualTo("Heart Failure");
        assertThat(scope.value(ReferralVariables.SPECIALTY_DISPLAY.name())).isEqualTo("NEW_SPECIALTY");
    }

    @Test
    void withoutASpecialtyTheFormGetsErsSpecialtiesAndClinicTypesAsOptions() {
        FakeScope scope = requested(REFERENCE);
        scope.variables.remove(ReferralVariables.SPECIALTY.name());
        when(ers.retrieveCodeSystem(any(), eq("SPECIALTY"))).thenReturn(codes("SPECIALTY", "DERMATOLOGY", "Dermatology", "CARDIOLOGY", "Cardiology"));
        when(ers.retrieveCodeSystem(any(), eq("PRIORITY"))).thenReturn(codes("PRIORITY", "ROUTINE", "Routine"));
        when(ers.retrieveCodeSystem(any(), eq("CLINIC-TYPE"))).thenReturn(new CodeSystemView("CLINIC-TYPE", "https://example.org/CLINIC-TYPE",
                List.of(new Concept("SKIN_LESION", "Skin Lesion", "DERMATOLOGY"), new Concept("HEART_FAILURE", "Heart Failure", "CARDIOLOGY"),
                        new Concept("RETIRED_SPECIALTY_CLINIC", "Old Clinic", "GONE"))));

        new LoadReferenceDataDelegate(ers).execute(scope.execution());

        verify(ers).retrieveCodeSystem(call(REFERENCE), "CLINIC-TYPE");
        ReferralVariables variables = ReferralVariables.of(scope.execution());
        assertThat(scope.stored(ReferralVariables.SPECIALTY_OPTIONS.name())).isInstanceOf(JsonValue.class);
        assertThat(scope.jsonObjects(ReferralVariables.SPECIALTY_OPTIONS.name())).containsExactly(
                Map.of("label", "Cardiology", "value", "CARDIOLOGY"), Map.of("label", "Dermatology", "value", "DERMATOLOGY"));
        assertThat(scope.jsonObjects(ReferralVariables.CLINIC_TYPE_OPTIONS.name())).containsExactly(
                Map.of("label", "Cardiology: Heart Failure", "value", "HEART_FAILURE", "specialty", "CARDIOLOGY"),
                Map.of("label", "Dermatology: Skin Lesion", "value", "SKIN_LESION", "specialty", "DERMATOLOGY"));
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.SPECIALTY_DISPLAY.name());
    }

    @Test
    void withASpecialtyNoOptionsAreListed() {
        FakeScope scope = requested(REFERENCE);
        when(ers.retrieveCodeSystem(any(), eq("SPECIALTY"))).thenReturn(codes("SPECIALTY", "CARDIOLOGY", "Cardiology"));
        when(ers.retrieveCodeSystem(any(), eq("PRIORITY"))).thenReturn(codes("PRIORITY", "ROUTINE", "Routine"));

        new LoadReferenceDataDelegate(ers).execute(scope.execution());

        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.SPECIALTY_OPTIONS.name(), ReferralVariables.CLINIC_TYPE_OPTIONS.name());
    }

    static Map<String, Object> option(String id, String label, String name, String bookableType, boolean triage,
                                      Integer waitDays, Double miles, String location) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("value", id);
        option.put("label", label);
        option.put("name", name);
        option.put("bookableType", bookableType);
        option.put("triage", triage);
        option.put("indicativeWaitDays", waitDays);
        option.put("distanceMiles", miles);
        option.put("location", location);
        return option;
    }

    @Test
    void offersTheServicesFoundAndTheDirectlyBookableOnesToBookNow() {
        FakeScope scope = requested(SEARCH);
        when(ers.searchServices(any(), any())).thenReturn(List.of(
                new ServiceOption(DIRECT_SERVICE, "Good Cardiology Service", "DIRECTLY_BOOKABLE", false, 12, 2.5, "Leeds"),
                new ServiceOption(INDIRECT_SERVICE, "Phone Cardiology Clinic", "INDIRECTLY_BOOKABLE", false, null, null, null),
                new ServiceOption(TRIAGE_SERVICE, "Cardiology RAS", "DIRECTLY_BOOKABLE", true, 5, 10.0, "Bradford")));

        new SearchServicesDelegate(ers).execute(scope.execution());

        verify(ers).searchServices(call(SEARCH),
                new ServiceSearch(NHS_NUMBER, "TWO_WEEK_WAIT", "CARDIOLOGY", null, "chest pain", null, "LS1 4HR"));
        verifyNoMoreInteractions(ers);
        ReferralVariables variables = ReferralVariables.of(scope.execution());
        assertThat(scope.stored(ReferralVariables.SERVICES.name())).isInstanceOf(JsonValue.class);
        assertThat(scope.jsonObjects(ReferralVariables.SERVICES.name())).containsExactly(
                option(DIRECT_SERVICE, "Good Cardiology Service · directly bookable · no triage · ~12 days' wait · 2.5 miles",
                        "Good Cardiology Service", "DIRECTLY_BOOKABLE", false, 12, 2.5, "Leeds"),
                option(INDIRECT_SERVICE, "Phone Cardiology Clinic · indirectly bookable · no triage · wait unknown · distance unknown",
                        "Phone Cardiology Clinic", "INDIRECTLY_BOOKABLE", false, null, null, null),
                option(TRIAGE_SERVICE, "Cardiology RAS · triage (RAS) · ~5 days' wait · 10.0 miles",
                        "Cardiology RAS", "DIRECTLY_BOOKABLE", true, 5, 10.0, "Bradford"));
        assertThat(scope.stored(ReferralVariables.BOOKABLE_SERVICES.name())).isInstanceOf(JsonValue.class);
        assertThat(scope.jsonObjects(ReferralVariables.BOOKABLE_SERVICES.name()))
                .containsExactly(Map.of("value", DIRECT_SERVICE, "label", "Good Cardiology Service"));
        assertThat(scope.value(ReferralVariables.SERVICE_COUNT.name())).isEqualTo(3);
    }

    @Test
    void theDistanceIsWrittenWithADecimalPointWhateverTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            FoundService option = TaskLabels.service(
                    new ServiceOption(DIRECT_SERVICE, "Good Cardiology Service", "DIRECTLY_BOOKABLE", false, null, 2.5, null));

            assertThat(option.label()).isEqualTo("Good Cardiology Service · directly bookable · no triage · wait unknown · 2.5 miles");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void noServiceFoundGivesEmptyListsAndACountOfZero() {
        FakeScope scope = requested(SEARCH);
        when(ers.searchServices(any(), any())).thenReturn(List.of());

        new SearchServicesDelegate(ers).execute(scope.execution());

        ReferralVariables variables = ReferralVariables.of(scope.execution());
        assertThat(variables.get(ReferralVariables.SERVICES)).isEmpty();
        assertThat(variables.get(ReferralVariables.BOOKABLE_SERVICES)).isEmpty();
        assertThat(scope.value(ReferralVariables.SERVICE_COUNT.name())).isEqualTo(0);
    }

    @Test
    void aRefusedSearchGoesToACoordinator() {
        FakeScope scope = requested(SEARCH);
        when(ers.searchServices(any(), any())).thenThrow(new ErsException.Rejected("A010", 422, "Specialty code is not recognised"));

        BpmnError error = catchThrowableOfType(() -> new SearchServicesDelegate(ers).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A010 answered 422: Specialty code is not recognised");
        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.SERVICES.name(), ReferralVariables.SERVICE_COUNT.name());
    }
}
