package io.netshadow.controlplane.profile;

import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.controlplane.yaml.LocatedException;

import java.io.Serial;
import java.util.List;

/**
 * A network profile that could not be loaded, with every error found in it.
 */
public final class ProfileException extends LocatedException
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Wraps the errors of a profile file.
     *
     * @param errors the errors, at least one.
     */
    public ProfileException(final List<LocatedError> errors)
    {
        super(errors);
    }
}
