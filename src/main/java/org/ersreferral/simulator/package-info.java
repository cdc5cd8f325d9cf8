/**
 * The embedded, stateful e-RS simulator: the referrer side of the NHS e-Referral Service FHIR API
 * below {@code /ers-sim/FHIR} (same paths as e-RS below its base URL), so the whole referral flow
 * runs without NHS credentials. On in demo mode, off otherwise unless {@code ers.simulator.enabled}
 * ({@link org.ersreferral.simulator.SimulatorSwitch}); it answers loopback callers only, unless
 * {@code ers.simulator.allowed-hosts}; its tokens are random per start unless configured
 * ({@link org.ersreferral.simulator.AccessTokens}).
 *
 * <ul>
 *   <li>FHIR: A030 {@code GET /R4/PractitionerRole}; A004 {@code GET /STU3/CodeSystem/{type}}; A010
 *   {@code POST /STU3/HealthcareService/$ers.searchHealthcareServicesForPatient}; A011
 *   {@code POST /STU3/ReferralRequest/$ers.createReferral}; A021
 *   {@code .../$ers.createReferralAndSendForTriage}; A020 {@code POST /STU3/Binary}; A012
 *   {@code POST /STU3/ReferralRequest/{ubrn}/$ers.maintainReferralLetter}; A005
 *   {@code GET /STU3/ReferralRequest/{ubrn}}; A019 {@code .../{ubrn}/$ers.generatePatientLetter};
 *   A015 {@code GET /STU3/Slot?...}; A016 {@code POST /STU3/Appointment}; A036
 *   {@code .../{ubrn}/$ers.cancelReferral}. Following a sent referral: A008
 *   {@code POST /STU3/ReferralRequest/$ers.fetchworklist} (the referrer worklists of the caller's
 *   organisation); A029 {@code GET /STU3/Task?focus=...}; A031 {@code .../{ubrn}/$ers.changeShortlist};
 *   A032 {@code .../{ubrn}/$ers.changeShortlistAndSendForTriage}; A038 {@code GET /STU3/Appointment/{id}};
 *   A034 {@code PUT /STU3/Appointment/{id}} (cancel). {@link org.ersreferral.simulator.ErsGatekeeper} counts
 *   calls, injects faults and checks token, role and organisation headers first; {@link
 *   org.ersreferral.simulator.ReferralDesk} then refuses another organisation's referral.</li>
 *   <li>Access: {@code POST /ers-sim/oauth2/token} (signed-JWT client credentials) and the archived
 *   {@code /ers-sim/ers-api/v1/ProfessionalSession} (A001-A003; {@code HTTP_X_SESSION_KEY}).</li>
 *   <li>Simulated NHS CIS2 and API-platform user sign-in ({@link org.ersreferral.simulator.Cis2AuthorizationServer}):
 *   OpenID Connect below issuer {@code /ers-sim}, the sign-in page {@code /ers-sim/cis2/sign-in}
 *   ({@link org.ersreferral.simulator.SmartcardUsers}); its access tokens make e-RS calls act as the
 *   signed-in user.</li>
 *   <li>Control API (JSON): {@code /ers-sim/admin/services}, {@code .../services/{id}/free-slots},
 *   {@code /referrals}, {@code /calls}, {@code /faults}, {@code /reset}, and a referral's provider and
 *   patient events {@code /referrals/{ubrn}/reject}, {@code .../triage-response},
 *   {@code .../provider-cancels-appointment}, {@code .../patient-cancels-appointment}, {@code .../did-not-attend}, {@code .../patient-books},
 *   {@code .../letter-outstanding} ({@link org.ersreferral.simulator.ReferralEvents}).</li>
 * </ul>
 *
 * <p>State (services, slots, referrals, uploaded files, sequences) is kept in {@code sim_*} tables
 * of the application's database, so it survives a restart; calls, faults, issued tokens, sign-ins
 * and sessions are memory only. Services and slots are seeded into an empty database from
 * {@link org.ersreferral.simulator.SeedData}.
 */
package org.ersreferral.simulator;
