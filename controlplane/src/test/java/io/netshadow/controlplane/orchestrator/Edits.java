package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Changes for tests: every device shuts its eth1.
 */
public final class Edits
{
    /** Shuts eth1. */
    public static final String SHUTDOWN_ETH1 =
        "<interfaces xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\">" +
        "<interface><name>eth1</name><enabled>false</enabled></interface></interfaces>";

    private Edits()
    {
    }

    /**
     * A change in one wave.
     *
     * @param id      its id.
     * @param devices the devices it edits.
     * @return the change.
     */
    public static ChangeSpec change(final String id, final String... devices)
    {
        return new ChangeSpec(id, "shut eth1 on " + String.join(", ", devices), edits(devices));
    }

    /**
     * A change in waves.
     *
     * @param id    its id.
     * @param waves the waves.
     * @return the change.
     */
    public static ChangeSpec staged(final String id, final ChangeSpec.Wave... waves)
    {
        final List<String> devices = new ArrayList<>();
        Arrays.stream(waves).forEach(wave -> devices.addAll(wave.devices()));
        return new ChangeSpec(id, "shut eth1 in waves", edits(devices.toArray(String[]::new)), List.of(waves));
    }

    /**
     * A wave.
     *
     * @param name    its name.
     * @param devices its devices.
     * @return the wave.
     */
    public static ChangeSpec.Wave wave(final String name, final String... devices)
    {
        return new ChangeSpec.Wave(name, List.of(devices));
    }

    private static List<ChangeSpec.Edit> edits(final String... devices)
    {
        return Arrays.stream(devices).map(device -> new ChangeSpec.Edit(device, SHUTDOWN_ETH1)).toList();
    }
}
