package org.ersreferral.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
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
import org.camunda.bpm.engine.task.TaskQuery;
import org.ersreferral.process.ReferralTaskDetails;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.ersreferral.process.ReferralProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up: the groups and what each may do (authorization is on), the shared Tasklist filter,
 * the organisation of {@code ers.ods-code} (a tenant), and, unless turned off, the demo users and
 * their organisations. Idempotent, so every node of a cluster may run it.
 */
@Component
class AccessSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AccessSetup.class);
    static final String ALL_REFERRAL_TASKS_FILTER = "All referral tasks";
    static final String URGENT_FILTER = "Urgent and two-week wait";
    static final String WAITING_FOR_LETTER_FILTER = "Waiting for a letter";
    static final String REJECTED_FILTER = "Rejected by e-RS";
    /** The demo users' second organisation, to try the separation between organisations with. */
    static final String OTHER_DEMO_ORGANISATION = "RXB";
    /** Every demo user's id, made while demo users are on. */
    static final List<String> DEMO_USER_IDS = List.of("coordinator", "analyst", "admin", "coordinator-b");

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final SecurityProperties properties;
    private final Organisations organisations;

    AccessSetup(IdentityService identityService, AuthorizationService authorizationService, FilterService filterService,
                TaskService taskService, SecurityProperties properties, Organisations organisations) {
        this.organisations = organisations;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUp() {
        group(AccessGroups.COORDINATORS, "Referral coordinators");
        group(AccessGroups.ANALYSTS, "Referral analysts");
        group(AccessGroups.ADMINS, "Camunda administrators");
        grantAdmins();
        grantCoordinators();
        grantAnalysts();
        referralTaskFilters();
        // The configured organisation always exists, so its users can be added to it in Camunda Admin.
        String home = organisations.defaultOrganisation();
        tenant(home, "Organisation " + home);
        if (properties.demoUsersEnabled()) {
            tenant(OTHER_DEMO_ORGANISATION, "Other Practice");
            user("coordinator", "Casey", "Coordinator", AccessGroups.COORDINATORS, home);
            user("analyst", "Alex", "Analyst", AccessGroups.ANALYSTS, home);
            user("admin", "Ada", "Admin", AccessGroups.ADMINS, home);
            user("coordinator-b", "Blake", "Coordinator", AccessGroups.COORDINATORS, OTHER_DEMO_ORGANISATION);
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
        grant(group, Resources.PROCESS_DEFINITION, ReferralProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.UPDATE_TASK, ProcessDefinitionPermissions.READ_HISTORY);
        grant(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE, ProcessInstancePermissions.READ,
                ProcessInstancePermissions.UPDATE);
        grant(group, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.UPDATE, TaskPermissions.TASK_WORK);
        // Forms are deployment resources; the model is no secret to the people who work it.
        grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }

    private void grantAnalysts() {
        String group = AccessGroups.ANALYSTS;
        grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
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
                referralTasks().taskMinPriority(ReferralTaskDetails.URGENT_TASK_PRIORITY));
        referralTaskFilter(WAITING_FOR_LETTER_FILTER, "Referrals waiting for their referral letter", -8,
                referralTasks().taskDefinitionKey(ReferralProcess.TASK_ATTACH_REFERRAL_LETTER));
        referralTaskFilter(REJECTED_FILTER, "Steps e-RS refused, or that need a new e-RS sign-in", -7,
                referralTasks().taskDefinitionKeyIn(ReferralProcess.TASK_RESOLVE_REJECTION, ReferralProcess.TASK_SIGN_IN_AGAIN));
    }

    private TaskQuery referralTasks() {
        return taskService.createTaskQuery().processDefinitionKey(ReferralProcess.PROCESS_KEY)
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                .orderByTaskPriority().desc().orderByDueDate().asc();
    }

    private void referralTaskFilter(String name, String description, int order, TaskQuery query) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name).setQuery(query)
                    .setProperties(Map.of("description", description, "priority", order, "refresh", true,
                            "variables", List.of(Map.of("name", "specialtyDisplay", "label", "Specialty"),
                                    Map.of("name", "priority", "label", "Priority"),
                                    Map.of("name", "ubrn", "label", "UBRN"))));
            filterService.saveFilter(filter);
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

    private void user(String id, String firstName, String lastName, String groupId, String organisation) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@example.org");
            user.setPassword(properties.demoPassword());
            identityService.saveUser(user);
            LOG.info("Created demo user '{}' in group '{}'", id, groupId);
        }
        if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(id, groupId);
        }
        if (identityService.createTenantQuery().tenantId(organisation).userMember(id).count() == 0) {
            identityService.createTenantUserMembership(organisation, id);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }
}
