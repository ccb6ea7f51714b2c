package io.netshadow.controlplane.cli;

import picocli.CommandLine;

/**
 * Reports the version recorded in the jar's manifest.
 */
final class VersionProvider implements CommandLine.IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final String version = NetshadowCommand.class.getPackage().getImplementationVersion();
        return new String[] {"netshadow " + (null == version ? "(development build)" : version)};
    }
}
