package io.netshadow.controlplane.config;

import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.controlplane.yaml.LocatedException;

import java.io.Serial;
import java.util.List;

/**
 * A configuration file that could not be loaded, with every error found in it.
 */
public final class ConfigException extends LocatedException
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Wraps the errors of a configuration file.
     *
     * @param errors the errors, at least one.
     */
    public ConfigException(final List<LocatedError> errors)
    {
        super(errors);
    }
}
