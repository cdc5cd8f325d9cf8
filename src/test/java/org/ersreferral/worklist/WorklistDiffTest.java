package org.ersreferral.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistItem;
import org.ersreferral.ers.WorklistType;
import org.junit.jupiter.api.Test;

class WorklistDiffTest {

    private static final OffsetDateTime T1 = OffsetDateTime.parse("2026-11-30T10:00:00Z");
    private static final OffsetDateTime T2 = OffsetDateTime.parse("2026-11-30T11:00:00Z");

    private static WorklistItem item(String ubrn, ReferralStatus status, OffsetDateTime lastUpdated) {
        return new WorklistItem(ubrn, status, null, lastUpdated, null);
    }

    private static WorklistItem letter(String ubrn, LocalDate due) {
        return new WorklistItem(ubrn, null, null, null, due);
    }

    private static Seen seen(String ubrn, Set<WorklistType> lists, ListedReferral told, ReferralStatus status) {
        return new Seen(ubrn, lists, told == null ? null : told.mark(), status, false, null);
    }

    @Test
    void aReferralNeverToldIsAChangeAndOneToldWithTheSameItemsIsNot() {
        var lists = Map.of(WorklistType.REJECTED_TRIAGE_RESPONSE, List.of(item("1", ReferralStatus.REJECTED, T1)));
        WorklistDiff.Result first = WorklistDiff.of(lists, Map.of());
        assertThat(first.changed()).extracting(ListedReferral::ubrn).containsExactly("1");

        ListedReferral told = first.changed().get(0);
        WorklistDiff.Result second = WorklistDiff.of(lists,
                Map.of("1", seen("1", EnumSet.of(WorklistType.REJECTED_TRIAGE_RESPONSE), told, ReferralStatus.REJECTED)));
        assertThat(second.changed()).isEmpty();
        assertThat(second.left()).isEmpty();
        assertThat(second.listed()).hasSize(1);
    }

    @Test
    void aNewReferralLastUpdatedIsAChangeTheSameInstantAtAnotherOffsetIsNot() {
        ListedReferral told = WorklistDiff.of(Map.of(WorklistType.AWAITING_BOOKING, List.of(item("1", ReferralStatus.NOT_BOOKED, T1))),
                Map.of()).changed().get(0);
        Map<String, Seen> before = Map.of("1", seen("1", EnumSet.of(WorklistType.AWAITING_BOOKING), told, ReferralStatus.NOT_BOOKED));

        assertThat(WorklistDiff.of(Map.of(WorklistType.AWAITING_BOOKING, List.of(item("1", ReferralStatus.APPT_CANCELLED_BY_PATIENT,
                T2))), before).changed()).hasSize(1);
        assertThat(WorklistDiff.of(Map.of(WorklistType.AWAITING_BOOKING, List.of(item("1", ReferralStatus.NOT_BOOKED,
                T1.withOffsetSameInstant(ZoneOffset.ofHours(1))))), before).changed()).isEmpty();
    }

    @Test
    void aReferralOnAListLastRunAndOnNoneNowHasLeftOneNeverListedHasNot() {
        Map<String, Seen> before = Map.of(
                "1", new Seen("1", EnumSet.of(WorklistType.AWAITING_BOOKING), "x|", ReferralStatus.NOT_BOOKED, false, null),
                "2", new Seen("2", EnumSet.noneOf(WorklistType.class), "y|", ReferralStatus.BOOKED, false, null));

        WorklistDiff.Result result = WorklistDiff.of(Map.of(), before);

        assertThat(result.left()).extracting(ListedReferral::ubrn).containsExactly("1");
        assertThat(result.left().get(0).lists()).isEmpty();
        assertThat(result.changed()).isEmpty();
    }

    @Test
    void itemsOfOneReferralOnSeveralListsAreOneReferralAndANewLetterDueIsAChange() {
        var awaiting = item("1", ReferralStatus.NOT_BOOKED, T1);
        ListedReferral told = WorklistDiff.of(Map.of(WorklistType.AWAITING_BOOKING, List.of(awaiting)), Map.of()).changed().get(0);
        Map<String, Seen> before = Map.of("1", seen("1", EnumSet.of(WorklistType.AWAITING_BOOKING), told, ReferralStatus.NOT_BOOKED));

        WorklistDiff.Result result = WorklistDiff.of(Map.of(WorklistType.AWAITING_BOOKING, List.of(awaiting),
                WorklistType.LETTERS_OUTSTANDING, List.of(letter("1", LocalDate.of(2026, 12, 3)))), before);

        assertThat(result.listed()).hasSize(1);
        ListedReferral merged = result.changed().get(0);
        assertThat(merged.lists()).containsExactlyInAnyOrder(WorklistType.AWAITING_BOOKING, WorklistType.LETTERS_OUTSTANDING);
        assertThat(merged.lastUpdated()).isEqualTo(T1);
        assertThat(merged.letterDue()).isEqualTo(LocalDate.of(2026, 12, 3));
        // only the letter is news: the message names the letters list
        assertThat(merged.worklist(ReferralStatus.NOT_BOOKED, ReferralStatus.NOT_BOOKED, before.get("1").toldMark()))
                .isEqualTo(WorklistType.LETTERS_OUTSTANDING);
        // a new state as well: the state's list
        assertThat(merged.worklist(ReferralStatus.APPT_CANCELLED_BY_PROVIDER, ReferralStatus.NOT_BOOKED, before.get("1").toldMark()))
                .isEqualTo(WorklistType.AWAITING_BOOKING);
        // the letter already told: the state's list
        assertThat(merged.worklist(ReferralStatus.NOT_BOOKED, ReferralStatus.NOT_BOOKED, merged.mark()))
                .isEqualTo(WorklistType.AWAITING_BOOKING);
    }

    @Test
    void theMessageNamesTheStatesListAndNoListOnceTheReferralLeftThem() {
        ListedReferral rejected = WorklistDiff.of(Map.of(WorklistType.REJECTED_TRIAGE_RESPONSE,
                List.of(item("1", ReferralStatus.REJECTED, T1))), Map.of()).changed().get(0);
        assertThat(rejected.worklist(ReferralStatus.REJECTED, ReferralStatus.BOOKED, null)).isEqualTo(WorklistType.REJECTED_TRIAGE_RESPONSE);
        ListedReferral onlyLetter = WorklistDiff.of(Map.of(WorklistType.LETTERS_OUTSTANDING,
                List.of(letter("2", LocalDate.of(2026, 12, 1)))), Map.of()).changed().get(0);
        assertThat(onlyLetter.worklist(ReferralStatus.NOT_BOOKED, null, null)).isEqualTo(WorklistType.LETTERS_OUTSTANDING);
        ListedReferral left = new ListedReferral("3", EnumSet.noneOf(WorklistType.class), null, null, null, null);
        assertThat(left.worklist(ReferralStatus.BOOKED, ReferralStatus.NOT_BOOKED, "x|")).isNull();
    }
}
