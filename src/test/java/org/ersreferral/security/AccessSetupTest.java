package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and groups at start-up, against an engine of its own (a restart is a second setUp on the same database). */
class AccessSetupTest {

    private static final String H2 = "jdbc:h2:mem:access";
    private static final String POSTGRES = "jdbc:postgresql://db.example.org:5432/referrals";
    private static final SecurityProperties.Login LOGIN = new SecurityProperties.Login(5, Duration.ofMinutes(15), Duration.ofMinutes(5));
    private static final SecurityProperties.FirstAdmin NO_ADMIN = new SecurityProperties.FirstAdmin(null, null, null);

    private ProcessEngine engine;
    private IdentityService identity;

    @BeforeEach
    void engine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:access-setup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .setProcessEngineName("access-setup-" + UUID.randomUUID())
                .setJobExecutorActivate(false);
        configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
        configuration.setUserResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
        // As in the application: the throttle instead of the engine's own lock and delay.
        configuration.getProcessEnginePlugins().add(new LoginThrottlePlugin(new SecurityProperties(true, "demo", NO_ADMIN, LOGIN)));
        engine = configuration.buildProcessEngine();
        identity = engine.getIdentityService();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void demoUsersAreRemovedOnceDemoModeIsOffAndTheFirstAdminSignsIn() {
        start(new SecurityProperties(true, "demo", NO_ADMIN, LOGIN), H2);
        assertThat(identity.checkPassword("coordinator", "demo")).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup(AccessGroups.ADMINS).singleResult().getId()).isEqualTo("admin");

        start(new SecurityProperties(false, "demo", new SecurityProperties.FirstAdmin("ops-admin", "correct horse battery", null), LOGIN),
                H2);

        for (DemoUsers.DemoUser demo : DemoUsers.ALL) {
            assertThat(identity.createUserQuery().userId(demo.id()).count()).as(demo.id()).isZero();
        }
        assertThat(identity.checkPassword("ops-admin", "correct horse battery")).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup(AccessGroups.ADMINS).list()).extracting(u -> u.getId())
                .containsExactly("ops-admin");
    }

    @Test
    void theFirstAdminsPasswordComesFromAFileAndIsUsedOnlyWhenTheUserIsCreated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("first-admin-password");
        Files.writeString(file, "from the secret file\n", StandardCharsets.UTF_8);
        start(new SecurityProperties(false, "demo", new SecurityProperties.FirstAdmin("ops-admin", "ignored", file.toString()), LOGIN), H2);
        assertThat(identity.checkPassword("ops-admin", "from the secret file")).isTrue();

        Files.writeString(file, "changed later", StandardCharsets.UTF_8);
        start(new SecurityProperties(false, "demo", new SecurityProperties.FirstAdmin("ops-admin", null, file.toString()), LOGIN), H2);
        assertThat(identity.checkPassword("ops-admin", "from the secret file")).as("an existing admin keeps their password").isTrue();
    }

    @Test
    void noAdministratorAtAllFailsTheStartWithWhatToSet() {
        assertThatThrownBy(() -> start(new SecurityProperties(false, "demo", NO_ADMIN, LOGIN), H2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No administrator exists")
                .hasMessageContaining("FIRST_ADMIN_USER")
                .hasMessageContaining("FIRST_ADMIN_PASSWORD");
        assertThat(identity.createUserQuery().count()).isZero();
    }

    @Test
    void aFirstAdminWithoutPasswordOrWithADemoUserIdIsRefused() {
        assertThatThrownBy(() -> start(new SecurityProperties(false, "demo", new SecurityProperties.FirstAdmin("ops-admin", " ", null),
                LOGIN), H2)).hasMessageContaining("First admin 'ops-admin' does not exist yet and has no password");
        assertThatThrownBy(() -> start(new SecurityProperties(false, "demo", new SecurityProperties.FirstAdmin("admin", "secret", null),
                LOGIN), H2)).hasMessageContaining("must not be a demo user id");
        assertThat(identity.createUserQuery().count()).isZero();
    }

    @Test
    void demoUsersOnARealDatabaseNeedAPasswordOfTheirOwn() {
        assertThatThrownBy(() -> start(new SecurityProperties(true, "demo", NO_ADMIN, LOGIN), POSTGRES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set DEMO_PASSWORD");
        assertThat(identity.createUserQuery().count()).as("nothing created").isZero();

        start(new SecurityProperties(true, "a-long-test-password", NO_ADMIN, LOGIN), POSTGRES);
        assertThat(identity.checkPassword("analyst", "a-long-test-password")).isTrue();
        assertThat(identity.checkPassword("analyst", "demo")).isFalse();
    }

    @Test
    void demoUsersTakeAChangedDemoPasswordAtTheNextStart() {
        start(new SecurityProperties(true, "demo", NO_ADMIN, LOGIN), H2);
        start(new SecurityProperties(true, "changed-demo-password", NO_ADMIN, LOGIN), POSTGRES);
        assertThat(identity.checkPassword("coordinator", "demo")).isFalse();
        assertThat(identity.checkPassword("coordinator", "changed-demo-password")).as("no delay after a wrong password").isTrue();
    }

    @Test
    void wrongPasswordsNeverLockAUserForGoodNorDelayTheRightOne() {
        start(new SecurityProperties(true, "demo", NO_ADMIN, LOGIN), H2);
        for (int i = 0; i < 4; i++) {
            assertThat(identity.checkPassword("admin", "wrong")).isFalse();
        }
        assertThat(identity.checkPassword("admin", "demo")).isTrue();
        for (int i = 0; i < 12; i++) {
            assertThat(identity.checkPassword("admin", "wrong")).isFalse();
        }
        assertThat(identity.checkPassword("admin", "demo")).as("locked out from this source for the lock time").isFalse();
        assertThat(identity.createUserQuery().userId("admin").singleResult()).as("the user itself is not locked").isNotNull();
        assertThat(engine.getIdentityService().getCurrentAuthentication()).isNull();
    }

    @Test
    void taskGrantsThatAllowedUpdateOnlyAllowWorkAfterAStart() {
        org.camunda.bpm.engine.AuthorizationService authorizations = engine.getAuthorizationService();
        org.camunda.bpm.engine.authorization.Authorization old = authorizations.createNewAuthorization(
                org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        old.setUserId("coordinator");
        old.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
        old.setResourceId("a-task-id");
        old.addPermission(org.camunda.bpm.engine.authorization.TaskPermissions.READ);
        old.addPermission(org.camunda.bpm.engine.authorization.TaskPermissions.UPDATE);
        authorizations.saveAuthorization(old);

        start(new SecurityProperties(true, "demo", NO_ADMIN, LOGIN), H2);

        org.camunda.bpm.engine.authorization.Authorization now = authorizations.createAuthorizationQuery().userIdIn("coordinator")
                .resourceId("a-task-id").singleResult();
        assertThat(now.isPermissionGranted(org.camunda.bpm.engine.authorization.TaskPermissions.UPDATE)).isFalse();
        assertThat(now.isPermissionGranted(org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK)).isTrue();
        assertThat(now.isPermissionGranted(org.camunda.bpm.engine.authorization.TaskPermissions.READ)).isTrue();
    }

    @Test
    void filtersOfAnEarlierVersionListWhoseReferralInWordsAfterAStart() {
        org.camunda.bpm.engine.FilterService filters = engine.getFilterService();
        org.camunda.bpm.engine.filter.Filter old = filters.newTaskFilter(AccessSetup.ALL_REFERRAL_TASKS_FILTER)
                .setQuery(engine.getTaskService().createTaskQuery().processDefinitionKeyIn("ers-referral", "ers-step"))
                .setProperties(java.util.Map.of("description", "kept", "priority", -10, "variables", java.util.List.of(
                        java.util.Map.of("name", "priority", "label", "Priority"), java.util.Map.of("name", "ubrn", "label", "UBRN"))));
        filters.saveFilter(old);

        start(new SecurityProperties(true, "demo", NO_ADMIN, LOGIN), H2);

        org.camunda.bpm.engine.filter.Filter now = filters.createFilterQuery().filterName(AccessSetup.ALL_REFERRAL_TASKS_FILTER)
                .singleResult();
        assertThat(now.getId()).isEqualTo(old.getId());
        assertThat(now.getProperties().get("description")).isEqualTo("kept");
        assertThat(now.getProperties().get("variables")).isEqualTo(AccessSetup.LIST_VARIABLES);
        assertThat(AccessSetup.LIST_VARIABLES).extracting(variable -> variable.get("name"))
                .containsExactly("patientDisplay", "requestId", "ubrnDisplay", "priorityDisplay", "specialtyDisplay")
                .doesNotContain("priority", "ubrn", "nhsNumber");
        assertThat(filters.createFilterQuery().filterName(AccessSetup.URGENT_FILTER).singleResult().getProperties().get("variables"))
                .isEqualTo(AccessSetup.LIST_VARIABLES);
    }

    @Test
    void toStringNeverPrintsAPassword() {
        String text = new SecurityProperties(true, "s3cret-demo", new SecurityProperties.FirstAdmin("ops-admin", "s3cret-admin", null),
                LOGIN).toString();
        assertThat(text).contains("ops-admin").doesNotContain("s3cret");
    }

    private void start(SecurityProperties properties, String databaseUrl) {
        new AccessSetup(identity, engine.getAuthorizationService(), engine.getFilterService(), engine.getTaskService(), properties,
                new Organisations(identity, "R69"), () -> databaseUrl).setUp();
    }
}
