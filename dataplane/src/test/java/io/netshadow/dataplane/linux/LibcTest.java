package io.netshadow.dataplane.linux;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LibcTest
{
    private static final int NO_SUCH_ADDRESS_FAMILY = 4242;
    private static final int NO_SUCH_OPTION = 4242;

    @Test
    void describesAnErrorNumberWithTheKernelsTextAndTheNumber()
    {
        assertThat(Libc.strerror(Libc.EPERM)).isEqualTo("Operation not permitted");
        assertThat(Libc.describe(Libc.EACCES)).isEqualTo("Permission denied (errno 13)");
        assertThat(Libc.failure("sendto", Libc.EAGAIN))
            .hasMessage("sendto failed: Resource temporarily unavailable (errno 11)");
    }

    @Test
    void aRefusedSocketNamesTheCallAndTheKernelsReason()
    {
        try (Arena arena = Arena.ofConfined())
        {
            assertThatThrownBy(() -> Libc.socket(arena, NO_SUCH_ADDRESS_FAMILY, Libc.SOCK_DGRAM, 0, "socket(4242)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("socket(4242) failed: Address family not supported by protocol (errno 97)");
        }
    }

    @Test
    void aRefusedOptionNamesTheCallAndTheKernelsReason()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final int fd = Libc.socket(arena, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0, "socket");
            try
            {
                assertThatThrownBy(() -> Libc.setIntOption(
                    arena, fd, Libc.SOL_SOCKET, NO_SUCH_OPTION, 1, "setsockopt(SOL_SOCKET, 4242)"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("setsockopt(SOL_SOCKET, 4242) failed: Protocol not available (errno 92)");
            }
            finally
            {
                Libc.close(arena, fd, "close");
            }
        }
    }

    @Test
    void closingANegativeDescriptorNamesTheCallAndTheKernelsReason()
    {
        try (Arena arena = Arena.ofConfined())
        {
            assertThatThrownBy(() -> Libc.close(arena, -1, "close of the test socket"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("close of the test socket failed: Bad file descriptor (errno 9)");
        }
    }
}
