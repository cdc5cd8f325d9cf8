package org.ersreferral.simulator;

import java.util.List;
import java.util.Optional;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.process.ErsUserReady;
import org.ersreferral.security.DemoErsSignIn;
import org.ersreferral.security.EmbeddedCis2Client;
import org.ersreferral.security.Organisations;
import org.ersreferral.security.acting.ErsRoleChoices;
import org.ersreferral.security.tokens.DatabaseAuthorizedClientService;
import org.ersreferral.security.tokens.UserErsTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.stereotype.Component;

/**
 * Demo users who authenticate with their password get what signing in through the simulated CIS2
 * in a browser would give them: the smartcard user of the same name is signed in in process (a real
 * authorization of the simulator's authorization server, refreshed later over HTTP like any other),
 * its tokens stored for the demo user as the browser sign-in stores them, and, when they have none
 * yet, their first referring role from A030 chosen; their referrals waiting for them to sign in to
 * e-RS again then carry on ({@link ErsUserReady}). Exists only in demo mode with the simulator as
 * the e-RS the application calls ({@link SimulatorSwitch.DemoErs}).
 */
@Component
@ConditionalOnSimulator
@Conditional(SimulatorSwitch.DemoErs.class)
class DemoUserErsSignIn implements DemoErsSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(DemoUserErsSignIn.class);
    static final String STEP = "sign-in";

    private final Cis2Grants grants;
    private final EmbeddedCis2Client embedded;
    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final DatabaseAuthorizedClientService store;
    private final UserErsTokens tokens;
    private final ErsRoleChoices roles;
    private final ErsClient ers;
    private final Organisations organisations;
    private final ApplicationEventPublisher events;

    DemoUserErsSignIn(Cis2Grants grants, EmbeddedCis2Client embedded, ObjectProvider<ClientRegistrationRepository> registrations,
                      DatabaseAuthorizedClientService store, UserErsTokens tokens, ErsRoleChoices roles, ErsClient ers,
                      Organisations organisations, ApplicationEventPublisher events) {
        this.grants = grants;
        this.embedded = embedded;
        this.registrations = registrations;
        this.store = store;
        this.tokens = tokens;
        this.roles = roles;
        this.ers = ers;
        this.organisations = organisations;
        this.events = events;
    }

    @Override
    public void signedInWithPassword(String userId) {
        Optional<SmartcardUsers.User> smartcard = SmartcardUsers.byUsername(userId);
        if (smartcard.isEmpty()) {
            return;
        }
        try {
            boolean signedIn = tokens.current(userId).isEmpty() && signIn(userId, smartcard.get());
            if (roles.chosen(userId).isEmpty()) {
                chooseRole(userId);
            }
            if (signedIn && roles.chosen(userId).isPresent()) {
                // as after a browser sign-in: referrals waiting for them to sign in again carry on
                events.publishEvent(new ErsUserReady(userId, organisations.groupsOf(userId), organisations.of(userId)));
            }
        } catch (RuntimeException e) {
            // The request goes on: a call acting as them then asks them to sign in to e-RS again.
            LOG.warn("Could not sign demo user {} in to the simulated e-RS: {}", userId, e.getClass().getSimpleName());
        }
    }

    /** @return whether they were signed in (false: people sign in with another provider) */
    private boolean signIn(String userId, SmartcardUsers.User smartcard) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        ClientRegistration registration = repository == null ? null
                : repository.findByRegistrationId(UserErsTokens.REGISTRATION_ID);
        if (registration == null || !embedded.clientId().equals(registration.getClientId())
                || !embedded.clientSecret().equals(registration.getClientSecret())) {
            // people sign in with another provider: its tokens are not the simulator's to give
            return false;
        }
        OAuth2Authorization authorization = grants.signIn(smartcard, registration.getScopes(),
                registration.getProviderDetails().getIssuerUri());
        OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(registration, userId,
                authorization.getAccessToken().getToken(), authorization.getRefreshToken().getToken());
        store.saveAuthorizedClient(client, UsernamePasswordAuthenticationToken.authenticated(userId, null, List.of()));
        LOG.info("Signed demo user {} in to the simulated e-RS as smartcard user {}", userId, smartcard.userId());
        return true;
    }

    private void chooseRole(String userId) {
        List<ErsRole> held = ers.retrieveRoles(new ErsCall(STEP, "A030", userId));
        held.stream().filter(ErsRole::referrer).findFirst().ifPresent(role -> roles.choose(userId, role));
    }
}
