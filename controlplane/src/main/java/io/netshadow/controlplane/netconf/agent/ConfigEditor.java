package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@code config} of an edit-config to a configuration with the edit's default-operation and
 * error-option (RFC 6241 section 7.2), through the device model's own edit semantics.
 * <p>
 * Every edit is computed on an immutable copy, so stop-on-error and rollback-on-error both leave the target
 * untouched when anything fails. continue-on-error applies each top-level container on its own and keeps those that
 * succeed. default-operation replace makes the target exactly the edit's content; none lets only elements with an
 * operation attribute change the target, and every other element must name data the target already has.
 */
final class ConfigEditor
{
    /**
     * The edit-config default-operation.
     */
    enum DefaultOperation
    {
        /** Elements without an operation attribute are merged. */
        MERGE,
        /** The target becomes the edit's content. */
        REPLACE,
        /** Elements without an operation attribute only locate the ones that have one. */
        NONE
    }

    /**
     * The edit-config error-option.
     */
    enum ErrorOption
    {
        /** Stop at the first error; the target is left untouched. */
        STOP_ON_ERROR,
        /** Keep the top-level containers that apply and report the others. */
        CONTINUE_ON_ERROR,
        /** Restore the target when anything fails. */
        ROLLBACK_ON_ERROR
    }

    /**
     * The configuration an edit produced, and the faults of the parts that continue-on-error left out.
     *
     * @param config the edited configuration.
     * @param faults the faults, empty when the whole edit applied.
     */
    record EditOutcome(DeviceConfig config, List<RpcFault> faults)
    {
    }

    private ConfigEditor()
    {
    }

    /**
     * Applies an edit.
     *
     * @param base      the target's configuration.
     * @param config    the edit's {@code config} element.
     * @param operation the default-operation.
     * @param option    the error-option.
     * @return the result.
     * @throws RpcFaultException when the edit fails and the error-option does not continue past the failure.
     */
    static EditOutcome apply(
        final DeviceConfig base, final Element config, final DefaultOperation operation, final ErrorOption option)
        throws RpcFaultException
    {
        final Map<String, String> namespaces = XmlTrees.inheritedNamespaces(config);
        if (ErrorOption.CONTINUE_ON_ERROR != option || DefaultOperation.REPLACE == operation)
        {
            return new EditOutcome(applyOne(base, config, namespaces, operation), List.of());
        }
        final List<RpcFault> faults = new ArrayList<>();
        DeviceConfig current = base;
        for (final Element container : XmlTrees.children(config))
        {
            final Element single = (Element)config.cloneNode(false);
            single.appendChild(container.cloneNode(true));
            try
            {
                current = applyOne(current, single, namespaces, operation);
            }
            catch (final RpcFaultException ex)
            {
                faults.addAll(ex.faults());
            }
        }
        return new EditOutcome(current, faults);
    }

    /**
     * Reads a complete configuration, as the source of copy-config or validate.
     *
     * @param config a {@code config} element.
     * @return the configuration it describes.
     * @throws RpcFaultException when the model refuses it.
     */
    static DeviceConfig read(final Element config) throws RpcFaultException
    {
        return model(DeviceConfig.empty(), config, XmlTrees.inheritedNamespaces(config), config);
    }

    private static DeviceConfig applyOne(
        final DeviceConfig base,
        final Element config,
        final Map<String, String> namespaces,
        final DefaultOperation operation) throws RpcFaultException
    {
        return switch (operation)
        {
            case MERGE -> model(base, config, namespaces, config);
            case REPLACE -> model(DeviceConfig.empty(), config, namespaces, config);
            case NONE -> applyLocatedEdit(base, config, namespaces);
        };
    }

    private static DeviceConfig applyLocatedEdit(
        final DeviceConfig base, final Element config, final Map<String, String> namespaces)
        throws RpcFaultException
    {
        final DeviceConfig edited = model(base, config, namespaces, config);
        final Element locators = (Element)config.cloneNode(true);
        removeOperations(locators);
        for (final Element container : XmlTrees.children(locators))
        {
            final Element single = (Element)locators.cloneNode(false);
            single.appendChild(container.cloneNode(true));
            boolean found;
            try
            {
                found = base.equals(model(base, single, namespaces, config));
            }
            catch (final RpcFaultException ex)
            {
                found = false;
            }
            if (!found)
            {
                throw new RpcFaultException(ErrorPaths.fault(
                    ErrorType.APPLICATION,
                    RpcFault.DATA_MISSING,
                    "default-operation none: /" + container.getLocalName() + " names data the target does not " +
                        "have, or sets values without an operation attribute",
                    "/" + container.getLocalName(),
                    config));
            }
        }
        return edited;
    }

    private static void removeOperations(final Element element)
    {
        for (final Element child : XmlTrees.children(element))
        {
            if (child.hasAttributeNS(XmlTrees.NETCONF, "operation"))
            {
                element.removeChild(child);
            }
            else
            {
                removeOperations(child);
            }
        }
    }

    private static DeviceConfig model(
        final DeviceConfig base, final Element config, final Map<String, String> namespaces, final Element original)
        throws RpcFaultException
    {
        try
        {
            return DeviceConfigXml.applyEdit(base, XmlTrees.write(config, namespaces));
        }
        catch (final DeviceConfigException ex)
        {
            final ErrorType type = DeviceConfigException.Kind.MALFORMED_XML == ex.kind() ?
                ErrorType.RPC : ErrorType.APPLICATION;
            throw new RpcFaultException(
                ErrorPaths.fault(type, ex.kind().errorTag(), ex.getMessage(), ex.path(), original));
        }
    }
}
