package org.ersreferral.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.Priority;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The groups and what each may do (authorization is on), the shared Tasklist filters, the
 * organisation of {@code ers.ods-code} (a tenant), the first administrator, and the demo users with
 * their organisations: created while demo mode is on, removed once it is off.
 * Runs when every singleton exists, which is before the web server's connector binds its port
 * (Spring Boot starts it in the refresh's lifecycle phase, after this), so the first request ever
 * answered already meets these users and grants. Idempotent, so every node of a cluster may run it.
 * A start that would leave no administrator, or demo users with the default password on a real
 * database, fails with a message saying what to set.
 */
@Component
class AccessSetup implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(AccessSetup.class);
    static final String ALL_REFERRAL_TASKS_FILTER = "All referral tasks";
    static final String URGENT_FILTER = "Urgent and two-week wait";
    static final String WAITING_FOR_LETTER_FILTER = "Waiting for a letter";
    static final String REJECTED_FILTER = "Rejected by e-RS";
    static final String HANDED_BACK_FILTER = "Handed back by e-RS";
    /** The processes whose tasks are a referral's: its own, its e-RS steps', its follow-up's. */
    private static final List<String> REFERRAL_TASK_PROCESSES = List.of(ReferralProcess.PROCESS_KEY, ReferralProcess.STEP_PROCESS_KEY,
            FollowUp.PROCESS_KEY);
    /** The demo users' second organisation, to try the separation between organisations with. */
    static final String OTHER_DEMO_ORGANISATION = DemoUsers.OTHER_ORGANISATION;

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final SecurityProperties properties;
    private final Supplier<String> databaseUrl;
    private final Organisations organisations;

    @Autowired
    AccessSetup(IdentityService identityService, AuthorizationService authorizationService, FilterService filterService,
                TaskService taskService, SecurityProperties properties, Organisations organisations, DataSource dataSource) {
        this(identityService, authorizationService, filterService, taskService, properties, organisations, () -> url(dataSource));
    }

    AccessSetup(IdentityService identityService, AuthorizationService authorizationService, FilterService filterService,
                TaskService taskService, SecurityProperties properties, Organisations organisations, Supplier<String> databaseUrl) {
        this.organisations = organisations;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.properties = properties;
        this.databaseUrl = databaseUrl;
    }

    @Override
    public void afterSingletonsInstantiated() {
        setUp();
    }

    void setUp() {
        checkDemoPassword();
        group(AccessGroups.COORDINATORS, "Referral coordinators");
        group(AccessGroups.ANALYSTS, "Referral analysts");
        group(AccessGroups.ADMINS, "Camunda administrators");
        grantAdmins();
        grantCoordinators();
        grantAnalysts();
        noUpdateOnTasks();
        referralTaskFilters();
        // The configured organisation always exists, so its users can be added to it in Camunda Admin.
        String home = organisations.defaultOrganisation();
        tenant(home, "Organisation " + home);
        if (properties.demoUsersEnabled()) {
            tenant(DemoUsers.OTHER_ORGANISATION, DemoUsers.OTHER_ORGANISATION_NAME);
            for (DemoUsers.DemoUser demo : DemoUsers.ALL) {
                demoUser(demo, demo.organisation() != null ? demo.organisation() : home);
            }
        } else {
            removeDemoUsers();
        }
        firstAdmin();
        if (identityService.createUserQuery().memberOfGroup(AccessGroups.ADMINS).count() == 0) {
            throw new IllegalStateException("No administrator exists: set referral.security.first-admin.user-id"
                    + " (FIRST_ADMIN_USER) and referral.security.first-admin.password (FIRST_ADMIN_PASSWORD, or a file named by"
                    + " FIRST_ADMIN_PASSWORD_FILE); that user is created in group '" + AccessGroups.ADMINS + "' at start-up");
        }
    }

    /** Demo users on a database that outlives a test run are a way in: loud, and never with the default password. */
    private void checkDemoPassword() {
        if (!properties.demoUsersEnabled()) {
            return;
        }
        String url = databaseUrl.get();
        if (url != null && url.startsWith("jdbc:h2:")) {
            return;
        }
        String password = properties.demoPassword();
        if (password == null || password.isBlank() || SecurityProperties.DEFAULT_DEMO_PASSWORD.equals(password)) {
            throw new IllegalStateException("Demo users are on (DEMO_USERS_ENABLED) with the default demo password against a"
                    + " database that is not H2: set DEMO_PASSWORD (referral.security.demo-password) to a password of your own,"
                    + " or turn demo users off with DEMO_USERS_ENABLED=false and configure FIRST_ADMIN_USER");
        }
        LOG.warn("""

                ************************************************************************
                * DEMO USERS ARE ON against a database that is not H2.                 *
                * Anyone who knows DEMO_PASSWORD signs in as {}.      *
                * For production set DEMO_USERS_ENABLED=false and FIRST_ADMIN_USER.    *
                ************************************************************************""",
                DemoUsers.ALL.stream().map(DemoUsers.DemoUser::id).toList());
    }

    private void removeDemoUsers() {
        for (DemoUsers.DemoUser demo : DemoUsers.ALL) {
            if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
                identityService.deleteUser(demo.id());
                LOG.info("Removed demo user '{}': demo users are off", demo.id());
            }
        }
    }

    private void firstAdmin() {
        SecurityProperties.FirstAdmin admin = properties.firstAdmin();
        if (admin == null || !admin.configured()) {
            return;
        }
        String id = admin.userId().strip();
        if (DemoUsers.isDemoUser(id)) {
            throw new IllegalStateException("referral.security.first-admin.user-id (FIRST_ADMIN_USER) must not be a demo user id ("
                    + DemoUsers.ALL.stream().map(DemoUsers.DemoUser::id).toList() + "): choose another user id");
        }
        if (identityService.createUserQuery().userId(id).count() == 0) {
            String password = admin.resolvedPassword();
            if (password == null) {
                throw new IllegalStateException("First admin '" + id + "' does not exist yet and has no password: set"
                        + " referral.security.first-admin.password (FIRST_ADMIN_PASSWORD) or FIRST_ADMIN_PASSWORD_FILE");
            }
            User user = identityService.newUser(id);
            user.setFirstName(id);
            user.setLastName("Administrator");
            user.setPassword(password);
            identityService.saveUser(user);
            LOG.info("Created first admin '{}'", id);
        }
        if (identityService.createUserQuery().userId(id).memberOfGroup(AccessGroups.ADMINS).count() == 0) {
            identityService.createMembership(id, AccessGroups.ADMINS);
            LOG.info("Made '{}' a member of '{}'", id, AccessGroups.ADMINS);
        }
    }

    private static String url(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database URL", e);
        }
    }

    private void grantAdmins() {
        for (Resource resource : Resources.values()) {
            grant(AccessGroups.ADMINS, resource, ANY, Permissions.ALL);
        }
    }

    private void grantCoordinators() {
        String group = AccessGroups.COORDINATORS;
        grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // Work tasks (claim, unclaim, complete through the task's form) and start referrals; nothing that rewrites a
        // running referral (no UPDATE: no variable writes, modification, suspension or deletion). Variables:
        // a task's form and its patient-letter download (task variables), and the filters' columns in
        // Tasklist's list (the instance's variables).
        grant(group, Resources.PROCESS_DEFINITION, ReferralProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_TASK_VARIABLE,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY);
        // A referral's e-RS steps run as ers-step instances with its tenant: the same reading and task work, but only a
        // referral starts them.
        grant(group, Resources.PROCESS_DEFINITION, ReferralProcess.STEP_PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.READ_TASK_VARIABLE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY);
        // A sent referral's follow-up: the same reading and task work; only its referral (or the worklist sync) starts it.
        grant(group, Resources.PROCESS_DEFINITION, FollowUp.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.READ_TASK_VARIABLE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY);
        grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE, ProcessInstancePermissions.READ);
        // TASK_ASSIGN: Tasklist's unclaim (and handing a task to a colleague) is an assignment.
        grant(group, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.TASK_WORK, TaskPermissions.TASK_ASSIGN);
        // Forms are deployment resources; the model is no secret to the people who work it.
        grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    /**
     * The engine gives a task's candidate group and assignee a grant on that task; before
     * default-user-permission-name-for-task was TASK_WORK, that grant was UPDATE (rewrite its variables).
     */
    private void noUpdateOnTasks() {
        for (Authorization authorization : authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                .hasPermission(TaskPermissions.UPDATE).list()) {
            if (ANY.equals(authorization.getResourceId()) || AccessGroups.ADMINS.equals(authorization.getGroupId())
                    || authorization.getAuthorizationType() != AUTH_TYPE_GRANT) {
                continue;
            }
            authorization.removePermission(TaskPermissions.UPDATE);
            authorization.addPermission(TaskPermissions.TASK_WORK);
            authorizationService.saveAuthorization(authorization);
        }
    }

    private void grantAnalysts() {
        String group = AccessGroups.ANALYSTS;
        grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        // History, instances, incidents and the analytics views; no variable permission (variables hold the
        // NHS number and the letters), which the engine enforces (enforce-specific-variable-permission).
        grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
        grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    /** The coordinators' Tasklist filters, most used first; each created once, shared by the group. */
    private void referralTaskFilters() {
        referralTaskFilter(ALL_REFERRAL_TASKS_FILTER, "Every open task of every referral, most urgent first", -10,
                referralTasks());
        referralTaskFilter(URGENT_FILTER, "Two-week-wait and urgent referrals", -9,
                referralTasks().taskMinPriority(Priority.URGENT.taskPriority()));
        referralTaskFilter(WAITING_FOR_LETTER_FILTER, "Referrals waiting for their referral letter", -8,
                referralTasks().taskDefinitionKey(ReferralProcess.TASK_ATTACH_REFERRAL_LETTER));
        referralTaskFilter(REJECTED_FILTER, "Steps e-RS refused, or that need a new e-RS sign-in", -7,
                referralTasks().taskDefinitionKeyIn(ReferralProcess.TASK_RESOLVE_REJECTION, ReferralProcess.TASK_SIGN_IN_AGAIN));
        referralTaskFilter(HANDED_BACK_FILTER, "Sent referrals a provider or patient handed back, or left waiting too long", -6,
                referralTasks().taskDefinitionKeyIn(FollowUp.TASK_ACT_ON_RETURNED_REFERRAL, FollowUp.TASK_CONTACT_PATIENT,
                        FollowUp.TASK_CHASE_PROVIDER, FollowUp.TASK_TAKE_ON_ERS_REFERRAL));
    }

    /** Whether the filter finds the tasks of every process a referral runs (its e-RS steps, its follow-up). */
    private static boolean coversErsSteps(Filter filter) {
        String[] keys = filter.getQuery() instanceof TaskQueryImpl query ? query.getProcessDefinitionKeys() : null;
        return keys != null && List.of(keys).containsAll(REFERRAL_TASK_PROCESSES);
    }

    private TaskQuery referralTasks() {
        return taskService.createTaskQuery().processDefinitionKeyIn(REFERRAL_TASK_PROCESSES.toArray(String[]::new))
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                .orderByTaskPriority().desc().orderByDueDate().asc();
    }

    /**
     * What each task of the list shows (task-local display variables, see TaskContext): whose referral,
     * which request, its UBRN once e-RS has one, the priority and specialty in words. Tasklist shows
     * at most these five without a warning and leaves out a variable the task does not have.
     */
    static final List<Map<String, String>> LIST_VARIABLES = List.of(
            Map.of("name", ReferralVariables.PATIENT_DISPLAY.name(), "label", "Patient"),
            Map.of("name", ReferralVariables.REQUEST_ID.name(), "label", "Request"),
            Map.of("name", ReferralVariables.UBRN_DISPLAY.name(), "label", "UBRN"),
            Map.of("name", ReferralVariables.PRIORITY_DISPLAY.name(), "label", "Priority"),
            Map.of("name", ReferralVariables.SPECIALTY_DISPLAY.name(), "label", "Specialty"));

    private void referralTaskFilter(String name, String description, int order, TaskQuery query) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name).setQuery(query)
                    .setProperties(Map.of("description", description, "priority", order, "refresh", true,
                            "variables", LIST_VARIABLES));
            filterService.saveFilter(filter);
        } else {
            boolean changed = false;
            if (!coversErsSteps(filter)) {
                // Filters made before the e-RS steps became ers-step instances, or before referrals were followed
                // after sending, would miss those tasks.
                filter.setQuery(query);
                changed = true;
            }
            if (!LIST_VARIABLES.equals(filter.getProperties().get("variables"))) {
                // Filters made earlier listed codes (priority) and an UBRN shown as "<Empty>" before e-RS had one.
                Map<String, Object> properties = new HashMap<>(filter.getProperties());
                properties.put("variables", LIST_VARIABLES);
                filter.setProperties(properties);
                changed = true;
            }
            if (changed) {
                filterService.saveFilter(filter);
            }
        }
        grant(AccessGroups.COORDINATORS, Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private void group(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(Groups.GROUP_TYPE_WORKFLOW);
            identityService.saveGroup(group);
        }
    }

    /** An organisation: a tenant whose id is its ODS code. */
    private void tenant(String id, String name) {
        if (identityService.createTenantQuery().tenantId(id).count() == 0) {
            Tenant tenant = identityService.newTenant(id);
            tenant.setName(name);
            identityService.saveTenant(tenant);
        }
    }

    /** Demo users have the demo password of this start, so a changed DEMO_PASSWORD replaces an older one. */
    private void demoUser(DemoUsers.DemoUser demo, String organisation) {
        User user = identityService.createUserQuery().userId(demo.id()).singleResult();
        if (user == null) {
            user = identityService.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.id() + "@example.org");
            user.setPassword(properties.demoPassword());
            identityService.saveUser(user);
            LOG.info("Created demo user '{}' in group '{}'", demo.id(), demo.groupId());
        } else if (!identityService.checkPassword(demo.id(), properties.demoPassword())) {
            user.setPassword(properties.demoPassword());
            identityService.saveUser(user);
            LOG.info("Gave demo user '{}' the configured demo password", demo.id());
        }
        if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(demo.groupId()).count() == 0) {
            identityService.createMembership(demo.id(), demo.groupId());
        }
        if (identityService.createTenantQuery().tenantId(organisation).userMember(demo.id()).count() == 0) {
            identityService.createTenantUserMembership(organisation, demo.id());
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        // Exactly these permissions: a permission taken away here is taken away from a database that had it.
        authorization.setPermissions(permissions);
        authorizationService.saveAuthorization(authorization);
    }
}
