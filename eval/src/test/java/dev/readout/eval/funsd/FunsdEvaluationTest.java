package dev.readout.eval.funsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.readout.core.model.Box;
import dev.readout.core.model.Entity;
import dev.readout.core.model.Page;
import dev.readout.core.model.Relation;
import dev.readout.core.model.TextSource;
import dev.readout.core.model.Word;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunsdEvaluationTest {
    /** A header, two question/answer pairs (one linked answer → question), an 'other' word and a blank word. */
    static final String FORM = """
            {"form": [
              {"id": 0, "label": "header", "linking": [], "words": [{"box": [100, 10, 300, 40], "text": "ORDER"},
                                                                   {"box": [310, 10, 400, 40], "text": "FORM"}]},
              {"id": 1, "label": "question", "linking": [[1, 2]], "words": [{"box": [10, 100, 80, 120], "text": "Name:"}]},
              {"id": 2, "label": "answer", "linking": [[1, 2]], "words": [{"box": [100, 100, 160, 120], "text": "John"},
                                                                         {"box": [170, 100, 230, 120], "text": "Smith"}]},
              {"id": 3, "label": "question", "linking": [], "words": [{"box": [10, 200, 80, 220], "text": "Date:"}]},
              {"id": 4, "label": "answer", "linking": [[4, 3]], "words": [{"box": [100, 200, 200, 220], "text": "12/05/98"}]},
              {"id": 5, "label": "other", "linking": [[5, 1]], "words": [{"box": [10, 300, 80, 320], "text": "page"},
                                                                        {"box": [90, 300, 95, 320], "text": " "}]},
              {"id": 6, "label": "question", "linking": [[6, 2]], "words": []}
            ]}
            """;

    static FunsdForm form() throws Exception {
        JsonNode root = new ObjectMapper().readTree(FORM);
        return FunsdFormReader.parse("f1", null, 1000, 1000, root);
    }

    @Test
    void readsWordsEntitiesAndQuestionAnswerLinks() throws Exception {
        FunsdForm f = form();
        assertThat(f.words()).extracting(FunsdForm.GoldWord::text)
                .containsExactly("ORDER", "FORM", "Name:", "John", "Smith", "Date:", "12/05/98", "page");
        assertThat(f.entities()).hasSize(7);
        assertThat(f.entities().get(6).scored()).isFalse();     // a question without words
        assertThat(f.entities().get(5).scored()).isFalse();     // other
        // [1,2] twice -> once; [4,3] answer -> question flipped; [5,1] other and [6,2] wordless are dropped
        assertThat(f.links()).containsExactly(new FunsdForm.GoldLink(1, 2), new FunsdForm.GoldLink(3, 4));
        Page p = f.toPage();
        assertThat(p.words()).hasSize(8);
        assertThat(p.words().get(3).id()).isEqualTo("p1-w4");
        assertThat(f.text(f.entities().get(2))).isEqualTo("John Smith");
        assertThat(f.box(f.entities().get(2))).isEqualTo(new Box(100, 100, 230, 120));
    }

    @Test
    void goldWordsModeScoresEntitiesInTheModelsOrderAndLinksGivenGoldEntities() throws Exception {
        FunsdForm f = form();
        List<List<List<String>>> seen = new ArrayList<>();
        GoldWordsTagger tagger = new GoldWordsTagger() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Result tag(Page page, List<List<String>> questions, List<List<String>> answers) {
                seen.add(questions);
                seen.add(answers);
                // model order: words reversed; tags (in that order) for page, 12/05/98, Date:, Smith, John, Name:, FORM, ORDER
                List<String> ids = new ArrayList<>();
                for (int i = page.words().size() - 1; i >= 0; i--) {
                    ids.add(page.words().get(i).id());
                }
                List<String> tags = List.of("O", "B-ANSWER", "B-QUESTION", "B-ANSWER", "I-ANSWER", "B-ANSWER", "B-HEADER", "I-HEADER");
                // links [q][a]: q = (Name:, Date:), a = (John Smith, 12/05/98): predict Name:->John Smith, Date:->John Smith
                boolean[][] links = {{true, false}, {true, false}};
                return new Result(ids, tags, links);
            }
        };
        FunsdReport r = new FunsdEvaluation(1, null).runGold(List.of(f), tagger);
        assertThat(seen.get(0)).containsExactly(List.of("p1-w3"), List.of("p1-w6"));
        assertThat(seen.get(1)).containsExactly(List.of("p1-w4", "p1-w5"), List.of("p1-w7"));
        // gold in the reversed order: O, B-ANSWER, B-QUESTION, B-ANSWER(Smith), I-ANSWER(John), B-QUESTION, B-HEADER(FORM), I-HEADER
        // predicted right: 12/05/98, Date:, Smith John, FORM ORDER; wrong: Name: as answer -> 4 of 5 predicted, 4 of 5 gold
        assertThat(r.entity()).isEqualTo(new Prf(4, 5, 5));
        assertThat(r.entities().get("question")).isEqualTo(new Prf(1, 1, 2));
        assertThat(r.entities().get("answer")).isEqualTo(new Prf(2, 3, 2));
        assertThat(r.entities().get("header")).isEqualTo(new Prf(1, 1, 1));
        assertThat(r.linking()).isEqualTo(new Prf(1, 2, 2));
        assertThat(r.documents()).isEqualTo(1);

        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.at("/entity/precision").asDouble()).isEqualTo(0.8);
        assertThat(json.at("/entity/recall").asDouble()).isEqualTo(0.8);
        assertThat(json.at("/entity/f1").asDouble()).isEqualTo(0.8, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.at("/entity/per_label/question/f1").asDouble()).isEqualTo(2 * 1.0 * 0.5 / 1.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.at("/linking/precision").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/linking/recall").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/linking/f1").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/documents").asInt()).isEqualTo(1);
        assertThat(json.has("seconds")).isTrue();
        assertThat(json.fieldNames()).toIterable().containsExactly("entity", "linking", "documents", "seconds");
        assertThat(r.toTable()).contains("entity (micro)", "question", "linking (gold ents)");
    }

    @Test
    void ocrModeMatchesEntitiesByTextOrIouAndLinksEndToEnd() throws Exception {
        FunsdForm f = form();
        List<Word> words = List.of(
                new Word("p1-w1", "ORDER", new Box(100, 10, 300, 40), 0.9, "t"),
                new Word("p1-w2", "F0RM", new Box(310, 10, 400, 40), 0.9, "t"),   // OCR error: header matches by IoU
                new Word("p1-w3", "Name", new Box(500, 500, 520, 520), 0.9, "t"), // wrong place: matches by text
                new Word("p1-w4", "John", new Box(100, 100, 160, 120), 0.9, "t"),
                new Word("p1-w5", "Smith", new Box(170, 100, 230, 120), 0.9, "t"),
                new Word("p1-w6", "Date:", new Box(10, 200, 80, 220), 0.9, "t"),
                new Word("p1-w7", "12/05/98", new Box(100, 200, 200, 220), 0.9, "t"));
        List<Entity> ents = List.of(
                new Entity("p1-e1", "header", List.of("p1-w1", "p1-w2"), new Box(100, 10, 400, 40), 0.9, "m"),
                new Entity("p1-e2", "question", List.of("p1-w3"), new Box(500, 500, 520, 520), 0.9, "m"),
                new Entity("p1-e3", "answer", List.of("p1-w4", "p1-w5"), new Box(100, 100, 230, 120), 0.9, "m"),
                new Entity("p1-e4", "answer", List.of("p1-w6"), new Box(10, 200, 80, 220), 0.9, "m"),   // wrong label
                new Entity("p1-e5", "answer", List.of("p1-w7"), new Box(100, 200, 200, 220), 0.9, "m"));
        List<Relation> rels = List.of(new Relation("p1-e2", "p1-e3", "key-value", 0.9, "m"),
                new Relation("p1-e2", "p1-e5", "key-value", 0.8, "m"));
        Page page = new Page(1, 1000, 1000, 300, TextSource.OCR, 0, 0, words, List.of(), List.of())
                .withEntities(ents, rels);
        FunsdEvaluation.FormCounts c = FunsdEvaluation.ocr(f, page);
        Prf total = c.entities().values().stream().reduce(Prf.ZERO, Prf::plus);
        assertThat(total).isEqualTo(new Prf(4, 5, 5));           // header, Name (text), John Smith, 12/05/98
        assertThat(c.entities().get("question")).isEqualTo(new Prf(1, 1, 2));
        assertThat(c.links()).isEqualTo(new Prf(1, 2, 2));       // Name -> John Smith is gold; Name -> 12/05/98 is not
        FunsdEvaluation.FormCounts none = FunsdEvaluation.ocr(f, null);
        assertThat(none.entities().values().stream().reduce(Prf.ZERO, Prf::plus)).isEqualTo(new Prf(0, 0, 5));
    }

    @Test
    void matcherIsOneToOneAndPrefersTextMatches() {
        List<EntityMatcher.Item> gold = List.of(new EntityMatcher.Item("answer", "Yes", new Box(0, 0, 10, 10)),
                new EntityMatcher.Item("answer", "No", new Box(0, 0, 10, 10)));
        List<EntityMatcher.Item> pred = List.of(new EntityMatcher.Item("answer", "no.", new Box(0, 0, 10, 10)),
                new EntityMatcher.Item("answer", "x", new Box(0, 0, 10, 9)));
        // pred 0 equals gold 1 by text (taken first); pred 1 then takes gold 0 by IoU 0.9
        assertThat(EntityMatcher.match(gold, pred)).containsExactly(new int[] {1, 0}, new int[] {0, 1});
        assertThat(EntityMatcher.match(gold, List.of(new EntityMatcher.Item("question", "Yes", new Box(0, 0, 10, 10))))).isEmpty();
        assertThat(EntityMatcher.match(List.of(new EntityMatcher.Item("answer", "...", new Box(0, 0, 1, 1))),
                List.of(new EntityMatcher.Item("answer", "-", new Box(50, 50, 51, 51))))).isEmpty(); // empty texts never match
    }

    @Test
    void readerPicksNamesAndReadsThePngHeader(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("annotations"));
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve("annotations/b.json"), FORM);
        Files.writeString(dir.resolve("annotations/a.json"), "{\"form\": []}");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 2, 0x62, 0, 0, 3, (byte) 0xE8};
        Files.write(dir.resolve("images/a.png"), png);
        Files.write(dir.resolve("images/b.png"), png);
        assertThat(FunsdFormReader.names(dir)).containsExactly("a", "b");
        List<FunsdForm> forms = FunsdFormReader.readAll(dir, List.of("b"), 0);
        assertThat(forms).extracting(FunsdForm::name).containsExactly("b");
        assertThat(forms.get(0).width()).isEqualTo(610);
        assertThat(forms.get(0).height()).isEqualTo(1000);
        assertThat(FunsdFormReader.readAll(dir, null, 1)).extracting(FunsdForm::name).containsExactly("a");
        assertThatThrownBy(() -> FunsdFormReader.readAll(dir, List.of("zzz"), 0)).hasMessageContaining("zzz");
        Files.writeString(dir.resolve("images/a.png"), "GIF89a not a png at all");
        assertThatThrownBy(() -> FunsdFormReader.read(dir, "a")).hasMessageContaining("not a PNG");
    }
}
