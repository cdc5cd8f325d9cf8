package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which organisation a start belongs to, from the starter's memberships and what they asked for. */
class OrganisationsTest {

    private static final String DEFAULT = "R69";

    @Test
    void aUserOfOneOrganisationStartsInIt() {
        assertThat(Organisations.choose(List.of("RXB"), false, null, DEFAULT)).isEqualTo("RXB");
        assertThat(Organisations.choose(List.of("RXB"), false, " RXB ", DEFAULT)).isEqualTo("RXB");
    }

    @Test
    void aUserOfSeveralNamesOneOfTheirs() {
        assertThat(Organisations.choose(List.of("R69", "RXB"), false, "RXB", DEFAULT)).isEqualTo("RXB");
        assertThatThrownBy(() -> Organisations.choose(List.of("R69", "RXB"), false, null, DEFAULT))
                .isInstanceOfSatisfying(Organisations.OrganisationNotChosen.class, e -> assertThat(e.forbidden()).isFalse())
                .hasMessage("Your account belongs to several organisations (R69, RXB): say in 'organisation' which one requests"
                        + " this referral");
        assertThatThrownBy(() -> Organisations.choose(List.of("R69", "RXB"), false, "ZZZ", DEFAULT))
                .isInstanceOfSatisfying(Organisations.OrganisationNotChosen.class, e -> assertThat(e.forbidden()).isTrue())
                .hasMessage("organisation 'ZZZ' is not one of your organisations (R69, RXB)");
    }

    @Test
    void aUserOfNoneIsRefusedWhateverTheyAskFor() {
        for (String asked : new String[] {null, "R69"}) {
            assertThatThrownBy(() -> Organisations.choose(List.of(), false, asked, DEFAULT))
                    .isInstanceOfSatisfying(Organisations.OrganisationNotChosen.class, e -> assertThat(e.forbidden()).isTrue())
                    .hasMessageStartingWith("Your account belongs to no organisation");
        }
    }

    @Test
    void anAdminOfNoneStartsInTheDefaultOrganisationAndNoOther() {
        assertThat(Organisations.choose(List.of(), true, null, DEFAULT)).isEqualTo(DEFAULT);
        assertThat(Organisations.choose(List.of("RXB"), true, DEFAULT, DEFAULT)).isEqualTo(DEFAULT);
        assertThatThrownBy(() -> Organisations.choose(List.of(), true, "RXB", DEFAULT))
                .hasMessage("organisation 'RXB' is not one of your organisations (R69)");
    }
}
