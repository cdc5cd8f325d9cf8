package org.ersreferral.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.apache.catalina.util.NetMask;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The simulator answers this host only: any other remote address gets 403 before authentication,
 * unless {@code ers.simulator.allowed-hosts} lists it (addresses or CIDR ranges, IPv4 or IPv6).
 * The address is the connection's (or the one Tomcat's forwarded-header support set), never a
 * request header read here.
 */
final class LocalCallersOnly extends OncePerRequestFilter {

    static final String SETTING = "ers.simulator.allowed-hosts (ERS_SIMULATOR_ALLOWED_HOSTS)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<NetMask> allowed;

    LocalCallersOnly(List<String> allowedHosts) {
        this.allowed = allowedHosts.stream().map(LocalCallersOnly::mask).toList();
    }

    private static NetMask mask(String entry) {
        try {
            return new NetMask(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SETTING + " has '" + entry + "', which is neither an IP address nor a CIDR range"
                    + " such as 10.0.0.0/8");
        }
    }

    boolean allows(String remoteAddress) {
        InetAddress address;
        try {
            address = InetAddress.getByName(remoteAddress); // a literal address: no name lookup
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
        return address.isLoopbackAddress() || allowed.stream().anyMatch(mask -> mask.matches(address));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allows(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), Map.of("resourceType", "OperationOutcome", "issue", List.of(Map.of(
                "severity", "error", "code", "forbidden",
                "details", Map.of("coding", List.of(Map.of("system", FhirIo.ERS_CS + "eRS-APIErrorCode-1", "code", "NO_ACCESS"))),
                "diagnostics", "The e-RS simulator answers callers on this host only; " + SETTING
                        + " lists other addresses it may answer."))));
    }
}
