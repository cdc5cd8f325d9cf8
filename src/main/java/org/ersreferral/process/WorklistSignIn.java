package org.ersreferral.process;

/**
 * The {@code ers-worklist-sign-in} process: one "Sign in to refresh e-RS" task for an organisation
 * whose worklists the sync cannot read because none of its coordinators has a usable e-RS sign-in.
 * The application starts it (tenant = the organisation, from {@link #ORGANISATION}); it is completed
 * for the first coordinator of the organisation who signs in, or by a coordinator in Tasklist.
 */
public final class WorklistSignIn {

    public static final String PROCESS_KEY = "ers-worklist-sign-in";
    public static final String START_SIGN_IN_NEEDED = "StartEvent_WorklistSignInNeeded";
    public static final String TASK_SIGN_IN_TO_REFRESH = "Task_SignInToRefreshErs";
    public static final String END_SIGNED_IN = "EndEvent_SignedIn";
    /** Start variable: the organisation (ODS code) whose coordinators are asked; its tenant id. */
    public static final ProcessVariable<String> ORGANISATION = ProcessVariable.string("organisation");

    private WorklistSignIn() {
    }
}
