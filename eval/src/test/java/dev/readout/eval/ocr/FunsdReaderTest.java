package dev.readout.eval.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.readout.core.model.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunsdReaderTest {
    static final String FORM = """
            {"form": [
              {"box": [10, 20, 90, 30], "text": "Date: 12", "label": "question", "id": 0, "linking": [[0, 1]],
               "words": [{"box": [10, 20, 50, 30], "text": "Date:"}, {"box": [55, 20, 90, 30], "text": "12"}]},
              {"box": [5, 5, 6, 6], "text": "", "label": "other", "id": 1, "linking": [],
               "words": [{"box": [5, 5, 6, 6], "text": "  "}]},
              {"box": [100, 40, 60, 50], "text": "x", "label": "answer", "id": 2, "linking": [],
               "words": [{"box": [100, 40, 60, 50], "text": " x "}]}
            ]}
            """;

    @Test
    void readsNonBlankWordsAndPairsImages(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("annotations"));
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve("annotations/b.json"), FORM);
        Files.writeString(dir.resolve("annotations/a.json"), "{\"form\": []}");
        Files.writeString(dir.resolve("annotations/notes.txt"), "ignored");
        Files.write(dir.resolve("images/b.png"), new byte[] {1});

        List<Path> anns = FunsdReader.annotations(dir);
        assertThat(anns).extracting(p -> p.getFileName().toString()).containsExactly("a.json", "b.json");

        FunsdPage b = FunsdReader.read(anns.get(1));
        assertThat(b.id()).isEqualTo("b");
        assertThat(b.image()).isEqualTo(dir.resolve("images/b.png"));
        assertThat(b.words()).containsExactly(
                new TextBox("Date:", new Box(10, 20, 50, 30)),
                new TextBox("12", new Box(55, 20, 90, 30)),
                new TextBox("x", new Box(60, 40, 100, 50))); // blank word dropped, reversed x normalised, text stripped

        FunsdPage a = FunsdReader.read(anns.get(0));
        assertThat(a.words()).isEmpty();
        assertThat(a.image()).isNull();
    }

    @Test
    void rejectsFoldersAndFilesOfTheWrongShape(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FunsdReader.annotations(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("annotations");
        Files.createDirectories(dir.resolve("annotations"));
        Files.writeString(dir.resolve("annotations/bad.json"), "{\"pages\": []}");
        assertThatThrownBy(() -> FunsdReader.read(dir.resolve("annotations/bad.json"))).hasMessageContaining("form");
        Files.writeString(dir.resolve("annotations/box.json"), "{\"form\": [{\"words\": [{\"box\": [1, 2], \"text\": \"a\"}]}]}");
        assertThatThrownBy(() -> FunsdReader.read(dir.resolve("annotations/box.json"))).hasMessageContaining("x0, y0, x1, y1");
    }

    @Test
    void loadSkipsAnnotationsWithoutImageAndHonoursLimit(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("annotations"));
        Files.createDirectories(dir.resolve("images"));
        for (String n : List.of("p1", "p2", "p3")) {
            Files.writeString(dir.resolve("annotations/" + n + ".json"), FORM);
        }
        Files.write(dir.resolve("images/p1.png"), new byte[] {1});
        Files.write(dir.resolve("images/p3.png"), new byte[] {1});
        List<String> log = new java.util.ArrayList<>();
        OcrEvaluation eval = new OcrEvaluation(1, log::add);
        assertThat(eval.load(dir, 0)).extracting(FunsdPage::id).containsExactly("p1", "p3");
        assertThat(log).anyMatch(l -> l.contains("p2.json"));
        assertThat(eval.load(dir, 1)).extracting(FunsdPage::id).containsExactly("p1");
    }
}
