package io.netshadow.dataplane.device;

import java.util.List;
import java.util.Objects;

/**
 * The ACLs applied to one interface, per direction, in evaluation order: the first entry that matches across them
 * decides, and a packet no entry matches is accepted.
 *
 * @param interfaceName   the interface.
 * @param ingressAclNames ACLs applied to packets entering through the interface.
 * @param egressAclNames  ACLs applied to packets leaving through the interface.
 */
public record AclAttachment(String interfaceName, List<String> ingressAclNames, List<String> egressAclNames)
{
    /**
     * Checks and copies the names.
     *
     * @throws IllegalArgumentException when a direction names an ACL twice.
     */
    public AclAttachment
    {
        Objects.requireNonNull(interfaceName, "interfaceName");
        ingressAclNames = List.copyOf(ingressAclNames);
        egressAclNames = List.copyOf(egressAclNames);
        if (ingressAclNames.stream().distinct().count() != ingressAclNames.size() ||
            egressAclNames.stream().distinct().count() != egressAclNames.size())
        {
            throw new IllegalArgumentException("interface " + interfaceName + " names an ACL twice in one direction");
        }
    }

    /**
     * ACLs on ingress only.
     *
     * @param interfaceName the interface.
     * @param aclNames      the ACLs in order.
     * @return the attachment.
     */
    public static AclAttachment ingress(final String interfaceName, final String... aclNames)
    {
        return new AclAttachment(interfaceName, List.of(aclNames), List.of());
    }

    /**
     * ACLs on egress only.
     *
     * @param interfaceName the interface.
     * @param aclNames      the ACLs in order.
     * @return the attachment.
     */
    public static AclAttachment egress(final String interfaceName, final String... aclNames)
    {
        return new AclAttachment(interfaceName, List.of(), List.of(aclNames));
    }
}
