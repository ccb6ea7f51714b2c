package io.netshadow.controlplane.planner;

import io.netshadow.controlplane.profile.Criticality;
import io.netshadow.controlplane.profile.DeviceRole;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices a plan has taken so far, closed over the paths of the flows between them: adding a device with host
 * subnets adds the devices on the paths of its flows to and from every other device of the selection that has host
 * subnets, and so on for any such device those paths bring in.
 */
final class ShadowSelection
{
    private final TrafficModel model;
    private final boolean[] member;
    private final ShadowPlan.Inclusion[] inclusion;
    private final int[] countByRole = new int[DeviceRole.values().length];
    private final List<Integer> hostOwners = new ArrayList<>();
    private final int[] mark;
    private int generation;
    private int size;

    ShadowSelection(final TrafficModel model)
    {
        this.model = model;
        this.member = new boolean[model.deviceCount()];
        this.inclusion = new ShadowPlan.Inclusion[model.deviceCount()];
        this.mark = new int[model.deviceCount()];
    }

    boolean contains(final int device)
    {
        return member[device];
    }

    int size()
    {
        return size;
    }

    int hostOwnerCount()
    {
        return hostOwners.size();
    }

    int count(final DeviceRole role)
    {
        return countByRole[role.ordinal()];
    }

    ShadowPlan.Inclusion inclusion(final int device)
    {
        return inclusion[device];
    }

    List<Integer> members()
    {
        final List<Integer> members = new ArrayList<>();
        for (int device = 0; device < member.length; device++)
        {
            if (member[device])
            {
                members.add(device);
            }
        }
        return members;
    }

    boolean[] membership()
    {
        return member.clone();
    }

    /**
     * The devices that adding one device brings into the selection: the device first, then those that complete the
     * paths, in the order the paths reach them.
     *
     * @param device a device not in the selection.
     * @return the devices to add, at least the device itself.
     */
    List<Integer> closureOf(final int device)
    {
        generation++;
        final List<Integer> added = new ArrayList<>();
        final ArrayDeque<Integer> newHostOwners = new ArrayDeque<>();
        final List<Integer> joinedHostOwners = new ArrayList<>(hostOwners);
        bring(device, added, newHostOwners);
        while (!newHostOwners.isEmpty())
        {
            final int from = newHostOwners.remove();
            for (final int to : joinedHostOwners)
            {
                model.forEachOnPath(from, to, onPath -> bring(onPath, added, newHostOwners));
                model.forEachOnPath(to, from, onPath -> bring(onPath, added, newHostOwners));
            }
            joinedHostOwners.add(from);
        }
        return added;
    }

    /**
     * Adds a closure found by {@link #closureOf(int)}.
     *
     * @param closure the devices, the one asked for first.
     * @param reason  why the first one joins; the others complete paths, unless they are of high criticality.
     */
    void add(final List<Integer> closure, final ShadowPlan.Inclusion reason)
    {
        for (int i = 0; i < closure.size(); i++)
        {
            final int device = closure.get(i);
            member[device] = true;
            inclusion[device] = Criticality.HIGH == model.device(device).criticality() ?
                ShadowPlan.Inclusion.HIGH_CRITICALITY : 0 == i ? reason : ShadowPlan.Inclusion.PATH;
            countByRole[model.device(device).role().ordinal()]++;
            if (model.ownsHosts(device))
            {
                hostOwners.add(device);
            }
            size++;
        }
    }

    private void bring(final int device, final List<Integer> added, final ArrayDeque<Integer> newHostOwners)
    {
        if (member[device] || generation == mark[device])
        {
            return;
        }
        mark[device] = generation;
        added.add(device);
        if (model.ownsHosts(device))
        {
            newHostOwners.add(device);
        }
    }
}
