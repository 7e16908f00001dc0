package dev.readout.eval.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Line;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsLinesInFileOrderAsGold() throws Exception {
        Files.writeString(tmp.resolve("page-00001.json"), """
                {"format":"readout-synth-order/1","layout":"band1=2col","width":2480,"height":3508,"dpi":300,
                 "lines":[{"id":"a","text":"first","box":[100,100,900,140]},
                          {"id":"b","text":"second","box":[100,160,900,200]},
                          {"id":"c","text":"third","box":[1300,100,2100,140]}]}
                """);
        Files.writeString(tmp.resolve("notes.json"), "{\"other\": 1}");
        List<OrderedPage> pages = SynthReader.readAll(tmp, 0);
        assertThat(pages).hasSize(1);
        OrderedPage p = pages.get(0);
        assertThat(p.page().width()).isEqualTo(2480);
        assertThat(p.page().dpi()).isEqualTo(300);
        List<String> texts = p.gold().stream().map(id -> {
            Line l = p.page().lines().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            return p.page().words().stream().filter(w -> w.id().equals(l.wordIds().get(0))).findFirst().orElseThrow().text();
        }).toList();
        assertThat(texts).containsExactly("first", "second", "third");
    }
}
