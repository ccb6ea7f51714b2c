package io.netshadow.controlplane.change;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;

import java.util.List;

/**
 * A change file as written, before it is checked: every field may be missing.
 *
 * @param id          {@code id}.
 * @param description {@code description}.
 * @param edits       {@code edits}.
 * @param waves       {@code waves}.
 */
record ChangeDocument(String id, String description, List<EditEntry> edits, List<WaveEntry> waves)
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

    /**
     * A wave as written: its devices by name, or the share of the change's devices deployed once it is done.
     *
     * @param name    {@code name}.
     * @param devices {@code devices}.
     * @param share   {@code share}, such as {@code 25%}.
     */
    record WaveEntry(
        String name, List<String> devices, @JsonDeserialize(using = UnitDeserializers.Share.class) Double share)
    {
    }
}
