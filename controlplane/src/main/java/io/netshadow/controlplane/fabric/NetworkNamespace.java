package io.netshadow.controlplane.fabric;

import java.util.ArrayList;
import java.util.List;

/**
 * A named Linux network namespace ({@code ip netns}) with loopback up, and the commands that act inside it. Closing
 * it deletes the namespace and with it every interface, route, nftables table and qdisc it holds; a veth pair
 * with one end inside goes too. Needs CAP_NET_ADMIN.
 */
public final class NetworkNamespace implements AutoCloseable
{
    private final String name;

    private NetworkNamespace(final String name)
    {
        this.name = name;
    }

    /**
     * Creates a namespace and brings its loopback up.
     *
     * @param name the namespace name, unique on the host.
     * @return the namespace.
     * @throws LinuxFabricException when it cannot be created.
     */
    public static NetworkNamespace create(final String name)
    {
        Commands.run(List.of("ip", "netns", "add", name));
        final NetworkNamespace namespace = new NetworkNamespace(name);
        try
        {
            namespace.ip("link", "set", "lo", "up");
            return namespace;
        }
        catch (final LinuxFabricException ex)
        {
            namespace.close();
            throw ex;
        }
    }

    /**
     * The names of the host's namespaces that start with a prefix.
     *
     * @param prefix the prefix.
     * @return the names.
     */
    public static List<String> listWithPrefix(final String prefix)
    {
        final List<String> names = new ArrayList<>();
        for (final String line : Commands.run(List.of("ip", "netns", "list")).split("\n"))
        {
            final String namespaceName = line.strip().split(" ")[0];
            if (namespaceName.startsWith(prefix))
            {
                names.add(namespaceName);
            }
        }
        return names;
    }

    /**
     * Deletes a namespace by name, if it exists.
     *
     * @param name the namespace.
     * @return true when one was deleted.
     */
    public static boolean delete(final String name)
    {
        return Commands.runQuietly(List.of("ip", "netns", "del", name));
    }

    /**
     * Joins two namespaces by a veth pair, both ends down.
     *
     * @param a          the first namespace.
     * @param interfaceA the name of its end, at most 15 bytes.
     * @param b          the second namespace.
     * @param interfaceB the name of its end, at most 15 bytes.
     * @throws LinuxFabricException when the pair cannot be made.
     */
    public static void veth(
        final NetworkNamespace a, final String interfaceA, final NetworkNamespace b, final String interfaceB)
    {
        Commands.run(List.of("ip", "link", "add", interfaceA, "netns", a.name, "type", "veth",
            "peer", "name", interfaceB, "netns", b.name));
    }

    /**
     * The namespace's name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Runs {@code ip} inside the namespace.
     *
     * @param arguments the arguments after {@code ip -n NAME}.
     * @return what it printed.
     * @throws LinuxFabricException when it fails.
     */
    public String ip(final String... arguments)
    {
        final List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(arguments));
        return Commands.run(command);
    }

    /**
     * Runs any program inside the namespace.
     *
     * @param arguments the program and its arguments.
     * @return what it printed.
     * @throws LinuxFabricException when it fails.
     */
    public String exec(final String... arguments)
    {
        return execWithInput("", arguments);
    }

    /**
     * Runs any program inside the namespace with text on its standard input.
     *
     * @param input     the text.
     * @param arguments the program and its arguments.
     * @return what it printed.
     * @throws LinuxFabricException when it fails.
     */
    public String execWithInput(final String input, final String... arguments)
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(arguments));
        return Commands.run(command, input);
    }

    /**
     * Sets sysctl values inside the namespace.
     *
     * @param assignments {@code key=value} pairs.
     * @throws LinuxFabricException when one cannot be set.
     */
    public void sysctl(final String... assignments)
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "sysctl", "-q", "-w"));
        command.addAll(List.of(assignments));
        Commands.run(command);
    }

    /**
     * Deletes the namespace and everything in it; safe to call twice.
     */
    @Override
    public void close()
    {
        delete(name);
    }
}
