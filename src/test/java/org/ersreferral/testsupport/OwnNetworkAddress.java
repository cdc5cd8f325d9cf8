package org.ersreferral.testsupport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * An IPv4 address of this machine that is not loopback: a connection made from it is, to a server
 * on this machine, a caller from another host. Empty on a machine with no network but loopback, where
 * tests check the same filter with a made-up remote address instead.
 */
public final class OwnNetworkAddress {

    private OwnNetworkAddress() {
    }

    public static Optional<InetAddress> find() {
        try {
            return NetworkInterface.networkInterfaces().filter(OwnNetworkAddress::upAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
