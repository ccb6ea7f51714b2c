package io.netshadow.controlplane.netconf;

import java.util.Objects;

/**
 * The parameters of one edit-config (RFC 6241 section 7.2). A null option is left out of the request, so that the
 * device's default applies.
 *
 * @param target           the datastore edited.
 * @param config           the data: a {@code <config>} element in the NETCONF base namespace (or in none) wrapping
 *                         top-level data nodes, or one top-level data node; {@code operation} attributes inside it
 *                         apply as usual.
 * @param defaultOperation default-operation, or null.
 * @param testOption       test-option, or null; offered with {@code :validate}.
 * @param errorOption      error-option, or null; rollback-on-error needs {@code :rollback-on-error}.
 */
public record EditConfig(
    Datastore target,
    String config,
    DefaultOperation defaultOperation,
    TestOption testOption,
    ErrorOption errorOption)
{
    /** How nodes without an {@code operation} attribute are applied. */
    public enum DefaultOperation
    {
        /** Merged into the datastore (the protocol default). */
        MERGE("merge"),
        /** Replace what they name. */
        REPLACE("replace"),
        /** Only navigate to nodes that carry an operation. */
        NONE("none");

        private final String xmlName;

        DefaultOperation(final String xmlName)
        {
            this.xmlName = xmlName;
        }

        /**
         * The value as sent.
         *
         * @return for example {@code merge}.
         */
        public String xmlName()
        {
            return xmlName;
        }
    }

    /** Whether the device validates the edit before applying it. */
    public enum TestOption
    {
        /** Validate, apply only when valid (the protocol default with {@code :validate}). */
        TEST_THEN_SET("test-then-set"),
        /** Apply without validating. */
        SET("set"),
        /** Validate only, apply nothing ({@code :validate:1.1}). */
        TEST_ONLY("test-only");

        private final String xmlName;

        TestOption(final String xmlName)
        {
            this.xmlName = xmlName;
        }

        /**
         * The value as sent.
         *
         * @return for example {@code test-then-set}.
         */
        public String xmlName()
        {
            return xmlName;
        }
    }

    /** What the device does when part of the edit fails. */
    public enum ErrorOption
    {
        /** Stop at the first error, keeping what was applied before it (the protocol default). */
        STOP_ON_ERROR("stop-on-error"),
        /** Carry on past errors. */
        CONTINUE_ON_ERROR("continue-on-error"),
        /** Undo the whole edit on any error ({@code :rollback-on-error}). */
        ROLLBACK_ON_ERROR("rollback-on-error");

        private final String xmlName;

        ErrorOption(final String xmlName)
        {
            this.xmlName = xmlName;
        }

        /**
         * The value as sent.
         *
         * @return for example {@code rollback-on-error}.
         */
        public String xmlName()
        {
            return xmlName;
        }
    }

    /**
     * Checks the required parameters.
     */
    public EditConfig
    {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(config, "config");
    }

    /**
     * An edit with every option left to the device's defaults.
     *
     * @param target the datastore edited.
     * @param config the data, as for {@link #config()}.
     * @return the edit.
     */
    public static EditConfig of(final Datastore target, final String config)
    {
        return new EditConfig(target, config, null, null, null);
    }

    /**
     * This edit with another default-operation.
     *
     * @param operation the default operation, or null for the device's default.
     * @return the changed edit.
     */
    public EditConfig withDefaultOperation(final DefaultOperation operation)
    {
        return new EditConfig(target, config, operation, testOption, errorOption);
    }

    /**
     * This edit with another test-option.
     *
     * @param option the test option, or null for the device's default.
     * @return the changed edit.
     */
    public EditConfig withTestOption(final TestOption option)
    {
        return new EditConfig(target, config, defaultOperation, option, errorOption);
    }

    /**
     * This edit with another error-option.
     *
     * @param option the error option, or null for the device's default.
     * @return the changed edit.
     */
    public EditConfig withErrorOption(final ErrorOption option)
    {
        return new EditConfig(target, config, defaultOperation, testOption, option);
    }
}
