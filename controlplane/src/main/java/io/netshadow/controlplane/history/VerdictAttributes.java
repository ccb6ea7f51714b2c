package io.netshadow.controlplane.history;

import io.netshadow.forecaster.Verdict;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The attributes that let the history be learnt from: what kind of change a {@code CHANGE_STARTED} began, what a
 * {@code VERDICT} predicted for which KPI series, and what that series showed when the change was
 * {@code COMMITTED}. Absent on events written before they existed; numbers in Java's {@link Double#toString} form.
 */
public final class VerdictAttributes
{
    /** Attribute of {@code CHANGE_STARTED}: the configuration the edits touch, e.g. {@code acls+interfaces}. */
    public static final String CHANGE_KIND = "changeKind";
    /** Attribute of {@code VERDICT} and {@code COMMITTED}: the KPI series that decided, e.g. shadow.loss_ratio. */
    public static final String SERIES = "series";
    /** Attribute of {@code VERDICT}: the series' pre-change baseline. */
    public static final String BASELINE_VALUE = "baselineValue";
    /** Attribute of {@code VERDICT}: the series' predicted post-change level. */
    public static final String PREDICTED_VALUE = "predictedValue";
    /** Attribute of {@code VERDICT}: lower end of the predicted level's interval. */
    public static final String PREDICTED_LOWER = "predictedLower";
    /** Attribute of {@code VERDICT}: upper end of the predicted level's interval. */
    public static final String PREDICTED_UPPER = "predictedUpper";
    /** Attribute of {@code VERDICT}: the threshold the level was judged against. */
    public static final String THRESHOLD_VALUE = "thresholdValue";
    /** Attribute of {@code VERDICT}: time from the wave's start to the verdict, ns. */
    public static final String TIME_TO_VERDICT_NS = "timeToVerdictNs";
    /** Attribute of {@code COMMITTED}: the decided series' latest value when the change was committed. */
    public static final String OBSERVED_VALUE = "observedValue";

    private VerdictAttributes()
    {
    }

    /**
     * The prediction of a verdict as attributes: only the finite numbers, and the series when there is one.
     *
     * @param verdict the verdict.
     * @return the attributes, in a fixed order.
     */
    public static Map<String, String> of(final Verdict verdict)
    {
        final Map<String, String> attributes = new LinkedHashMap<>();
        if (!verdict.series().isEmpty())
        {
            attributes.put(SERIES, verdict.series());
        }
        putFinite(attributes, BASELINE_VALUE, verdict.baselineValue());
        putFinite(attributes, PREDICTED_VALUE, verdict.predictedValue());
        putFinite(attributes, PREDICTED_LOWER, verdict.predictedLower());
        putFinite(attributes, PREDICTED_UPPER, verdict.predictedUpper());
        putFinite(attributes, THRESHOLD_VALUE, verdict.thresholdValue());
        if (verdict.timeToVerdictNs() >= 0)
        {
            attributes.put(TIME_TO_VERDICT_NS, Long.toString(verdict.timeToVerdictNs()));
        }
        return attributes;
    }

    /**
     * Reads a number attribute.
     *
     * @param event the event.
     * @param name  the attribute.
     * @return its value, or NaN when absent or not a number.
     */
    public static double number(final HistoryEvent event, final String name)
    {
        final String text = event.attribute(name);
        if (null == text)
        {
            return Double.NaN;
        }
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    private static void putFinite(final Map<String, String> attributes, final String name, final double value)
    {
        if (Double.isFinite(value))
        {
            attributes.put(name, Double.toString(value));
        }
    }

    /**
     * The kind of a change from its edits' XML: the local names of their top-level configuration elements, sorted
     * and joined with {@code +}.
     *
     * @param xmls the edits' configuration documents.
     * @return e.g. {@code acls+interfaces}, or {@code unknown} when no element is found.
     */
    public static String changeKind(final Iterable<String> xmls)
    {
        final TreeSet<String> names = new TreeSet<>();
        for (final String xml : xmls)
        {
            final String name = firstElement(xml);
            if (null != name)
            {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names.isEmpty() ? "unknown" : String.join("+", names);
    }

    private static String firstElement(final String xml)
    {
        int at = 0;
        while ((at = xml.indexOf('<', at)) >= 0 && at + 1 < xml.length())
        {
            final char next = xml.charAt(at + 1);
            if (Character.isLetter(next) || '_' == next)
            {
                int end = at + 1;
                while (end < xml.length() && !Character.isWhitespace(xml.charAt(end)) && '>' != xml.charAt(end) &&
                    '/' != xml.charAt(end))
                {
                    end++;
                }
                final String qualified = xml.substring(at + 1, end);
                final String local = qualified.substring(qualified.indexOf(':') + 1);
                if (!"config".equals(local))
                {
                    return local;
                }
            }
            at++;
        }
        return null;
    }
}
