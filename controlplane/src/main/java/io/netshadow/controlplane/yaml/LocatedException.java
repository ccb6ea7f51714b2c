package io.netshadow.controlplane.yaml;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A file that could not be loaded, with every problem found in it rather than only the first.
 * The message lists the errors one a line, each as {@code file:line: field: message}.
 */
public abstract class LocatedException extends Exception
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<LocatedError> errors;

    /**
     * Wraps the errors found in a file.
     *
     * @param errors the errors, at least one.
     */
    protected LocatedException(final List<LocatedError> errors)
    {
        super(errors.stream().map(LocatedError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty())
        {
            throw new IllegalArgumentException("a located exception needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /**
     * The errors in the order they were found.
     *
     * @return the errors.
     */
    public List<LocatedError> errors()
    {
        return errors;
    }
}
