package io.netshadow.controlplane.change;

import java.util.List;

/**
 * A change file as written, before it is checked: every field may be missing.
 *
 * @param id          {@code id}.
 * @param description {@code description}.
 * @param edits       {@code edits}.
 */
record ChangeDocument(String id, String description, List<EditEntry> edits)
{
    /**
     * An edit as written: the XML inline or in a file beside the change file.
     *
     * @param device {@code device}.
     * @param config {@code config}, the XML inline.
     * @param file   {@code file}, a path relative to the change file.
     */
    record EditEntry(String device, String config, String file)
    {
    }
}
