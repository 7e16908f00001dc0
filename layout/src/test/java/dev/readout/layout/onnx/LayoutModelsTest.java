package dev.readout.layout.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.readout.core.model.Page;
import dev.readout.core.model.TextSource;
import dev.readout.core.stage.PageStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutModelsTest {
    @TempDir
    Path dir;

    private Path model(Path root, String name) throws Exception {
        Path m = Files.createDirectories(root.resolve(name));
        Files.writeString(m.resolve("config.json"), "{}");
        Files.write(m.resolve("model.onnx"), new byte[0]);
        return m;
    }

    @Test
    void walksUpToTheFirstModelsFolderWithALayoutModel() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("repo/cli/target"));
        Files.createDirectories(dir.resolve("repo/cli/models"));             // no layout model here: keep walking
        Path b = model(dir.resolve("repo/models"), "layout-minilm-funsd");
        Path a = model(dir.resolve("repo/models"), "layout-bert2-funsd");
        Files.createDirectories(dir.resolve("repo/models/layout-incomplete")); // no model.onnx: ignored
        LayoutModels.Located found = LayoutModels.locate(null, null, null, deep);
        assertThat(found.dir()).contains(a);                                  // first by name
        assertThat(LayoutModels.locate(null, null, "layout-minilm-funsd", deep).dir()).contains(b);
        assertThat(LayoutModels.locate(null, null, "layout-nope", deep).dir()).isEmpty();
    }

    @Test
    void propertyBeatsEnvironmentAndMayNameAModelFolder() throws Exception {
        Path p = model(dir.resolve("p"), "layout-p");
        Path e = model(dir.resolve("e"), "layout-e");
        assertThat(LayoutModels.locate(dir.resolve("p").toString(), dir.resolve("e").toString(), null, dir).dir()).contains(p);
        assertThat(LayoutModels.locate(null, dir.resolve("e").toString(), null, dir).dir()).contains(e);
        assertThat(LayoutModels.locate(p.toString(), null, null, dir).dir()).contains(p);
        LayoutModels.Located none = LayoutModels.locate(dir.resolve("missing").toString(), null, null, dir);
        assertThat(none.dir()).isEmpty();
        assertThat(none.reason()).contains("names no folder");
    }

    @Test
    void withoutAModelTheServiceLoaderStageIsANoOp() {
        String old = System.getProperty(LayoutModels.MODELS_PROPERTY);
        System.setProperty(LayoutModels.MODELS_PROPERTY, dir.toString());
        try {
            List<PageStage> stages = ServiceLoader.load(PageStage.class).stream().map(ServiceLoader.Provider::get).toList();
            assertThat(stages).hasAtLeastOneElementOfType(DefaultLayoutStage.class);
            DefaultLayoutStage s = new DefaultLayoutStage();
            assertThat(s.name()).isEqualTo(DefaultLayoutStage.UNAVAILABLE);
            assertThat(s.available()).isFalse();
            assertThat(s.priority()).isEqualTo(200);
            Page page = new Page(1, 100, 100, 300, TextSource.NONE, 0, 0, List.of(), List.of(), List.of());
            assertThat(s.apply(page)).isSameAs(page);
        } finally {
            restore(LayoutModels.MODELS_PROPERTY, old);
        }
    }

    @Test
    void offSwitch() {
        String old = System.getProperty(DefaultLayoutStage.SWITCH_PROPERTY);
        System.setProperty(DefaultLayoutStage.SWITCH_PROPERTY, "off");
        try {
            DefaultLayoutStage s = new DefaultLayoutStage();
            assertThat(s.name()).isEqualTo(DefaultLayoutStage.OFF);
            assertThat(s.available()).isFalse();
        } finally {
            restore(DefaultLayoutStage.SWITCH_PROPERTY, old);
        }
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }
}
