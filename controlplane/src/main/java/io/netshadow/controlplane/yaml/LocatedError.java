package io.netshadow.controlplane.yaml;

/**
 * One problem found in a YAML file, pinned to the line and field where a reader should look.
 *
 * @param file    the file as it was named to the loader.
 * @param line    the 1-based line, or 0 when the problem concerns the whole file.
 * @param field   the path of the field, such as {@code links[3].b}; empty for the whole document.
 * @param message what is wrong, in words for the person who wrote the file.
 */
public record LocatedError(String file, int line, String field, String message)
{
    /**
     * The error as {@code file:line: field: message}, the form editors and compilers use.
     *
     * @return the formatted error.
     */
    @Override
    public String toString()
    {
        final String where = 0 == line ? file : file + ":" + line;
        final String what = field.isEmpty() ? "(document)" : field;
        return where + ": " + what + ": " + message;
    }
}
