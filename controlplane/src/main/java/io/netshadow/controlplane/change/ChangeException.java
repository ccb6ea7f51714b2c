package io.netshadow.controlplane.change;

import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.controlplane.yaml.LocatedException;

import java.io.Serial;
import java.util.List;

/**
 * A change file that could not be loaded, with every error found in it.
 */
public final class ChangeException extends LocatedException
{
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Wraps the errors of a change file.
     *
     * @param errors the errors, at least one.
     */
    public ChangeException(final List<LocatedError> errors)
    {
        super(errors);
    }
}
