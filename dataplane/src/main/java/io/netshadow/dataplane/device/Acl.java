package io.netshadow.dataplane.device;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named, ordered list of ACL entries; the first entry a packet matches decides.
 *
 * @param name    ACL name, unique on its device.
 * @param entries the entries in evaluation order, with unique names.
 */
public record Acl(String name, List<AclEntry> entries)
{
    /**
     * Checks and copies the entries.
     *
     * @throws IllegalArgumentException when two entries share a name.
     */
    public Acl
    {
        Objects.requireNonNull(name, "name");
        entries = List.copyOf(entries);
        final Set<String> names = new HashSet<>();
        for (final AclEntry entry : entries)
        {
            if (!names.add(entry.name()))
            {
                throw new IllegalArgumentException("ACL " + name + " has two entries named " + entry.name());
            }
        }
    }

    /**
     * An ACL from its entries.
     *
     * @param name    ACL name.
     * @param entries entries in evaluation order.
     * @return the ACL.
     */
    public static Acl of(final String name, final AclEntry... entries)
    {
        return new Acl(name, List.of(entries));
    }
}
