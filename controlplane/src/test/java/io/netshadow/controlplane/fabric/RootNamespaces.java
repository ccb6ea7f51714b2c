package io.netshadow.controlplane.fabric;

import org.junit.jupiter.api.Assumptions;

import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/**
 * Skips a test that needs network namespaces when this process cannot make them, except under {@code CI=true},
 * where such tests must run and the test fails instead.
 */
final class RootNamespaces
{
    private RootNamespaces()
    {
    }

    static void require()
    {
        if (!FabricPrivileges.held())
        {
            skipOrFail("the Linux fabric tests need CAP_NET_ADMIN and CAP_SYS_ADMIN (run them as root)");
        }
        for (final List<String> probe : List.of(List.of("ip", "-V"), List.of("nft", "--version"), List.of("tc", "-V")))
        {
            requireTool(probe);
        }
    }

    static void requireTool(final List<String> probe)
    {
        if (!Commands.available(probe))
        {
            skipOrFail("'" + probe.getFirst() + "' is unavailable");
        }
    }

    private static void skipOrFail(final String reason)
    {
        if ("true".equals(System.getenv("CI")))
        {
            fail(reason + " (CI=true: the Linux fabric tests must run)");
        }
        Assumptions.abort(reason);
    }
}
