package io.sockudo.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerProbeTest {

    @Test
    void sumsTheHeapSpacesOfTheSerialCollector() {
        String info = """
                12345:
                 def new generation   total 78656K, used 4410K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)
                  eden space 69952K,   6% used [0x00000000f0000000, 0x00000000f044ebb0, 0x00000000f4450000)
                  from space 8704K,   0% used [0x00000000f4450000, 0x00000000f4450000, 0x00000000f4cd0000)
                 tenured generation   total 174784K, used 6441K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)
                   the space 174784K,   3% used [0x00000000f5550000, 0x00000000f5b9a7f0, 0x00000000f5b9a800, 0x0000000100000000)
                 Metaspace       used 12335K, committed 12672K, reserved 1114112K
                  class space    used 1328K, committed 1472K, reserved 1048576K
                """;
        assertThat(ServerProbe.parseHeapUsed(info)).isEqualTo(4410 + 6441);
    }

    @Test
    void readsTheHeapOfG1() {
        String info = """
                12345:
                 garbage-first heap   total 262144K, used 23456K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 11 young (11264K), 0 survivors (0K)
                 Metaspace       used 12335K, committed 12672K, reserved 1114112K
                """;
        assertThat(ServerProbe.parseHeapUsed(info)).isEqualTo(23456);
    }

    @Test
    void anUnreadableAnswerIsNoFigure() {
        assertThat(ServerProbe.parseHeapUsed("12345:\nAttach failed")).isEqualTo(-1);
    }

    @Test
    void countsTheChannelsOfAnApiAnswer() throws Exception {
        assertThat(ChannelsQuery.countChannels(bytes("{\"channels\":{\"a\":{},\"b\":{\"user_count\":2}}}"))).isEqualTo(2);
        assertThat(ChannelsQuery.countChannels(bytes("{\"channels\":{}}"))).isZero();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
