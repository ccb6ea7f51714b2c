package io.netshadow.controlplane.yaml;

import java.io.Serial;

/**
 * Jackson deserializers that bind the quantities of {@link Units} to number fields, for use as
 * {@code @JsonDeserialize(using = UnitDeserializers.Bps.class)}. A bad quantity becomes an error at its line.
 */
public final class UnitDeserializers
{
    private UnitDeserializers()
    {
    }

    /**
     * Binds a rate such as {@code 10G} to bits per second.
     */
    public static final class Bps extends ScalarDeserializer<Long>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * Creates the deserializer.
         */
        public Bps()
        {
            super(Long.class, Units::parseBps);
        }
    }

    /**
     * Binds a duration such as {@code 50us} to nanoseconds.
     */
    public static final class DurationNs extends ScalarDeserializer<Long>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * Creates the deserializer.
         */
        public DurationNs()
        {
            super(Long.class, Units::parseDurationNs);
        }
    }

    /**
     * Binds a size such as {@code 256KiB} to bytes.
     */
    public static final class Bytes extends ScalarDeserializer<Long>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * Creates the deserializer.
         */
        public Bytes()
        {
            super(Long.class, Units::parseBytes);
        }
    }

    /**
     * Binds a share such as {@code 25%} or {@code 0.25} to a fraction.
     */
    public static final class Share extends ScalarDeserializer<Double>
    {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * Creates the deserializer.
         */
        public Share()
        {
            super(Double.class, Units::parseShare);
        }
    }
}
