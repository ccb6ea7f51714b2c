package io.netshadow.dataplane.fabric;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EventHeapTest
{
    @Test
    void pollsInTimeOrderAndTiesInInsertionOrder()
    {
        final EventHeap heap = new EventHeap(2);
        final Random random = new Random(42);
        final long[] timesNs = new long[1000];
        for (int event = 0; event < timesNs.length; event++)
        {
            timesNs[event] = random.nextInt(50);
            heap.add(timesNs[event], event);
        }

        final List<Integer> order = new ArrayList<>();
        while (!heap.isEmpty())
        {
            order.add(heap.poll());
        }

        assertThat(order).hasSize(timesNs.length);
        for (int i = 1; i < order.size(); i++)
        {
            final int previous = order.get(i - 1);
            final int current = order.get(i);
            assertThat(timesNs[previous] < timesNs[current] ||
                (timesNs[previous] == timesNs[current] && previous < current)).as("position %d", i).isTrue();
        }
    }
}
