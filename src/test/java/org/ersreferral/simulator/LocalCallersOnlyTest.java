package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which remote addresses reach the simulator: loopback always, others only as {@code ers.simulator.allowed-hosts} lists. */
class LocalCallersOnlyTest {

    private static MockHttpServletResponse call(LocalCallersOnly filter, String remoteAddress) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ers-sim/FHIR/STU3/CodeSystem/PRIORITY");
        request.setRemoteAddr(remoteAddress);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest() != null).as("passed on to the simulator").isEqualTo(response.getStatus() == 200);
        return response;
    }

    @Test
    void onlyLoopbackByDefault() throws Exception {
        LocalCallersOnly filter = new LocalCallersOnly(List.of());
        assertThat(call(filter, "127.0.0.1").getStatus()).isEqualTo(200);
        assertThat(call(filter, "::1").getStatus()).isEqualTo(200);
        assertThat(call(filter, "0:0:0:0:0:0:0:1").getStatus()).isEqualTo(200);
        for (String remote : List.of("192.0.2.10", "10.0.0.5", "fd00::2", "not-an-address")) {
            MockHttpServletResponse refused = call(filter, remote);
            assertThat(refused.getStatus()).as(remote).isEqualTo(403);
            assertThat(refused.getContentAsString()).contains("callers on this host only")
                    .contains("ers.simulator.allowed-hosts (ERS_SIMULATOR_ALLOWED_HOSTS)");
        }
    }

    @Test
    void allowedHostsAddAddressesAndRanges() throws Exception {
        LocalCallersOnly filter = new LocalCallersOnly(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8"));
        assertThat(call(filter, "10.20.30.40").getStatus()).isEqualTo(200);
        assertThat(call(filter, "192.0.2.7").getStatus()).isEqualTo(200);
        assertThat(call(filter, "fd00::2").getStatus()).isEqualTo(200);
        assertThat(call(filter, "127.0.0.1").getStatus()).isEqualTo(200);
        assertThat(call(filter, "192.0.2.8").getStatus()).isEqualTo(403);
        assertThat(call(filter, "11.0.0.1").getStatus()).isEqualTo(403);
    }

    @Test
    void aMalformedEntryStopsTheStart() {
        assertThatThrownBy(() -> new LocalCallersOnly(List.of("10.0.0.0/99")))
                .hasMessage("ers.simulator.allowed-hosts (ERS_SIMULATOR_ALLOWED_HOSTS) has '10.0.0.0/99', which is neither"
                        + " an IP address nor a CIDR range such as 10.0.0.0/8");
    }
}
