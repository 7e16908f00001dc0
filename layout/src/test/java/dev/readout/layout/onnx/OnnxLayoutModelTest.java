package dev.readout.layout.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.readout.core.error.EngineUnavailableException;
import dev.readout.core.model.Box;
import dev.readout.core.model.Entity;
import dev.readout.core.model.Page;
import dev.readout.core.model.Relation;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import dev.readout.layout.decode.Bio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real exported model: the one in {@code models/} found walking up from the working
 * directory (or {@code -Dreadout.models=DIR}). Skipped, with a message, when there is none.
 */
class OnnxLayoutModelTest {
    private static OnnxLayoutModel model;
    private static Path modelDir;
    private static String missing;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        LayoutModels.Located found = LayoutModels.locate();
        if (found.dir().isEmpty()) {
            missing = "skipped: no layout model: " + found.reason();
            System.out.println(missing);
            return;
        }
        modelDir = found.dir().get();
        model = OnnxLayoutModel.load(modelDir);
        System.out.printf("layout model %s loaded in %.2f s%n", modelDir, model.loadSeconds());
    }

    @BeforeEach
    void needsAModel() {
        assumeTrue(model != null, missing);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    /** A small form: a header, then "Key: value" rows; {@code rows} rows (repeated) to make long pages. */
    static Page form(int rows) {
        List<Word> words = new ArrayList<>();
        String[][] kv = {{"Name:", "John", "Smith"}, {"Date:", "12/05/1998"}, {"Brand:", "Marlboro", "Lights"},
                {"Cost", "centre:", "CC-4410"}, {"Total:", "$1,250.00"}};
        int y = 60;
        add(words, "REQUEST", 400, y, 560);
        add(words, "FORM", 580, y, 660);
        for (int r = 0; r < rows; r++) {
            y += 40;
            String[] row = kv[r % kv.length];
            int x = 80;
            boolean value = false;
            for (String t : row) {
                if (!value && !t.endsWith(":") && row[0].endsWith(":")) {
                    value = true;
                    x = 400;
                }
                add(words, t, x, y, x + 12 * t.length());
                x += 12 * t.length() + 10;
                if (t.endsWith(":")) {
                    value = true;
                    x = 400;
                }
            }
        }
        return new Page(1, 1000, Math.max(1000, y + 60), 100, TextSource.OCR, 0, 0, words, List.of(), List.of());
    }

    private static void add(List<Word> words, String text, double x0, double y0, double x1) {
        words.add(new Word("p1-w" + (words.size() + 1), text, new Box(x0, y0, x1, y0 + 20), 0.9, "test"));
    }

    @Test
    void labelsAFormWithConsistentEntitiesAndRelations() {
        Page page = form(5);
        PageAnalysis a = model.analyze(page);
        assertThat(a.wordIds()).hasSize(page.words().size()).containsExactlyInAnyOrderElementsOf(
                page.words().stream().map(Word::id).toList());
        assertThat(a.tags()).allMatch(model.config().labels()::contains);
        Page out = model.apply(page);
        assertThat(out.words()).isEqualTo(page.words());
        checkInvariants(out, a);
        System.out.println("entities: " + out.entities().stream().map(e -> e.label() + e.wordIds()).toList()
                + " relations: " + out.relations().size());
    }

    @Test
    void longPagesUseOverlappingWindowsAndStayConsistent() {
        Page page = form(140); // ~ 140 rows x 3-6 tokens > 510 tokens
        PageAnalysis a = model.analyze(page);
        assertThat(a.encoded().windows().size()).isGreaterThan(1);
        checkInvariants(model.apply(page), a);
        // groups that never share a window get no score
        String first = a.wordIds().get(0);
        String last = a.wordIds().get(a.wordIds().size() - 1);
        assertThat(a.linkScore(List.of(first), List.of(last))).isNaN();
        assertThat(a.linkScore(List.of(first), List.of(a.wordIds().get(1)))).isBetween(0.0, 1.0);
        assertThat(a.linkScore(List.of(), List.of(first))).isNaN();
        assertThat(a.linkScore(List.of("no-such-word"), List.of(first))).isNaN();
        double[][] s = model.scoreLinks(page, List.of(List.of(first)), List.of(List.of(a.wordIds().get(1)), List.of(last)));
        assertThat(s[0][0]).isEqualTo(a.linkScore(List.of(first), List.of(a.wordIds().get(1))));
        assertThat(s[0][1]).isNaN();
    }

    @Test
    void oneSessionServesConcurrentPages() throws Exception {
        Page small = form(5);
        Page big = form(60);
        Page expectSmall = model.apply(small);
        Page expectBig = model.apply(big);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Page>> fs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Page p = i % 2 == 0 ? small : big;
                fs.add(pool.submit(() -> model.apply(p)));
            }
            for (int i = 0; i < 4; i++) {
                Page got = fs.get(i).get();
                Page want = i % 2 == 0 ? expectSmall : expectBig;
                assertThat(got.entities()).extracting(Entity::label, Entity::wordIds)
                        .isEqualTo(want.entities().stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.label(), e.wordIds())).toList());
                assertThat(got.relations()).extracting(Relation::from, Relation::to)
                        .isEqualTo(want.relations().stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.from(), r.to())).toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPageWithoutWordsGetsNoEntities() {
        Page empty = new Page(3, 800, 1000, 100, TextSource.NONE, 0, 0, List.of(), List.of(), List.of());
        Page out = model.apply(empty);
        assertThat(out.entities()).isEmpty();
        assertThat(out.relations()).isEmpty();
    }

    @Test
    void theServiceLoaderStageFindsAndRunsTheModel() {
        String old = System.getProperty(LayoutModels.MODELS_PROPERTY);
        System.setProperty(LayoutModels.MODELS_PROPERTY, modelDir.getParent().toString());
        System.setProperty(LayoutModels.MODEL_PROPERTY, modelDir.getFileName().toString());
        try (DefaultLayoutStage stage = new DefaultLayoutStage()) {
            assertThat(stage.name()).isEqualTo(modelDir.getFileName().toString());
            assertThat(stage.available()).isTrue();
            Page out = stage.apply(form(5));
            assertThat(out.entities()).isEqualTo(model.apply(form(5)).entities());
        } finally {
            System.clearProperty(LayoutModels.MODEL_PROPERTY);
            if (old == null) {
                System.clearProperty(LayoutModels.MODELS_PROPERTY);
            } else {
                System.setProperty(LayoutModels.MODELS_PROPERTY, old);
            }
        }
    }

    @Test
    void aGraphThatBreaksTheContractIsRefusedWithWhatWasExpected() throws Exception {
        Path bad = Files.createTempDirectory("layout-bad");
        try {
            refuses(bad);
        } finally {
            try (var s = Files.list(bad)) {
                for (Path p : s.toList()) {
                    Files.delete(p); // the links, not their targets
                }
            }
            Files.delete(bad);
        }
    }

    private void refuses(Path bad) throws Exception {
        ObjectNode cfg = (ObjectNode) new ObjectMapper().readTree(modelDir.resolve("config.json").toFile());
        ((ObjectNode) cfg.get("link")).put("dim", 7);
        new ObjectMapper().writeValue(bad.resolve("config.json").toFile(), cfg);
        Files.createSymbolicLink(bad.resolve("model.onnx"), modelDir.resolve("model.onnx").toAbsolutePath());
        Files.createSymbolicLink(bad.resolve("vocab.txt"), modelDir.resolve("vocab.txt").toAbsolutePath());
        if (cfg.hasNonNull("decoding_continuation")) {
            String file = cfg.get("decoding_continuation").asText();
            assertThatThrownBy(() -> OnnxLayoutModel.load(bad)).isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("cannot read continuation model").hasMessageContaining(file);
            Files.createSymbolicLink(bad.resolve(file), modelDir.resolve(file).toAbsolutePath());
        }
        if (cfg.hasNonNull("decoding_typer")) {
            String file = cfg.get("decoding_typer").asText();
            assertThatThrownBy(() -> OnnxLayoutModel.load(bad)).isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("cannot read run typer").hasMessageContaining(file);
            Files.createSymbolicLink(bad.resolve(file), modelDir.resolve(file).toAbsolutePath());
        }
        assertThatThrownBy(() -> OnnxLayoutModel.load(bad)).isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("does not follow the readout-layout-tagger/1 contract")
                .hasMessageContaining("link_q and link_a float32 [batch, sequence, 7]")
                .hasMessageContaining("found inputs");
        assertThatThrownBy(() -> OnnxLayoutModel.load(tmp.resolve("nothing"))).isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("not found");
    }

    /** Entities: ids p1-e1.., labels, contiguous chunks of the decoded tags, union boxes, mean probabilities. */
    private static void checkInvariants(Page out, PageAnalysis a) {
        Map<String, Word> byId = out.words().stream().collect(Collectors.toMap(Word::id, Function.identity()));
        List<Bio.Chunk> chunks = Bio.chunks(a.tags());
        assertThat(out.entities()).hasSize(chunks.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < chunks.size(); i++) {
            Entity e = out.entities().get(i);
            Bio.Chunk c = chunks.get(i);
            assertThat(e.id()).isEqualTo("p" + out.number() + "-e" + (i + 1));
            ids.add(e.id());
            assertThat(e.label()).isIn("header", "question", "answer").isEqualTo(c.type().toLowerCase());
            assertThat(e.wordIds()).isEqualTo(a.wordIds().subList(c.start(), c.end()));
            assertThat(e.box()).isEqualTo(Box.unionOf(e.wordIds().stream().map(id -> byId.get(id).box()).toList()));
            assertThat(e.score()).isBetween(0.0, 1.0);
            assertThat(e.source()).isEqualTo(model.name());
        }
        Map<String, Entity> ents = out.entities().stream().collect(Collectors.toMap(Entity::id, Function.identity()));
        Set<String> answersLinked = new HashSet<>();
        for (Relation r : out.relations()) {
            assertThat(ents.get(r.from()).label()).isEqualTo("question");
            assertThat(ents.get(r.to()).label()).isEqualTo("answer");
            assertThat(r.type()).isEqualTo("key-value");
            assertThat(r.score()).isGreaterThanOrEqualTo(Math.round(model.config().linkThreshold() * 10000) / 10000.0 - 1e-4);
            assertThat(r.score()).isCloseTo(a.linkScore(ents.get(r.from()).wordIds(), ents.get(r.to()).wordIds()),
                    org.assertj.core.api.Assertions.within(1e-4));
            if (model.config().onePerAnswer()) {
                assertThat(answersLinked.add(r.to())).as("one question per answer").isTrue();
            }
        }
    }
}
