package dev.readout.cli;

import dev.readout.core.stage.Limits;
import dev.readout.ingest.maps.MapImages;
import dev.readout.ingest.maps.MapProfile;
import java.nio.file.Path;
import java.util.Locale;

/** The {@code --profile} option of extract and batch: document, map or auto. */
final class Profiles {
    static final java.util.List<String> NAMES = java.util.List.of("document", "map", "auto");

    private Profiles() {
    }

    /**
     * Checks the name; "newspaper" is the document pipeline with column segmentation ({@link #segmentation}), so it
     * comes back as "document".
     */
    static String check(String profile) {
        String p = profile.toLowerCase(Locale.ROOT);
        if (p.equals("newspaper")) {
            return "document";
        }
        if (!NAMES.contains(p)) {
            throw new IllegalArgumentException("--profile must be document, newspaper, map or auto, not '" + profile + "'");
        }
        return p;
    }

    /** The page segmentation a profile asks for: columns for newspapers, the OCR engine's own for the rest. */
    static dev.readout.core.stage.Segmentation segmentation(String profile) {
        return profile.toLowerCase(Locale.ROOT).equals("newspaper") ? dev.readout.core.stage.Segmentation.COLUMNS
                : dev.readout.core.stage.Segmentation.AUTO;
    }

    /** Whether {@code file} goes the map way under {@code profile} (auto: judged from the image header, see MapProfile). */
    static boolean isMap(String profile, Path file, Limits limits) {
        String p = check(profile);
        if (!p.equals("auto")) {
            return p.equals("map");
        }
        int[] size = MapImages.headerSize(file, limits);
        return size != null && MapProfile.looksLikeMap(size[0], size[1]);
    }
}
