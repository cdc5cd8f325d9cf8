package org.ersreferral.security.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.process.ErsUserReady;
import org.ersreferral.security.acting.ErsRoleChoices;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The e-RS roles a signed-in person may act in here: the referrer roles (business functions) e-RS
 * answers for them (A030, asked as the person), and the one they chose, kept per user across
 * sign-ins. A choice counts only while e-RS still gives the person that role.
 */
class ErsRoles {

    static final String CALLER = "sign-in";
    static final String A030 = "A030";

    /** The e-RS access mode in which calls act as the signed-in person, in the role they chose. */
    static final String PERSONAL_MODE = ErsProperties.AUTH_CIS2;

    private final ErsClient ers;
    private final ErsRoleChoices choices;
    private final ApplicationEventPublisher events;
    private final boolean perPerson;

    /** @param perPerson whether e-RS calls act as people in their chosen roles (else in the application's configured role) */
    ErsRoles(ErsClient ers, ErsRoleChoices choices, ApplicationEventPublisher events, boolean perPerson) {
        this.ers = ers;
        this.choices = choices;
        this.events = events;
        this.perPerson = perPerson;
    }

    /** Whether people choose a role at all: only when e-RS calls carry it. */
    boolean perPerson() {
        return perPerson;
    }

    /** A030 as the person: their referrer roles, each once, in e-RS's order. Throws when e-RS cannot answer. */
    List<ErsRole> referrerRoles(String userId) {
        List<ErsRole> roles = new ArrayList<>();
        for (ErsRole role : ers.retrieveRoles(new ErsCall(CALLER, A030, userId))) {
            if (role.referrer() && find(roles, role.businessFunction(), role.odsCode()).isEmpty()) {
                roles.add(role);
            }
        }
        return List.copyOf(roles);
    }

    /** The person's earlier choice, when it is still one of {@code roles}. */
    Optional<ErsRole> validChoice(String userId, List<ErsRole> roles) {
        return choices.chosen(userId).flatMap(chosen -> find(roles, chosen.businessFunction(), chosen.odsCode()));
    }

    /** The person's choice, kept for their next sign-ins; from now on e-RS calls act in it. */
    void choose(SignedInUser user, ErsRole role) {
        choices.choose(user.userId(), role);
        ready(user);
    }

    /** The person may act in e-RS now: the process side learns who they are. */
    void ready(SignedInUser user) {
        events.publishEvent(new ErsUserReady(user.userId(), user.groups(), user.organisations()));
    }

    Optional<ErsRole> chosen(String userId) {
        return choices.chosen(userId);
    }

    static Optional<ErsRole> find(List<ErsRole> roles, String businessFunction, String odsCode) {
        return roles.stream().filter(role -> role.businessFunction().equals(businessFunction)
                && role.odsCode().equalsIgnoreCase(odsCode)).findFirst();
    }

    static boolean same(ErsRole a, ErsRole b) {
        return a != null && b != null && a.businessFunction().equals(b.businessFunction()) && a.odsCode().equalsIgnoreCase(b.odsCode());
    }

    /** The role's name in words, as e-RS shows it. */
    static String words(String businessFunction) {
        String known = ErsRole.REFERRER_FUNCTIONS.get(businessFunction);
        if (known != null) {
            return known;
        }
        StringBuilder words = new StringBuilder();
        for (String part : businessFunction.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                words.append(words.isEmpty() ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return words.toString();
    }
}
